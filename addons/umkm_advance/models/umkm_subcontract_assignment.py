from odoo import fields, models


class UmkmSubcontractAssignment(models.Model):
    """Advances on the member's accepted work: what was advanced and deducted, and what a
    closed work leaves as the member's debt."""

    _inherit = "umkm.subcontract.assignment"

    advance_ids = fields.One2many("umkm.advance", "assignment_id", string="Advances", readonly=True)
    advance_amount = fields.Monetary(
        string="Advanced",
        currency_field="currency_id",
        compute="_compute_advance_amounts",
        compute_sudo=True,
    )
    advance_netted = fields.Monetary(
        string="Advance deducted",
        currency_field="currency_id",
        compute="_compute_advance_amounts",
        compute_sudo=True,
        help="What the advances on this work deducted from the member's bill.",
    )

    def _compute_advance_amounts(self):
        for line in self:
            paid = line.advance_ids.filtered(lambda a: a.state in ("paid", "due", "netted"))
            line.advance_amount = sum(paid.mapped("amount"))
            line.advance_netted = sum(paid.mapped("amount_netted"))

    def _umkm_advance_maximum(self):
        """``(amount, refusal)``: what the member may still ask on this work."""
        self.ensure_one()
        if not self.purchase_order_id:
            return 0.0, self.env._("Advances are given only on accepted work.")
        return self.env["umkm.advance"]._umkm_maximum(self.purchase_order_id)

    def action_done(self):
        result = super().action_done()
        self.sudo().advance_ids._umkm_settle()
        return result

    def action_cancel(self):
        result = super().action_cancel()
        self.sudo().advance_ids._umkm_settle()
        return result

    def _record_delivery(self, quantities, date=None):
        result = super()._record_delivery(quantities, date=date)
        self.sudo().advance_ids._umkm_settle()
        return result

    def action_view_advances(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("umkm_advance.umkm_advance_action")
        action["domain"] = [("assignment_id", "=", self.id)]
        action["context"] = {"default_assignment_id": self.id}
        return action
