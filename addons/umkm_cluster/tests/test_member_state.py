from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import UmkmClusterCase


@tagged("post_install", "-at_install")
class TestMemberState(UmkmClusterCase):
    def test_lifecycle_in_order(self):
        member = self.member_a1
        self.assertEqual(member.state, "draft")
        member.action_activate()
        self.assertEqual(member.state, "active")
        member.action_suspend()
        self.assertEqual(member.state, "suspended")
        member.action_activate()
        self.assertEqual(member.state, "active")
        member.action_leave()
        self.assertEqual(member.state, "left")

    def test_out_of_order_transitions_are_refused(self):
        member = self.member_a1
        with self.assertRaisesRegex(UserError, "Cannot suspend"):
            member.action_suspend()  # draft -> suspended
        with self.assertRaises(UserError):
            member.action_leave()  # draft -> left
        member.action_activate()
        with self.assertRaises(UserError):
            member.action_activate()  # active -> active
        member.action_leave()
        for action in ("action_activate", "action_suspend", "action_leave"):
            with self.subTest(action=action), self.assertRaises(UserError):
                getattr(member, action)()
        self.assertEqual(member.state, "left")

    def test_batch_transition_is_all_or_nothing(self):
        self.member_a1.action_activate()
        members = self.member_a1 | self.member_a2  # active + draft
        with self.assertRaisesRegex(UserError, "SME Dua"):
            members.action_suspend()
        self.assertEqual(self.member_a1.state, "active", "nothing half-done")
        self.assertEqual(self.member_a2.state, "draft")

    def test_batch_transition_is_batched(self):
        members = self.member_a1 | self.member_a2 | self.member_b3
        members.flush_recordset()
        with self.assertQueryCount(__system__=6):
            members.action_activate()
            members.flush_recordset()
        self.assertEqual(set(members.mapped("state")), {"active"})
