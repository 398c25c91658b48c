import re

from odoo.tests import tagged

from odoo.addons.umkm_cluster.tests.common import load_indonesian
from odoo.addons.umkm_partnership.tests.common import SubcontractPortalCase


@tagged("post_install", "-at_install")
class TestAdvancePortal(SubcontractPortalCase):
    """The member asks on the portal, typing the amount in its language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cluster.write({"advance_max_percent": 30.0, "advance_max_outstanding": 0.0})
        cls.line_1.action_accept()
        cls.purchase = cls.line_1.purchase_order_id
        # the member's work is worth its order's total; 30% of it may be advanced
        cls.maximum = cls.env["umkm.advance"]._umkm_maximum(cls.purchase)[0]

    def _token(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _ask(self, amount, purchase=None):
        token = self._token("/my/account")
        return self.url_open(
            "/my/advances/new",
            data={
                "csrf_token": token,
                "purchase_order_id": str((purchase or self.purchase).id),
                "amount": amount,
            },
        )

    def test_above_the_maximum_refused_in_indonesian(self):
        load_indonesian(self.env, "umkm_advance")
        self.portal_member_1.lang = "id_ID"
        self._login(self.portal_member_1)
        self.assertLess(self.maximum, 1_000_000)
        response = self._ask("1.000.000")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Paling banyak", response.text)
        formatted = f"{int(self.maximum):,}".replace(",", ".")
        self.assertIn(formatted, response.text)
        self.assertIn('value="1.000.000"', response.text)
        self.assertFalse(
            self.env["umkm.advance"].search([("purchase_order_id", "=", self.purchase.id)])
        )

    def test_amount_in_the_members_language(self):
        load_indonesian(self.env, "umkm_advance")
        self.portal_member_1.lang = "id_ID"
        self._login(self.portal_member_1)
        response = self._ask("150.000")
        self.assertEqual(response.status_code, 200)
        advance = self.env["umkm.advance"].search([("purchase_order_id", "=", self.purchase.id)])
        self.assertEqual((advance.amount, advance.state), (150000, "requested"))
        self.assertEqual(advance.member_id, self.member_1)
        page = self.url_open("/my/advances")
        self.assertIn(advance.name, page.text)
        page = self.url_open(f"/my/assignments/{self.line_1.id}")
        self.assertIn("o_umkm_assignment_advance", page.text)
        # not a number: the form says so, nothing is asked
        response = self._ask("seratus")
        self.assertIn("o_umkm_error", response.text)
        self.assertEqual(
            self.env["umkm.advance"].search_count([("purchase_order_id", "=", self.purchase.id)]),
            1,
        )

    def test_another_members_work_is_refused(self):
        self.line_2.action_accept()
        self._login(self.portal_member_1)
        response = self._ask("1000", purchase=self.line_2.purchase_order_id)
        self.assertIn("umkm_refused=1", response.url)
        self.assertFalse(
            self.env["umkm.advance"]
            .search([])
            .filtered(lambda a: a.purchase_order_id == self.line_2.purchase_order_id)
        )
        # a firm has no accepted work to ask on
        self._login(self.portal_firm_a)
        response = self._ask("1000")
        self.assertIn("umkm_refused=1", response.url)
