"""Numbers typed on the partnership's portal and public forms, read in the person's language
(``175.000`` is a hundred seventy-five thousand rupiah for an Indonesian firm, never Rp 175)."""

import re
from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.umkm_cluster.tests.typed_numbers import TypedNumbersMixin

from .common import SubcontractPortalCase


@tagged("post_install", "-at_install")
class TestTypedNumbersOfFirmsAndMembers(TypedNumbersMixin, SubcontractPortalCase):
    def _token(self, url):
        return re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(url).text).group(1)

    def _order_form(self, **values):
        data = {
            "csrf_token": self._token("/my/subcontracts/new"),
            "agreement_id": str(self.agreement_a.id),
            "capability_id": str(self.cap_sew.id),
            "uom_id": str(self.unit.id),
            "description": "Kemeja batik",
            "qty": "24",
            "date_due": str(self.today + timedelta(days=21)),
        }
        data.update(values)
        return self.url_open("/my/subcontracts/new", data=data, allow_redirects=False)

    def _last_order(self):
        return self.env["umkm.subcontract.order"].search(
            [("partner_id", "=", self.firm_a.id)], order="id desc", limit=1
        )

    def _speak_firm(self, lang):
        self._umkm_speak(self.portal_firm_a, self.portal_firm_a.login, lang)

    def test_order_quantity(self):
        self.assert_typed_numbers(
            self._speak_firm, lambda raw: self._order_form(qty=raw), lambda: self._last_order().qty
        )

    def test_order_target_price_far_from_the_agreement_is_asked_about(self):
        """The firm's last confirmed order paid Rp 50.000 a piece: Rp 175 is asked about,
        175.000 is taken, and a confirmed odd price is flagged in the backend."""
        self._speak_firm("id_ID")
        before = self._last_order()
        response = self._order_form(unit_price="175")
        self.assertEqual(response.status_code, 400)
        self.assertIn("50.000", response.text)
        self.assertIn('name="unit_price_confirmed"', response.text)
        self.assertEqual(self._last_order(), before)
        self.assertLess(self._order_form(unit_price="175.000").status_code, 400)
        self.assertEqual(self._last_order().unit_price, 175000)
        self.assertFalse(self._last_order().price_warning)
        self.assertLess(
            self._order_form(unit_price="175", unit_price_confirmed="1").status_code, 400
        )
        order = self._last_order()
        self.assertEqual(order.unit_price, 175)
        self.assertIn("50.000", order.with_context(lang="id_ID").price_warning)

    def test_progress_in_the_members_language(self):
        url = f"/my/assignments/{self.line_1.id}"
        self.line_1.action_accept()
        self._umkm_speak(self.portal_member_1, self.portal_member_1.login, "id_ID")
        response = self.url_open(
            f"{url}/progress",
            data={"csrf_token": self._token(url), "qty_done": "12,5"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.env.invalidate_all()
        self.assertEqual(self.line_1.qty_reported, 12.5)
        self.assertIn('value="12,5"', self.url_open(url).text)
        self._umkm_speak(self.portal_member_1, self.portal_member_1.login, "en_US")
        response = self.url_open(
            f"{url}/progress", data={"csrf_token": self._token(url), "qty_done": "13,5"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("o_umkm_error", response.text)
        self.env.invalidate_all()
        self.assertEqual(self.line_1.qty_reported, 12.5)

    def test_error_text_in_the_url_is_never_shown(self):
        """``?error=`` is not read: the page shows only the server's own messages."""
        self._login(self.portal_member_1)
        fake = "Akun Anda diblokir. Transfer Rp 500.000 ke rekening 123"
        page = self.url_open(f"/my/assignments/{self.line_1.id}?error={fake}&message={fake}")
        self.assertEqual(page.status_code, 200)
        # (Odoo's language switcher in the footer links to the same URL, escaped)
        main = page.text.split("<main>", 1)[1].split("</main>", 1)[0]
        self.assertNotIn("diblokir", main)
        self.assertNotIn("o_umkm_error", main)


@tagged("post_install", "-at_install")
class TestTypedNumbersOfVisitors(TypedNumbersMixin, SubcontractPortalCase):
    def test_partner_request_quantity(self):
        self.cluster.public_profile = True
        headers = {}

        def speak(lang):
            headers.clear()
            headers.update(self._umkm_public_lang(lang))

        def submit(raw):
            page = self.url_open(f"/cluster/{self.cluster.id}", headers=headers)
            csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
            data = {
                "csrf_token": csrf,
                "firm_name": "PT Garmen Baru",
                "name": "Bu Rina",
                "email": "rina@garmenbaru.example",
                "capability_id": str(self.cap_sew.id),
                "qty": raw,
                "message": "Kami butuh kemeja batik.",
            }
            return self.url_open(
                f"/cluster/{self.cluster.id}/request",
                data=data,
                headers=headers,
                allow_redirects=False,
            )

        def stored():
            request = self.env["umkm.partnership.request"].search([], order="id desc", limit=1)
            qty = request.qty
            request.unlink()  # under the hourly limit of requests from one connection
            return qty

        self.assert_typed_numbers(speak, submit, stored)
