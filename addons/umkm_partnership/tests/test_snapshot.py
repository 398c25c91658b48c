from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.umkm_cluster.tools.months import month_start

from .common import PartnershipCase


@tagged("post_install", "-at_install")
class TestSubcontractFigures(PartnershipCase):
    """The month's subcontract figures of each member, by the due date of its work: what it
    took on (capacity used), and of what it delivered the on-time and reject rates, the same
    as its own rates; the cluster's rates weighted by the quantity."""

    def test_month_of_work(self):
        order = self._confirmed_order(qty=30, weeks=2)
        self._split(order)
        one = order.assignment_ids.filtered(lambda a: a.member_id == self.member_1)
        two = order.assignment_ids.filtered(lambda a: a.member_id == self.member_2)
        (one | two).action_accept()
        one._record_delivery({one.id: (18, 2)})
        two._record_delivery({two.id: (10, 0)}, date=order.date_due + timedelta(days=2))
        month = month_start(one.date_due)
        Snapshot = self.env["umkm.cluster.snapshot"]
        Snapshot._umkm_take(self.cluster, [month])

        def line(member=None):
            return Snapshot.search(
                [
                    ("cluster_id", "=", self.cluster.id),
                    ("member_id", "=", member.id if member else False),
                    ("month", "=", month),
                ]
            )

        first, second, cluster = line(self.member_1), line(self.member_2), line()
        self.assertEqual((first.capacity_used, first.qty_delivered), (one.qty, 18))
        self.assertEqual((first.reject_rate, first.on_time_rate), (self.member_1.reject_rate, 100))
        self.assertEqual((second.on_time_rate, second.reject_rate), (0, 0))
        self.assertEqual(first.members_participating, 1)
        self.assertEqual(cluster.capacity_used, 30)
        self.assertEqual(cluster.qty_delivered, 28)
        # 10 of 28 pieces late, 2 of 28 rejected
        self.assertAlmostEqual(cluster.on_time_rate, round(100 * 18 / 28, 2), places=2)
        self.assertAlmostEqual(cluster.reject_rate, round(100 * 2 / 28, 2), places=2)
        # two members delivered: too few for a median that tells no one's rate
        self.assertNotIn("on_time_rate", cluster.medians)
        self.assertEqual(cluster.members_active, 3)
