import io
import re
from datetime import timedelta

import openpyxl

from odoo.tests import HttpCase, tagged

from .test_support import SupportCase


@tagged("post_install", "-at_install")
class TestSupportPortal(SupportCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Support = cls.env["umkm.partnership.support"]
        cls.support_dinas = Support.create(
            {
                "name": "Fasilitasi halal Dinas",
                "provider_id": cls.dinas.id,
                "cluster_id": cls.cluster.id,
                "type": "certification",
                "value": 9000000,
                "member_ids": [(6, 0, (cls.member_1 | cls.member_2).ids)],
            }
        )
        cls.support_dekra = Support.create(
            {
                "name": "Pelatihan motif Dekranasda",
                "provider_id": cls.dekra.id,
                "cluster_id": cls.cluster.id,
                "type": "design",
                "value": 18000000,
                "member_ids": [(6, 0, cls.member_1.ids)],
            }
        )
        cls.support_firm = Support.create(
            {
                "name": "CSR Firma A",
                "agreement_id": cls.agreement_a.id,
                "type": "training",
                "value": 500000,
            }
        )

    def _csrf(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def test_provider_page_shows_only_its_own_support(self):
        self.authenticate("sup_dinas", "sup_dinas")
        page = self.url_open("/my/support")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Fasilitasi halal Dinas", page.text)
        self.assertNotIn("Pelatihan motif Dekranasda", page.text)
        self.assertNotIn("CSR Firma A", page.text)
        pdf = self.url_open("/my/support/report.pdf")
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        xlsx = self.url_open("/my/support/report.xlsx")
        self.assertEqual(xlsx.status_code, 200)
        book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
        cells = [c.value for row in book.active.iter_rows() for c in row]
        self.assertIn("Fasilitasi halal Dinas — Dinas Koperasi Uji", cells)
        self.assertNotIn("Pelatihan motif Dekranasda — Dekranasda Uji", cells)
        self.assertIn(9000000, cells)
        # a period without it, and a forged period, never fail
        year_ago = self.today - timedelta(days=400)
        page = self.url_open(f"/my/support?date_from={year_ago}&date_to={year_ago}")
        self.assertNotIn("Fasilitasi halal Dinas", page.text)
        self.assertEqual(self.url_open("/my/support?date_from=x&date_to=<b>").status_code, 200)
        self.assertEqual(self.url_open("/my/support/report.doc").status_code, 404)

    def test_firm_sees_the_csr_of_its_agreements(self):
        self.authenticate("part_firm_a", "part_firm_a")
        page = self.url_open("/my/support")
        self.assertEqual(page.status_code, 200)
        self.assertIn("CSR Firma A", page.text)
        self.assertNotIn("Fasilitasi halal Dinas", page.text)

    def test_member_without_institution_is_refused_the_report(self):
        self.authenticate("part_member_1", "part_member_1")
        response = self.url_open("/my/support", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("umkm_refused", response.headers["Location"])
        response = self.url_open("/my/support/report.pdf", allow_redirects=False)
        self.assertIn("umkm_refused", response.headers["Location"])

    def test_member_asks_for_a_service_and_follows_it(self):
        self.authenticate("part_member_1", "part_member_1")
        csrf = self._csrf("/my/services")
        response = self.url_open(
            "/my/services/new",
            data={
                "csrf_token": csrf,
                "kind": "certification",
                "certification_id": str(self.halal.id),
                "description": "Sertifikat halal untuk pembeli butik",
                "date_wanted": str(self.today + timedelta(days=60)),
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        service = self.env["umkm.service.request"].search([("member_id", "=", self.member_1.id)])
        self.assertEqual(service.kind, "certification")
        self.assertEqual(service.certification_id, self.halal)
        self.assertEqual(service.state, "new")
        page = self.url_open(f"/my/services/{service.id}")
        self.assertIn("Sertifikat halal untuk pembeli butik", page.text)
        # bad input: form errors, nothing recorded
        for data in (
            {"kind": "spaceship", "description": "x"},
            {"kind": "training", "description": ""},
            {"kind": "training", "description": "x" * 2001},
            {"kind": "training", "description": "x", "date_wanted": "besok"},
            {"kind": "training", "description": "x", "date_wanted": "2001-01-01"},
            {"kind": "certification", "description": "x", "certification_id": "999999"},
        ):
            with self.subTest(data=data):
                response = self.url_open(
                    "/my/services/new", data={"csrf_token": csrf, **data}, allow_redirects=False
                )
                self.assertEqual(response.status_code, 400)
                self.assertIn("is-invalid", response.text)
        self.assertEqual(
            self.env["umkm.service.request"].search_count([("member_id", "=", self.member_1.id)]),
            1,
        )

    def test_member_sees_only_its_own_requests(self):
        theirs = self.env["umkm.service.request"].create(
            {"member_id": self.member_2.id, "kind": "design", "description": "Kemasan rahasia"}
        )
        self.authenticate("part_member_1", "part_member_1")
        response = self.url_open(f"/my/services/{theirs.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("umkm_refused", response.headers["Location"])
        self.assertNotIn("Kemasan rahasia", self.url_open("/my/services").text)
