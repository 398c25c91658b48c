import math

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_is_zero


class UmkmSubcontractMaterialReturn(models.TransientModel):
    """Close the firm's materials of an order: what goes back to the firm (from the members
    and from the cooperative's stock) and what was lost."""

    _name = "umkm.subcontract.material.return"
    _description = "Return the Firm's Materials"

    order_id = fields.Many2one("umkm.subcontract.order", required=True, ondelete="cascade")
    line_ids = fields.One2many(
        "umkm.subcontract.material.return.line", "wizard_id", string="Materials held"
    )
    partner_id = fields.Many2one(related="order_id.partner_id")
    next_order_id = fields.Many2one(
        "umkm.subcontract.order",
        string="Keep for the firm's order",
        domain="[('partner_id', '=', partner_id), ('id', '!=', order_id), "
        "('state', 'in', ('confirmed', 'assigned', 'in_progress')), "
        "('material_ids', '!=', False)]",
        help="With the firm's consent, what is given back goes to this next order of the same "
        "firm instead of back to the firm: it is returned on this order and received on that "
        "one (the same material must be listed there).",
    )

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        for wizard in wizards.filtered(lambda w: not w.line_ids):
            materials = wizard.order_id.material_ids
            figures = materials._figures_by_assignment()
            commands = []
            for material in materials:
                if material.qty_in_stock > 0:
                    commands.append(
                        fields.Command.create(
                            {
                                "material_id": material.id,
                                "qty_available": material.qty_in_stock,
                                "qty_returned": material.qty_in_stock,
                            }
                        )
                    )
                for line in wizard.order_id.assignment_ids.sorted("id"):
                    held = figures.get((material.id, line.id), {}).get("at_member", 0.0)
                    if held > 0:
                        commands.append(
                            fields.Command.create(
                                {
                                    "material_id": material.id,
                                    "assignment_id": line.id,
                                    "qty_available": held,
                                    "qty_returned": held,
                                }
                            )
                        )
            wizard.line_ids = commands
        return wizards

    def action_apply(self):
        self.ensure_one()
        order = self.order_id
        lines = self.line_ids.filtered(lambda x: x.qty_returned or x.qty_lost)
        if not lines:
            raise UserError(self.env._("Enter a quantity returned or lost."))
        # fresh figures: moves may have happened since the wizard opened
        figures = order.material_ids._figures_by_assignment()
        Material = self.env["umkm.subcontract.material"]
        warehouse = self.env["stock.warehouse"]._umkm_for_company(order.company_id)
        stock = warehouse.lot_stock_id
        locations = lines.assignment_id.member_id._umkm_stock_locations(warehouse)
        vals_list = []
        for line in lines:
            material = line.material_id
            rounding = material.uom_id.rounding or 0.01
            for qty in (line.qty_returned, line.qty_lost):
                if (
                    not math.isfinite(qty)
                    or float_compare(qty, 0.0, precision_rounding=rounding) < 0
                ):
                    raise ValidationError(
                        self.env._("Returned and lost quantities cannot be negative.")
                    )
            if line.assignment_id:
                held = figures.get((material.id, line.assignment_id.id), {}).get("at_member", 0.0)
                source = locations[line.assignment_id.member_id]
            else:
                held = material.qty_in_stock
                source = stock
            if (
                float_compare(line.qty_returned + line.qty_lost, held, precision_rounding=rounding)
                > 0
            ):
                raise ValidationError(
                    self.env._(
                        "%(holder)s holds %(held)s %(uom)s of %(product)s: it cannot return and "
                        "lose %(qty)s.",
                        holder=line.holder,
                        held=held,
                        uom=material.uom_id.name,
                        product=material.product_id.display_name,
                        qty=line.qty_returned + line.qty_lost,
                    )
                )
            assignment = line.assignment_id or None
            if not float_is_zero(line.qty_returned, precision_rounding=rounding):
                vals_list.append(
                    material._move_vals(
                        line.qty_returned,
                        "return",
                        source,
                        material._firm_location(),
                        assignment=assignment,
                    )
                )
            if not float_is_zero(line.qty_lost, precision_rounding=rounding):
                loss = material.product_id.with_company(order.company_id).property_stock_inventory
                vals_list.append(
                    material._move_vals(line.qty_lost, "loss", source, loss, assignment=assignment)
                )
        if self.next_order_id:
            vals_list += self._next_order_receipts(lines, stock)
        Material._done_moves(vals_list)
        order.message_post(
            body=self.env._("The firm's materials returned or written off as lost.")
            if not self.next_order_id
            else self.env._(
                "The firm's materials written off as lost or moved to %(order)s with the "
                "firm's consent.",
                order=self.next_order_id.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return {"type": "ir.actions.act_window_close"}

    def _next_order_receipts(self, lines, stock):
        """What is given back is received on the next order instead (the same firm's property,
        from its location back into the cooperative's stock)."""
        next_order = self.next_order_id
        next_order.check_access("write")
        if next_order.partner_id.commercial_partner_id != (
            self.order_id.partner_id.commercial_partner_id
        ) or next_order.state not in ("confirmed", "assigned", "in_progress"):
            raise UserError(
                self.env._("The materials can only go to a running order of the same firm.")
            )
        by_product = {m.product_id: m for m in next_order.material_ids}
        vals_list = []
        for line in lines.filtered("qty_returned"):
            target = by_product.get(line.material_id.product_id)
            if not target:
                raise UserError(
                    self.env._(
                        "%(order)s does not list %(product)s among the firm's materials.",
                        order=next_order.name,
                        product=line.product_id.display_name,
                    )
                )
            qty = line.uom_id._compute_quantity(line.qty_returned, target.uom_id)
            vals_list.append(target._move_vals(qty, "receive", target._firm_location(), stock))
        return vals_list


class UmkmSubcontractMaterialReturnLine(models.TransientModel):
    _name = "umkm.subcontract.material.return.line"
    _description = "Return the Firm's Materials: Line"

    wizard_id = fields.Many2one(
        "umkm.subcontract.material.return", required=True, ondelete="cascade"
    )
    material_id = fields.Many2one(
        "umkm.subcontract.material", string="Order material", required=True
    )
    product_id = fields.Many2one(related="material_id.product_id")
    uom_id = fields.Many2one(related="material_id.uom_id")
    assignment_id = fields.Many2one("umkm.subcontract.assignment", string="Member's work")
    holder = fields.Char(compute="_compute_holder", string="Held by")
    qty_available = fields.Float(string="Held", digits="Product Unit of Measure", readonly=True)
    qty_returned = fields.Float(string="Back to the firm", digits="Product Unit of Measure")
    qty_lost = fields.Float(string="Lost", digits="Product Unit of Measure")

    @api.depends("assignment_id")
    def _compute_holder(self):
        for line in self:
            line.holder = (
                line.assignment_id.member_id.display_name
                if line.assignment_id
                else self.env._("The cooperative")
            )
