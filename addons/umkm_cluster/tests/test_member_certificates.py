"""A membership's certificates: number, validity, a copy; the kinds it holds follow from the
valid ones; expiring ones are announced; members add their own on the portal."""

import base64
import re
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import UmkmClusterCase

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class TestMemberCertificates(UmkmClusterCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.member_a1 | cls.member_a2).action_activate()
        cls.halal = cls.env["umkm.certification"].create({"name": "Halal uji"})
        cls.sni = cls.env["umkm.certification"].create({"name": "SNI uji"})
        cls.today = fields.Date.context_today(cls.member_a1)
        cls.Line = cls.env["umkm.member.certification"]

    def test_kinds_follow_the_valid_certificates(self):
        line = self.Line.create(
            {
                "member_id": self.member_a1.id,
                "certification_id": self.halal.id,
                "number": "ID35110001",
                "date_expiry": self.today + timedelta(days=400),
            }
        )
        self.assertEqual(self.member_a1.certification_ids, self.halal)
        line.date_expiry = self.today - timedelta(days=1)
        self.assertTrue(line.is_expired)
        self.assertFalse(self.member_a1.certification_ids, "an expired one is not held")
        # choosing kinds directly (the form's tags, older callers) makes and drops lines
        self.member_a2.certification_ids = self.sni
        self.assertEqual(self.member_a2.certificate_ids.certification_id, self.sni)
        self.member_a2.certification_ids = self.halal
        self.assertEqual(self.member_a2.certificate_ids.certification_id, self.halal)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.Line.create(
                {
                    "member_id": self.member_a1.id,
                    "certification_id": self.sni.id,
                    "date_issue": self.today,
                    "date_expiry": self.today - timedelta(days=2),
                }
            )

    def test_document_type_and_size(self):
        line = self.Line.create(
            {
                "member_id": self.member_a1.id,
                "certification_id": self.halal.id,
                "document": base64.b64encode(PDF),
                "document_name": "halal.pdf",
            }
        )
        self.assertTrue(line.document)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            line.document = base64.b64encode(b"#!/bin/sh\necho not a certificate\n")
        with self.assertRaises(ValidationError), self.cr.savepoint():
            line.document = base64.b64encode(PDF + b"0" * (5 * 1024 * 1024))

    def test_expiring_certificates_are_announced_once(self):
        soon = self.Line.create(
            {
                "member_id": self.member_a1.id,
                "certification_id": self.halal.id,
                "number": "ID-SOON",
                "date_expiry": self.today + timedelta(days=20),
            }
        )
        later = self.Line.create(
            {
                "member_id": self.member_a2.id,
                "certification_id": self.halal.id,
                "number": "ID-LATER",
                "date_expiry": self.today + timedelta(days=200),
            }
        )
        past = self.Line.create(
            {
                "member_id": self.member_a2.id,
                "certification_id": self.sni.id,
                "date_expiry": self.today + timedelta(days=1),
            }
        )
        # two days on, the job marks the one that expired since it was recorded
        Snapshot = self.registry["umkm.cluster.snapshot"]
        with patch.object(Snapshot, "_umkm_today", return_value=self.today + timedelta(days=2)):
            announced = self.Line._cron_announce_expiry()
        self.assertEqual(announced & (soon | later | past), soon)
        self.assertTrue(soon.expiry_notified)
        self.assertFalse(later.expiry_notified)
        self.assertTrue(past.is_expired)
        self.assertNotIn(self.sni, self.member_a2.certification_ids)
        message = self.member_a1.message_ids.filtered(lambda m: "ID-SOON" in (m.body or ""))
        self.assertTrue(message)
        self.assertIn(self.sme_1, message.partner_ids, "the member is told")
        activity = self.member_a1.activity_ids.filtered(lambda a: "ID-SOON" in (a.note or ""))
        self.assertEqual(activity.user_id, self.manager_a, "the cluster's manager gets a to-do")
        self.assertFalse(self.Line._cron_announce_expiry() & soon, "announced once")
        # renewed: a new date is announced again when it comes near
        soon.date_expiry = self.today + timedelta(days=10)
        self.assertFalse(soon.expiry_notified)

    def test_member_sees_only_its_own(self):
        mine = self.Line.create({"member_id": self.member_a1.id, "certification_id": self.halal.id})
        theirs = self.Line.create(
            {"member_id": self.member_a2.id, "certification_id": self.halal.id}
        )
        Line = self.Line.with_user(self.portal_1)
        self.assertEqual(Line.search([]), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.portal_1).read(["number"])
        with self.assertRaises(AccessError):
            Line.create({"member_id": self.member_a1.id, "certification_id": self.sni.id})
        with self.assertRaises(AccessError):
            Line._portal_add(self.member_a2, {"certification_id": self.sni.id})


@tagged("post_install", "-at_install")
class TestPortalCertificates(UmkmClusterCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_1.password = "umkm_portal_1_pw"
        (cls.member_a1 | cls.member_a2).action_activate()
        cls.halal = cls.env["umkm.certification"].create({"name": "Halal uji"})
        cls.today = fields.Date.context_today(cls.member_a1)

    def setUp(self):
        super().setUp()
        self.authenticate(self.portal_1.login, "umkm_portal_1_pw")

    def _post(self, member, data, files=None):
        page = self.url_open(f"/my/memberships/{self.member_a1.id}")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open(
            f"/my/memberships/{member.id}/certificates",
            data=dict(data, csrf_token=csrf),
            files=files,
            allow_redirects=False,
        )

    def _form(self, **overrides):
        return {
            "certification_id": str(self.halal.id),
            "number": "ID35110009",
            "date_expiry": str(self.today + timedelta(days=365)),
            **overrides,
        }

    def test_member_adds_its_certificate_with_a_copy(self):
        response = self._post(
            self.member_a1, self._form(), files={"document": ("halal.pdf", PDF, "application/pdf")}
        )
        self.assertEqual(response.status_code, 303)
        line = self.member_a1.certificate_ids
        self.assertEqual(line.number, "ID35110009")
        self.assertEqual(line.source, "member")
        self.assertEqual(base64.b64decode(line.document), PDF)
        self.assertIn(self.halal, self.member_a1.certification_ids)
        page = self.url_open(f"/my/memberships/{self.member_a1.id}")
        self.assertIn("ID35110009", page.text)
        copy = self.url_open(f"/web/content/umkm.member.certification/{line.id}/document")
        self.assertEqual(copy.status_code, 200)
        self.assertEqual(copy.content, PDF)

    def test_bad_input_gets_form_errors_and_records_nothing(self):
        cases = [
            ({"certification_id": "abc"}, None),
            ({"number": ""}, None),
            ({"date_expiry": "kemarin"}, None),
            ({"date_expiry": str(self.today - timedelta(days=1))}, None),
            ({}, {"document": ("halal.exe", b"MZ\x90\x00binary", "application/pdf")}),
        ]
        for overrides, files in cases:
            with self.subTest(overrides=overrides, files=bool(files)):
                response = self._post(self.member_a1, self._form(**overrides), files=files)
                self.assertEqual(response.status_code, 400)
                self.assertIn("is-invalid", response.text)
        self.assertFalse(self.member_a1.certificate_ids)

    def test_another_members_membership_is_refused(self):
        response = self._post(self.member_a2, self._form())
        self.assertEqual(response.status_code, 303)
        self.assertIn("umkm_refused", response.headers["Location"])
        self.assertFalse(self.member_a2.certificate_ids)
