from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_is_zero, float_round


# one concern of the assignment per file (the assignment itself in
# umkm_subcontract_assignment.py)
# pylint: disable=consider-merging-classes-inherited
class UmkmSubcontractAssignment(models.Model):
    """The firm's materials in the member's work: what the work takes, what the member
    consumed for what it delivered, and the charge for a loss above the allowance."""

    _inherit = "umkm.subcontract.assignment"

    material_needs = fields.Text(
        string="The firm's material for this work",
        compute="_compute_material_needs",
        compute_sudo=True,
        help="What the firm supplies for this work: each of its materials, per unit and for "
        "the work's quantity with the loss allowance, whatever the state of the work.",
    )

    @api.depends(
        "qty",
        "order_id.material_ids.product_id",
        "order_id.material_ids.qty_per_unit",
        "order_id.material_ids.loss_percent",
    )
    def _compute_material_needs(self):
        for line in self:
            line.material_needs = "\n".join(
                self.env._(
                    "%(product)s: %(qty)s %(uom)s (%(per_unit)s per unit, %(loss)s%% loss allowed)",
                    product=material.product_id.display_name,
                    qty=line._umkm_format_number(qty),
                    uom=material.uom_id.name,
                    per_unit=line._umkm_format_number(material.qty_per_unit),
                    loss=line._umkm_format_number(material.loss_percent),
                )
                for material, qty in line._umkm_material_needs()
            )

    def _umkm_material_needs(self):
        """``[(material, qty)]``: the firm's materials this work takes (its quantity × the
        material per unit, loss allowance included), in the material's unit; the portal page,
        the backend form and the work-order PDF show it."""
        self.ensure_one()
        return [
            (
                material,
                float_round(
                    material._qty_for(self.qty),
                    precision_rounding=material.uom_id.rounding or 0.01,
                ),
            )
            for material in self.sudo().order_id.material_ids
        ]

    def _umkm_after_delivery(self, quantities):
        result = super()._umkm_after_delivery(quantities)
        # the firm's materials in what was handed over are used up
        self._consume_materials(quantities)
        return result

    def _consume_materials(self, quantities):
        """The members used the firm's materials for what they delivered: ``quantities``
        ``{assignment id: delivered quantity}`` × quantity per unit, never more than the member
        holds. One batch of moves to the production location."""
        lines = self.filtered(lambda a: a.order_id.material_ids and quantities.get(a.id))
        if not lines:
            return
        materials = lines.order_id.material_ids
        figures = materials._figures_by_assignment()
        Material = self.env["umkm.subcontract.material"]
        locations = {}
        for company in lines.company_id:
            company_lines = lines.filtered(lambda a, c=company: a.company_id == c)
            locations.update(Material._member_locations(company_lines.member_id, company))
        vals_list = []
        for line in lines:
            for material in line.order_id.material_ids:
                rounding = material.uom_id.rounding or 0.01
                held = figures.get((material.id, line.id), {}).get("at_member", 0.0)
                qty = min(
                    float_round(
                        quantities[line.id] * material.qty_per_unit, precision_rounding=rounding
                    ),
                    held,
                )
                if not float_is_zero(qty, precision_rounding=rounding) and qty > 0:
                    production = material.product_id.with_company(
                        line.company_id
                    ).property_stock_production
                    vals_list.append(
                        material._move_vals(
                            qty, "consume", locations[line.member_id], production, assignment=line
                        )
                    )
        Material._done_moves(vals_list)

    def _umkm_materials(self):
        """``[(material, figures)]`` of the firm's materials this work holds or held."""
        self.ensure_one()
        materials = self.order_id.material_ids
        figures = materials._figures_by_assignment()
        return [(m, figures[(m.id, self.id)]) for m in materials if (m.id, self.id) in figures]

    def _material_loss_charges(self):
        """What each assignment owes for the firm's materials lost above the allowance and
        not yet charged: ``{(assignment, material): qty}``."""
        materials = self.order_id.material_ids.filtered("price_unit")
        figures = materials._figures_by_assignment()
        charged = defaultdict(float)
        for po_line in self.sudo().purchase_order_id.order_line.filtered("umkm_material_id"):
            charged[(po_line.order_id.id, po_line.umkm_material_id.id)] += po_line.umkm_material_qty
        result = {}
        for line in self:
            for material in materials.filtered(lambda m, o=line.order_id: m.order_id == o):
                row = figures.get((material.id, line.id))
                if not row:
                    continue
                rounding = material.uom_id.rounding or 0.01
                allowed = float_round(
                    row["consumed"] * material.loss_percent / 100.0, precision_rounding=rounding
                )
                excess = float_round(
                    row["lost"] - allowed - charged[(line.purchase_order_id.id, material.id)],
                    precision_rounding=rounding,
                )
                if excess > 0:
                    result[(line, material)] = excess
        return result

    def action_charge_material_loss(self):
        """Deduct the value of the firm's materials a member lost above the allowance from
        what the cooperative pays it: a negative line on its purchase order (and so on its
        bill). The cooperative's choice, once per loss."""
        self.check_access("write")
        charges = self._material_loss_charges()
        if not charges:
            raise UserError(self.env._("No loss above the allowance is left to charge."))
        product = self.env.ref("umkm_partnership_material.product_material_loss_charge")
        for (line, material), qty in charges.items():
            purchase = line.sudo().purchase_order_id
            if not purchase or purchase.state == "cancel":
                raise UserError(
                    self.env._(
                        "%(name)s has no purchase order to deduct the loss from.",
                        name=line.display_name,
                    )
                )
            purchase.order_line = [
                Command.create(
                    {
                        "product_id": product.id,
                        "name": self.env._(
                            "Loss of %(product)s above the allowance (%(qty)s %(uom)s)",
                            product=material.product_id.display_name,
                            qty=line._umkm_format_number(qty),
                            uom=material.uom_id.name,
                        ),
                        "product_qty": 1,
                        "product_uom": product.uom_id.id,
                        "price_unit": -line.currency_id.round(qty * material.price_unit),
                        "taxes_id": [Command.clear()],
                        "umkm_material_id": material.id,
                        "umkm_material_qty": qty,
                    }
                )
            ]
            line.message_post(
                body=self.env._(
                    "%(qty)s %(uom)s of %(product)s lost above the allowance are deducted from "
                    "the payment.",
                    qty=line._umkm_format_number(qty),
                    uom=material.uom_id.name,
                    product=material.product_id.display_name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True
