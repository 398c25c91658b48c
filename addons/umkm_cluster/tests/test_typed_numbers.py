"""Every number a person types on the cluster's portal and public forms is read in that
person's language: ``750.000`` is seven hundred fifty thousand in Indonesian, never Rp 750."""

import re

from odoo.tests import HttpCase, TransactionCase, tagged

from odoo.addons.umkm_cluster.tools.numbers import (
    NumberError,
    far_from,
    format_typed,
    lang_notation,
    parse_number,
    parse_record_id,
)

from .catalogue_common import UmkmCatalogueCase
from .typed_numbers import TypedNumbersMixin

PASSWORD = "umkm_portal_1_pw"


@tagged("post_install", "-at_install")
class TestNotationPerLanguage(TransactionCase):
    def test_parser_per_language(self):
        """The table of the issue, read in Indonesian and in English (None: refused)."""
        table = {
            # typed: (Indonesian, English)
            "750.000": (750000, 750),
            "1.000": (1000, 1),
            "12,5": (12.5, None),
            "1.250,5": (1250.5, None),
            "1,250.5": (None, 1250.5),
            "12.5": (None, 12.5),
            "1.000.000": (1000000, None),
            "2,500,000": (None, 2500000),
            "750000": (750000, 750000),
            "Rp 12.500,00": (12500, None),
            " 7 ": (7, 7),
            "-3,5": (-3.5, None),
            "1.25": (None, 1.25),
            "12.50.000": (None, None),
        }
        self.env["res.lang"]._activate_lang("id_ID")
        for lang, column in (("id_ID", 0), ("en_US", 1)):
            notation = lang_notation(self.env(context={"lang": lang}))
            for raw, expected in table.items():
                with self.subTest(lang=lang, raw=raw):
                    if expected[column] is None:
                        with self.assertRaises(NumberError):
                            parse_number(raw, notation=notation)
                    else:
                        self.assertEqual(parse_number(raw, notation=notation), expected[column])

    def test_values_are_shown_back_in_the_readers_notation(self):
        self.env["res.lang"]._activate_lang("id_ID")
        indonesian = self.env(context={"lang": "id_ID"})
        english = self.env(context={"lang": "en_US"})
        self.assertEqual(format_typed(indonesian, 750000.0), "750.000")
        self.assertEqual(format_typed(indonesian, 1250.5), "1.250,5")
        self.assertEqual(format_typed(indonesian, 0.125), "0,125")
        self.assertEqual(format_typed(english, 780000.0), "780,000")
        for value in (750000.0, 1250.5, 0.125, 12.75):
            for env in (indonesian, english):
                typed = format_typed(env, value)
                self.assertEqual(parse_number(typed, notation=lang_notation(env)), value)

    def test_far_from_reference_and_record_ids(self):
        self.assertTrue(far_from(175, 175000))
        self.assertTrue(far_from(2000000, 175000))
        self.assertFalse(far_from(158000, 175000))
        self.assertFalse(far_from(175, 0))
        for raw in ("12", " 12 "):
            self.assertEqual(parse_record_id(raw), 12)
        for raw in ("abc", "", None, "-1", "0", "1.5", "²", "99999999999", "1e3"):
            self.assertIsNone(parse_record_id(raw))


