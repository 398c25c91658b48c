from datetime import timedelta

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import PDF, PartnershipCase


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

    def test_member_downloads_the_drawing_and_reports_lot_1(self):
        order = self.env["umkm.subcontract.order"].create(
            {
                "agreement_id": self.agreement_a.id,
                "capability_id": self.cap_sew.id,
                "description": "Kemeja dua kiriman",
                "unit_price": 100000,
                "lot_ids": [
                    Command.create({"qty": 10, "date_due": self.today + timedelta(days=7)}),
                    Command.create({"qty": 10, "date_due": self.today + timedelta(days=21)}),
                ],
            }
        )
        self.env["ir.attachment"].create(
            {
                "name": "gambar-kemeja.pdf",
                "raw": PDF,
                "res_model": order._name,
                "res_id": order.id,
            }
        )
        order.action_submit()
        order.action_confirm()
        self._split(order)
        lot_1 = order.lot_ids.sorted("date_due")[0]
        work = order.assignment_ids.filtered(
            lambda a: a.member_id == self.member_1 and a.lot_id == lot_1
        )
        self.assertTrue(work)
        order.assignment_ids.filtered(lambda a: a.member_id == self.member_1).action_accept()
        self.start_tour(
            "/my/assignments",
            "umkm_partnership_member_lot_progress",
            login=self.portal_member_1.login,
        )
        self.assertEqual(work.qty_reported, 6)
        self.assertEqual(lot_1.qty_done, 6)
        self.assertEqual(work.state, "in_progress")

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
