from odoo import fields

from odoo.addons.umkm_partnership.tests.common import PartnershipCase


class AdvanceCase(PartnershipCase):
    """The partnership fixtures in a company on Odoo's Indonesian chart (a bank journal pays
    the advances), the cluster advancing up to 30 % of accepted work. Nothing here relies on
    demo data."""

    chart_template = "id"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cluster.write(
            {
                "advance_max_percent": 30.0,
                "advance_max_outstanding": 0.0,
                "advance_repay_days": 30,
            }
        )
        cls.officer = cls.manager
        cls.Advance = cls.env["umkm.advance"]

    def _accepted_work(self, qty=10, member=None, price=100000.0):
        """``qty`` pieces accepted by ``member`` (member 1): its purchase order is the work."""
        member = member or self.member_1
        order = self._confirmed_order(qty=qty, weeks=4, price=price)
        self._split(order, {m: (qty if m == member else 0) for m in self.members})
        work = order.assignment_ids.filtered(lambda a: a.member_id == member)
        work.action_accept()
        return work

    def _bill(self, work):
        action = work.purchase_order_id.action_create_invoice()
        bill = self.env["account.move"].browse(action["res_id"])
        bill.invoice_date = fields.Date.context_today(bill)
        bill.action_post()
        return bill

    def _paid_advance(self, work, amount):
        advance = self.Advance._umkm_request(work.purchase_order_id, amount)
        advance.with_user(self.officer).action_approve()
        advance.with_user(self.officer).action_pay()
        return advance
