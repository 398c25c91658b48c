from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import UmkmClusterCase


@tagged("post_install", "-at_install")
class TestAccess(UmkmClusterCase):
    def test_manager_sees_only_own_clusters(self):
        Cluster = self.env["umkm.cluster"].with_user(self.manager_a)
        self.assertEqual(Cluster.search([("code", "like", "TST-")]), self.cluster_a)
        with self.assertRaises(AccessError):
            self.cluster_b.with_user(self.manager_a).read(["name"])
        with self.assertRaises(AccessError):
            self.cluster_b.with_user(self.manager_a).write({"name": "Hijacked"})

    def test_manager_cannot_read_or_write_other_cluster_members(self):
        Member = self.env["umkm.member"].with_user(self.manager_a)
        self.assertEqual(
            Member.search([("cluster_id", "in", (self.cluster_a | self.cluster_b).ids)]),
            self.member_a1 | self.member_a2,
        )
        with self.assertRaises(AccessError):
            self.member_b3.with_user(self.manager_a).read(["number"])
        with self.assertRaises(AccessError):
            self.member_b3.with_user(self.manager_a).write({"employee_count": 99})
        with self.assertRaises(AccessError):
            self.member_b3.with_user(self.manager_a).action_activate()
        with self.assertRaises(AccessError):
            Member.create({"partner_id": self.sme_1.id, "cluster_id": self.cluster_b.id})
        self.assertEqual(self.member_b3.state, "draft")

    def test_manager_manages_own_members(self):
        member = self.member_a1.with_user(self.manager_a)
        member.write({"employee_count": 12})
        member.action_activate()
        self.assertEqual(self.member_a1.state, "active")
        new = (
            self.env["umkm.member"]
            .with_user(self.manager_a)
            .create({"partner_id": self.sme_3.id, "cluster_id": self.cluster_a.id})
        )
        new.unlink()
        self.assertFalse(new.exists())

    def test_officer_enters_data_but_cannot_delete(self):
        member = self.member_a1.with_user(self.officer_a)
        member.write({"employee_count": 4})
        self.env["umkm.member.capacity"].with_user(self.officer_a).create(
            {"member_id": member.id, "capability_id": self.cap_tulis.id, "qty_per_week": 10}
        )
        with self.assertRaises(AccessError):
            member.unlink()
        with self.assertRaises(AccessError):
            self.cluster_a.with_user(self.officer_a).write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.member_b3.with_user(self.officer_a).read(["number"])

    def test_officer_sees_a_cluster_from_the_moment_they_join_it(self):
        """The officers' rules name their clusters by id and Odoo caches them per user: adding
        or removing an officer takes effect at once, in the same transaction."""
        Member = self.env["umkm.member"].with_user(self.officer_a)
        self.assertFalse(Member.search([("cluster_id", "=", self.cluster_b.id)]))  # cached now
        self.cluster_b.officer_ids = [Command.link(self.officer_a.id)]
        self.assertEqual(Member.search([("cluster_id", "=", self.cluster_b.id)]), self.member_b3)
        self.assertEqual(self.officer_a.umkm_cluster_ids, self.cluster_a | self.cluster_b)
        self.member_b3.with_user(self.officer_a).write({"employee_count": 3})
        self.cluster_b.officer_ids = [Command.unlink(self.officer_a.id)]
        self.assertFalse(Member.search([("cluster_id", "=", self.cluster_b.id)]))
        with self.assertRaises(AccessError):
            self.member_b3.with_user(self.officer_a).read(["number"])
        # a new cluster made with the officer in it, and an archived one, still count
        cluster_c = self.env["umkm.cluster"].create(
            {"name": "Klaster C", "code": "TST-C", "manager_ids": [Command.set(self.officer_a.ids)]}
        )
        cluster_c.action_archive()
        self.assertEqual(self.officer_a.umkm_cluster_ids, self.cluster_a | cluster_c)
        self.assertEqual(
            self.env["umkm.cluster"]
            .with_user(self.officer_a)
            .with_context(active_test=False)
            .search([("code", "like", "TST-")]),
            self.cluster_a | cluster_c,
        )

    def test_admin_group_sees_every_cluster(self):
        admin = self.env.ref("base.user_admin")
        self.assertTrue(admin.has_group("umkm_cluster.group_umkm_admin"))
        clusters = self.env["umkm.cluster"].with_user(admin).search([("code", "like", "TST-")])
        self.assertEqual(clusters, self.cluster_a | self.cluster_b)

    def test_portal_member_sees_only_own_memberships(self):
        Member = self.env["umkm.member"].with_user(self.portal_1)
        self.assertEqual(Member.search([]), self.member_a1)
        with self.assertRaises(AccessError):
            self.member_a2.with_user(self.portal_1).read(["number"])
        with self.assertRaises(AccessError):
            self.member_a1.with_user(self.portal_1).write({"employee_count": 1})
        with self.assertRaises(AccessError):
            self.member_a1.with_user(self.portal_1).action_activate()
        clusters = self.env["umkm.cluster"].with_user(self.portal_1).search([])
        self.assertEqual(clusters, self.cluster_a)
        with self.assertRaises(AccessError):
            self.cluster_b.with_user(self.portal_1).read(["name"])

    def test_internal_user_without_umkm_group_sees_nothing(self):
        user = self.env["res.users"].create(
            {
                "name": "Plain employee",
                "login": "plain_umkm",
                "groups_id": [(6, 0, [self.env.ref("base.group_user").id])],
            }
        )
        with self.assertRaises(AccessError):
            self.env["umkm.member"].with_user(user).search([])
