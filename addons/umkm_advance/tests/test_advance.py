from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import AdvanceCase


class TestAdvance(AdvanceCase):
    def test_limit_per_work(self):
        # 10 pieces at 100,000 less the 10% margin: 900,000; 30% is 270,000
        work = self._accepted_work()
        purchase = work.purchase_order_id
        self.assertEqual(purchase.amount_total, 900000)
        self.assertEqual(self.Advance._umkm_maximum(purchase), (270000, None))
        with self.assertRaisesRegex(ValidationError, "At most .*270,000"):
            self.Advance._umkm_request(purchase, 270001)
        first = self.Advance._umkm_request(purchase, 200000)
        self.assertEqual(
            (first.state, first.member_id, first.assignment_id, first.amount_work),
            ("requested", self.member_1, work, 900000),
        )
        self.assertEqual(first.date_due, work.date_due + timedelta(days=30))
        # what was asked counts: 70,000 left on this work
        self.assertEqual(self.Advance._umkm_maximum(purchase)[0], 70000)
        with self.assertRaisesRegex(ValidationError, "At most .*70,000"):
            self.Advance._umkm_request(purchase, 70001)
        self.Advance._umkm_request(purchase, 70000)
        maximum, refusal = self.Advance._umkm_maximum(purchase)
        self.assertEqual(maximum, 0)
        self.assertIn("Nothing more can be advanced", refusal)
        # a refused advance frees its share again
        first.with_user(self.officer).action_refuse("Terlalu besar")
        self.assertEqual(first.refuse_reason, "Terlalu besar")
        self.assertEqual(self.Advance._umkm_maximum(purchase)[0], 200000)

    def test_limit_outstanding_per_member(self):
        self.cluster.advance_max_outstanding = 300000
        work_1 = self._accepted_work()
        work_2 = self._accepted_work()
        self._paid_advance(work_1, 250000)
        # 250,000 paid and not netted: 50,000 left for the member, whatever the work's 30%
        self.assertEqual(self.Advance._umkm_maximum(work_2.purchase_order_id)[0], 50000)
        with self.assertRaisesRegex(ValidationError, "At most .*50,000"):
            self.Advance._umkm_request(work_2.purchase_order_id, 60000)
        # another member is not limited by member 1's advances
        work_3 = self._accepted_work(member=self.member_2)
        self.assertEqual(self.Advance._umkm_maximum(work_3.purchase_order_id)[0], 270000)

    def test_no_advance_to_a_suspended_member_or_on_open_work(self):
        work = self._accepted_work()
        advance = self.Advance._umkm_request(work.purchase_order_id, 100000)
        self.member_1.action_suspend()
        maximum, refusal = self.Advance._umkm_maximum(work.purchase_order_id)
        self.assertEqual(maximum, 0)
        self.assertIn("not an active member", refusal)
        with self.assertRaisesRegex(ValidationError, "not an active member"):
            self.Advance._umkm_request(work.purchase_order_id, 1000)
        # the officer cannot approve what was asked before the suspension either
        with self.assertRaisesRegex(ValidationError, "not an active member"):
            advance.with_user(self.officer).action_approve()
        # work only proposed is no accepted work
        order = self._confirmed_order(qty=10, weeks=4)
        self._split(order, {m: (10 if m == self.member_2 else 0) for m in self.members})
        proposed = order.assignment_ids
        self.assertFalse(proposed.purchase_order_id)
        self.assertIn("accepted work", proposed._umkm_advance_maximum()[1])

    def test_no_advance_with_an_overdue_one(self):
        work_1 = self._accepted_work()
        work_2 = self._accepted_work()
        advance = self._paid_advance(work_1, 100000)
        advance.date_due = self.today - timedelta(days=1)
        maximum, refusal = self.Advance._umkm_maximum(work_2.purchase_order_id)
        self.assertEqual(maximum, 0)
        self.assertIn(advance.name, refusal)
        self.assertIn("overdue", refusal)
        with self.assertRaisesRegex(ValidationError, "overdue"):
            self.Advance._umkm_request(work_2.purchase_order_id, 1000)
        # the officers see it in the ageing
        self.Advance._cron_refresh_ageing()
        self.assertEqual(advance.ageing, "1_30")

    def test_approve_pay_and_net_on_the_bill(self):
        work = self._accepted_work()
        advance = self.Advance._umkm_request(work.purchase_order_id, 250000)
        self.assertTrue(advance.activity_ids)
        advance.with_user(self.officer).action_approve()
        self.assertEqual(advance.state, "approved")
        self.assertFalse(advance.activity_ids)
        advance.with_user(self.officer).action_pay()
        payment = advance.payment_id
        self.assertEqual(advance.state, "paid")
        self.assertEqual(
            (payment.payment_type, payment.partner_type, payment.partner_id, payment.amount),
            ("outbound", "supplier", self.member_1.partner_id, 250000),
        )
        self.assertEqual(payment.state, "in_process")
        self.assertEqual(
            (advance.amount_open, advance.amount_netted, self.member_1.advance_outstanding),
            (250000, 0, 250000),
        )
        with self.assertRaises(UserError):
            advance.with_user(self.officer).action_pay()
        # the member delivers all, its bill comes: the advance is deducted from it
        work._record_delivery({work.id: (10, 0)})
        self.assertEqual(advance.state, "paid")
        bill = self._bill(work)
        self.assertEqual(bill.amount_total, 900000)
        self.assertEqual(bill.amount_residual, 900000 - 250000)
        self.assertEqual(bill.payment_state, "partial")
        self.assertEqual(advance.state, "netted")
        self.assertEqual((advance.amount_open, advance.amount_netted), (0, 250000))
        self.assertEqual(advance._umkm_bills(), bill)
        self.assertEqual((work.advance_amount, work.advance_netted), (250000, 250000))
        self.assertEqual(self.member_1.advance_outstanding, 0)
        # Odoo's reconciliation: the payment's payable line and the bill's
        line = payment.move_id.line_ids.filtered(
            lambda x: x.account_id == payment.destination_account_id
        )
        self.assertTrue(line.reconciled)
        self.assertEqual(line.matched_credit_ids.credit_move_id.move_id, bill)
        # the member's track record for its bank shows the advance, repaid
        record = self.env["umkm.track.record"]._umkm_issue(self.member_1)
        rows = {row["key"]: row["value"] for row in record.figures["rows"]}
        self.assertEqual(
            (rows["advance_taken"], rows["advance_repaid"], rows["advance_overdue"]),
            (250000, 250000, 0),
        )

    def test_cancelled_work_leaves_a_debt(self):
        work = self._accepted_work()
        asked = self._accepted_work()
        advance = self._paid_advance(work, 270000)
        pending = self.Advance._umkm_request(asked.purchase_order_id, 100000)
        # the member gives the accepted work back: the cooperative cancels it
        work.action_cancel()
        asked.action_cancel()
        self.assertEqual(advance.state, "due")
        self.assertEqual(advance.amount_open, 270000)
        self.assertEqual(advance.date_due, self.today + timedelta(days=30))
        self.assertEqual(advance.ageing, "not_due")
        self.assertEqual(self.member_1.advance_outstanding, 270000)
        # an advance not paid yet on cancelled work is refused
        self.assertEqual(pending.state, "refused")
        self.assertEqual(pending.refuse_reason, "The work was cancelled.")

    def test_short_delivery_leaves_the_rest_as_a_debt(self):
        work = self._accepted_work()
        advance = self._paid_advance(work, 270000)
        # 10 made, 8 rejected by quality control: 2 pieces accepted, 180,000 billed
        work._record_delivery({work.id: (10, 8)})
        work.action_done()
        self.assertEqual(advance.state, "paid")
        bill = self._bill(work)
        self.assertEqual(bill.amount_total, 180000)
        self.assertEqual(bill.amount_residual, 0)
        self.assertEqual(advance.state, "due")
        self.assertEqual((advance.amount_netted, advance.amount_open), (180000, 90000))
        self.assertEqual(advance.date_due, self.today + timedelta(days=30))

    def test_only_officers_act(self):
        work = self._accepted_work()
        advance = self.Advance._umkm_request(work.purchase_order_id, 100000)
        for user in (self.portal_member_1, self.portal_firm_a, self.officer_other):
            for action in ("action_approve", "action_refuse", "action_pay"):
                with self.assertRaises(AccessError):
                    getattr(advance.with_user(user), action)()
        with self.assertRaises(UserError):
            advance.with_user(self.officer).action_pay()  # not approved yet
        self.assertEqual(advance.state, "requested")

    def test_limits_of_many_works_in_one_go(self):
        """A member's page lists all its works with their maximum: the queries do not grow
        with the number of works."""
        works = self._accepted_work() | self._accepted_work() | self._accepted_work()
        self._paid_advance(works[0], 100000)
        purchases = works.purchase_order_id

        def count(records):
            self.env.invalidate_all()
            records = records.browse(records.ids)
            before = self.env.cr.sql_log_count
            limits = self.Advance._umkm_maximums(records)
            return self.env.cr.sql_log_count - before, limits

        one, _limits = count(purchases[:1])
        three, limits = count(purchases)
        self.assertGreater(one, 0)
        self.assertEqual(one, three)
        self.assertEqual([limits[p.id][0] for p in purchases], [170000, 270000, 270000])
