"""Numbers typed in the trade cart, read in the person's language (``750.000`` is seven
hundred fifty thousand pieces for an Indonesian firm)."""

import re

from odoo.tests import HttpCase, tagged

from odoo.addons.umkm_cluster.tests.typed_numbers import TypedNumbersMixin
from odoo.addons.umkm_marketing.tests.common import MarketingCatalogueMixin
from odoo.addons.umkm_partnership.tests.common import PartnershipCase


@tagged("post_install", "-at_install")
class TestTypedNumbersOfTraders(
    TypedNumbersMixin, MarketingCatalogueMixin, PartnershipCase, HttpCase
):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_catalogue()

    def test_trade_cart_quantity(self):
        line = self.catalogue.line_ids.sorted("id")[:1]
        line.min_qty = 10
        self.agreement_b.write({"pattern": "distribusi_keagenan", "commission_percent": 5.0})

        def submit(raw):
            page = self.url_open("/my/trade")
            csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
            data = {
                "csrf_token": csrf,
                "agreement_id": str(self.agreement_b.id),
                f"qty_{line.id}": raw,
            }
            return self.url_open("/my/trade/order", data=data, allow_redirects=False)

        def stored():
            sale = self.env["sale.order"].search(
                [("partner_id", "=", self.firm_b.id)], order="id desc", limit=1
            )
            return sale.order_line.product_uom_qty

        rows = (
            ("750.000", 750000.0, 750.0),
            ("1.000", 1000.0, None),  # one piece is under the minimum of 10
            ("12,5", 12.5, None),
            ("1.250,5", 1250.5, None),
        )
        user = self.portal_firm_b
        self.assert_typed_numbers(
            lambda lang: self._umkm_speak(user, user.login, lang), submit, stored, rows=rows
        )
