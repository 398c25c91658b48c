from odoo.tests import HttpCase, tagged

from .common import PartnershipCase


@tagged("post_install", "-at_install")
class TestPartnershipTours(PartnershipCase, HttpCase):
    def test_firm_places_an_order_with_attachment(self):
        before = self.env["umkm.subcontract.order"].search([("partner_id", "=", self.firm_a.id)])
        self.start_tour(
            "/my/subcontracts",
            "umkm_partnership_firm_order",
            login=self.portal_firm_a.login,
        )
        order = (
            self.env["umkm.subcontract.order"].search([("partner_id", "=", self.firm_a.id)])
            - before
        )
        self.assertEqual(len(order), 1)
        self.assertEqual(order.state, "submitted")
        self.assertEqual(order.qty, 12)
        self.assertEqual(order.capability_id, self.cap_sew)
        self.assertEqual(order.attachment_ids.mapped("name"), ["pola-tur.pdf"])

    def test_member_accepts_and_reports_progress(self):
        order = self._confirmed_order(qty=10)
        self._split(order)
        line = order.assignment_ids
        self.assertEqual(line.member_id, self.member_1)
        self.start_tour(
            "/my/assignments", "umkm_partnership_member_accept", login=self.portal_member_1.login
        )
        self.assertEqual(line.state, "in_progress")
        self.assertEqual(line.qty_reported, 7)
        self.assertTrue(line.purchase_order_id)

    def test_manager_splits_in_the_backend(self):
        order = self._order(qty=30, weeks=2)
        order.description = "Kemeja tur backend"
        order.action_submit()
        order.action_confirm()
        self.start_tour(
            "/odoo/action-umkm_partnership.umkm_subcontract_order_action",
            "umkm_partnership_backend_split",
            login=self.manager.login,
        )
        self.assertEqual(order.state, "assigned")
        self.assertEqual(sum(order.assignment_ids.mapped("qty")), 30)
