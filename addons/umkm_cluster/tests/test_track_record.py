"""A member's track record for a bank: issued and revoked by the member on the portal, the
figures frozen when issued, checked by anyone holding the link until it expires."""

import re
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import UmkmClusterCase


@tagged("post_install", "-at_install")
class TestTrackRecord(UmkmClusterCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_1.password = "umkm_portal_1_pw"
        cls.portal_2.password = "umkm_portal_2_pw"
        (cls.member_a1 | cls.member_a2).action_activate()
        cls.member_a1.nib = "1234567890123"
        cls.Track = cls.env["umkm.track.record"]

    def _csrf(self, member):
        page = self.url_open(f"/my/memberships/{member.id}")
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _issue_on_portal(self, member):
        return self.url_open(
            f"/my/memberships/{member.id}/track",
            data={"csrf_token": self._csrf(member)},
            allow_redirects=False,
        )

    def test_member_issues_and_bank_verifies_without_login(self):
        self.authenticate(self.portal_1.login, "umkm_portal_1_pw")
        response = self._issue_on_portal(self.member_a1)
        self.assertEqual(response.status_code, 303)
        record = self.Track.search([("member_id", "=", self.member_a1.id)])
        self.assertEqual(len(record), 1)
        self.assertEqual(record.state, "valid")
        self.assertEqual(record.date_from, record.date - relativedelta(years=1, days=-1))
        self.assertEqual(record.figures["header"]["business"], "SME Satu")
        self.assertEqual(len(record.checksum), 12)
        self.assertIn("issued", self.member_a1.message_ids[0].body)
        # the PDF of the member's own record
        pdf = self.url_open(f"/my/track/{record.id}/pdf")
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        # the bank officer: no session
        self.logout()
        page = self.url_open(f"/track/{record.access_token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("SME Satu", page.text)
        self.assertIn("1234567890123", page.text)
        self.assertIn(record.checksum, page.text)
        self.assertIn(record.name, page.text)
        for row in record.figures["rows"]:
            self.assertIn(f'data-key="{row["key"]}"', page.text)
        self.assertNotIn("SME Dua", page.text)
        self.assertEqual(page.headers["Cache-Control"], "no-store")

    def test_wrong_expired_revoked_token_refused_alike(self):
        record = self.Track.with_user(self.portal_1)._umkm_issue(self.member_a1)
        record = record.sudo()
        token = record.access_token
        for wrong in (token[:-1] + ("A" if token[-1] != "A" else "B"), "x", "x" * 200):
            page = self.url_open(f"/track/{wrong}")
            self.assertEqual(page.status_code, 404)
            self.assertNotIn("SME Satu", page.text)
        record.date_expiry = record.date - timedelta(days=1)
        self.assertEqual(record.state, "expired")
        page = self.url_open(f"/track/{token}")
        self.assertEqual(page.status_code, 404)
        self.assertNotIn("SME Satu", page.text)
        record.date_expiry = record.date + timedelta(days=30)
        self.assertEqual(self.url_open(f"/track/{token}").status_code, 200)
        # the member revokes it on its portal
        self.authenticate(self.portal_1.login, "umkm_portal_1_pw")
        response = self.url_open(
            f"/my/track/{record.id}/revoke",
            data={"csrf_token": self._csrf(self.member_a1)},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(record.state, "revoked")
        self.logout()
        page = self.url_open(f"/track/{token}")
        self.assertEqual(page.status_code, 404)
        self.assertNotIn("SME Satu", page.text)

    def test_member_sees_and_revokes_only_its_own(self):
        own = self.Track.with_user(self.portal_1)._umkm_issue(self.member_a1)
        other = self.Track.with_user(self.portal_2)._umkm_issue(self.member_a2)
        self.assertEqual(self.Track.with_user(self.portal_1).search([]), own)
        with self.assertRaises(AccessError):
            other.with_user(self.portal_1).read(["figures"])
        with self.assertRaises(AccessError):
            self.Track.with_user(self.portal_1)._umkm_issue(self.member_a2)
        with self.assertRaises(AccessError):
            other.with_user(self.portal_1).action_revoke()
        # nor on the portal: another member's PDF, revoke or issue
        self.authenticate(self.portal_1.login, "umkm_portal_1_pw")
        csrf = self._csrf(self.member_a1)
        pdf = self.url_open(f"/my/track/{other.id}/pdf", allow_redirects=False)
        self.assertIn("umkm_refused=1", pdf.headers.get("Location", ""))
        revoke = self.url_open(
            f"/my/track/{other.id}/revoke", data={"csrf_token": csrf}, allow_redirects=False
        )
        self.assertIn("umkm_refused=1", revoke.headers.get("Location", ""))
        issue = self.url_open(
            f"/my/memberships/{self.member_a2.id}/track",
            data={"csrf_token": csrf},
            allow_redirects=False,
        )
        self.assertIn("umkm_refused=1", issue.headers.get("Location", ""))
        self.assertTrue(other.active)
        self.assertEqual(self.Track.search_count([("member_id", "=", self.member_a2.id)]), 1)
        # the officers of the cluster see both; another cluster's manager none
        self.assertEqual(self.Track.with_user(self.officer_a).search([]), own | other)
        self.assertFalse(self.Track.with_user(self.manager_b).search([]))

    def test_officer_issues_for_a_member_of_its_cluster(self):
        action = self.member_a1.with_user(self.officer_a).action_issue_track_record()
        record = self.Track.browse(action["res_id"])
        self.assertEqual(record.member_id, self.member_a1)
        self.assertEqual(record.issued_by_id, self.officer_a)
        self.assertEqual(self.member_a1.track_record_count, 1)
        # not for a member of another cluster
        self.member_b3.action_activate()
        with self.assertRaises(AccessError):
            self.member_b3.with_user(self.officer_a).action_issue_track_record()
        record.with_user(self.officer_a).action_revoke()
        self.assertEqual(record.state, "revoked")

    def test_issued_figures_are_frozen(self):
        record = self.Track.with_user(self.portal_1)._umkm_issue(self.member_a1)
        with self.assertRaises(UserError):
            record.with_user(self.officer_a).write({"figures": {"rows": []}})
        with self.assertRaises(UserError):
            record.with_user(self.officer_a).write({"date_expiry": "2099-12-31"})
        with self.assertRaises(AccessError):
            record.with_user(self.portal_1).write({"date_expiry": record.date})
        # the member's later changes do not change what was issued
        self.member_a1.nib = "9999999999999"
        self.assertEqual(record.sudo().figures["header"]["nib"], "1234567890123")

    def test_issue_limits(self):
        self.member_a2.action_suspend()
        self.Track.with_user(self.portal_2)._umkm_issue(self.member_a2)
        draft = self.env["umkm.member"].create(
            {"partner_id": self.sme_3.id, "cluster_id": self.cluster_a.id}
        )
        with self.assertRaises(UserError):
            self.Track._umkm_issue(draft)
        for _i in range(4):
            self.Track.with_user(self.portal_1)._umkm_issue(self.member_a1)
        self.Track.with_user(self.portal_1)._umkm_issue(self.member_a1)
        with self.assertRaises(UserError):
            self.Track.with_user(self.portal_1)._umkm_issue(self.member_a1)
