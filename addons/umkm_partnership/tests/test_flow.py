from datetime import timedelta

import psycopg2

from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from .common import PartnershipCase


class TestSubcontractFlow(PartnershipCase):
    def test_full_flow(self):
        order = self._order(qty=30, weeks=2, price=100000.0)
        self.assertTrue(order.name.startswith("SUB/"))
        self.assertEqual(order.partner_id, self.firm_a)
        self.assertEqual(order.cluster_id, self.cluster)
        order.action_submit()
        self.assertEqual(order.state, "submitted")
        order.action_confirm()
        self.assertEqual(order.state, "confirmed")
        sale = order.sale_order_id
        self.assertEqual(sale.partner_id, self.firm_a)
        self.assertEqual(sale.state, "sale")
        self.assertEqual(sale.order_line.product_uom_qty, 30)
        self.assertEqual(sale.order_line.price_unit, 100000.0)
        self.assertEqual(sale.amount_untaxed, 3000000.0)

        # split: 10/week x 2 weeks = 20 free each, best on-time rate first
        self._split(order)
        self.assertEqual(order.state, "assigned")
        lines = order.assignment_ids
        self.assertEqual(
            {(a.member_id, a.qty) for a in lines}, {(self.member_1, 20), (self.member_2, 10)}
        )
        self.assertEqual(order.qty_open, 0)
        # member price = firm price less the 10 % margin
        self.assertEqual(set(lines.mapped("unit_price")), {90000.0})

        # member 2 declines: its work returns to the pool and goes to someone else
        line_2 = lines.filtered(lambda a: a.member_id == self.member_2)
        action = line_2.action_decline()
        self.assertEqual(action["res_model"], "umkm.subcontract.reason")
        line_2._action_decline("Mesin jahit rusak")
        self.assertEqual(line_2.state, "declined")
        self.assertEqual(order.qty_open, 10)
        self._split(order)
        line_3 = order.assignment_ids.filtered(lambda a: a.member_id == self.member_3)
        self.assertEqual(line_3.qty, 10)
        self.assertEqual(order.qty_open, 0)

        # accepting creates confirmed purchase orders to the members at the member price
        line_1 = order.assignment_ids.filtered(lambda a: a.member_id == self.member_1)
        (line_1 | line_3).action_accept()
        self.assertEqual(order.state, "in_progress")
        po_1, po_3 = line_1.purchase_order_id, line_3.purchase_order_id
        self.assertTrue(po_1 and po_3 and po_1 != po_3)
        self.assertEqual(po_1.partner_id, self.member_1.partner_id)
        self.assertEqual(po_1.state, "purchase")
        self.assertEqual(po_1.amount_untaxed, 1800000.0)
        self.assertEqual(po_3.amount_untaxed, 900000.0)
        self.assertEqual(order.purchase_order_ids, po_1 | po_3)

        # progress
        line_1._action_report_progress(20)
        line_3._action_report_progress(5)
        self.assertEqual(order.qty_done, 25)
        self.assertAlmostEqual(order.progress, 250 / 3, places=1)
        with self.assertRaises(ValidationError):
            line_3._action_report_progress(3)  # running total cannot go down
        with self.assertRaises(ValidationError):
            line_3._action_report_progress(11)  # more than assigned
        line_3._action_report_progress(10)

        # delivery with a QC rejection
        action = order.action_deliver()
        wizard = self.env["umkm.subcontract.delivery"].browse(action["res_id"])
        self.assertEqual(len(wizard.line_ids), 2)
        for wl in wizard.line_ids:
            wl.qty_rejected = 2 if wl.assignment_id == line_1 else 0
        wizard.action_apply()
        self.assertEqual(line_1.qty_accepted, 18)
        self.assertEqual(line_1.state, "in_progress")
        self.assertEqual(line_3.state, "done")
        self.assertEqual(order.qty_delivered, 28)
        self.assertEqual(order.qty_rejected, 2)
        self.assertEqual(order.state, "in_progress")
        self.assertEqual(sale.order_line.qty_delivered, 28)
        self.assertEqual(po_1.order_line.qty_received, 18)
        self.assertEqual(self.member_1.reject_rate, 10.0)
        self.assertEqual(self.member_1.on_time_rate, 100.0)
        self.assertEqual(self.member_3.reject_rate, 0.0)

        # remade pieces, delivered late
        line_1._record_delivery({line_1.id: (2, 0)}, date=order.date_due + timedelta(days=1))
        self.assertEqual(line_1.state, "done")
        self.assertEqual(order.qty_delivered, 30)
        self.assertEqual(order.state, "delivered")
        self.assertAlmostEqual(self.member_1.reject_rate, 9.09, places=2)
        self.assertAlmostEqual(self.member_1.on_time_rate, 90.91, places=2)

        # not invoiced yet: cannot close
        with self.assertRaises(UserError):
            order.action_done()
        invoice = sale._create_invoices()
        self.assertEqual(invoice.amount_untaxed, 3000000.0)
        self.assertEqual(invoice.partner_id, self.firm_a)
        invoice.action_post()
        self.assertEqual(sale.invoice_status, "invoiced")
        order.action_done()
        self.assertEqual(order.state, "done")

        # vendor bills follow what passed QC
        po_1.action_create_invoice()
        bill = po_1.invoice_ids
        self.assertEqual(bill.move_type, "in_invoice")
        self.assertEqual(bill.amount_untaxed, 1800000.0)

    def test_reject_with_reason(self):
        order = self._order()
        order.action_submit()
        with self.assertRaises(UserError):
            order.action_split()
        order._action_reject("Kapasitas penuh bulan ini")
        self.assertEqual(order.state, "rejected")
        self.assertEqual(order.reject_reason, "Kapasitas penuh bulan ini")
        self.assertFalse(order.sale_order_id)
        with self.assertRaises(UserError):
            order.action_confirm()

    def test_state_jumps_are_refused(self):
        order = self._order()
        with self.assertRaises(UserError):
            order.action_confirm()
        with self.assertRaises(UserError):
            order.action_done()
        with self.assertRaises(UserError):
            order.action_deliver()

    def test_bad_input(self):
        # the order's and its lot's CHECK(qty > 0): PostgreSQL refuses the row
        with self.assertRaises(psycopg2.errors.CheckViolation), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self._order(qty=0)
        past = self._order()
        past.date_due = self.today - timedelta(days=1)
        with self.assertRaises(ValidationError):
            past.action_submit()
        with self.assertRaises(ValidationError):
            self.env["umkm.subcontract.order"].create(
                {
                    "agreement_id": self.agreement_a.id,
                    "partner_id": self.firm_b.id,
                    "capability_id": self.cap_sew.id,
                    "qty": 5,
                    "date_due": self.today + timedelta(days=7),
                }
            )

    def test_inactive_agreement_refuses_orders(self):
        order = self._order(agreement=self.agreement_b)
        self.agreement_b.action_terminate()
        with self.assertRaises(ValidationError):
            order.action_submit()

    def test_cron_expires_ended_agreements(self):
        self.agreement_b.date_end = self.today - timedelta(days=1)
        expired = self.env["umkm.partnership.agreement"]._cron_expire_agreements()
        self.assertIn(self.agreement_b, expired)
        self.assertEqual(self.agreement_b.state, "expired")
        self.assertEqual(self.agreement_a.state, "active")

    def test_unanswered_proposals_return_to_the_pool(self):
        order = self._confirmed_order(qty=10)
        self._split(order)
        line = order.assignment_ids
        line.date_response = self.today - timedelta(days=1)
        with self.assertRaises(UserError):
            line.action_accept()
        self.env["umkm.subcontract.assignment"]._cron_expire_proposals()
        self.assertEqual(line.state, "declined")
        self.assertEqual(order.qty_open, 10)

    def test_closing_short_work_returns_the_rest(self):
        order = self._confirmed_order(qty=10)
        self._split(order)
        line = order.assignment_ids
        line.action_accept()
        line._record_delivery({line.id: (10, 4)})
        self.assertEqual(order.qty_delivered, 6)
        line.action_done()
        self.assertEqual(order.qty_open, 4)
        self.assertEqual(line.member_id.reject_rate, 40.0)
        self._split(order)
        self.assertEqual(
            sum(order.assignment_ids.filtered(lambda a: a.state == "proposed").mapped("qty")), 4
        )

    def test_cancel(self):
        order = self._confirmed_order(qty=10)
        self._split(order)
        order.assignment_ids.action_accept()
        po = order.assignment_ids.purchase_order_id
        order.action_cancel()
        self.assertEqual(order.state, "cancel")
        self.assertEqual(order.sale_order_id.state, "cancel")
        self.assertEqual(po.state, "cancel")
        self.assertEqual(order.assignment_ids.state, "cancel")

    def test_support_and_agreement_figures(self):
        support = self.env["umkm.partnership.support"].create(
            {
                "agreement_id": self.agreement_a.id,
                "type": "training",
                "value": 3000000,
                "member_ids": [(6, 0, self.members.ids)],
            }
        )
        self.assertEqual(support.partner_id, self.firm_a)
        self.assertEqual(support.value_per_member, 1000000)
        self.assertEqual(self.agreement_a.support_value, 3000000)
        self.env["umkm.partnership.support"].create(
            {
                "agreement_id": self.agreement_a.id,
                "type": "raw_material",
                "value": 500000,
                "member_ids": [(6, 0, self.member_1.ids)],
            }
        )
        # support per member (many2many group-by of the support pivot)
        per_member = dict(
            self.env["umkm.partnership.support"]._read_group(
                [("agreement_id", "=", self.agreement_a.id)],
                ["member_ids"],
                ["value_per_member:sum"],
            )
        )
        self.assertEqual(per_member[self.member_1], 1500000)
        self.assertEqual(per_member[self.member_2], 1000000)
        other = self._make_members(self.cluster_other, self.cap_sew, [(5, 100)], prefix="Luar")
        with self.assertRaises(ValidationError):
            support.member_ids = [(4, other.id)]
        with self.assertRaises(ValidationError):
            self.env["umkm.partnership.agreement"].create(
                {
                    "name": "Bad dates",
                    "partner_id": self.firm_c.id,
                    "cluster_id": self.cluster.id,
                    "pattern": "inti_plasma",
                    "date_start": self.today,
                    "date_end": self.today - timedelta(days=1),
                }
            )
