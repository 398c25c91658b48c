"""Where the users talk: phone numbers of members and buyers in E.164 (+62...), a WhatsApp
chat from the backend, share links (WhatsApp and copy) on the pages people pass around."""

import re
import unittest
from urllib.parse import parse_qs, urlparse

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, tagged

from odoo.addons.umkm_cluster.tools.identifiers import phone_e164
from odoo.addons.umkm_cluster.tools.share import whatsapp_chat_url, whatsapp_share_url

from .catalogue_common import UmkmCatalogueCase


class TestPhoneNumbers(unittest.TestCase):
    def test_e164(self):
        cases = {
            "0812-3456-7890": "+6281234567890",
            "+62 812 3456 7890": "+6281234567890",
            "62 812 3456 7890": "+6281234567890",
            "0062 812 3456 7890": "+6281234567890",
            "812 3456 7890": "+6281234567890",
            "(031) 896-1234": "+62318961234",
            "+1 415 555 2671": "+14155552671",
        }
        for raw, expected in cases.items():
            with self.subTest(raw):
                self.assertEqual(phone_e164(raw), expected)
        for bad in ("", "abc", "12", "0", "+62 812 abc", "1" * 20, "+0812"):
            with self.subTest(bad):
                self.assertIsNone(phone_e164(bad))

    def test_links(self):
        self.assertEqual(whatsapp_chat_url("+6281234567890"), "https://wa.me/6281234567890")
        self.assertFalse(whatsapp_chat_url(None))
        url = whatsapp_share_url("Kain batik & kemeja", "https://x.id/catalogue/a?b=1#p-2")
        parsed = urlparse(url)
        self.assertEqual((parsed.scheme, parsed.netloc, parsed.path), ("https", "wa.me", "/"))
        self.assertEqual(
            parse_qs(parsed.query)["text"], ["Kain batik & kemeja https://x.id/catalogue/a?b=1#p-2"]
        )


@tagged("post_install", "-at_install")
class TestPhoneAndShare(UmkmCatalogueCase, HttpCase):
    def test_member_phones_are_stored_in_e164(self):
        self.sme_1.phone = "0812 3456 7890"
        self.assertEqual(self.sme_1.phone, "+6281234567890")
        self.assertEqual(self.member_a1.whatsapp_url, "https://wa.me/6281234567890")
        with self.assertRaises(ValidationError):
            self.sme_1.phone = "call me"
        self.assertEqual(self.sme_1.phone, "+6281234567890")
        # a business that becomes a member gets its number written as E.164
        sme = self.env["res.partner"].create({"name": "SME Baru", "phone": "031 896 1234"})
        self.assertEqual(sme.phone, "031 896 1234")  # not a member: as typed
        self.env["umkm.member"].create({"partner_id": sme.id, "cluster_id": self.cluster_a.id})
        self.assertEqual(sme.phone, "+62318961234")

    def test_buyer_phone_from_the_public_form(self):
        csrf = re.search(
            r'name="csrf_token" value="([^"]+)"', self.url_open("/catalogue/katalog-uji").text
        ).group(1)
        data = {
            "csrf_token": csrf,
            "name": "Ibu Sari",
            "email": "sari@example.com",
            "message": "Harga grosir?",
            "line_id": str(self.line_approved_1.id),
            "phone": "nomor saya",
        }
        response = self.url_open("/catalogue/katalog-uji/inquiry", data=data)
        self.assertIn("is-invalid", response.text)
        Inquiry = self.env["umkm.catalogue.inquiry"]
        self.assertFalse(Inquiry.search([("catalogue_id", "=", self.catalogue.id)]))
        data["phone"] = "0813-1111-2222"
        self.url_open("/catalogue/katalog-uji/inquiry", data=data)
        inquiry = Inquiry.search([("catalogue_id", "=", self.catalogue.id)])
        self.assertEqual(inquiry.phone, "+6281311112222")
        self.assertEqual(inquiry.whatsapp_url, "https://wa.me/6281311112222")

    def test_catalogue_page_has_share_links(self):
        page = self.url_open("/catalogue/katalog-uji")
        links = re.findall(
            r'class="btn btn-sm btn-success o_umkm_whatsapp"[^>]*href="([^"]+)"', page.text
        )
        links += re.findall(r'href="(https://wa\.me/\?text=[^"]+)"', page.text)
        self.assertTrue(links)
        texts = [parse_qs(urlparse(link.replace("&amp;", "&")).query)["text"][0] for link in links]
        # the catalogue itself and every product on the page
        self.assertTrue(
            any("/catalogue/katalog-uji#product-%s" % self.line_approved_1.id in t for t in texts)
        )
        self.assertTrue(
            any("/catalogue/katalog-uji#product-%s" % self.line_approved_2.id in t for t in texts)
        )
        self.assertTrue(any(t.endswith("/catalogue/katalog-uji") for t in texts))
        self.assertIn(
            "Products of Cluster A: http", "\n".join(texts)
        )  # the page's own text, without markup
        self.assertTrue(any(t.startswith("Kain Uji & <Motif> — Katalog Uji") for t in texts))
        self.assertIn("o_umkm_copy_link", page.text)
        # a private catalogue's link carries its token, so the receiver can open it
        self.private.is_published = False
        line = self._make_line(self.member_a1, "Produk Pribadi", 1000, 5, catalogue=self.private)
        line.action_approve()
        token = self.private.access_token
        page = self.url_open(f"/catalogue/{self.private.slug}?access_token={token}")
        self.assertIn(f"access_token%3D{token}", page.text)
