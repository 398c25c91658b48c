from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import CooperativeCase


@tagged("post_install", "-at_install")
class TestCooperativeAccess(CooperativeCase):
    """Each rule tried as the user it protects against: a member never sees another member's
    savings or SHU; a firm sees none; an officer sees only its clusters."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.member_a1 | cls.member_a2 | cls.member_b3).action_activate()
        cls._saving(cls.member_a1, "sukarela", 70000)
        cls._saving(cls.member_a2, "sukarela", 90000)
        cls._member_document(cls.member_a1, "sales", 1000000)
        cls._member_document(cls.member_a2, "sales", 3000000)
        cls._rule(cls.cluster_a, [("reserve", 50), ("jasa_usaha", 30), ("jasa_modal", 20)])
        today = cls.member_a1.saving_ids[:1].date
        cls.surplus = cls.env["umkm.surplus"].create(
            {
                "cluster_id": cls.cluster_a.id,
                "date_from": today.replace(month=1, day=1),
                "date_to": today.replace(month=12, day=31),
                "amount": 1000000,
            }
        )
        cls.surplus.action_compute()
        firm = cls.env["res.partner"].create({"name": "PT Mitra", "is_company": True})
        cls.firm_user = new_test_user(cls.env, "umkm_coop_firm", groups="base.group_portal")
        cls.firm_user.partner_id.parent_id = firm

    def test_member_sees_only_its_own(self):
        Saving = self.env["umkm.member.saving"].with_user(self.portal_1)
        mine = Saving.search([])
        self.assertTrue(mine)
        self.assertEqual(mine.member_id, self.member_a1)
        other = self.member_a2.saving_ids[:1].with_user(self.portal_1)
        with self.assertRaises(AccessError):
            other.read(["amount"])
        # its SHU only once posted, and never another member's
        Line = self.env["umkm.surplus.line"].with_user(self.portal_1)
        self.assertFalse(Line.search([]))
        self.surplus.action_post()
        self.assertEqual(Line.search([]).member_id, self.member_a1)
        with self.assertRaises(AccessError):
            self.surplus.line_ids.filtered(lambda x: x.member_id == self.member_a2).with_user(
                self.portal_1
            ).read(["amount_total"])
        # the year itself and its rule are the office's
        with self.assertRaises(AccessError):
            self.surplus.with_user(self.portal_1).read(["amount"])

    def test_member_cannot_write_or_post(self):
        mine = self.member_a1.saving_ids[:1].with_user(self.portal_1)
        with self.assertRaises(AccessError):
            mine.action_post()
        with self.assertRaises(AccessError):
            self.env["umkm.member.saving"].with_user(self.portal_1).create(
                {"member_id": self.member_a1.id, "type": "sukarela", "amount": -70000}
            )

    def test_firm_sees_none(self):
        self.surplus.action_post()
        self.assertFalse(self.env["umkm.member.saving"].with_user(self.firm_user).search([]))
        self.assertFalse(self.env["umkm.surplus.line"].with_user(self.firm_user).search([]))

    def test_officer_sees_own_clusters(self):
        officer_b = new_test_user(
            self.env, "umkm_coop_off_b", groups="umkm_cluster.group_umkm_officer"
        )
        self.cluster_b.officer_ids = officer_b
        self.cluster_b.invalidate_recordset()
        Saving = self.env["umkm.member.saving"].with_user(officer_b)
        self.assertFalse(Saving.search([("cluster_id", "=", self.cluster_a.id)]))
        self.assertFalse(self.env["umkm.surplus"].with_user(officer_b).search([]))
        officer_a = self.officer_a
        self.assertEqual(
            self.env["umkm.member.saving"].with_user(officer_a).search([]).cluster_id,
            self.cluster_a,
        )
        # an officer reads the SHU; only a manager computes or posts it
        with self.assertRaises(AccessError):
            self.surplus.with_user(officer_a).action_post()
        self.surplus.with_user(self.manager_a).action_post()
        self.assertEqual(self.surplus.state, "posted")
