"""The frontend's default language (the partners' default, ``ir.default``) is read from the
cache at a member's page, and follows a change of the default at once."""

from odoo.tests import HttpCase, tagged

from .common import UmkmClusterCase


@tagged("post_install", "-at_install")
class TestDefaultLanguage(UmkmClusterCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("id_ID")
        cls.portal_1.password = "umkm_portal_1_pw"
        cls.member_a1.action_activate()

    def test_the_default_follows_a_change_and_is_not_read_again(self):
        Default = self.env["ir.default"]
        Default.set("res.partner", "lang", "id_ID")
        self.assertEqual(Default._umkm_get_global("res.partner", "lang"), "id_ID")
        with self.assertQueryCount(0):
            self.assertEqual(Default._umkm_get_global("res.partner", "lang"), "id_ID")
        Default.set("res.partner", "lang", "en_US")
        self.assertEqual(Default._umkm_get_global("res.partner", "lang"), "en_US")
        Default.discard_values("res.partner", "lang", ["en_US"])
        self.assertIsNone(Default._umkm_get_global("res.partner", "lang"))

    def test_a_members_page_follows_the_default_language(self):
        """http_routing sends a member whose language is not the default to its language's
        address: with the default from the cache, as soon as the default changes."""
        self.portal_1.lang = "id_ID"
        self.authenticate(self.portal_1.login, "umkm_portal_1_pw")
        Default = self.env["ir.default"]
        Default.set("res.partner", "lang", "id_ID")
        home = self.url_open("/my/home", allow_redirects=False)
        self.assertEqual(home.status_code, 200, home.headers.get("Location"))
        Default.set("res.partner", "lang", "en_US")
        home = self.url_open("/my/home", allow_redirects=False)
        self.assertIn(home.status_code, (302, 303))
        self.assertTrue(home.headers["Location"].endswith("/id/my/home"), home.headers)
