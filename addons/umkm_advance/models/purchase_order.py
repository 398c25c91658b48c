from datetime import timedelta

from odoo import fields, models
from odoo.tools import float_compare


class PurchaseOrder(models.Model):
    """The cooperative's order to a member for its work: what an advance is given on. Each
    flow says which of its orders are a member's accepted work (``_umkm_advance_member``):
    subcontract work here, the orders of a joint sale in ``umkm_advance_marketing``."""

    _inherit = "purchase.order"

    umkm_advance_ids = fields.One2many(
        "umkm.advance", "purchase_order_id", string="Advances", readonly=True
    )

    def _umkm_advance_member(self):
        """The membership whose accepted work this order is (an advance may be given on it),
        else an empty recordset."""
        self.ensure_one()
        if self.state != "purchase":
            return self.env["umkm.member"]
        work = self.umkm_assignment_ids.filtered(
            lambda a: a.state in ("accepted", "in_progress", "done")
        )[:1]
        return work.member_id

    def _umkm_advance_date_due(self):
        """When an advance on this work should be netted: the work's date plus the cluster's
        repayment days."""
        self.ensure_one()
        member = self._umkm_advance_member()
        work = self.umkm_assignment_ids[:1]
        date = work.date_due or (self.date_planned and self.date_planned.date())
        if not date or not member:
            return False
        return date + timedelta(days=member.cluster_id.advance_repay_days)

    def _umkm_advance_work_finished(self):
        """Whether the member made all it will make of this work: its subcontract work
        closed, or else everything ordered received (or the order locked)."""
        self.ensure_one()
        if self.umkm_assignment_ids:
            return all(a.state in ("done", "cancel") for a in self.umkm_assignment_ids)
        return self.state == "done" or all(
            float_compare(
                line.qty_received, line.product_qty, precision_rounding=line.product_uom.rounding
            )
            >= 0
            for line in self.order_line.filtered(lambda x: not x.display_type)
        )

    def _umkm_advance_work_closed(self):
        """Nothing more will be billed for this work: cancelled, or finished and billed in
        full (no draft bill left)."""
        self.ensure_one()
        if self.state == "cancel":
            return True
        if not self._umkm_advance_work_finished():
            return False
        return self.invoice_status != "to invoice" and not self.invoice_ids.filtered(
            lambda m: m.state == "draft"
        )

    def button_cancel(self):
        result = super().button_cancel()
        self.sudo().umkm_advance_ids._umkm_settle()
        return result

    def _umkm_advance_deducted(self):
        """What advances deducted from this work's bills (for the member's page)."""
        return sum(self.sudo().umkm_advance_ids.mapped("amount_netted"))

    def _umkm_advance_demo_bill(self):
        """Demo: the member's bill for what it delivered, dated today and posted (its
        advances are netted against it)."""
        bills = self.env["account.move"]
        for purchase in self:
            action = purchase.action_create_invoice()
            bill = self.env["account.move"].browse(action["res_id"])
            bill.invoice_date = fields.Date.context_today(bill)
            bill.action_post()
            bills |= bill
        return bills
