from odoo import Command
from odoo.tests import tagged

from .common import ProcurementCase

# 25 members x (2 materials + shared cost + fee) = 100 invoice lines: Odoo inserts and
# updates rows in chunks of 100, so beyond that its own SQL batching adds one query per
# 100 lines (not per member).
SMALL, LARGE = 3, 25
# Upper bounds against regressions; measured on Odoo 18.0 (umkm_cluster + this addon, cold
# caches): aggregation 17, allocation 17, invoicing 112 queries, for 3 and for 25 members.
MAX_AGGREGATION, MAX_ALLOCATION, MAX_INVOICING = 20, 20, 120
# a member's demand save, cold caches (measured 23 on 5 December 2026)
MAX_SAVE = 30


@tagged("post_install", "-at_install")
class TestProcurementQueryCounts(ProcurementCase):
    member_count = LARGE

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # members pay within 30 days: each invoice has its payment-term lines and due date,
        # set after the batched create (and whatever the demo data says)
        cls.env.company.umkm_payment_term_id = cls.env.ref("account.account_payment_term_30days")
        cls.round_small = cls._round_for(cls.members[:SMALL])
        cls.round_large = cls._round_for(cls.members[:LARGE])

    @classmethod
    def _round_for(cls, members):
        rnd = cls._create_round(products=cls.kain | cls.malam, fee_percent=1.5)
        rnd.action_open()
        vals = []
        for i, member in enumerate(members):
            for product, qty in ((cls.kain, 10 + i), (cls.malam, 2 + i % 3)):
                vals.append(
                    {
                        "round_id": rnd.id,
                        "member_id": member.id,
                        "product_id": product.id,
                        "qty": qty,
                        "uom_id": product.uom_po_id.id,
                    }
                )
        cls.env["umkm.procurement.demand"].create(vals)
        rnd._aggregate()  # as the totals job stores them after the saves
        rnd.cost_ids = [Command.create({"name": "Freight", "amount": 1000.0})]
        return rnd

    def _count(self, func):
        """Number of queries of ``func()`` (flushed, like ``assertQueryCount``)."""
        self._cold()
        start = self.env.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.env.cr.sql_log_count - start

    def _assert_constant(self, method, upper_bound):
        """Measure ``method`` on the small round, then assert the large one uses as many."""
        small = self._count(getattr(self.round_small, method))
        self.assertLessEqual(small, upper_bound)
        self._cold()
        with self.assertQueryCount(small):
            getattr(self.round_large, method)()
        return small

    def _cold(self):
        self.env.flush_all()
        self.env.invalidate_all()
        self.env.registry.clear_all_caches()

    def _received(self, rnd):
        rnd.action_close()
        rnd.action_create_purchase_orders()
        rnd.purchase_ids.button_confirm()
        # a short delivery of kain, so that the allocation really splits
        self._receive(rnd.purchase_ids, {self.kain: 100, self.malam: 60}, backorder=False)

    def test_aggregation_query_count_does_not_grow(self):
        # one more save of each material in each round: every line's totals change
        for rnd in (self.round_small, self.round_large):
            for demand in rnd.demand_ids.filtered(lambda d: d.member_id == self.members[0]):
                demand.qty += 5
        self._assert_constant("_aggregate", MAX_AGGREGATION)

    def test_a_save_query_count_does_not_grow_with_the_members(self):
        """A member's save in a round of 3 and of 25 members: as many queries (it writes its
        place in the round, not the round's totals)."""
        counts = []
        for rnd in (self.round_small, self.round_large):
            demand = rnd.demand_ids.filtered(
                lambda d, rnd=rnd: d.member_id == self.members[1] and d.product_id == self.kain
            )
            counts.append(self._count(lambda demand=demand: demand.write({"qty": demand.qty + 1})))
        self.assertEqual(counts[0], counts[1])
        self.assertLessEqual(counts[0], MAX_SAVE)

    def test_allocation_and_invoicing_query_count_does_not_grow(self):
        for rnd in (self.round_small, self.round_large):
            self._received(rnd)
        self._assert_constant("action_allocate", MAX_ALLOCATION)
        self._assert_constant("action_create_member_invoices", MAX_INVOICING)
        self.assertEqual(len(self.round_large.invoice_ids), LARGE)
        self.assertEqual(len(self.round_small.invoice_ids), SMALL)
        self.assertEqual(len(self.round_large.allocation_ids), 2 * LARGE)
