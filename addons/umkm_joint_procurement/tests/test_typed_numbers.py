"""A member's demand typed in its language: ``1.000`` metres are a thousand for an Indonesian
member, one for an English one; ``12,5`` is never guessed in English."""

import re

from odoo.tests import HttpCase, tagged

from odoo.addons.umkm_cluster.tests.typed_numbers import TypedNumbersMixin

from .common import ProcurementCase


@tagged("post_install", "-at_install")
class TestTypedDemand(TypedNumbersMixin, ProcurementCase, HttpCase):
    def test_demand_quantity(self):
        round_ = self._create_round(products=self.kain)
        round_.action_open()
        url = f"/my/procurement/{round_.id}"
        user = self.portal_1

        def submit(raw):
            token = re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(url).text)
            data = {
                "csrf_token": token.group(1),
                "product_id": self.kain.id,
                "uom_id": self.uom_meter.id,
                "qty": raw,
            }
            return self.url_open(f"{url}/demand", data=data, allow_redirects=False)

        def stored():
            demand = round_.demand_ids.filtered(
                lambda d: d.member_id == self.member_1 and d.state != "cancel"
            )
            return demand.qty

        rows = (
            ("7.500", 7500.0, 7.5),
            ("1.000", 1000.0, 1.0),
            ("12,5", 12.5, None),
            ("1.250,5", 1250.5, None),
        )
        self.assert_typed_numbers(
            lambda lang: self._umkm_speak(user, f"{user.login}_pw", lang), submit, stored, rows
        )
        # shown back in the member's notation
        stored_demand = round_.demand_ids.filtered(lambda d: d.member_id == self.member_1)
        stored_demand.qty = 1250.5
        self._umkm_speak(user, f"{user.login}_pw", "id_ID")
        self.assertIn('value="1.250,5"', self.url_open(url).text)
