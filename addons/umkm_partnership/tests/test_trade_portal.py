"""Firms that trade the members' products: a cart of the cluster's catalogue at the agreed
prices, minimum quantities enforced, which becomes the sale → members' orders flow; the
agent's commission."""

import re

from odoo.tests import tagged

from .test_joint_marketing import JointMarketingCase


@tagged("post_install", "-at_install")
class TestTradePortal(JointMarketingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
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
