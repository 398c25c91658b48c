"""Numbers typed on the partnership portal: the firm's order form and the member's progress
report refuse non-finite and absurd values with a form error, never a 500."""

import re
from datetime import timedelta

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, tagged

from .common import PartnershipCase

ABSURD = ("nan", "inf", "-inf", "1e400", "99999999999999999", "0x10")


@tagged("post_install", "-at_install")
class TestPartnershipNumbers(PartnershipCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls.env["umkm.subcontract.order"].create(
            {
                "agreement_id": cls.agreement_a.id,
                "capability_id": cls.cap_sew.id,
                "description": "Kemeja batik",
                "qty": 50,
                "unit_price": 50000,
                "date_due": cls.today + timedelta(days=28),
            }
        )
        cls.order.action_submit()
        cls.order.action_confirm()
        action = cls.order.action_split()
        cls.env["umkm.subcontract.split"].browse(action["res_id"]).action_confirm()
        cls.line_1 = cls.order.assignment_ids.filtered(lambda a: a.member_id == cls.member_1)

    def _csrf(self, url):
        page = self.url_open(url)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def test_order_form_refuses_absurd_numbers(self):
        self.authenticate(self.portal_firm_a.login, self.portal_firm_a.login)
        csrf = self._csrf("/my/subcontracts/new")
        Order = self.env["umkm.subcontract.order"]
        before = Order.search_count([("partner_id", "=", self.firm_a.id)])
        for field in ("qty", "unit_price"):
            for raw in ABSURD:
                with self.subTest(field=field, raw=raw):
                    data = {
                        "csrf_token": csrf,
                        "agreement_id": str(self.agreement_a.id),
                        "capability_id": str(self.cap_sew.id),
                        "uom_id": str(self.unit.id),
                        "description": "Kemeja batik lengan panjang",
                        "qty": "24",
                        "unit_price": "85000",
                        "date_due": str(self.today + timedelta(days=21)),
                        field: raw,
                    }
                    response = self.url_open("/my/subcontracts/new", data=data)
                    self.assertEqual(response.status_code, 400)
                    self.assertIn("is-invalid", response.text)
                    self.assertNotIn("Traceback", response.text)
        self.assertEqual(Order.search_count([("partner_id", "=", self.firm_a.id)]), before)

    def test_progress_refuses_absurd_numbers(self):
        self.line_1.action_accept()
        self.authenticate(self.portal_member_1.login, self.portal_member_1.login)
        csrf = self._csrf(f"/my/assignments/{self.line_1.id}")
        for raw in ABSURD:
            with self.subTest(raw=raw):
                response = self.url_open(
                    f"/my/assignments/{self.line_1.id}/progress",
                    data={"csrf_token": csrf, "qty_done": raw},
                )
                self.assertLess(response.status_code, 500)
                self.assertIn("o_umkm_error", response.text)
        self.assertEqual(self.line_1.qty_reported, 0)

    def test_orm_refuses_non_finite_values(self):
        for field in ("qty", "unit_price"):
            with self.subTest(field=field), self.assertRaises(ValidationError):
                self.order.write({field: float("nan")})
        with self.assertRaises(ValidationError):
            self.line_1.write({"unit_price": float("inf")})
