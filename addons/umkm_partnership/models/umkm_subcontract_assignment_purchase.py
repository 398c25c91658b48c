from odoo import Command, fields, models


# one concern of the assignment per file (the assignment itself in
# umkm_subcontract_assignment.py)
# pylint: disable=consider-merging-classes-inherited
class UmkmSubcontractAssignment(models.Model):
    """The purchase order to the member for its work, made when it accepts."""

    _inherit = "umkm.subcontract.assignment"

    purchase_order_id = fields.Many2one(
        "purchase.order", string="Purchase order", readonly=True, copy=False, check_company=True
    )

    def _prepare_purchase_line_vals(self):
        """Values of the work's line on the purchase order to the member."""
        self.ensure_one()
        vals = self.order_id._work_line_values(
            "product_qty", self.qty, self.uom_id, self.unit_price
        )
        vals["date_planned"] = fields.Datetime.to_datetime(self.date_due)
        # most members are micro and not PKP: no input PPN on their orders
        vals.update(self.company_id._umkm_tax_vals("taxes_id", vendor=self.member_id.partner_id))
        return vals

    def _prepare_purchase_order_vals(self):
        """Values of the purchase order to the member, made when it accepts the work."""
        self.ensure_one()
        return {
            "partner_id": self.member_id.partner_id.id,
            "company_id": self.company_id.id,
            "origin": self.order_id.name,
            "partner_ref": self.display_name,
            "date_planned": fields.Datetime.to_datetime(self.date_due),
            "order_line": [Command.create(self._prepare_purchase_line_vals())],
        }
