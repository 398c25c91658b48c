from odoo.tests import HttpCase, tagged

from .common import CooperativeCase


@tagged("post_install", "-at_install")
class TestSavingsPortal(CooperativeCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.member_a1 | cls.member_a2).action_activate()
        cls._saving(cls.member_a1, "sukarela", 750000)
        cls._member_document(cls.member_a1, "sales", 1000000)
        cls._member_document(cls.member_a2, "sales", 2000000)
        cls._rule(cls.cluster_a, [("reserve", 50), ("jasa_usaha", 50)])
        today = cls.member_a1.saving_ids[:1].date
        cls.surplus = cls.env["umkm.surplus"].create(
            {
                "cluster_id": cls.cluster_a.id,
                "date_from": today.replace(month=1, day=1),
                "date_to": today.replace(month=12, day=31),
                "amount": 3000000,
            }
        )
        cls.surplus.action_compute()
        cls.surplus.action_post()
        cls.portal_1.password = "umkm_portal_1"
        cls.line_1 = cls.surplus.line_ids.filtered(lambda x: x.member_id == cls.member_a1)
        cls.line_2 = cls.surplus.line_ids.filtered(lambda x: x.member_id == cls.member_a2)

    def test_my_savings(self):
        self.authenticate("umkm_portal_1", "umkm_portal_1")
        response = self.url_open("/my/savings")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn("o_umkm_saving_balances", page)
        self.assertIn(self.surplus.name, page)
        self.assertIn(f"/my/savings/shu/{self.line_1.id}", page)
        self.assertNotIn(f"/my/savings/shu/{self.line_2.id}", page)
        self.assertNotIn("SME Dua", page)

    def test_statement_pdf_own_only(self):
        self.authenticate("umkm_portal_1", "umkm_portal_1")
        own = self.url_open(f"/my/savings/shu/{self.line_1.id}?download=true")
        self.assertEqual(own.status_code, 200)
        self.assertEqual(own.headers["Content-Type"], "application/pdf")
        other = self.url_open(f"/my/savings/shu/{self.line_2.id}", allow_redirects=False)
        self.assertEqual(other.status_code, 303)
        self.assertIn("umkm_refused=1", other.headers["Location"])
        missing = self.url_open("/my/savings/shu/999999999", allow_redirects=False)
        self.assertEqual(missing.status_code, 303)

    def test_statement_in_members_language(self):
        """The statement's text is rendered in the member's language (its partner's)."""
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"].search(
            [("name", "=", "umkm_cooperative")]
        )._update_translations("id_ID")
        self.sme_1.lang = "id_ID"
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("umkm_cooperative.action_report_surplus_statement", self.line_1.ids)[
                0
            ]
            .decode()
        )
        self.assertTrue("Laporan SHU" in html, "the statement is not in Indonesian")
        self.sme_1.lang = "en_US"
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("umkm_cooperative.action_report_surplus_statement", self.line_1.ids)[
                0
            ]
            .decode()
        )
        self.assertTrue("SHU statement" in html, "the statement is not in English")
