"""A member's standing demand on the portal (/my/procurement/standing): its own only, typed
in its language; and the demand it carried into a round, changed there until the deadline."""

import re

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.umkm_cluster.tests.typed_numbers import TypedNumbersMixin

from .test_recurring import RecurringCase

URL = "/my/procurement/standing"


@tagged("post_install", "-at_install")
class TestStandingDemandPortal(TypedNumbersMixin, RecurringCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls._create_template(name="Malam dan kain bulanan")
        cls.template_b = cls._create_template(
            name="Template klaster B", cluster_id=cls.cluster_b.id
        )
        cls.standing_2 = cls._standing(cls.template, cls.member_2, cls.kain, 60)
        cls.portal_b = new_test_user(
            cls.env, "proc_portal_b", password="proc_portal_b_pw", groups="base.group_portal"
        )
        cls.portal_b.partner_id.parent_id = cls.member_b.partner_id

    def _login(self, user=None):
        user = user or self.portal_1
        self.authenticate(user.login, f"{user.login}_pw")

    def _token(self, url=URL):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _save(self, qty, product=None, template=None, uom=None):
        template = template or self.template
        product = product or self.kain
        data = {
            "csrf_token": self._token(),
            "product_id": product.id,
            "uom_id": (uom or product.uom_po_id).id,
            "qty": qty,
        }
        return self.url_open(f"{URL}/{template.id}", data=data, allow_redirects=False)

    def _stop(self, standing):
        data = {"csrf_token": self._token()}
        return self.url_open(f"{URL}/stop/{standing.id}", data=data, allow_redirects=False)

    def _mine(self, product=None):
        return self.Standing.with_context(active_test=False).search(
            [
                ("template_id", "=", self.template.id),
                ("member_id", "=", self.member_1.id),
                ("product_id", "=", (product or self.kain).id),
            ]
        )

    def test_page_lists_own_clusters_and_own_standing_demand(self):
        self._standing(self.template, self.member_1, self.malam, 12)
        self._login()
        rounds = self.url_open("/my/procurement")
        self.assertIn(f'href="{URL}"', rounds.text)
        page = self.url_open(URL)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Malam dan kain bulanan", page.text)
        self.assertIn("Every month on day 1", page.text)
        self.assertNotIn("Template klaster B", page.text)
        self.assertIn('value="12"', page.text)
        self.assertNotIn('value="60"', page.text)  # member 2's
        self.assertNotIn(f"/stop/{self.standing_2.id}", page.text)

    def test_add_change_stop_and_start_again(self):
        self._login()
        response = self._save("25")
        self.assertEqual(response.status_code, 303)
        standing = self._mine()
        self.assertEqual((standing.qty, standing.active), (25, True))
        self.assertEqual(self._save("30").status_code, 303)
        self.assertEqual(self._mine(), standing)
        self.assertEqual(standing.qty, 30)
        self.assertEqual(self._stop(standing).status_code, 303)
        self.assertFalse(standing.active)
        self.assertNotIn(f"/stop/{standing.id}", self.url_open(URL).text)
        # started again: the same line, active
        self._save("20")
        self.assertEqual(self._mine(), standing)
        self.assertEqual((standing.qty, standing.active), (20, True))
        # refused with the reason, in the page
        for typed, message in (
            ("abc", "Enter the quantity as a number"),
            ("20000", "Enter at most"),
            ("0", "greater than zero"),
        ):
            with self.subTest(typed=typed):
                response = self._save(typed)
                self.assertEqual(response.status_code, 400)
                self.assertIn(message, response.text)
        self.assertEqual(standing.qty, 20)

    def test_typed_in_the_members_language(self):
        user = self.portal_1
        rows = (
            ("7.500", 7500.0, 7.5),
            ("1.000", 1000.0, 1.0),
            ("12,5", 12.5, None),
            ("1.250,5", 1250.5, None),
        )
        self.assert_typed_numbers(
            lambda lang: self._umkm_speak(user, f"{user.login}_pw", lang),
            self._save,
            lambda: self._mine().qty,
            rows,
        )
        self._mine().qty = 1250.5
        self._umkm_speak(user, f"{user.login}_pw", "id_ID")
        self.assertIn('value="1.250,5"', self.url_open(URL).text)

    def test_another_members_standing_demand_refused(self):
        self._login()
        response = self._stop(self.standing_2)
        self.assertEqual(response.status_code, 303)
        self.assertIn("umkm_refused", response.headers["Location"])
        self.assertTrue(self.standing_2.active)
        missing = self.url_open(
            f"{URL}/stop/999999999", data={"csrf_token": self._token()}, allow_redirects=False
        )
        self.assertIn("umkm_refused", missing.headers["Location"])
        # another cluster's member: nothing of this cluster's recurring rounds
        self._login(self.portal_b)
        page = self.url_open(URL)
        self.assertNotIn("Malam dan kain bulanan", page.text)
        self.assertIn("Template klaster B", page.text)
        response = self._save("5")
        self.assertIn("umkm_refused", response.headers["Location"])
        self.assertFalse(
            self.Standing.search(
                [("member_id", "=", self.member_b.id), ("template_id", "=", self.template.id)]
            )
        )

    def test_member_changes_carried_demand_in_the_round(self):
        standing = self._standing(self.template, self.member_1, self.kain, 40)
        rounds = self._run_cron(self.months[0])
        self.assertEqual(rounds.template_id, self.template | self.template_b)
        rnd = rounds.filtered(lambda r: r.template_id == self.template)
        self._login()
        url = f"/my/procurement/{rnd.id}"
        page = self.url_open(url)
        self.assertIn('value="40"', page.text)
        data = {
            "csrf_token": self._token(url),
            "product_id": self.kain.id,
            "uom_id": self.uom_meter.id,
            "qty": "55",
        }
        self.assertEqual(
            self.url_open(f"{url}/demand", data=data, allow_redirects=False).status_code, 303
        )
        demand = self._demand_of(rnd, self.member_1, self.kain)
        self.assertEqual((demand.qty, demand.standing_id), (55, standing))
        self.assertEqual(standing.qty, 40)
        cancel = {"csrf_token": self._token(url)}
        self.url_open(f"{url}/demand/{demand.id}/cancel", data=cancel, allow_redirects=False)
        self.assertFalse(self._demand_of(rnd, self.member_1, self.kain))
        self.assertTrue(standing.active)
