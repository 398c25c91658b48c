from odoo.exceptions import AccessError

from .common import AdvanceCase


class TestAdvanceAccess(AdvanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()

    def test_record_rules(self):
        work_1 = self._accepted_work()
        work_2 = self._accepted_work(member=self.member_2)
        advance_1 = self._paid_advance(work_1, 100000)
        advance_2 = self.Advance._umkm_request(work_2.purchase_order_id, 100000)
        Advance = self.env["umkm.advance"]
        # a member sees only its own
        self.assertEqual(Advance.with_user(self.portal_member_1).search([]), advance_1)
        self.assertEqual(Advance.with_user(self.portal_member_2).search([]), advance_2)
        with self.assertRaises(AccessError):
            advance_2.with_user(self.portal_member_1).read(["amount"])
        # a partner firm sees none
        self.assertFalse(Advance.with_user(self.portal_firm_a).search([]))
        with self.assertRaises(AccessError):
            advance_1.with_user(self.portal_firm_a).read(["amount"])
        # an officer of another cluster sees none; the cluster's own sees both
        self.assertFalse(Advance.with_user(self.officer_other).search([]))
        self.assertEqual(Advance.with_user(self.officer).search([]), advance_1 | advance_2)
        # nobody on the portal creates or writes one directly
        with self.assertRaises(AccessError):
            advance_1.with_user(self.portal_member_1).write({"amount": 1})
        with self.assertRaises(AccessError):
            Advance.with_user(self.portal_member_1).create(
                {"purchase_order_id": work_1.purchase_order_id.id, "amount": 1000}
            )
