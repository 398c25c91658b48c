import re

from odoo.tests import HttpCase, tagged

from .common import UmkmClusterCase, load_indonesian


@tagged("post_install", "-at_install")
class TestPortal(UmkmClusterCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_1.password = "umkm_portal_1_pw"
        (cls.member_a1 | cls.member_a2).action_activate()

    def test_portal_home_and_list_show_own_memberships(self):
        self.authenticate(self.portal_1.login, "umkm_portal_1_pw")
        home = self.url_open("/my/home")
        self.assertEqual(home.status_code, 200)
        self.assertIn("/my/memberships", home.text)
        page = self.url_open("/my/memberships")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.member_a1.number, page.text)
        self.assertNotIn(self.member_a2.number, page.text)
        self.assertNotIn(self.member_b3.number, page.text)

    def test_portal_detail_of_own_membership(self):
        self.authenticate(self.portal_1.login, "umkm_portal_1_pw")
        page = self.url_open(f"/my/memberships/{self.member_a1.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Cluster A", page.text)
        self.assertIn(self.member_a1.number, page.text)

    def test_portal_url_of_another_member_is_refused(self):
        self.authenticate(self.portal_1.login, "umkm_portal_1_pw")
        for member in (self.member_a2, self.member_b3):
            with self.subTest(member=member.number):
                page = self.url_open(f"/my/memberships/{member.id}", allow_redirects=False)
                self.assertEqual(page.status_code, 303)
                self.assertTrue(page.headers["Location"].endswith("/my?umkm_refused=1"))
        # a forged or stale id gives the same answer, never a traceback
        page = self.url_open("/my/memberships/999999999", allow_redirects=False)
        self.assertEqual(page.status_code, 303)

    def test_refused_url_says_why_in_the_users_language(self):
        load_indonesian(self.env, "umkm_cluster")
        self.portal_1.lang = "id_ID"
        self.authenticate(self.portal_1.login, "umkm_portal_1_pw")
        page = self.url_open(f"/my/memberships/{self.member_b3.id}")
        self.assertEqual(page.status_code, 200)
        self.assertTrue(page.url.endswith("/my?umkm_refused=1"))
        self.assertIn("o_umkm_refused", page.text)
        self.assertIn("Dokumen ini tidak tersedia untuk akun Anda", page.text)
        # /my itself says nothing; the flag is a code, never text to show
        for query in ("", "?umkm_refused=0", "?umkm_refused=Transfer+Rp+500.000+ke+rekening"):
            with self.subTest(query=query):
                page = self.url_open(f"/my{query}")
                self.assertEqual(page.status_code, 200)
                self.assertNotIn("o_umkm_refused", page.text)
                self.assertNotIn("Dokumen ini tidak tersedia", page.text)
                self.assertNotIn(">Transfer Rp", page.text)

    def test_signed_in_member_reads_its_own_language_whatever_its_browser(self):
        """The session took the browser's language (English here) on the login page, and the
        portal pages would then set it in Odoo's frontend_lang cookie; once signed in, the
        member's own Indonesian wins."""
        load_indonesian(self.env, "umkm_cluster")
        self.portal_1.lang = "id_ID"
        english = {"Accept-Language": "en-US,en"}
        page = self.url_open("/web/login", headers=english)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(
            "/web/login",
            data={
                "login": self.portal_1.login,
                "password": "umkm_portal_1_pw",
                "csrf_token": token,
                "redirect": "/my/memberships",
            },
            headers=english,
            allow_redirects=False,
        )
        self.assertEqual(response.cookies.get("frontend_lang"), "id_ID")
        page = self.url_open("/my/memberships", headers=english)
        self.assertIn("Keanggotaan", page.text)
        self.assertIn(self.member_a1.number, page.text)

    def test_wrong_token_is_refused_and_right_token_opens(self):
        self.member_a2._portal_ensure_token()
        page = self.url_open(
            f"/my/memberships/{self.member_a2.id}?access_token=wrong", allow_redirects=False
        )
        self.assertEqual(page.status_code, 303)
        page = self.url_open(
            f"/my/memberships/{self.member_a2.id}?access_token={self.member_a2.access_token}"
        )
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.member_a2.number, page.text)

    def test_anonymous_list_requires_login(self):
        page = self.url_open("/my/memberships", allow_redirects=False)
        self.assertEqual(page.status_code, 303)
        self.assertIn("/web/login", page.headers["Location"])
