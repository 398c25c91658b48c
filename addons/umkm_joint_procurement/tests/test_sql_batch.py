"""The one grouped read on the ORM's query (``tools.sql_batch.grouped_sums``): it must give
what Odoo's public ``_read_group`` gives, rules applied, or fail here when Odoo changes."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.umkm_cluster.tools.sql_batch import grouped_sums, lock_rows

from .common import ProcurementCase


@tagged("post_install", "-at_install")
class TestGroupedSums(ProcurementCase):
    def test_grouped_sums_match_read_group(self):
        round_ = self._create_round(products=self.kain | self.malam)
        round_.action_open()
        self._demand(round_, self.member_1, self.kain, 60)
        self._demand(round_, self.member_2, self.kain, 15)
        self._demand(round_, self.member_2, self.malam, 4)
        Demand = self.env["umkm.procurement.demand"]
        domain = [("round_id", "=", round_.id)]
        groupby = ["member_id", "product_id"]
        expected = [
            (member.id, product.id, qty)
            for member, product, qty in Demand._read_group(
                domain, groupby, ["qty:sum"], order="member_id, product_id"
            )
        ]
        rows = grouped_sums(Demand, domain, groupby, "qty")
        self.assertEqual(
            sorted(rows), sorted(expected), "Odoo's Query API changed: see grouped_sums"
        )
        self.assertEqual(len(rows), 3)
        # pending ORM writes are read, not the database's stale values
        demand = Demand.search(domain + [("member_id", "=", self.member_1.id)])
        demand.qty = 61
        self.assertIn(
            (self.member_1.id, self.kain.id, 61.0), grouped_sums(Demand, domain, groupby, "qty")
        )
        # the manager of another cluster: the record rules apply, nothing is read
        outsider = Demand.with_user(self.manager_b)
        self.assertEqual(grouped_sums(outsider, domain, groupby, "qty"), [])
        self.assertEqual(
            len(grouped_sums(Demand.with_user(self.manager_a), domain, groupby, "qty")), 3
        )


@tagged("post_install", "-at_install")
class TestLockRows(ProcurementCase):
    def test_lock_rows_checks_the_table_and_the_rules(self):
        rnd = self._create_round(products=self.kain)
        # only the suite's own tables
        with self.assertRaisesRegex(ValueError, "own tables"):
            lock_rows(self.kain)
        # as the user may write them: the manager of another cluster may not
        with self.assertRaises(AccessError):
            lock_rows(rnd.with_user(self.manager_b))
        lock_rows(rnd.with_user(self.manager_a), nowait=True)
        # (NOWAIT against another transaction: test_recurring_concurrency, committed rows)
