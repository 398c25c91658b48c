from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ProcurementCase


@tagged("post_install", "-at_install")
class TestProcurementErrors(ProcurementCase):
    def _closed_round(self):
        rnd = self._create_round(products=self.kain | self.canting)
        rnd.action_open()
        self._demand(rnd, self.member_1, self.kain, 50)
        self._demand(rnd, self.member_2, self.canting, 5)
        rnd.action_close()
        return rnd

    def test_open_needs_materials_future_deadline_and_vendors(self):
        empty = self._create_round(line_ids=[])
        with self.assertRaisesRegex(UserError, "Add the materials"):
            empty.action_open()
        past = self._create_round(deadline=fields.Datetime.now() - timedelta(hours=1))
        with self.assertRaisesRegex(UserError, "already past"):
            past.action_open()
        no_vendor = self.env["product.product"].create({"name": "Test no vendor"})
        unpriced = self._create_round(products=no_vendor)
        with self.assertRaisesRegex(UserError, "no valid vendor price list"):
            unpriced.action_open()
        # a batch where one round is bad changes none of them
        good = self._create_round()
        with self.assertRaises(UserError):
            (good | past).action_open()
        self.assertEqual((good | past | empty | unpriced).mapped("state"), ["draft"] * 4)
        self.assertFalse(good.message_ids.filtered(lambda m: m.partner_ids))

    def test_expected_date_before_deadline_is_refused(self):
        with self.assertRaises(ValidationError):
            self._create_round(expected_date=fields.Date.today())

    def test_bad_demand_is_refused(self):
        rnd = self._create_round(products=self.kain | self.malam)
        rnd.action_open()
        with self.assertRaisesRegex(ValidationError, "greater than zero"):
            self._demand(rnd, self.member_1, self.kain, 0)
        with self.assertRaisesRegex(ValidationError, "greater than zero"):
            self._demand(rnd, self.member_1, self.kain, -5)
        with self.assertRaisesRegex(ValidationError, "cannot measure"):
            self._demand(rnd, self.member_1, self.kain, 5, self.uom_kg)
        with self.assertRaisesRegex(ValidationError, "not a material"):
            self._demand(rnd, self.member_1, self.canting, 5)
        with self.assertRaisesRegex(ValidationError, "not a member of the cluster"):
            self._demand(rnd, self.member_b, self.kain, 5)
        self.member_2.action_suspend()
        with self.assertRaisesRegex(UserError, "not an active member"):
            self._demand(rnd, self.member_2, self.kain, 5)
        demand = self._demand(rnd, self.member_1, self.kain, 5)
        with self.assertRaisesRegex(ValidationError, "already has a demand line"):
            self._demand(rnd, self.member_1, self.kain, 7)
        with self.assertRaisesRegex(ValidationError, "greater than zero"):
            demand.qty = 0
        self.assertEqual(rnd.demand_ids, demand)
        self._refresh_totals()
        self.assertEqual(self._line(rnd, self.kain).qty_demand, 5)
        # cancelling frees the slot, and the aggregate follows
        demand.action_cancel()
        self._refresh_totals()
        self.assertEqual(self._line(rnd, self.kain).qty_demand, 0)
        self._demand(rnd, self.member_1, self.kain, 7)
        self._refresh_totals()
        self.assertEqual(self._line(rnd, self.kain).qty_demand, 7)

    def test_demand_only_while_open_and_before_deadline(self):
        rnd = self._create_round(products=self.kain)
        with self.assertRaisesRegex(UserError, "not open for demand"):
            self._demand(rnd, self.member_1, self.kain, 5)
        rnd.action_open()
        demand = self._demand(rnd, self.member_1, self.kain, 5)
        rnd.deadline = fields.Datetime.now() - timedelta(minutes=1)
        with self.assertRaisesRegex(UserError, "deadline .* has passed"):
            self._demand(rnd, self.member_2, self.kain, 5)
        with self.assertRaisesRegex(UserError, "deadline .* has passed"):
            demand.qty = 8
        with self.assertRaisesRegex(UserError, "deadline .* has passed"):
            demand.unlink()
        rnd.action_close()
        with self.assertRaisesRegex(UserError, "not open for demand"):
            demand.action_cancel()
        self.assertEqual(demand.qty, 5)

    def test_actions_out_of_order(self):
        rnd = self._create_round()
        for action in (
            "action_close",
            "action_create_purchase_orders",
            "action_allocate",
            "action_create_member_invoices",
            "action_done",
            "action_draft",
        ):
            with self.subTest(action=action), self.assertRaises(UserError):
                getattr(rnd, action)()
        self.assertEqual(rnd.state, "draft")
        rnd.action_open()
        with self.assertRaises(UserError):
            rnd.action_open()
        with self.assertRaises(UserError):
            rnd.action_allocate()
        self.assertEqual(rnd.state, "open")

    def test_no_demand_nothing_to_order(self):
        rnd = self._create_round()
        rnd.action_open()
        rnd.action_close()
        with self.assertRaisesRegex(UserError, "nothing to order"):
            rnd.action_create_purchase_orders()
        self.assertEqual(rnd.state, "closed")
        self.assertFalse(rnd.purchase_ids)

    def test_allocate_needs_confirmed_orders(self):
        rnd = self._closed_round()
        rnd.action_create_purchase_orders()
        with self.assertRaisesRegex(UserError, "Confirm or cancel"):
            rnd.action_allocate()
        self.assertFalse(rnd.allocation_ids)
        self.assertEqual(rnd.state, "ordered")

    def test_done_needs_posted_invoices(self):
        rnd = self._closed_round()
        rnd.action_create_purchase_orders()
        rnd.purchase_ids.button_confirm()
        self._receive(rnd.purchase_ids)
        rnd.action_allocate()
        with self.assertRaises(UserError):
            rnd.action_done()
        rnd.action_create_member_invoices()
        with self.assertRaisesRegex(UserError, "Post the member invoices"):
            rnd.action_done()
        self.assertEqual(rnd.state, "invoiced")
        # after invoicing, the shared costs are frozen
        with self.assertRaisesRegex(UserError, "already invoiced"):
            rnd.cost_ids = [Command.create({"name": "Late freight", "amount": 5})]
        # a cancelled invoice is recreated by running the action again
        invoice = rnd.invoice_ids[0]
        invoice.button_cancel()
        rnd.action_create_member_invoices()
        self.assertEqual(len(rnd.invoice_ids.filtered(lambda m: m.state != "cancel")), 2)
        rnd.invoice_ids.filtered(lambda m: m.state == "draft").action_post()
        rnd.action_done()
        self.assertEqual(rnd.state, "done")

    def test_cancel_rules(self):
        rnd = self._closed_round()
        rnd.action_create_purchase_orders()
        rnd.purchase_ids.button_confirm()
        self._receive(rnd.purchase_ids)
        with self.assertRaisesRegex(UserError, "cannot be cancelled"):
            rnd.action_cancel()
        self.assertEqual(rnd.state, "ordered")
        rnd.action_allocate()
        with self.assertRaises(UserError):
            rnd.action_cancel()
        # before any receipt, cancelling also cancels the purchase orders
        other = self._closed_round()
        other.action_create_purchase_orders()
        other.purchase_ids[:1].button_confirm()
        other.action_cancel()
        self.assertEqual(other.state, "cancel")
        self.assertEqual(set(other.purchase_ids.mapped("state")), {"cancel"})
        self.assertEqual(set(other.demand_ids.mapped("state")), {"cancel"})
        other.action_draft()
        self.assertEqual(other.state, "draft")

    def test_locked_fields_and_materials(self):
        rnd = self._closed_round()
        with self.assertRaisesRegex(UserError, "only be changed before it is closed"):
            rnd.line_ids = [Command.create({"product_id": self.malam.id})]
        rnd.action_create_purchase_orders()
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            rnd.allocation_method = "equal_share"
        with self.assertRaisesRegex(UserError, "only be deleted"):
            rnd.unlink()

    def test_costs_without_any_allocation_cannot_be_billed(self):
        rnd = self._closed_round()
        rnd.action_create_purchase_orders()
        rnd.purchase_ids.button_confirm()
        rnd.picking_ids.action_cancel()  # nothing will come
        rnd.cost_ids = [Command.create({"name": "Freight", "amount": 10})]
        with self.assertRaisesRegex(UserError, "nothing was allocated"):
            rnd.action_allocate()
        self.assertEqual(rnd.state, "ordered")
        self.assertFalse(rnd.allocation_ids)
