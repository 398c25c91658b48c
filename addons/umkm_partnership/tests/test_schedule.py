from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import PartnershipCase


class TestDeliverySchedule(PartnershipCase):
    """Orders delivered in several lots: the schedule, the split lot by lot, the figures and
    on-time rate per lot."""

    def _scheduled_order(self, lots=((15, 1), (25, 3)), confirm=True, agreement=None):
        """An order whose lots are ``(quantity, weeks from today)``."""
        order = self.env["umkm.subcontract.order"].create(
            {
                "agreement_id": (agreement or self.agreement_a).id,
                "capability_id": self.cap_sew.id,
                "description": "Kemeja batik, dua kiriman",
                "uom_id": self.unit.id,
                "unit_price": 100000.0,
                "lot_ids": [
                    Command.create({"qty": qty, "date_due": self.today + timedelta(days=7 * weeks)})
                    for qty, weeks in lots
                ],
            }
        )
        if confirm:
            order.action_submit()
            order.action_confirm()
        return order

    def _wizard(self, order):
        action = order.action_split()
        return order.env["umkm.subcontract.split"].browse(action["res_id"])

    def test_schedule_gives_quantity_and_due_date(self):
        order = self._scheduled_order(confirm=False)
        self.assertEqual(order.qty, 40)
        self.assertEqual(order.date_due, self.today + timedelta(days=21))
        self.assertEqual(order.lot_count, 2)
        self.assertEqual(order.amount_total, 4_000_000)
        first, second = order.lot_ids.sorted("date_due")
        self.assertEqual(first.display_name[:5], "Lot 1")
        self.assertEqual(second.display_name[:5], "Lot 2")
        # the quantity of a scheduled order is the sum of its lots
        with self.assertRaises(ValidationError):
            order.qty = 50
        second.qty = 35
        self.assertEqual(order.qty, 50)
        # the sale order to the firm bills the whole quantity, due at the last lot
        order.action_submit()
        order.action_confirm()
        self.assertEqual(order.sale_order_id.order_line.product_uom_qty, 50)

    def test_one_date_order_has_one_lot_that_follows_it(self):
        order = self._order(qty=30, weeks=2)
        self.assertEqual(len(order.lot_ids), 1)
        self.assertEqual(
            (order.lot_ids.qty, order.lot_ids.date_due), (30, self.today + timedelta(days=14))
        )
        order.write({"qty": 35, "date_due": self.today + timedelta(days=21)})
        self.assertEqual(
            (order.lot_ids.qty, order.lot_ids.date_due), (35, self.today + timedelta(days=21))
        )
        order.action_submit()
        order.action_confirm()
        self._split(order)
        self.assertEqual(order.assignment_ids.lot_id, order.lot_ids)
        self.assertEqual(order.lot_ids.qty_assigned, 35)

    def test_quantities_fixed_after_confirmation_dates_move(self):
        order = self._scheduled_order()
        first = order.lot_ids.sorted("date_due")[0]
        with self.assertRaises(UserError):
            first.qty = 10
        with self.assertRaises(UserError):
            self.env["umkm.subcontract.lot"].create(
                {"order_id": order.id, "qty": 5, "date_due": self.today + timedelta(days=30)}
            )
        self._split(order)
        with self.assertRaises(UserError):
            first.unlink()
        # the firm agrees to take lot 1 two days later: its live work follows
        new_date = first.date_due + timedelta(days=2)
        first.date_due = new_date
        self.assertEqual(set(first.assignment_ids.mapped("date_due")), {new_date})

    def test_split_plans_lot_by_lot_with_cumulative_capacity(self):
        # 3 members at 10 a week: by lot 1 (1 week) 10 each, by lot 2 (3 weeks) 30 each
        order = self._scheduled_order(lots=((25, 1), (70, 3)))
        wizard = self._wizard(order)
        first, second = order.lot_ids.sorted("date_due")
        proposal = {
            (line.lot_id, line.member_id): (line.qty_free, line.qty) for line in wizard.line_ids
        }
        self.assertEqual(len(proposal), 6)
        self.assertEqual(proposal[first, self.member_1], (10, 10))
        self.assertEqual(proposal[first, self.member_2], (10, 10))
        self.assertEqual(proposal[first, self.member_3], (10, 5))
        # what a member makes for lot 1 is taken from its capacity until lot 2
        self.assertEqual(proposal[second, self.member_1], (30, 20))
        self.assertEqual(proposal[second, self.member_2], (30, 20))
        self.assertEqual(proposal[second, self.member_3], (30, 25))
        self.assertEqual(wizard.qty_uncovered, 5)
        wizard.action_confirm()
        self.assertEqual(first.qty_assigned, 25)
        self.assertEqual(second.qty_assigned, 65)
        self.assertEqual(second.qty_open, 5)
        self.assertEqual(order.qty_open, 5)
        work = order.assignment_ids
        self.assertEqual(len(work), 6)
        for line in work:
            self.assertEqual(line.date_due, line.lot_id.date_due)
            self.assertIn(f"Lot {line.lot_id._lot_number()}", line.display_name)
        # each member accepts lot 1 and lot 2 separately: a purchase order for each
        work.action_accept()
        self.assertEqual(len(work.purchase_order_id), 6)
        for line in work:
            self.assertEqual(line.purchase_order_id.order_line.product_qty, line.qty)

    def test_cumulative_capacity_is_checked_on_confirm(self):
        order = self._scheduled_order(lots=((10, 1), (20, 3)))
        wizard = self._wizard(order)
        first, second = order.lot_ids.sorted("date_due")
        for line in wizard.line_ids:
            line.qty = 0
        by_key = {(line.lot_id, line.member_id): line for line in wizard.line_ids}
        by_key[first, self.member_1].qty = 10
        by_key[second, self.member_1].qty = 20  # 10 + 20 = 30 by lot 2: within capacity
        wizard.action_confirm()
        self.assertEqual(order.qty_open, 0)
        order2 = self._scheduled_order(lots=((10, 1), (25, 3)))
        wizard = self._wizard(order2)
        first, second = order2.lot_ids.sorted("date_due")
        for line in wizard.line_ids:
            line.qty = 0
        by_key = {(line.lot_id, line.member_id): line for line in wizard.line_ids}
        # member 2 has 10 until lot 1 and 30 until lot 2
        by_key[first, self.member_2].qty = 11
        with self.assertRaisesRegex(ValidationError, "at most 10"):
            wizard.action_confirm()
        by_key[first, self.member_2].qty = 10
        by_key[second, self.member_2].qty = 25
        with self.assertRaisesRegex(ValidationError, "at most 30"):
            wizard.action_confirm()
        self.assertFalse(order2.assignment_ids)

    def test_assignment_of_a_scheduled_order_names_its_lot(self):
        order = self._scheduled_order()
        with self.assertRaises(ValidationError):
            self.env["umkm.subcontract.assignment"].create(
                {"order_id": order.id, "member_id": self.member_1.id, "qty": 5}
            )
        other = self._scheduled_order()
        with self.assertRaises(ValidationError):
            self.env["umkm.subcontract.assignment"].create(
                {
                    "order_id": order.id,
                    "member_id": self.member_1.id,
                    "qty": 5,
                    "lot_id": other.lot_ids[0].id,
                }
            )

    def test_progress_delivery_and_on_time_per_lot(self):
        order = self._scheduled_order(lots=((10, 1), (20, 3)))
        wizard = self._wizard(order)
        for line in wizard.line_ids:
            line.qty = 0
        first, second = order.lot_ids.sorted("date_due")
        by_key = {(line.lot_id, line.member_id): line for line in wizard.line_ids}
        by_key[first, self.member_1].qty = 10
        by_key[second, self.member_1].qty = 20
        wizard.action_confirm()
        work_1 = first.assignment_ids
        work_2 = second.assignment_ids
        (work_1 | work_2).action_accept()
        work_1._action_report_progress(6)
        self.assertEqual((first.qty_done, first.progress), (6, 60))
        self.assertEqual(second.progress, 0)
        # lot 1 delivered two days late, lot 2 on time
        work_1._record_delivery({work_1.id: (10, 0)}, date=first.date_due + timedelta(days=2))
        work_2._record_delivery({work_2.id: (20, 1)}, date=second.date_due)
        self.assertEqual((first.qty_delivered, first.qty_late, first.on_time_rate), (10, 10, 0))
        self.assertEqual((second.qty_delivered, second.qty_late, second.on_time_rate), (19, 0, 100))
        self.assertEqual(order.qty_delivered, 29)
        self.assertEqual(work_1.state, "done")
        # member 1's performance counts both lots: 10 of 30 late
        self.assertAlmostEqual(self.member_1.on_time_rate, 100 * 20 / 30, places=1)

    def test_lots_are_seen_by_their_firm_and_their_members_only(self):
        order = self._scheduled_order()
        wizard = self._wizard(order)
        first, second = order.lot_ids.sorted("date_due")
        for line in wizard.line_ids:
            line.qty = 0
        by_key = {(line.lot_id, line.member_id): line for line in wizard.line_ids}
        by_key[first, self.member_1].qty = 10
        wizard.action_confirm()
        Lot = self.env["umkm.subcontract.lot"]
        self.assertEqual(Lot.with_user(self.portal_firm_a).search([]), order.lot_ids)
        self.assertFalse(Lot.with_user(self.portal_firm_b).search([]))
        self.assertEqual(Lot.with_user(self.portal_member_1).search([]), first)
        self.assertFalse(Lot.with_user(self.portal_member_2).search([]))
        self.assertFalse(Lot.with_user(self.officer_other).search([]))
        with self.assertRaises(AccessError):
            second.with_user(self.portal_member_1).read(["qty"])
        with self.assertRaises(AccessError):
            first.with_user(self.portal_firm_a).write({"date_due": self.today})

    def test_split_query_count_does_not_grow_with_members_or_lots(self):
        def prepare(n):
            cluster = self.env["umkm.cluster"].create(
                {"name": f"Jadwal {n}", "code": f"J{n}", "manager_ids": [(6, 0, self.manager.ids)]}
            )
            self._make_members(cluster, self.cap_sew, [(10, 80)] * n, prefix=f"J{n}")
            agreement = self.env["umkm.partnership.agreement"].create(
                {
                    "name": f"J{n}",
                    "partner_id": self.firm_a.id,
                    "cluster_id": cluster.id,
                    "date_start": self.today,
                }
            )
            agreement.action_activate()
            order = self._scheduled_order(
                lots=((n, 1), (n, 2), (n, 3)), agreement=agreement
            ).with_user(self.manager)
            self.env.invalidate_all()
            return order

        def split(order):
            # the proposal: members, capacities, load, unavailable days per lot, lines
            wizard = self._wizard(order)
            self.assertEqual(wizard.qty_uncovered, 0)
            self.env.flush_all()

        split(prepare(2))  # warm the caches
        order = prepare(3)
        before = self.cr.sql_log_count
        split(order)
        count = self.cr.sql_log_count - before
        order = prepare(30)  # 90 proposal lines, 3 lots
        with self.assertQueryCount(count):
            split(order)
