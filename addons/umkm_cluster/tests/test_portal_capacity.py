"""A member keeps its own weekly capacity and unavailable periods on the portal; the
cooperative sees the changes in the membership's chatter and can lock them."""

import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import UmkmClusterCase


@tagged("post_install", "-at_install")
class TestPortalCapacity(UmkmClusterCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_1.password = "umkm_portal_1_pw"
        (cls.member_a1 | cls.member_a2).action_activate()
        Capacity = cls.env["umkm.member.capacity"]
        cls.cap_1 = Capacity.create(
            {"member_id": cls.member_a1.id, "capability_id": cls.cap_tulis.id, "qty_per_week": 10}
        )
        cls.cap_2 = Capacity.create(
            {"member_id": cls.member_a2.id, "capability_id": cls.cap_tulis.id, "qty_per_week": 7}
        )
        cls.today = fields.Date.context_today(cls.member_a1)

    def setUp(self):
        super().setUp()
        self.authenticate(self.portal_1.login, "umkm_portal_1_pw")

    def _csrf(self):
        page = self.url_open(f"/my/memberships/{self.member_a1.id}")
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _post(self, path, data, csrf=True):
        if csrf:
            data = dict(data, csrf_token=self._csrf())
        return self.url_open(
            f"/my/memberships/{self.member_a1.id}{path}", data=data, allow_redirects=False
        )

    def _messages(self, member):
        return member.message_ids.mapped("body")

    def test_member_edits_its_capacity_and_it_is_logged(self):
        page = self.url_open(f"/my/memberships/{self.member_a1.id}")
        self.assertIn(f'name="capacity_{self.cap_1.id}"', page.text)
        response = self._post("/capacity", {f"capacity_{self.cap_1.id}": "12.5"})
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.cap_1.qty_per_week, 12.5)
        logged = [body for body in self._messages(self.member_a1) if "12" in body]
        self.assertTrue(logged)
        self.assertIn("Portal Satu", logged[0])
        self.assertIn("10", logged[0])

    def test_bad_capacity_input_gets_form_errors_and_changes_nothing(self):
        for raw in ("-3", "0", "sepuluh", "1e400", "nan", "9999999999"):
            with self.subTest(raw=raw):
                response = self._post("/capacity", {f"capacity_{self.cap_1.id}": raw})
                self.assertEqual(response.status_code, 400)
                self.assertIn("is-invalid", response.text)
        self.assertEqual(self.cap_1.qty_per_week, 10)

    def test_capacity_of_another_member_is_refused(self):
        response = self._post(
            "/capacity",
            {f"capacity_{self.cap_1.id}": "11", f"capacity_{self.cap_2.id}": "99"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("not one of yours", response.text)
        self.assertEqual(self.cap_2.qty_per_week, 7)
        self.assertEqual(self.cap_1.qty_per_week, 10)  # nothing half-done
        # another member's membership: back to /my, nothing written
        response = self.url_open(
            f"/my/memberships/{self.member_a2.id}/capacity",
            data={f"capacity_{self.cap_2.id}": "99", "csrf_token": self._csrf()},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my?umkm_refused=1"))
        self.assertEqual(self.cap_2.qty_per_week, 7)

    def test_without_csrf_nothing_changes(self):
        response = self._post("/capacity", {f"capacity_{self.cap_1.id}": "11"}, csrf=False)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.cap_1.qty_per_week, 10)

    def test_locked_capacity_cannot_be_changed_on_the_portal(self):
        token = self._csrf()  # a page opened before the cooperative locked it
        self.member_a1.with_user(self.manager_a).capacity_locked = True
        page = self.url_open(f"/my/memberships/{self.member_a1.id}")
        self.assertIn("locked your capacity", page.text)
        self.assertNotIn(f'name="capacity_{self.cap_1.id}"', page.text)
        response = self.url_open(
            f"/my/memberships/{self.member_a1.id}/capacity",
            data={f"capacity_{self.cap_1.id}": "11", "csrf_token": token},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("locked", response.text)
        self.assertEqual(self.cap_1.qty_per_week, 10)

    def test_member_records_and_removes_an_unavailable_period(self):
        start, end = self.today + timedelta(days=3), self.today + timedelta(days=9)
        response = self._post(
            "/unavailability",
            {"date_from": str(start), "date_to": str(end), "reason": "Perbaikan mesin"},
        )
        self.assertEqual(response.status_code, 303)
        period = self.member_a1.unavailability_ids
        self.assertEqual((period.date_from, period.date_to), (start, end))
        self.assertTrue(any("Perbaikan mesin" in b for b in self._messages(self.member_a1)))
        page = self.url_open(f"/my/memberships/{self.member_a1.id}")
        self.assertIn("Perbaikan mesin", page.text)
        response = self._post(f"/unavailability/{period.id}/remove", {})
        self.assertEqual(response.status_code, 303)
        self.assertFalse(self.member_a1.unavailability_ids)

    def test_bad_periods_get_form_errors(self):
        day = timedelta(days=1)
        cases = [
            {"date_from": "kemarin", "date_to": str(self.today), "reason": "x"},
            {"date_from": str(self.today + 5 * day), "date_to": str(self.today), "reason": "x"},
            {
                "date_from": str(self.today - 9 * day),
                "date_to": str(self.today - day),
                "reason": "x",
            },
            {"date_from": str(self.today), "date_to": str(self.today + 400 * day), "reason": "x"},
            {"date_from": str(self.today), "date_to": str(self.today + day), "reason": " "},
            {"date_from": str(self.today), "date_to": str(self.today + day), "reason": "x" * 201},
        ]
        for data in cases:
            with self.subTest(data=data):
                response = self._post("/unavailability", data)
                self.assertEqual(response.status_code, 400)
                self.assertIn("is-invalid", response.text)
        self.assertFalse(self.member_a1.unavailability_ids)

    def test_period_of_another_member_cannot_be_removed(self):
        other = self.env["umkm.member.unavailability"].create(
            {
                "member_id": self.member_a2.id,
                "date_from": self.today,
                "date_to": self.today + timedelta(days=2),
                "reason": "Libur",
            }
        )
        response = self._post(f"/unavailability/{other.id}/remove", {})
        self.assertEqual(response.status_code, 404)
        self.assertTrue(other.exists())
        # as the portal user through the ORM: the record rules hide it
        self.assertFalse(
            self.env["umkm.member.unavailability"].with_user(self.portal_1).search([]) & other
        )
