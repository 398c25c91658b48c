from odoo.tests import tagged

from odoo.addons.umkm_cluster.tools.months import month_start

from .common import ProcurementCase


@tagged("post_install", "-at_install")
class TestProcurementFigures(ProcurementCase):
    """What each member saved in a month's rounds: its own quantity at the vendor's tier for
    it alone against the collective price; the cluster's is the round's savings."""

    def test_savings_of_the_month(self):
        round_ = self._create_round(products=self.kain)
        round_.action_open()
        self._demand(round_, self.member_1, self.kain, 60)
        self._demand(round_, self.member_2, self.kain, 50)
        round_.action_close()
        line = round_.line_ids
        amounts = line._member_amounts()[line]
        Snapshot = self.env["umkm.cluster.snapshot"]
        month = month_start(Snapshot._umkm_today())
        round_.deadline = f"{month} 05:00:00"
        Snapshot._umkm_take(round_.cluster_id, [month])
        lines = Snapshot.search([("cluster_id", "=", round_.cluster_id.id), ("month", "=", month)])
        for member in (self.member_1, self.member_2):
            _qty, _price, alone, together = amounts[member.id]
            mine = lines.filtered(lambda s, m=member: s.member_id == m)
            self.assertEqual(mine.savings, alone - together)
            self.assertGreaterEqual(alone, together)
        self.assertEqual(sum(amount[0] for amount in amounts.values()), 110)
        cluster = lines.filtered(lambda s: not s.member_id)
        self.assertAlmostEqual(cluster.savings, round_.savings, places=2)
        self.assertGreater(cluster.savings, 0)
