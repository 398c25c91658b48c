from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import ProcurementCase


@tagged("post_install", "-at_install")
class TestProcurementFlow(ProcurementCase):
    def _open_round_with_demand(self, **values):
        rnd = self._create_round(fee_percent=2.0, **values)
        rnd.action_open()
        m1, m2, m3 = self.members[:3]
        self._demand(rnd, m1, self.kain, 80)
        self._demand(rnd, m2, self.kain, 150)
        self._demand(rnd, m3, self.kain, 60)
        self._demand(rnd, m1, self.malam, 3)
        self._demand(rnd, m2, self.malam, 4000, self.uom_gram)
        self._demand(rnd, m1, self.canting, 12)
        self._demand(rnd, m3, self.canting, 13)
        return rnd

    def test_full_flow_two_vendors_tiers_surplus(self):
        rnd = self._open_round_with_demand()
        self.assertEqual(rnd.state, "open")
        self.assertTrue(rnd.name.startswith("PB/"))
        # the open round tells the members (chatter message addressed to them)
        message = rnd.message_ids.filtered(lambda m: m.partner_ids)[:1]
        self.assertEqual(message.partner_ids, self.members.partner_id)
        # aggregation while the round is open: as members see it, and stored by the job
        kain = self._line(rnd, self.kain)
        self.assertEqual(kain._umkm_totals()[kain]["qty_demand"], 290)
        self._refresh_totals()
        self.assertEqual(kain.qty_demand, 290)
        rnd.action_close()
        self.assertEqual(rnd.state, "closed")
        self.assertEqual(set(rnd.demand_ids.mapped("state")), {"confirmed"})

        # aggregation: cheapest tier at the aggregated qty, across vendors
        self.assertEqual(kain.vendor_id, self.vendor_2)
        self.assertEqual(kain.price_unit, 26.0)
        self.assertAlmostEqual(kain.amount_collective, 290 * 26.0)
        self.assertAlmostEqual(kain.amount_baseline, 80 * 29.0 + 150 * 27.0 + 60 * 29.0)
        self.assertAlmostEqual(kain.savings, 8110 - 7540)
        malam = self._line(rnd, self.malam)
        self.assertEqual(malam.qty_demand, 7)  # 3 kg + 4000 g in the purchase UoM
        self.assertEqual(malam.price_unit, 50.0)
        self.assertEqual(malam.qty_to_order, 10)  # MOQ 10 kg, bags of 5 kg
        self.assertEqual(malam.qty_surplus_planned, 3)
        canting = self._line(rnd, self.canting)
        self.assertEqual((canting.vendor_id, canting.price_unit), (self.vendor_1, 6.0))
        self.assertAlmostEqual(rnd.savings, (8110 - 7540) + 0 + (25 * 8.0 - 25 * 6.0))

        # purchase: one order per vendor, idempotent
        rnd.with_user(self.manager_a).action_create_purchase_orders()
        self.assertEqual(rnd.state, "ordered")
        orders = rnd.purchase_ids
        self.assertEqual(len(orders), 2)
        self.assertEqual(set(orders.mapped("origin")), {rnd.name})
        po_2 = orders.filtered(lambda po: po.partner_id == self.vendor_2)
        self.assertEqual(
            sorted(po_2.order_line.mapped(lambda pol: (pol.product_id.id, pol.product_qty))),
            sorted([(self.kain.id, 290.0), (self.malam.id, 10.0)]),
        )
        self.assertEqual(po_2.order_line.mapped("price_unit"), [26.0, 50.0])
        rnd.action_create_purchase_orders()
        self.assertEqual(rnd.purchase_ids, orders)
        self.assertEqual(len(orders.order_line), 3)

        orders.button_confirm()
        self.assertEqual(len(rnd.picking_ids), 2)
        self._receive(orders)
        self.assertEqual(malam.qty_received, 10)

        rnd.cost_ids = [Command.create({"name": "Freight", "amount": 100.0})]
        rnd.action_allocate()
        self.assertEqual(rnd.state, "allocated")
        m1, m2, m3 = self.members[:3]
        self.assertEqual(self._allocation(rnd, m2, self.malam).qty_allocated, 4)
        self.assertEqual(self._allocation(rnd, m3, self.kain).qty_allocated, 60)
        self.assertEqual(malam.qty_allocated, 7)
        self.assertEqual(malam.qty_surplus, 3)  # stays with the cooperative

        rnd.with_user(self.manager_a).action_create_member_invoices()
        self.assertEqual(rnd.state, "invoiced")
        invoices = rnd.invoice_ids
        self.assertEqual(len(invoices), 3)
        self.assertEqual(invoices.partner_id, (m1 | m2 | m3).partner_id)
        materials = 290 * 26.0 + 7 * 50.0 + 25 * 6.0
        fee = self.currency.round((materials + 100.0) * 0.02)
        total = sum(invoices.mapped("amount_total"))
        self.assertTrue(self.currency.is_zero(total - (materials + 100.0 + fee)))
        self.assertTrue(
            self.currency.is_zero(total - sum(rnd.allocation_ids.mapped("amount_total")))
        )
        for invoice in invoices:
            allocs = rnd.allocation_ids.filtered(lambda a, i=invoice: a.invoice_id == i)
            self.assertTrue(allocs)
            self.assertAlmostEqual(invoice.amount_total, sum(allocs.mapped("amount_total")))
        # idempotent
        rnd.action_create_member_invoices()
        self.assertEqual(rnd.invoice_ids, invoices)

        # reconciled against the purchase: member canting lines = vendor bill of canting
        po_1 = orders - po_2
        po_1.action_create_invoice()
        bill = po_1.invoice_ids
        self.assertAlmostEqual(
            bill.amount_untaxed,
            sum(
                invoices.invoice_line_ids.filtered(
                    lambda line: line.product_id == self.canting
                ).mapped("price_subtotal")
            ),
        )

        # one delivery per member from the cooperative's stock, idempotent
        rnd.action_create_deliveries()
        deliveries = rnd.delivery_ids
        self.assertEqual(len(deliveries), 3)
        self.assertEqual(deliveries.partner_id, (m1 | m2 | m3).partner_id)
        delivery_2 = deliveries.filtered(lambda p: p.partner_id == m2.partner_id)
        self.assertEqual(
            sorted((m.product_id.id, m.product_uom_qty) for m in delivery_2.move_ids),
            sorted([(self.kain.id, 150.0), (self.malam.id, 4.0)]),
        )
        self.assertEqual(self._allocation(rnd, m2, self.malam).picking_id, delivery_2)
        rnd.action_create_deliveries()
        self.assertEqual(rnd.delivery_ids, deliveries)
        self.assertEqual(rnd.delivery_count, 3)

        invoices.action_post()
        rnd.action_done()
        self.assertEqual(rnd.state, "done")

    def test_partial_receipt_backorder_then_short_delivery_equal_share(self):
        rnd = self._create_round(products=self.kain, allocation_method="equal_share")
        rnd.action_open()
        m1, m2, m3 = self.members[:3]
        self._demand(rnd, m1, self.kain, 100)
        self._demand(rnd, m2, self.kain, 30)
        self._demand(rnd, m3, self.kain, 170)
        rnd.action_close()
        rnd.action_create_purchase_orders()
        rnd.purchase_ids.button_confirm()
        self._receive(rnd.purchase_ids, {self.kain: 200})
        backorder = rnd.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        self.assertEqual(len(backorder), 1)
        self.assertEqual(self._line(rnd, self.kain).qty_received, 200)
        with self.assertRaisesRegex(Exception, "still pending"):
            rnd.action_allocate()
        self.assertFalse(rnd.allocation_ids)
        self.assertEqual(rnd.state, "ordered")
        # the rest will not come: short delivery
        backorder.action_cancel()
        rnd.action_allocate()
        got = [self._allocation(rnd, m, self.kain).qty_allocated for m in (m1, m2, m3)]
        self.assertEqual(got, [85.0, 30.0, 85.0])
        self.assertEqual(sum(got), 200)

    def test_backorder_received_later_gives_everyone_its_demand(self):
        rnd = self._create_round(products=self.kain)
        rnd.action_open()
        m1, m2 = self.members[:2]
        self._demand(rnd, m1, self.kain, 120)
        self._demand(rnd, m2, self.kain, 90)
        rnd.action_close()
        rnd.action_create_purchase_orders()
        rnd.purchase_ids.button_confirm()
        self._receive(rnd.purchase_ids, {self.kain: 150})
        self._receive(rnd.purchase_ids)
        # the officer (inventory user) does the split
        rnd.with_user(self.officer_a).action_allocate()
        self.assertEqual(self._allocation(rnd, m1, self.kain).qty_allocated, 120)
        self.assertEqual(self._allocation(rnd, m2, self.kain).qty_allocated, 90)

    def test_short_delivery_proportional_uom_rounding(self):
        rnd = self._create_round(products=self.malam)
        rnd.action_open()
        m1, m2, m3 = self.members[:3]
        self._demand(rnd, m1, self.malam, 10)
        self._demand(rnd, m2, self.malam, 10)
        self._demand(rnd, m3, self.malam, 10)
        rnd.action_close()
        rnd.action_create_purchase_orders()
        rnd.purchase_ids.button_confirm()
        self._receive(rnd.purchase_ids, {self.malam: 10}, backorder=False)
        rnd.action_allocate()
        got = [self._allocation(rnd, m, self.malam).qty_allocated for m in (m1, m2, m3)]
        rounding = self.uom_kg.rounding
        self.assertEqual(round(sum(got) / rounding), round(10 / rounding))
        for qty in got:
            self.assertAlmostEqual(qty / rounding, round(qty / rounding))
            self.assertLessEqual(abs(qty - 10 / 3), rounding)

    def test_idr_rounding_invoices_sum_exactly(self):
        idr = self.env.ref("base.IDR")
        idr.write({"active": True, "rounding": 1.0})
        product = self.env["product.product"].create(
            {
                "name": "Test pewarna naptol",
                "is_storable": True,
                "uom_id": self.uom_kg.id,
                "uom_po_id": self.uom_kg.id,
                "seller_ids": [
                    Command.create(
                        {
                            "partner_id": self.vendor_1.id,
                            "price": 118_333.0,
                            "currency_id": idr.id,
                        }
                    ),
                    Command.create(
                        {
                            "partner_id": self.vendor_1.id,
                            "min_qty": 20,
                            "price": 97_777.0,
                            "currency_id": idr.id,
                        }
                    ),
                ],
            }
        )
        rnd = self._create_round(
            products=product, currency_id=idr.id, fee_percent=2.5, cost_split="by_quantity"
        )
        self.assertEqual(rnd.currency_id, idr)
        rnd.action_open()
        m1, m2, m3 = self.members[:3]
        self._demand(rnd, m1, product, 10.55)
        self._demand(rnd, m2, product, 7.1)
        self._demand(rnd, m3, product, 3.333)
        rnd.action_close()
        self.assertEqual(self._line(rnd, product).price_unit, 97_777.0)
        rnd.action_create_purchase_orders()
        rnd.purchase_ids.button_confirm()
        self._receive(rnd.purchase_ids)
        rnd.cost_ids = [
            Command.create({"name": "Ongkos kirim", "amount": 100_000}),
            Command.create({"name": "Bongkar muat", "amount": 25_001}),
        ]
        rnd.action_allocate()
        rnd.action_create_member_invoices()
        invoices = rnd.invoice_ids
        self.assertEqual(len(invoices), 3)
        self.assertEqual(set(invoices.currency_id), {idr})
        qty = 10.55 + 7.1 + 3.33  # demand in the UoM rounding (0.01 kg)
        materials = round(qty * 97_777.0)
        fee = round((materials + 125_001) * 0.025)
        for invoice in invoices:
            self.assertEqual(invoice.amount_total, round(invoice.amount_total))
        self.assertEqual(sum(invoices.mapped("amount_total")), materials + 125_001 + fee)
        self.assertEqual(sum(rnd.allocation_ids.mapped("cost_share")), 125_001)

    def test_whole_flow_with_the_managers_own_rights(self):
        env = self.env(user=self.manager_a)
        Round = env["umkm.procurement.round"]
        for action in (
            "umkm_procurement_round_action",
            "umkm_procurement_demand_action",
            "umkm_procurement_allocation_action",
            "umkm_procurement_cost_action",
            "umkm_procurement_savings_action",
        ):
            act = self.env.ref(f"umkm_joint_procurement.{action}")
            views = [(False, mode) for mode in act.view_mode.split(",")] + [(False, "search")]
            self.assertTrue(env[act.res_model].get_views(views)["views"])
        rnd = Round.browse(self._create_round(products=self.kain | self.canting).id)
        rnd.action_open()
        self._demand(rnd, self.member_1, self.kain, 120)
        self._demand(rnd, self.member_2, self.canting, 30)
        env["umkm.procurement.demand"].create(
            {
                "round_id": rnd.id,
                "member_id": self.member_2.id,
                "product_id": self.kain.id,
                "qty": 40,
            }
        )
        form = Form(rnd)
        self.assertEqual(form.demand_count, 3)
        self._close_and_receive(rnd)
        rnd.cost_ids = [Command.create({"name": "Ongkir", "amount": 50})]
        rnd.action_allocate()
        rnd.action_create_member_invoices()
        rnd.invoice_ids.action_post()
        rnd.action_done()
        self.assertEqual(rnd.state, "done")
        self.assertEqual(rnd.env.user, self.manager_a)
        self.assertTrue(
            rnd.currency_id.is_zero(
                sum(rnd.invoice_ids.mapped("amount_total")) - (160 * 27.0 + 30 * 6.0 + 50)
            )
        )

    def test_costs_from_vendor_bills_and_reorder_after_cancel(self):
        rnd = self._open_round_with_demand()
        rnd.action_close()
        rnd.action_create_purchase_orders()
        po_1 = rnd.purchase_ids.filtered(lambda po: po.partner_id == self.vendor_1)
        po_2 = rnd.purchase_ids - po_1
        # a cancelled order is replaced when ordering again, the other is kept
        po_1.button_cancel()
        rnd.action_create_purchase_orders()
        new_po = rnd.purchase_ids - po_1 - po_2
        self.assertEqual(new_po.partner_id, self.vendor_1)
        self.assertEqual(new_po.order_line.product_id, self.canting)
        self.assertEqual(len(rnd.purchase_ids.filtered(lambda po: po.state != "cancel")), 2)
        orders = po_2 | new_po
        orders.button_confirm()
        self._receive(orders)
        po_2.action_create_invoice()
        bill = po_2.invoice_ids
        bill.invoice_date = fields.Date.today()
        bill.invoice_line_ids = [
            Command.create({"name": "Ongkos kirim truk", "quantity": 1, "price_unit": 120.0})
        ]
        bill.action_post()
        rnd.action_load_vendor_bill_costs()
        self.assertEqual(rnd.cost_ids.mapped("name"), ["Ongkos kirim truk"])
        self.assertEqual(rnd.cost_ids.amount, 120.0)
        self.assertEqual(rnd.cost_ids.partner_id, self.vendor_2)
        rnd.action_load_vendor_bill_costs()
        self.assertEqual(len(rnd.cost_ids), 1)
        rnd.action_allocate()
        self.assertTrue(self.currency.is_zero(sum(rnd.allocation_ids.mapped("cost_share")) - 120.0))

    def test_allocations_written_in_one_query_are_complete_records(self):
        """The batched insert gives what the ORM would: related fields, totals, authorship,
        caches of the round and its lines up to date in the same transaction."""
        env = self.env(user=self.manager_a)
        rnd = env["umkm.procurement.round"].browse(
            self._create_round(products=self.malam | self.kain, fee_percent=2.5).id
        )
        rnd.action_open()
        members = self.members[:3]
        for member in members:
            self._demand(rnd, member, self.malam, 10)
            self._demand(rnd, member, self.kain, 50)
        self._close_and_receive(rnd, {self.malam: 10, self.kain: 150}, backorder=False)
        rnd.cost_ids = [Command.create({"name": "Ongkir", "amount": 1001})]
        malam_line = rnd.line_ids.filtered(lambda line: line.product_id == self.malam)
        self.assertEqual(malam_line.qty_allocated, 0.0)  # computed and cached before
        self.assertFalse(rnd.allocation_ids)
        rnd.action_allocate()
        self.assertEqual(len(rnd.allocation_ids), 6)
        self.assertEqual(rnd.allocation_count, 6)
        self.assertEqual(malam_line.qty_allocated, 10.0)
        for alloc in rnd.allocation_ids:
            self.assertEqual(alloc.company_id, rnd.company_id)
            self.assertEqual(alloc.product_id, alloc.line_id.product_id)
            self.assertEqual(alloc.unit_price, alloc.line_id.price_unit)
            self.assertEqual(alloc.create_uid, self.manager_a)
            self.assertTrue(
                rnd.currency_id.is_zero(
                    alloc.amount_total - alloc.amount_material - alloc.cost_share - alloc.fee_amount
                )
            )
        self.assertEqual(
            env["umkm.procurement.allocation"].search_count([("invoice_id", "=", False)]),
            env["umkm.procurement.allocation"].search_count([]),
        )
        # 10 kg of wax for three equal demands, in 0.01 kg steps: the odd step goes to the member
        # who joined first (lowest id), then members in id order
        got = [self._allocation(rnd, m, self.malam).qty_allocated for m in members.sorted("id")]
        self.assertEqual(got, [3.34, 3.33, 3.33])
        # materials, shared costs and the fee sum exactly to what the members are billed
        currency = rnd.currency_id
        for line in rnd.line_ids:
            self.assertTrue(
                currency.is_zero(
                    sum(line.allocation_ids.mapped("amount_material"))
                    - currency.round(line.qty_allocated * line.price_unit)
                )
            )
        material = sum(rnd.allocation_ids.mapped("amount_material"))
        fee = rnd.currency_id.round((material + 1001) * 0.025)
        self.assertTrue(
            rnd.currency_id.is_zero(
                sum(rnd.allocation_ids.mapped("amount_total")) - (material + 1001 + fee)
            )
        )

    def test_batched_allocations_keep_record_rules(self):
        """The one-query insert checks the record rules as the ORM's create would: a manager
        of another cluster cannot write allocations into this cluster's round."""
        rnd = self._create_round(products=self.malam)
        line = rnd.line_ids
        vals = {
            "round_id": rnd.id,
            "company_id": rnd.company_id.id,
            "line_id": line.id,
            "product_id": line.product_id.id,
            "member_id": self.member_1.id,
            "qty_demand": 1.0,
            "qty_allocated": 1.0,
            "unit_price": 50.0,
            "amount_material": 50.0,
            "cost_share": 0.0,
            "fee_amount": 0.0,
        }
        Allocation = self.env["umkm.procurement.allocation"]
        with self.assertRaises(AccessError):
            Allocation.with_user(self.manager_b)._insert_batch([vals])
        self.assertFalse(Allocation.search([("round_id", "=", rnd.id)]))
        with self.assertRaises(AccessError):
            Allocation.with_user(self.portal_1)._insert_batch([vals])
        allocations = Allocation.with_user(self.manager_a)._insert_batch([vals])
        self.assertEqual(allocations.amount_total, 50.0)
        self.assertEqual(rnd.allocation_ids, allocations)
