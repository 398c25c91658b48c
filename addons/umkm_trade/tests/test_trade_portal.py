"""Firms that trade the members' products: a cart of the cluster's catalogue at the agreed
prices, minimum quantities enforced, which becomes the sale → members' orders flow; the
agent's commission."""

import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.umkm_marketing.tests.common import MarketingCatalogueMixin
from odoo.addons.umkm_partnership.tests.common import PartnershipCase


@tagged("post_install", "-at_install")
class TestTradePortal(MarketingCatalogueMixin, PartnershipCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_catalogue()
        cls.agreement_b.write({"pattern": "distribusi_keagenan", "commission_percent": 5.0})
        cls.lines = cls.catalogue.line_ids.sorted("id")
        cls.lines.write({"min_qty": 10})

    def _cart(self, **quantities):
        page = self.url_open("/my/trade")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        data = {"csrf_token": csrf, "agreement_id": str(self.agreement_b.id)}
        data.update(quantities)
        return self.url_open("/my/trade/order", data=data)

    def _sales(self):
        return self.env["sale.order"].search([("partner_id", "=", self.firm_b.id)])

    def test_agent_orders_and_earns_its_commission(self):
        self.authenticate(self.portal_firm_b.login, self.portal_firm_b.login)
        page = self.url_open("/my/trade")
        for line in self.lines:
            self.assertIn(line.product_tmpl_id.name, page.text)
        first, second, third = self.lines
        response = self._cart(
            **{f"qty_{first.id}": "12", f"qty_{second.id}": "20", f"qty_{third.id}": ""}
        )
        self.assertEqual(response.status_code, 200)
        sale = self._sales()
        self.assertEqual(len(sale), 1)
        self.assertEqual(sale.state, "sent")
        self.assertEqual(sale.umkm_agreement_id, self.agreement_b)
        self.assertEqual(
            sorted(sale.order_line.mapped("price_unit")), [150000, 200000]
        )  # the catalogue's wholesale prices (no agreed pricelist)
        # 5% of 12 × 200,000 + 20 × 150,000 = 5% of 5,400,000
        self.assertEqual(sale.amount_untaxed, 5_400_000)
        self.assertEqual(sale.umkm_commission_amount, 270_000)
        self.assertIn("o_umkm_commission", response.text)
        # the cooperative confirms: the members' orders follow, line by line
        sale.action_confirm()
        self.assertEqual(len(sale.umkm_member_purchase_ids), 2)
        self.assertExact(sale)

    def test_cart_refuses_bad_quantities_and_foreign_products(self):
        self.authenticate(self.portal_firm_b.login, self.portal_firm_b.login)
        first = self.lines[0]
        outsider = self.env["umkm.catalogue"].create(
            {"name": "Katalog lain", "cluster_id": self.cluster_other.id}
        )
        outside_member = self._make_members(self.cluster_other, self.cap_sew, [(10, 90)], "Luar")
        template = self.env["product.template"].create(
            {"name": "Produk luar", "umkm_member_id": outside_member.id}
        )
        foreign = self.env["umkm.catalogue.line"].create(
            {
                "catalogue_id": outsider.id,
                "product_tmpl_id": template.id,
                "wholesale_price": 1000,
                "min_qty": 1,
            }
        )
        foreign.action_approve()
        for label, data in {
            "under the minimum": {f"qty_{first.id}": "5"},
            "letters": {f"qty_{first.id}": "sepuluh"},
            "negative": {f"qty_{first.id}": "-10"},
            "product of another cluster": {f"qty_{foreign.id}": "10"},
            "forged id": {"qty_999999": "10"},
            "empty cart": {},
        }.items():
            with self.subTest(label):
                response = self._cart(**data)
                self.assertEqual(response.status_code, 400)
        self.assertFalse(self._sales())
        # a firm under a subcontracting agreement has no catalogue to order from
        self.authenticate(self.portal_firm_a.login, self.portal_firm_a.login)
        page = self.url_open("/my/trade")
        self.assertNotIn("o_umkm_trade_submit", page.text)

    def test_firm_sees_its_order_went_to_the_cooperative(self):
        """Issue 24, item 7: no "Sign & Pay" on an order the cooperative has not confirmed;
        the firm reads that it was received, what comes next and when it is delivered."""
        self.lines.lead_time_days = 21
        self.authenticate(self.portal_firm_b.login, self.portal_firm_b.login)
        response = self._cart(**{f"qty_{self.lines[0].id}": "12"})
        self.assertEqual(response.status_code, 200)
        sale = self._sales()
        self.assertEqual(sale.state, "sent")
        self.assertFalse(sale.require_signature or sale.require_payment)
        self.assertFalse(sale._has_to_be_signed() or sale._has_to_be_paid())
        self.assertIn("message=umkm_sent", response.url)
        self.assertIn("o_umkm_trade_sent", response.text)
        self.assertIn("o_umkm_trade_next", response.text)
        self.assertNotIn('data-bs-target="#modalaccept"', response.text)
        expected = fields.Date.context_today(sale, sale.commitment_date)
        self.assertEqual(expected, fields.Date.context_today(sale) + timedelta(days=21))
        date_block = response.text[response.text.index("o_umkm_trade_date") :]
        date_format = self.env["res.lang"]._get_data(code=self.portal_firm_b.lang).date_format
        self.assertIn(expected.strftime(date_format), date_block[:300])
        # an officer asking for a signature on it does not put the firm to sign either
        sale.require_signature = True
        page = self.url_open(sale.get_portal_url())
        self.assertNotIn('data-bs-target="#modalaccept"', page.text)
        self.assertNotIn("o_umkm_trade_sent", page.text)  # said once, after sending
        self.assertIn("o_umkm_trade_next", page.text)
        # once the cooperative confirms, nothing waits any more
        sale.action_confirm()
        page = self.url_open(sale.get_portal_url())
        self.assertNotIn("o_umkm_trade_next", page.text)
