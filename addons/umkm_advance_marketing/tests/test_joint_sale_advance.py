from datetime import timedelta

from odoo import fields

from odoo.addons.umkm_marketing.tests.common import MarketingCase


class TestJointSaleAdvance(MarketingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cluster.write({"advance_max_percent": 30.0, "advance_repay_days": 30})
        cls.Advance = cls.env["umkm.advance"]

    def _member_order(self):
        sale = self._sale()
        # member 2: 20 shirts at 135,000 (150,000 less the 10% margin) = 2,700,000
        return sale.order_line[1].umkm_purchase_line_ids.order_id

    def _receive(self, purchase, qty):
        receipt = purchase.picking_ids
        receipt.move_ids.quantity = qty
        receipt.move_ids.picked = True
        receipt.with_context(cancel_backorder=True)._action_done()

    def _bill(self, purchase):
        purchase.action_create_invoice()
        bill = purchase.invoice_ids
        bill.invoice_date = fields.Date.context_today(bill)
        bill.action_post()
        return bill

    def test_advance_on_an_accepted_order_netted_on_its_bill(self):
        purchase = self._member_order()
        # not answered yet: no advance
        self.assertIn("accepted work", self.Advance._umkm_maximum(purchase)[1])
        purchase._umkm_member_accept()
        self.assertEqual(purchase._umkm_advance_member(), self.member_2)
        self.assertEqual(self.Advance._umkm_maximum(purchase), (810000, None))
        advance = self.Advance._umkm_request(purchase, 800000)
        self.assertFalse(advance.assignment_id)
        self.assertEqual(advance.date_due, purchase.date_planned.date() + timedelta(days=30))
        advance.with_user(self.manager).action_approve()
        advance.with_user(self.manager).action_pay()
        self.assertEqual(advance.payment_id.partner_id, self.member_2.partner_id)
        self._receive(purchase, 20)
        bill = self._bill(purchase)
        self.assertEqual(bill.amount_total, 2700000)
        self.assertEqual(bill.amount_residual, 2700000 - 800000)
        self.assertEqual(advance.state, "netted")
        self.assertEqual(purchase._umkm_advance_deducted(), 800000)

    def test_short_delivery_leaves_a_debt(self):
        purchase = self._member_order()
        purchase._umkm_member_accept()
        advance = self.Advance._umkm_request(purchase, 810000)
        advance.with_user(self.manager).action_approve()
        advance.with_user(self.manager).action_pay()
        # 5 of 20 came, the rest will not: billed 675,000, 135,000 left as a debt
        self._receive(purchase, 5)
        bill = self._bill(purchase)
        self.assertEqual(bill.amount_residual, 0)
        self.assertEqual(advance.state, "due")
        self.assertEqual((advance.amount_netted, advance.amount_open), (675000, 135000))
        self.assertEqual(advance.date_due, self.today + timedelta(days=30))
