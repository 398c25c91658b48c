from dateutil.relativedelta import relativedelta

from odoo import Command

from .common import PartnershipCase


class TestSplitPolicy(PartnershipCase):
    """The split wizard follows the order's policy: by performance (best-rated first), rotation
    (who received less of this capability's work lately gets more), capacity share."""

    def _wizard(self, order):
        action = order.action_split()
        return order.env["umkm.subcontract.split"].browse(action["res_id"])

    def _proposal(self, wizard):
        return {line.member_id: line.qty for line in wizard.line_ids}

    def _history(self, member, qty, months_ago=0):
        """Accepted work of ``qty`` pieces of sewing for ``member``, due ``months_ago`` months
        ago (0: in 10 weeks)."""
        order = self._confirmed_order(qty=qty, weeks=10)
        self._split(order, edits={m: (qty if m == member else 0) for m in self.members})
        order.assignment_ids.action_accept()
        if months_ago:
            order.assignment_ids.date_due = self.today - relativedelta(months=months_ago)
        return order

    def test_policy_comes_from_the_cluster_and_may_be_overridden(self):
        self.assertEqual(self.cluster.split_policy, "performance")
        self.assertEqual(self.cluster.split_rotation_months, 6)
        self.cluster.split_policy = "rotation"
        order = self._order()
        self.assertEqual(order.split_policy, "rotation")
        order.split_policy = "capacity"
        self.cluster.split_policy = "performance"
        self.assertEqual(order.split_policy, "capacity")
        self.assertTrue(order.split_policy_editable)
        order.action_submit()
        order.action_confirm()
        self.assertTrue(order.split_policy_editable)
        order.action_cancel()
        self.assertFalse(order.split_policy_editable)

    def test_rotation_gives_more_to_who_received_less(self):
        self._history(self.member_1, 20)
        # 10 weeks at 10 a week: 100 free each, less member 1's 20 of accepted work
        order = self._confirmed_order(qty=30, weeks=10)
        wizard = self._wizard(order)
        self.assertEqual(self._proposal(wizard)[self.member_1], 30)  # best rated first
        order.split_policy = "rotation"
        wizard.action_recompute()
        proposal = self._proposal(wizard)
        # 20 received + 0 = 0 + 15 = 0 + 15: member 1 is above the level and gets nothing
        self.assertEqual(proposal, {self.member_2: 15, self.member_3: 15, self.member_1: 0})
        self.assertEqual(wizard.qty_proposed, 30)
        lines = {line.member_id: line for line in wizard.line_ids}
        self.assertEqual(lines[self.member_1].qty_received, 20)
        self.assertEqual(lines[self.member_1].qty_last_year, 20)
        self.assertEqual(lines[self.member_2].qty_last_year, 0)
        # who received least comes first in the proposal
        self.assertEqual(wizard.line_ids[-1].member_id, self.member_1)
        wizard.action_confirm()
        self.assertEqual(
            {a.member_id: a.qty for a in order.assignment_ids},
            {self.member_2: 15, self.member_3: 15},
        )

    def test_rotation_counts_its_months_only(self):
        """Work of 8 months ago shows in the last 12 months, but the rotation of 6 months
        does not count it; a rotation of 9 months does."""
        self._history(self.member_2, 20, months_ago=8)
        order = self._confirmed_order(qty=30, weeks=10)
        order.split_policy = "rotation"
        wizard = self._wizard(order)
        lines = {line.member_id: line for line in wizard.line_ids}
        self.assertEqual(lines[self.member_2].qty_last_year, 20)
        self.assertEqual(lines[self.member_2].qty_received, 0)
        self.assertEqual(
            self._proposal(wizard), {self.member_1: 10, self.member_2: 10, self.member_3: 10}
        )
        self.cluster.split_rotation_months = 9
        wizard.action_recompute()
        self.assertEqual(
            self._proposal(wizard), {self.member_1: 15, self.member_2: 0, self.member_3: 15}
        )
        # work older than 12 months does not count
        self._history(self.member_3, 10, months_ago=13)
        wizard.action_recompute()
        lines = {line.member_id: line for line in wizard.line_ids}
        self.assertEqual(lines[self.member_3].qty_last_year, 0)

    def test_capacity_share(self):
        carvers = self._make_members(
            self.cluster, self.cap_carve, [(10, 95), (30, 90), (60, 60)], prefix="Ukir"
        )
        order = self._confirmed_order(qty=50, weeks=1, capability=self.cap_carve)
        wizard = self._wizard(order)
        # by performance the best-rated are filled first
        self.assertEqual([self._proposal(wizard)[m] for m in carvers], [10, 30, 10])
        order.split_policy = "capacity"
        wizard.action_recompute()
        # in proportion to 10, 30 and 60 free: 5, 15, 30
        self.assertEqual([self._proposal(wizard)[m] for m in carvers], [5, 15, 30])
        self.assertEqual(wizard.line_ids[0].member_id, carvers[2])  # most free first
        # more than the members can make: each at its capacity, the rest uncovered
        big = self._confirmed_order(qty=150, weeks=1, capability=self.cap_carve)
        big.split_policy = "capacity"
        wizard = self._wizard(big)
        self.assertEqual([self._proposal(wizard)[m] for m in carvers], [10, 30, 60])
        self.assertEqual(wizard.qty_uncovered, 50)

    def test_wizard_changes_the_order_policy(self):
        order = self._confirmed_order(qty=30, weeks=10)
        wizard = self._wizard(order)
        self.assertEqual(wizard.split_policy, "performance")
        wizard.split_policy = "rotation"
        wizard.action_recompute()
        self.assertEqual(order.split_policy, "rotation")
        self.assertEqual(
            self._proposal(wizard), {self.member_1: 10, self.member_2: 10, self.member_3: 10}
        )

    def test_lots_under_rotation(self):
        """Lot by lot, what a member gets in the first lot counts as received for the next."""
        self._history(self.member_1, 10)
        order = self.env["umkm.subcontract.order"].create(
            {
                "agreement_id": self.agreement_a.id,
                "capability_id": self.cap_sew.id,
                "description": "Kemeja batik, dua kiriman",
                "uom_id": self.unit.id,
                "unit_price": 100000.0,
                "split_policy": "rotation",
                "lot_ids": [
                    Command.create({"qty": 30, "date_due": self.today + relativedelta(weeks=5)}),
                    Command.create({"qty": 30, "date_due": self.today + relativedelta(weeks=10)}),
                ],
            }
        )
        order.action_submit()
        order.action_confirm()
        self._wizard(order).action_confirm()
        work = {self.member_1: 10}
        for assignment in order.assignment_ids:
            work[assignment.member_id] = work.get(assignment.member_id, 0) + assignment.qty
        self.assertEqual(sum(work.values()), 70)
        # 10 received before and 60 now level at 23.33 each
        for member in self.members:
            self.assertIn(work[member], (23, 24))
        self.assertEqual(len(order.assignment_ids.lot_id), 2)
