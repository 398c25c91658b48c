from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestClusterTour(HttpCase):
    def test_manager_creates_member_in_browser(self):
        manager = new_test_user(
            self.env,
            "umkm_tour_manager",
            password="umkm_tour_manager",
            groups="umkm_cluster.group_umkm_manager",
            name="Tour Manager",
        )
        cluster = self.env["umkm.cluster"].create(
            {"name": "Klaster Tur Batik", "code": "TUR", "manager_ids": [(6, 0, manager.ids)]}
        )
        partner = self.env["res.partner"].create(
            {"name": "Batik Tur Sejahtera", "is_company": True}
        )
        self.start_tour("/odoo", "umkm_cluster_create_member", login="umkm_tour_manager")
        member = self.env["umkm.member"].search([("partner_id", "=", partner.id)])
        self.assertEqual(member.cluster_id, cluster)
        self.assertEqual(member.state, "active")
        self.assertEqual(member.nib, "8120001234567")
        self.assertEqual(member.scale, "micro")
