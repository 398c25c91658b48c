"""Vendors answer a round's request for quotation on Odoo's purchase portal."""

import re
from datetime import timedelta

from odoo.tests import HttpCase, tagged

from odoo.addons.umkm_cluster.tests.common import load_indonesian

from .common import BidCase


@tagged("post_install", "-at_install")
class TestBidPortal(BidCase, HttpCase):
    def _post(self, order, data, page=None):
        page = page or order
        html = self.url_open(f"/my/purchase/{page.id}").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', html)
        token = (
            token.group(1)
            if token
            else self.url_open("/my").text.split('csrf_token: "')[1].split('"')[0]
        )
        return self.url_open(
            f"/my/purchase/{order.id}/bid",
            data={"csrf_token": token, **data},
            allow_redirects=False,
        )

    def _speak(self, vendor, lang):
        user = self.vendor_users[vendor]
        self.env["res.lang"]._activate_lang(lang)
        user.lang = lang
        self.authenticate(user.login, f"{user.login}_pw")

    def test_vendor_answers_its_own_rfq_only(self):
        rnd = self._closed_round()
        bids = self._call(rnd, self.vendor_1 | self.vendor_2 | self.vendor_3)
        own, other = bids[self.vendor_1], bids[self.vendor_2]
        load_indonesian(self.env, "umkm_procurement_bid")
        self._speak(self.vendor_1, "id_ID")
        page = self.url_open(f"/my/purchase/{own.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn('id="umkm_bid_form"', page.text)
        self.assertIn("Penawaran Anda", page.text)
        # another vendor's request: not shown, not answered
        response = self.url_open(f"/my/purchase/{other.id}")
        self.assertRegex(response.url, r"/my$")
        self.assertNotIn(other.name, response.text)
        response = self._post(
            other, {f"price_{other.order_line.id}": "1", "lead_days": "1"}, page=own
        )
        self.assertEqual(response.status_code, 303)
        self.assertRegex(response.headers["Location"], r"/my(\?.*)?$")
        self.assertFalse(other.umkm_bid_answered_on)
        self.assertEqual(other.order_line.price_unit, 0)
        # bad numbers: the form again with its errors, nothing stored
        response = self._post(own, {f"price_{own.order_line.id}": "dua puluh", "lead_days": "2,5"})
        self.assertEqual(response.status_code, 400)
        self.assertNotIn("Traceback", response.text)
        self.assertIn("is-invalid", response.text)
        self.assertIn("Masukkan harga satuan sebagai angka, mis. 25.000.", response.text)
        self.assertFalse(own.umkm_bid_answered_on)
        # typed in Indonesian: 24.000 is twenty-four thousand
        response = self._post(own, {f"price_{own.order_line.id}": "24.000", "lead_days": "7"})
        self.assertEqual(response.status_code, 303, response.text[-2000:])
        self.env.invalidate_all()
        self.assertEqual(own.order_line.price_unit, 24000.0)
        self.assertEqual(own.umkm_bid_lead_days, 7)
        self.assertEqual(own.umkm_bid_status, "on_time")
        # in English, 26,500.5 is a price with decimals; after the reply-by date, marked late
        own.umkm_bid_reply_by = own.umkm_bid_reply_by - timedelta(days=5)
        self._speak(self.vendor_1, "en_US")
        response = self._post(own, {f"price_{own.order_line.id}": "26,500.5", "lead_days": "6"})
        self.assertEqual(response.status_code, 303)
        self.env.invalidate_all()
        self.assertEqual(own.order_line.price_unit, 26500.5)
        self.assertEqual(own.umkm_bid_lead_days, 6)
        self.assertEqual(own.umkm_bid_status, "late")
        self.assertEqual(rnd.bid_ids.mapped("umkm_bid_status").count("no_answer"), 2)
        # once the bids are confirmed, no more answers
        own.umkm_bid_chosen = True
        rnd.action_confirm_bids()
        self.assertNotIn('id="umkm_bid_form"', self.url_open(f"/my/purchase/{own.id}").text)
        response = self._post(own, {f"price_{own.order_line.id}": "1", "lead_days": "1"})
        self.assertEqual(response.status_code, 303)
        self.assertEqual(own.order_line.price_unit, 26500.5)

    def test_a_member_of_the_round_cannot_answer(self):
        rnd = self._closed_round()
        bid = self._call(rnd, self.vendor_1)[self.vendor_1]
        self.authenticate("proc_portal_1", "proc_portal_1_pw")
        response = self.url_open(f"/my/purchase/{bid.id}")
        self.assertRegex(response.url, r"/my$")
        self.assertNotIn('id="umkm_bid_form"', response.text)

    def test_any_text_is_a_form_error_never_a_server_error(self):
        rnd = self._closed_round()
        bid = self._call(rnd, self.vendor_1)[self.vendor_1]
        self._speak(self.vendor_1, "id_ID")
        key = f"price_{bid.order_line.id}"
        typed = ["", "nan", "inf", "-5", "1e400", "9" * 400, "abc", "0x10", "1_000"]
        for raw in typed:
            for data in ({key: raw, "lead_days": "3"}, {key: "25.000", "lead_days": raw}):
                with self.subTest(data=data):
                    response = self._post(bid, data)
                    self.assertEqual(response.status_code, 400, response.text[-1000:])
                    self.assertIn("is-invalid", response.text)
        # a missing line price, and no CSRF token: refused
        self.assertEqual(self._post(bid, {"lead_days": "3"}).status_code, 400)
        response = self.url_open(
            f"/my/purchase/{bid.id}/bid", data={key: "1", "lead_days": "1"}, allow_redirects=False
        )
        self.assertEqual(response.status_code, 400)
        self.env.invalidate_all()
        self.assertFalse(bid.umkm_bid_answered_on)
        self.assertEqual(bid.order_line.price_unit, 0)

    def test_vendor_answers_its_volume_prices_in_its_language(self):
        rnd = self._closed_round()  # kain: 141 m
        bid = self._call(rnd, self.vendor_1)[self.vendor_1]
        line = bid.order_line
        load_indonesian(self.env, "umkm_procurement_bid")
        self._speak(self.vendor_1, "id_ID")
        self.assertIn(f'name="tier_qty_{line.id}_0"', self.url_open(f"/my/purchase/{bid.id}").text)
        # a tier row half filled, a quantity twice, a price that disagrees: form errors
        cases = [
            ({f"tier_qty_{line.id}_0": "100"}, f"tier_price_{line.id}_0"),
            (
                {
                    f"tier_qty_{line.id}_0": "100",
                    f"tier_price_{line.id}_0": "24.000",
                    f"tier_qty_{line.id}_1": "100",
                    f"tier_price_{line.id}_1": "23.000",
                },
                f"tier_qty_{line.id}_1",
            ),
            (
                {
                    f"price_{line.id}": "25.000",
                    f"tier_qty_{line.id}_0": "100",
                    f"tier_price_{line.id}_0": "24.000",
                },
                f"price_{line.id}",
            ),
            ({f"tier_qty_{line.id}_0": "300", f"tier_price_{line.id}_0": "22.000"}, None),
        ]
        for data, field in cases:
            with self.subTest(data=data):
                response = self._post(bid, {"lead_days": "4", **data})
                self.assertEqual(response.status_code, 400)
                self.assertNotIn("Traceback", response.text)
                if field:
                    self.assertRegex(response.text, rf'name="{field}"\s[^>]*is-invalid')
        response = self._post(bid, cases[2][0] | {"lead_days": "4"})
        self.assertIn("Harga volume Anda memberi 24.000", response.text)
        self.env.invalidate_all()
        self.assertFalse(bid.umkm_bid_answered_on)
        self.assertFalse(line.umkm_bid_tier_ids)
        # Indonesian numbers, the price at 141 m from the tier that applies (100 m)
        response = self._post(
            bid,
            {
                "lead_days": "4",
                f"price_{line.id}": "",
                f"tier_qty_{line.id}_0": "1.000",
                f"tier_price_{line.id}_0": "21.500",
                f"tier_qty_{line.id}_1": "100",
                f"tier_price_{line.id}_1": "24.000",
            },
        )
        self.assertEqual(response.status_code, 303, response.text[-2000:])
        self.env.invalidate_all()
        self.assertEqual(line.price_unit, 24000.0)
        self.assertEqual(
            [(t.min_qty, t.price_unit) for t in line.umkm_bid_tier_ids],
            [(100.0, 24000.0), (1000.0, 21500.0)],
        )
        page = self.url_open(f"/my/purchase/{bid.id}").text
        self.assertIn('value="1.000"', page)
        self.assertIn('value="21.500"', page)
