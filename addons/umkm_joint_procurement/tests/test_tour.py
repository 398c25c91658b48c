from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import ProcurementCase


@tagged("post_install", "-at_install")
class TestProcurementTour(ProcurementCase, HttpCase):
    def test_member_enters_demand_on_the_portal(self):
        kain = self.env["product.product"].create(
            {
                "name": "Tour kain mori",
                "is_storable": True,
                "uom_id": self.uom_meter.id,
                "uom_po_id": self.uom_meter.id,
                "seller_ids": [
                    Command.create({"partner_id": self.vendor_1.id, "price": 30.0}),
                    Command.create({"partner_id": self.vendor_1.id, "min_qty": 100, "price": 27.0}),
                ],
            }
        )
        malam = self.env["product.product"].create(
            {
                "name": "Tour malam",
                "is_storable": True,
                "uom_id": self.uom_kg.id,
                "uom_po_id": self.uom_kg.id,
                "seller_ids": [Command.create({"partner_id": self.vendor_2.id, "price": 50.0})],
            }
        )
        rnd = self._create_round(products=kain | malam)
        rnd.action_open()
        self.start_tour(
            "/my/procurement", "umkm_procurement_portal_demand", login=self.portal_1.login
        )
        demands = rnd.demand_ids.filtered(lambda d: d.member_id == self.member_1)
        self.assertEqual(
            sorted((d.product_id.name, d.qty) for d in demands),
            [("Tour kain mori", 60.0), ("Tour malam", 4.0)],
        )
        self.assertIn(rnd, self._refresh_totals())  # the job the member's saves triggered
        self.assertEqual(self._line(rnd, kain).next_tier_qty, 40.0)

    def test_manager_runs_the_round_in_the_backend(self):
        rnd = self._create_round(products=self.kain, title="Tour backend round")
        rnd.action_open()
        self._demand(rnd, self.member_1, self.kain, 120)
        self._refresh_totals()  # the job the member's save triggers, before the officer looks
        self.start_tour(
            "/odoo/action-umkm_joint_procurement.umkm_procurement_round_action",
            "umkm_procurement_backend_round",
            login=self.manager_a.login,
        )
        self.assertEqual(rnd.state, "ordered")
        self.assertEqual(rnd.purchase_ids.partner_id, self.vendor_1)
        self.assertEqual(rnd.purchase_ids.order_line.product_qty, 120)


@tagged("post_install", "-at_install")
class TestProcurementPhoneTour(ProcurementCase, HttpCase):
    """The member's pages at the width of a phone (390 px)."""

    browser_size = "390x844"

    def test_member_pages_fit_a_phone(self):
        done = self._create_round(
            products=self.kain | self.malam, title="Tour phone allocated round"
        )
        done.action_open()
        self._demand(done, self.member_1, self.kain, 120)
        self._demand(done, self.member_1, self.malam, 12)
        self._demand(done, self.member_2, self.malam, 8)
        self._close_and_receive(done)
        done.action_allocate()
        self.malam.name = "Tour phone malam"
        self.assertTrue(done.allocation_ids.filtered(lambda a: a.member_id == self.member_1))
        open_round = self._create_round(
            products=self.kain | self.malam,
            title="Tour phone open round: stock for Lebaran, the long title of a real round",
        )
        open_round.action_open()
        self._demand(open_round, self.member_1, self.kain, 40)
        self.start_tour("/my", "umkm_procurement_portal_phone", login=self.portal_1.login)


@tagged("post_install", "-at_install")
class TestInvoicesPhoneTour(ProcurementCase, HttpCase):
    """Odoo's invoice list of a member at the width of a phone (390 px)."""

    browser_size = "390x844"
    chart_template = "id"

    def test_invoice_list_keeps_number_date_amount_and_status(self):
        for price in (4479593, 1250000):
            invoice = self.env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.member_1.partner_id.id,
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Bahan bersama", "price_unit": price, "tax_ids": []}
                        )
                    ],
                }
            )
            invoice.action_post()
        self.start_tour("/my/invoices", "umkm_invoices_phone", login=self.portal_1.login)
