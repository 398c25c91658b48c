import re

from odoo.tests import HttpCase, tagged

from odoo.addons.umkm_cluster.tests.common import load_indonesian
from odoo.addons.umkm_marketing.tests.common import MarketingCase


@tagged("post_install", "-at_install")
class TestJointSaleAdvancePortal(MarketingCase, HttpCase):
    """The member asks for an advance on the page of its accepted order of a joint sale."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cluster.write({"advance_max_percent": 30.0})

    def _csrf(self):
        return re.search(r'csrf_token: "([^"]+)"', self.url_open("/my").text).group(1)

    def test_member_asks_on_its_order_page(self):
        load_indonesian(self.env, "umkm_advance")
        self.portal_member_2.lang = "id_ID"
        sale = self._sale()
        purchase = sale.order_line[1].umkm_purchase_line_ids.order_id  # 2,700,000
        self.authenticate(self.portal_member_2.login, self.portal_member_2.login)
        # not accepted yet: no advance on the page
        page = self.url_open(f"/my/purchase/{purchase.id}")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("o_umkm_advance_form", page.text)
        purchase._umkm_member_accept()
        page = self.url_open(f"/my/purchase/{purchase.id}")
        self.assertIn("o_umkm_advance_form", page.text)
        self.assertIn("810.000", page.text)  # 30%, in the member's notation
        csrf = self._csrf()
        response = self.url_open(
            "/my/advances/new",
            data={"csrf_token": csrf, "purchase_order_id": str(purchase.id), "amount": "900.000"},
        )
        self.assertIn("Paling banyak", response.text)
        self.assertFalse(purchase.umkm_advance_ids)
        response = self.url_open(
            "/my/advances/new",
            data={"csrf_token": csrf, "purchase_order_id": str(purchase.id), "amount": "800.000"},
        )
        self.assertIn("message=asked", response.url)
        self.assertEqual(purchase.umkm_advance_ids.amount, 800000)
        # member 1 cannot ask on member 2's order
        self.authenticate(self.portal_member_1.login, self.portal_member_1.login)
        response = self.url_open(
            "/my/advances/new",
            data={"csrf_token": self._csrf(), "purchase_order_id": str(purchase.id), "amount": "1"},
        )
        self.assertIn("umkm_refused=1", response.url)
        self.assertEqual(len(purchase.umkm_advance_ids), 1)
