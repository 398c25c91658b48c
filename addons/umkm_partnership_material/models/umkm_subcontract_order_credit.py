from collections import defaultdict

from odoo import Command, models
from odoo.exceptions import UserError


# one concern of the order per file (the order itself in umkm_subcontract_order.py)
# pylint: disable=consider-merging-classes-inherited
class UmkmSubcontractOrder(models.Model):
    """Inti-plasma: the firm's inputs issued to the members are charged to them on credit."""

    _inherit = "umkm.subcontract.order"

    def _prepare_input_invoice_vals(self, assignment, materials):
        """Values of the posted invoice charging ``assignment``'s member the value of the
        firm's inputs just issued to it (``materials``: ``[(material, qty)]``)."""
        self.ensure_one()
        return {
            "move_type": "out_invoice",
            "partner_id": assignment.member_id.partner_id.id,
            "company_id": self.company_id.id,
            "invoice_origin": self.name,
            "ref": self.env._("Inputs on credit for %(work)s", work=assignment.display_name),
            "umkm_assignment_id": assignment.id,
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": material.product_id.id,
                        "name": self.env._(
                            "%(product)s supplied by %(firm)s on credit",
                            product=material.product_id.display_name,
                            firm=self.partner_id.name,
                        ),
                        "quantity": qty,
                        "product_uom_id": material.uom_id.id,
                        "price_unit": material.price_unit,
                        # the firm's inputs passed on at their value, no PPN
                        "tax_ids": [Command.clear()],
                    }
                )
                for material, qty in materials
            ],
        }

    def _invoice_inputs_on_credit(self, plan):
        """Inti-plasma: charge each member the value of the firm's inputs just issued to it
        (``plan``: ``{(material, assignment): qty}``), one posted invoice per assignment;
        it is netted against the member's bill for its work."""
        self.ensure_one()
        no_value = self.material_ids.filtered(lambda m: m.currency_id.is_zero(m.price_unit))
        if no_value:
            raise UserError(
                self.env._(
                    "Set the value per unit of %(materials)s: under the inti-plasma agreement "
                    "the inputs are charged to the members on credit.",
                    materials=", ".join(no_value.product_id.mapped("display_name")),
                )
            )
        by_line = defaultdict(list)
        for (material, line), qty in plan.items():
            by_line[line].append((material, qty))
        invoices = (
            self.env["account.move"]
            .sudo()
            .with_company(self.company_id)
            .create(
                [
                    self._prepare_input_invoice_vals(line, materials)
                    for line, materials in by_line.items()
                ]
            )
        )
        invoices.action_post()
        self.env["umkm.subcontract.assignment"].browse(
            [line.id for line in by_line]
        )._net_input_credit()
        return invoices
