"""Demand reaches the producer: a member sees the buyers' inquiries about its own products on
its portal (never the buyer's contact unless the cooperative shares it) and answers them."""

import re

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .catalogue_common import UmkmCatalogueCase


@tagged("post_install", "-at_install")
class TestProducerInquiries(UmkmCatalogueCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_1.password = "umkm_portal_1_pw"
        cls.portal_2.password = "umkm_portal_2_pw"
        Inquiry = cls.env["umkm.catalogue.inquiry"]
        cls.inquiry_1 = Inquiry.create(
            {
                "catalogue_id": cls.catalogue.id,
                "line_id": cls.line_approved_1.id,
                "name": "Ibu Ratna",
                "company_name": "PT Butik Kota",
                "email": "ratna@butik.example",
                "phone": "+62 812 1111 2222",
                "qty": 120,
                "message": "Bisa kirim 120 lembar sebelum Lebaran?",
            }
        )
        cls.inquiry_2 = Inquiry.create(
            {
                "catalogue_id": cls.catalogue.id,
                "line_id": cls.line_approved_2.id,
                "name": "Pak Budi",
                "email": "budi@toko.example",
                "qty": 40,
                "message": "Harga grosir untuk 40 kemeja?",
            }
        )

    def _login(self, user, password):
        self.authenticate(user.login, password)

    def _csrf(self, url):
        # every portal page carries the session's token (odoo.csrf_token)
        return re.search(r'csrf_token: "([^"]+)"', self.url_open(url).text).group(1)

    def test_producer_is_told_without_the_buyers_contact(self):
        message = self.inquiry_1.message_ids.filtered(
            lambda m: self.portal_1.partner_id in m.partner_ids
        )
        self.assertEqual(len(message), 1)
        self.assertIn("120", message.body)
        self.assertIn("/my/inquiries/%s" % self.inquiry_1.id, message.body)
        for secret in ("ratna@butik.example", "1111", "PT Butik Kota"):
            self.assertNotIn(secret, message.body)
        # the other member is not told
        self.assertFalse(
            self.inquiry_1.message_ids.filtered(lambda m: self.portal_2.partner_id in m.partner_ids)
        )

    def test_producer_sees_only_its_own_inquiries(self):
        self._login(self.portal_1, "umkm_portal_1_pw")
        page = self.url_open("/my/inquiries")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Kain Uji", page.text)
        self.assertNotIn("Kemeja Uji", page.text)
        detail = self.url_open(f"/my/inquiries/{self.inquiry_1.id}")
        self.assertIn("Bisa kirim 120 lembar", detail.text)
        for secret in ("ratna@butik.example", "1111 2222", "2222", "PT Butik Kota"):
            self.assertNotIn(secret, detail.text)
        # the producer can pass the demand on (to fellow makers), without the buyer's contact
        self.assertIn("https://wa.me/?text=A%20buyer%20asks%20for%20120%20of%20Kain", detail.text)
        # another producer's inquiry by id: back to the portal home, nothing shown
        other = self.url_open(f"/my/inquiries/{self.inquiry_2.id}", allow_redirects=False)
        self.assertIn(other.status_code, (302, 303))
        self.assertNotIn("Harga grosir", other.text)
        Inquiry = self.env["umkm.catalogue.inquiry"].with_user(self.portal_1)
        self.assertEqual(Inquiry.search([]), self.inquiry_1)
        with self.assertRaises(AccessError):
            self.inquiry_1.with_user(self.portal_1).read(["email"])
        with self.assertRaises(AccessError):
            self.inquiry_2.with_user(self.portal_1).read(["message"])
        with self.assertRaises(AccessError):
            self.inquiry_1.with_user(self.portal_1).write({"state": "closed"})

    def test_shared_contact_is_shown(self):
        self.inquiry_1.contact_shared = True
        self._login(self.portal_1, "umkm_portal_1_pw")
        detail = self.url_open(f"/my/inquiries/{self.inquiry_1.id}")
        self.assertIn("ratna@butik.example", detail.text)
        self.assertIn("PT Butik Kota", detail.text)

    def test_producer_answers(self):
        self._login(self.portal_1, "umkm_portal_1_pw")
        url = f"/my/inquiries/{self.inquiry_1.id}/answer"
        csrf = self._csrf(f"/my/inquiries/{self.inquiry_1.id}")
        good = {
            "csrf_token": csrf,
            "answer_qty": "100",
            "answer_lead_days": "21",
            "answer_price": "145000",
            "answer_note": "Sisanya 20 lembar bulan depan.",
        }
        for label, bad in {
            "negative": {"answer_qty": "-5"},
            "letters": {"answer_lead_days": "tiga minggu"},
            "fraction of a day": {"answer_lead_days": "2.5"},
            "infinite price": {"answer_price": "inf"},
            "missing": {"answer_price": ""},
            "huge note": {"answer_note": "x" * 3000},
        }.items():
            with self.subTest(label):
                response = self.url_open(url, data={**good, **bad})
                self.assertEqual(response.status_code, 400)
                self.assertIn("is-invalid", response.text)
        self.assertFalse(self.inquiry_1.answer_date)
        response = self.url_open(url, data=good)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_umkm_saved", response.text)
        self.assertEqual(
            (
                self.inquiry_1.answer_qty,
                self.inquiry_1.answer_lead_days,
                self.inquiry_1.answer_price,
            ),
            (100, 21, 145000),
        )
        self.assertTrue(self.inquiry_1.answer_date)
        # another producer cannot answer it, nor without a CSRF token
        self._login(self.portal_2, "umkm_portal_2_pw")
        csrf_2 = self._csrf("/my/inquiries")
        response = self.url_open(
            url, data={**good, "csrf_token": csrf_2, "answer_qty": "1"}, allow_redirects=False
        )
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(self.inquiry_1.answer_qty, 100)
        no_csrf = dict(good)
        del no_csrf["csrf_token"]
        self.assertEqual(self.url_open(url, data=no_csrf).status_code, 400)
        # a closed inquiry takes no answer
        self.inquiry_1.action_close()
        self._login(self.portal_1, "umkm_portal_1_pw")
        response = self.url_open(url, data={**good, "csrf_token": self._csrf("/my/inquiries")})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.inquiry_1.answer_qty, 100)

    def _count_queries(self, url):
        self.url_open(url)  # warm caches (templates, assets)
        before = self.cr.sql_log_count
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - before

    def test_inquiry_list_queries_do_not_grow(self):
        self._login(self.portal_1, "umkm_portal_1_pw")
        small = self._count_queries("/my/inquiries")
        self.env["umkm.catalogue.inquiry"].create(
            [
                {
                    "catalogue_id": self.catalogue.id,
                    "line_id": self.line_approved_1.id,
                    "name": f"Pembeli {i}",
                    "email": f"p{i}@example.com",
                    "qty": 10 + i,
                    "message": "Berapa harganya?",
                }
                for i in range(15)
            ]
        )
        self.env.flush_all()
        self.assertEqual(self._count_queries("/my/inquiries"), small)

    def test_tour_member_answers_on_a_phone(self):
        self.browser_size = "390x844"  # a phone
        self.portal_1.password = self.portal_1.login  # the tour logs in with its login
        self.start_tour(
            "/my/inquiries",
            "umkm_cluster_member_answers_inquiry",
            login=self.portal_1.login,
        )
        self.assertEqual(
            (
                self.inquiry_1.answer_qty,
                self.inquiry_1.answer_lead_days,
                self.inquiry_1.answer_price,
            ),
            (100, 21, 145000),
        )

    def test_market_summary(self):
        Inquiry = self.env["umkm.catalogue.inquiry"]
        # one of member 1's inquiries came two months ago
        old = Inquiry.create(
            {
                "catalogue_id": self.catalogue.id,
                "line_id": self.line_approved_1.id,
                "name": "Pembeli lama",
                "email": "lama@example.com",
                "qty": 30,
                "buyer_city": "Denpasar",
                "message": "Stok?",
            }
        )
        self.env.flush_all()
        two_months_ago = fields.Date.subtract(fields.Date.today(), months=2)
        self.env.cr.execute(
            "UPDATE umkm_catalogue_inquiry SET create_date = %s WHERE id = %s",
            (two_months_ago, old.id),
        )
        Inquiry.invalidate_model(["create_date"])
        counts = Inquiry.with_user(self.portal_1)._umkm_monthly_counts(
            [("member_id.partner_id", "=", self.sme_1.id)]
        )
        self.assertEqual(len(counts), 6)
        self.assertEqual([c for _m, c, _q in counts], [0, 0, 0, 1, 0, 1])
        self.assertEqual(counts[3][2], 30)
        # member 2's inquiries are not counted for member 1, even asked for
        counts = Inquiry.with_user(self.portal_1)._umkm_monthly_counts([])
        self.assertEqual(sum(c for _m, c, _q in counts), 2)
        # the cooperative's summary: per category, producer and buyer's region
        groups = Inquiry.with_user(self.officer_a)._read_group(
            [], ["categ_id", "buyer_city"], ["__count", "qty:sum"]
        )
        summary = {(categ.name, city): (count, qty) for categ, city, count, qty in groups}
        self.assertEqual(summary[("Test fabric", "Denpasar")], (1, 30))
        self.assertEqual(summary[("Test fabric", False)], (1, 120))
        self.assertEqual(summary[("Test wear", False)], (1, 40))
        # on the member's portal: a small chart of its six months
        self._login(self.portal_1, "umkm_portal_1_pw")
        page = self.url_open("/my/inquiries")
        self.assertEqual(
            re.findall(r'o_umkm_month_count">(\d+)<', page.text), ["0", "0", "0", "1", "0", "1"]
        )
