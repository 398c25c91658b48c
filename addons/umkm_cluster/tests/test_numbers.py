"""Numbers typed by people: one parser, finite values, sane bounds, clear messages."""

import re

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, TransactionCase, tagged

from odoo.addons.umkm_cluster.tools.numbers import NumberError, check_number, parse_number

from .catalogue_common import UmkmCatalogueCase

ABSURD = ("nan", "NaN", "inf", "-inf", "Infinity", "1e400", "99999999999999999", "0x10", "1_0")


@tagged("post_install", "-at_install")
class TestNumberParser(TransactionCase):
    def test_refusals(self):
        cases = {
            "nan": "invalid",
            "inf": "invalid",
            "": "invalid",
            None: "invalid",
            "abc": "invalid",
            "0x10": "invalid",
            "1_000": "invalid",
            "1e400": "not_finite",
            "99999999999999999": "too_large",
        }
        for raw, reason in cases.items():
            with self.subTest(raw=raw), self.assertRaises(NumberError) as error:
                parse_number(raw)
            self.assertEqual(error.exception.reason, reason)
        with self.assertRaises(NumberError) as error:
            parse_number("0", minimum=0, strict=True)
        self.assertEqual((error.exception.reason, error.exception.strict), ("too_small", True))
        with self.assertRaises(NumberError) as error:
            parse_number("1,5", integer=True)
        self.assertEqual(error.exception.reason, "invalid")
        self.assertEqual(parse_number("14", integer=True), 14)
        with self.assertRaises(NumberError):
            check_number(float("nan"))
        with self.assertRaises(NumberError):
            check_number(True)

    def test_orm_refuses_non_finite_and_absurd_values(self):
        """The backend and RPC clients get a ValidationError, not float_round's ValueError."""
        partner = self.env["res.partner"].create({"name": "CV Angka", "is_company": True})
        cluster = self.env["umkm.cluster"].create({"name": "Klaster Angka", "code": "ANG"})
        member = self.env["umkm.member"].create(
            {"partner_id": partner.id, "cluster_id": cluster.id}
        )
        for value in (float("nan"), float("inf"), -float("inf"), 1e300):
            for field in ("annual_revenue", "business_capital"):
                with self.subTest(field=field, value=value):
                    with self.assertRaisesRegex(ValidationError, "number|at most"):
                        member.write({field: value})
        with self.assertRaisesRegex(ValidationError, "number"):
            self.env["umkm.member"].create(
                {
                    "partner_id": self.env["res.partner"].create({"name": "CV Dua"}).id,
                    "cluster_id": cluster.id,
                    "annual_revenue": float("nan"),
                }
            )
        self.assertEqual(member.annual_revenue, 0)
        member.write({"annual_revenue": 1_500_000_000})
        self.assertEqual(member.scale, "micro")


@tagged("post_install", "-at_install")
class TestNumbersInPortalForms(UmkmCatalogueCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_1.password = "umkm_portal_1_pw"

    def _propose(self, **values):
        page = self.url_open("/my/catalogue/new")
        data = {
            "csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1),
            "catalogue_id": str(self.catalogue.id),
            "name_id": "Kain batik baru",
            "categ_id": str(self.categ_fabric.id),
            "wholesale_price": "175000",
            "min_qty": "10",
            "lead_time_days": "14",
            "capacity_monthly": "100",
        }
        data.update(values)
        return self.url_open("/my/catalogue/save", data=data, allow_redirects=False)

    def test_catalogue_proposal_refuses_absurd_numbers(self):
        self.authenticate(self.portal_1.login, "umkm_portal_1_pw")
        before = self.env["umkm.catalogue.line"].search_count([])
        for field in ("wholesale_price", "min_qty", "lead_time_days", "capacity_monthly"):
            for raw in ABSURD:
                with self.subTest(field=field, raw=raw):
                    response = self._propose(**{field: raw})
                    self.assertEqual(response.status_code, 400)
                    self.assertNotIn("Traceback", response.text)
        response = self._propose(lead_time_days="400")
        self.assertIn("Enter at most 365.", response.text)
        self.assertEqual(self.env["umkm.catalogue.line"].search_count([]), before)
        # Indonesian notation is read from a member who reads Indonesian
        self.env["res.lang"]._activate_lang("id_ID")
        self.portal_1.lang = "id_ID"
        self.authenticate(self.portal_1.login, "umkm_portal_1_pw")
        response = self._propose(wholesale_price="175.000,50")
        self.assertEqual(response.status_code, 303)
        line = self.env["umkm.catalogue.line"].search([], order="id desc", limit=1)
        self.assertEqual(line.wholesale_price, 175000.5)

    def test_public_inquiry_refuses_absurd_quantities(self):
        Inquiry = self.env["umkm.catalogue.inquiry"]
        page = self.url_open("/catalogue/katalog-uji")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        for raw in ABSURD:
            with self.subTest(raw=raw):
                response = self.url_open(
                    "/catalogue/katalog-uji/inquiry",
                    data={
                        "csrf_token": token,
                        "name": "Ibu Ratna",
                        "email": "ratna@example.com",
                        "message": "Berapa harga grosir?",
                        "qty": raw,
                    },
                    allow_redirects=False,
                )
                self.assertEqual(response.status_code, 400)
                self.assertRegex(response.text, r'name="qty" value="[^"]*" class="[^"]*is-invalid')
        self.assertFalse(Inquiry.search_count([("catalogue_id", "=", self.catalogue.id)]))