@tagged("post_install", "-at_install")
class TestTypedNumbersInClusterForms(TypedNumbersMixin, UmkmCatalogueCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_1.password = PASSWORD
        cls.inquiry = cls.env["umkm.catalogue.inquiry"].create(
            {
                "catalogue_id": cls.catalogue.id,
                "line_id": cls.line_approved_1.id,
                "name": "Ibu Ratna",
                "email": "ratna@butik.example",
                "qty": 120,
                "message": "Bisa kirim 120 lembar?",
            }
        )

    def _speak(self, lang):
        self._umkm_speak(self.portal_1, PASSWORD, lang)

    def _token(self, url):
        return re.search(r'csrf_token: "([^"]+)"', self.url_open(url).text).group(1)

    def test_catalogue_proposal(self):
        def submit(raw):
            return self.url_open(
                "/my/catalogue/save",
                data={
                    "csrf_token": self._token("/my/catalogue/new"),
                    "catalogue_id": str(self.catalogue.id),
                    "name_id": "Kain batik baru",
                    "categ_id": str(self.categ_fabric.id),
                    "wholesale_price": raw,
                    "min_qty": "10",
                    "lead_time_days": "14",
                    "capacity_monthly": "100",
                },
                allow_redirects=False,
            )

        def stored():
            line = self.env["umkm.catalogue.line"].search(self._own, order="id desc", limit=1)
            return line.wholesale_price

        self.assert_typed_numbers(self._speak, submit, stored)

    def test_inquiry_answer_quantity(self):
        url = f"/my/inquiries/{self.inquiry.id}"

        price = {}

        def submit(raw):
            data = {
                "csrf_token": self._token(url),
                "answer_qty": raw,
                "answer_lead_days": "21",
                "answer_price": price["typed"],
            }
            return self.url_open(f"{url}/answer", data=data, allow_redirects=False)

        def speak(lang):
            self._speak(lang)
            # the price beside it is typed in the same language
            price["typed"] = "150.000" if lang == "id_ID" else "150,000"

        self.assert_typed_numbers(speak, submit, lambda: self.inquiry.answer_qty)
        self.assertEqual(self.inquiry.answer_price, 150000)

    def test_inquiry_answer_price_far_from_the_catalogue_is_asked_about(self):
        """Rp 750 for a product the catalogue sells at Rp 150.000: asked once, shown back as
        typed; ticked, it is saved, and the backend flags it."""
        url = f"/my/inquiries/{self.inquiry.id}"
        self._speak("id_ID")
        data = {"answer_qty": "100", "answer_lead_days": "21", "answer_price": "750"}
        response = self.url_open(
            f"{url}/answer", data=dict(data, csrf_token=self._token(url)), allow_redirects=False
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("150.000", response.text)
        self.assertIn('name="answer_price_confirmed"', response.text)
        self.assertIn('value="750"', response.text)
        self.env.invalidate_all()
        self.assertFalse(self.inquiry.answer_date)
        response = self.url_open(
            f"{url}/answer",
            data=dict(data, csrf_token=self._token(url), answer_price_confirmed="1"),
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.env.invalidate_all()
        self.assertEqual(self.inquiry.answer_price, 750)
        self.assertIn("150", self.inquiry.answer_price_warning)
        # a sane price is not asked about
        self.inquiry.write({"answer_price": 140000})
        self.assertFalse(self.inquiry.answer_price_warning)

    def test_weekly_capacity(self):
        member = self.member_a1
        capability = self.env["umkm.capability"].create({"name": "Uji tenun"})
        capacity = self.env["umkm.member.capacity"].create(
            {"member_id": member.id, "capability_id": capability.id, "qty_per_week": 5}
        )
        url = f"/my/memberships/{member.id}"

        def submit(raw):
            return self.url_open(
                f"{url}/capacity",
                data={"csrf_token": self._token(url), f"capacity_{capacity.id}": raw},
                allow_redirects=False,
            )

        self.assert_typed_numbers(self._speak, submit, lambda: capacity.qty_per_week)
        # shown back in the member's notation
        self._speak("id_ID")
        capacity.qty_per_week = 1250.5
        self.assertIn('value="1.250,5"', self.url_open(url).text)

    def test_public_inquiry_quantity(self):
        headers = {}

        def speak(lang):
            headers.clear()
            headers.update(self._umkm_public_lang(lang))

        def submit(raw):
            page = self.url_open("/catalogue/katalog-uji", headers=headers)
            token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
            return self.url_open(
                "/catalogue/katalog-uji/inquiry",
                data={
                    "csrf_token": token,
                    "name": "Ibu Ratna",
                    "email": "ratna@example.com",
                    "message": "Berapa harga grosir?",
                    "qty": raw,
                },
                headers=headers,
                allow_redirects=False,
            )

        def stored():
            inquiry = self.env["umkm.catalogue.inquiry"].search(
                self._own + [("id", "!=", self.inquiry.id)], order="id desc", limit=1
            )
            qty = inquiry.qty
            inquiry.unlink()  # under the hourly limit of inquiries from one address
            return qty

        self.assert_typed_numbers(speak, submit, stored)
