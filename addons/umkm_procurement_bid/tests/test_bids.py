from datetime import timedelta
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user

from .common import BidCase


class TestBids(BidCase):
    def test_call_for_bids_sends_linked_rfqs_of_the_round_quantities(self):
        rnd = self._closed_round()
        line = self._line(rnd, self.kain)
        self.assertEqual(line.qty_to_order, 141)
        # default vendors: those with price tiers for the round's materials
        wizard = self.env["umkm.procurement.bid.call"].with_context(default_round_id=rnd.id)
        self.assertEqual(wizard.create({}).vendor_ids, self.vendor_1 | self.vendor_2)
        bids = self._call(rnd, self.vendor_1 | self.vendor_2 | self.vendor_3)
        orders = rnd.bid_ids
        self.assertEqual(set(bids), {self.vendor_1, self.vendor_2, self.vendor_3})
        self.assertEqual(rnd.state, "closed")
        for order in orders:
            self.assertEqual(order.state, "sent")
            self.assertEqual(order.umkm_round_id, rnd)
            self.assertEqual(order.purchase_group_id.order_ids, orders)
            self.assertEqual(order.order_line.product_qty, 141)
            self.assertEqual(order.order_line.umkm_round_line_id, line)
            self.assertEqual(order.order_line.price_unit, 0)
            self.assertEqual(order.umkm_bid_status, "no_answer")
            self.assertIn(order.partner_id, order.message_partner_ids)
            # Odoo's RFQ e-mail, addressed to the vendor
            sent = order.message_ids.filtered(lambda m: m.message_type == "comment")
            self.assertEqual(len(sent), 1)
            self.assertIn(order.partner_id, sent.partner_ids)
        # Odoo's compare view of the alternatives
        action = rnd.action_compare_bids()
        self.assertEqual(action["res_model"], "purchase.order.line")
        self.assertEqual(
            self.env["purchase.order.line"].search(action["domain"]), orders.order_line
        )
        # only once, and only on a closed round
        with self.assertRaisesRegex(UserError, "call for bids"):
            self._create_round(products=self.kain).action_call_for_bids()

    def test_cheaper_bid_chosen_becomes_the_round_order_and_members_pay_its_price(self):
        rnd = self._closed_round(fee_percent=2.5)
        bids = self._call(rnd, self.vendor_1 | self.vendor_2 | self.vendor_3)
        reply_by = bids[self.vendor_1].umkm_bid_reply_by
        late = fields.Datetime.to_datetime(reply_by + timedelta(days=1))
        on_time = fields.Datetime.to_datetime(reply_by)
        bids[self.vendor_1]._umkm_record_bid({bids[self.vendor_1].order_line: 26.0}, 5, late)
        bids[self.vendor_2]._umkm_record_bid({bids[self.vendor_2].order_line: 24.0}, 7, on_time)
        self.assertEqual(bids[self.vendor_1].umkm_bid_status, "late")
        self.assertEqual(bids[self.vendor_2].umkm_bid_status, "on_time")
        self.assertEqual(bids[self.vendor_3].umkm_bid_status, "no_answer")
        self.assertEqual(bids[self.vendor_1].amount_untaxed, 26 * 141)
        self.assertEqual(bids[self.vendor_2].amount_untaxed, 24 * 141)
        self.assertEqual(bids[self.vendor_2].umkm_bid_lead_days, 7)
        # Odoo's comparison marks the cheaper line the best price
        best_price, _dates, _units = bids[self.vendor_1].get_tender_best_lines()
        self.assertEqual(best_price, bids[self.vendor_2].order_line.ids)
        # a bid without an answer cannot be chosen
        bids[self.vendor_3].action_umkm_choose_bid()
        with self.assertRaisesRegex(UserError, "did not answer"):
            rnd.action_confirm_bids()
        bids[self.vendor_3].action_umkm_choose_bid()
        self.assertFalse(bids[self.vendor_3].umkm_bid_chosen)
        bids[self.vendor_2].action_umkm_choose_bid()
        rnd.action_confirm_bids()
        self.assertEqual(rnd.state, "ordered")
        self.assertEqual(bids[self.vendor_2].state, "purchase")
        self.assertEqual(bids[self.vendor_1].state, "cancel")
        self.assertEqual(bids[self.vendor_3].state, "cancel")
        self.assertEqual(
            rnd.purchase_ids.filtered(lambda po: po.state != "cancel"), bids[self.vendor_2]
        )
        line = self._line(rnd, self.kain)
        self.assertEqual(line.price_unit, 24.0)
        self.assertEqual(line.vendor_id, self.vendor_2)
        self.assertEqual(line.amount_collective, 24 * 141)
        # receive → allocate → invoice: the members pay the chosen price
        self._receive(
            rnd.purchase_ids.filtered(lambda po: po.state == "purchase"), {self.kain: 130}, False
        )
        rnd.cost_ids = [Command.create({"name": "Ongkir", "amount": 1000.0})]
        rnd.action_allocate()
        self.assertEqual(self._line(rnd, self.kain).price_unit, 24.0)
        rnd.action_create_member_invoices()
        invoices = rnd.invoice_ids
        self.assertEqual(len(invoices), 3)
        material, costs = 24 * 130, 1000
        fee = round((material + costs) * 0.025)
        self.assertEqual(sum(rnd.allocation_ids.mapped("amount_material")), material)
        self.assertEqual(sum(rnd.allocation_ids.mapped("fee_amount")), fee)
        self.assertEqual(sum(invoices.mapped("amount_untaxed")), material + costs + fee)
        kain_lines = invoices.invoice_line_ids.filtered(lambda aml: aml.product_id == self.kain)
        self.assertEqual(set(kain_lines.mapped("price_unit")), {24.0})

    def test_one_bid_per_material(self):
        rnd = self._create_round(products=self.kain | self.canting)
        rnd.action_open()
        self._demand(rnd, self.member_1, self.kain, 150)
        self._demand(rnd, self.member_1, self.canting, 30)
        rnd.action_close()
        bids = self._call(rnd, self.vendor_1 | self.vendor_2)
        for vendor, kain, canting in ((self.vendor_1, 26.0, 5.0), (self.vendor_2, 25.0, 7.0)):
            prices = {
                pol: kain if pol.product_id == self.kain else canting
                for pol in bids[vendor].order_line
            }
            bids[vendor]._umkm_record_bid(prices, 3)
        # both whole bids chosen: each material twice
        bids[self.vendor_1].action_umkm_choose_bid()
        bids[self.vendor_2].action_umkm_choose_bid()
        with self.assertRaisesRegex(UserError, "exactly one bid"):
            rnd.action_confirm_bids()
        # Odoo's compare view: choose kain of vendor 2, canting of vendor 1
        bids[self.vendor_2].order_line.filtered(lambda l: l.product_id == self.kain).action_choose()
        bids[self.vendor_1].order_line.filtered(
            lambda l: l.product_id == self.canting
        ).action_choose()
        # vendor 2 alone: no bid left for canting
        bids[self.vendor_1].action_umkm_choose_bid()
        with self.assertRaisesRegex(UserError, "exactly one bid for Test canting"):
            rnd.action_confirm_bids()
        bids[self.vendor_1].action_umkm_choose_bid()
        rnd.action_confirm_bids()
        self.assertEqual(bids[self.vendor_1].state, "purchase")
        self.assertEqual(bids[self.vendor_2].state, "purchase")
        self.assertEqual(bids[self.vendor_1].order_line.product_id, self.canting)
        self.assertEqual(bids[self.vendor_2].order_line.product_id, self.kain)
        self.assertEqual(self._line(rnd, self.kain).price_unit, 25.0)
        self.assertEqual(self._line(rnd, self.kain).vendor_id, self.vendor_2)
        self.assertEqual(self._line(rnd, self.canting).price_unit, 5.0)
        self.assertEqual(self._line(rnd, self.canting).vendor_id, self.vendor_1)

    def test_officer_without_purchase_rights_opens_a_round_with_bids(self):
        rnd = self._closed_round()
        self._call(rnd, self.vendor_1 | self.vendor_2)
        officer = new_test_user(
            self.env, "bid_off_plain", groups="umkm_cluster.group_umkm_officer", name="Plain"
        )
        self.cluster_a.officer_ids = [Command.link(officer.id)]
        form = Form(rnd.with_user(officer))
        self.assertEqual(form.bid_count, 2)
        self.assertEqual(form.state, "closed")

    def test_reopening_cancels_the_open_bids_and_a_new_call_follows(self):
        rnd = self._closed_round()
        first = self._call(rnd, self.vendor_1)[self.vendor_1]
        self.assertEqual(rnd.bid_count, 1)
        rnd.action_reopen()
        self.assertEqual(first.state, "cancel")
        self.assertEqual(rnd.bid_count, 0)
        rnd.demand_ids.filtered(lambda d: d.member_id == self.member_2).qty = 60
        self.env["umkm.procurement.round"]._cron_refresh_totals()
        self.assertEqual(self._line(rnd, self.kain).qty_demand, 40 + 60 + 54)
        rnd.action_close()
        second = rnd._umkm_call_for_bids(self.vendor_2, fields.Date.today())
        self.assertEqual(second.order_line.product_qty, self._line(rnd, self.kain).qty_to_order)
        self.assertEqual(rnd.bid_count, 1)
        # the manager's round form with its bids
        form = Form(rnd.with_user(self.manager_a))
        self.assertEqual(form.bid_count, 1)

    def test_volume_prices_of_the_chosen_bid_become_the_vendor_tiers(self):
        rnd = self._closed_round()  # kain: 141 m
        bids = self._call(rnd, self.vendor_1 | self.vendor_2)
        pol = bids[self.vendor_2].order_line
        # one answer never says two prices: the tier that applies at 141 m is the price
        self.assertEqual(pol._umkm_bid_price(None, [(100.0, 24.5), (300.0, 23.0)]), (24.5, None))
        price, error = pol._umkm_bid_price(25.0, [(100.0, 24.5), (300.0, 23.0)])
        self.assertIsNone(price)
        self.assertIn("141", error)
        self.assertEqual(pol._umkm_bid_price(25.0, [(300.0, 23.0)]), (25.0, None))
        price, error = pol._umkm_bid_price(None, [(300.0, 23.0)])
        self.assertIsNone(price)
        self.assertTrue(error)
        bids[self.vendor_1]._umkm_record_bid({bids[self.vendor_1].order_line: 26.0}, 5)
        bids[self.vendor_2]._umkm_record_bid(
            {pol: 24.5}, 6, tiers={pol: [(100.0, 24.5), (300.0, 23.0)]}
        )
        self.assertEqual(pol.umkm_bid_tier_ids.mapped("min_qty"), [100.0, 300.0])
        self.assertIn("300", pol.umkm_bid_tiers)
        old = self.kain.seller_ids.filtered(lambda s: s.partner_id == self.vendor_2)
        others = self.kain.seller_ids - old
        bids[self.vendor_2].action_umkm_choose_bid()
        rnd.action_confirm_bids()
        today = fields.Date.context_today(self.env.user)  # the cooperative's day (WIB)
        # the vendor's earlier tiers end yesterday (kept), its answer's tiers start today
        self.assertEqual(set(old.mapped("date_end")), {today - timedelta(days=1)})
        self.assertFalse(any(others.mapped("date_end")))
        new = self.kain.seller_ids.filtered(
            lambda s: s.partner_id == self.vendor_2 and s.date_start == today
        )
        self.assertEqual(
            sorted((s.min_qty, s.price, s.delay) for s in new),
            [(100.0, 24.5, 6), (300.0, 23.0, 6)],
        )
        # the next round is priced from them: 150 m from the vendor's 100 m tier
        nxt = self._create_round(products=self.kain)
        nxt.action_open()
        self._demand(nxt, self.member_1, self.kain, 150)
        nxt.action_close()
        line = self._line(nxt, self.kain)
        self.assertEqual((line.vendor_id, line.price_unit), (self.vendor_2, 24.5))
        # a bid without volume prices leaves the vendor's tiers as they are
        rnd2 = self._closed_round()
        bids = self._call(rnd2, self.vendor_1)
        bids[self.vendor_1]._umkm_record_bid({bids[self.vendor_1].order_line: 26.0}, 5)
        bids[self.vendor_1].action_umkm_choose_bid()
        rnd2.action_confirm_bids()
        own = self.kain.seller_ids.filtered(lambda s: s.partner_id == self.vendor_1)
        self.assertFalse(any(own.mapped("date_end")))

    def test_cluster_threshold_on_the_bids(self):
        Partner = type(self.env["res.partner"])
        vendor_1 = self.vendor_1

        def rating(partners):  # vendor 1 poor, the others good
            for partner in partners:
                partner.umkm_vendor_standing = "buruk" if partner == vendor_1 else "baik"
                partner.umkm_vendor_on_time_rate = partner.umkm_vendor_fill_rate = 0.0
                partner.umkm_vendor_quality_rate = 0.0
                partner.umkm_vendor_rated_lines = 1

        with patch.object(Partner, "_compute_umkm_vendor_rating", rating):
            self.env.invalidate_all()
            rnd = self._closed_round()
            # warn: vendor 1 is asked and may be chosen, the material flagged
            self.cluster_a.write({"vendor_min_standing": "cukup", "vendor_below_standing": "warn"})
            self.assertIn(vendor_1, rnd._umkm_default_bid_vendors())
            bids = self._call(rnd, vendor_1 | self.vendor_2)
            for vendor, price in ((vendor_1, 23.0), (self.vendor_2, 24.0)):
                bids[vendor]._umkm_record_bid({bids[vendor].order_line: price}, 5)
            # exclude: not asked by default, not chosen
            self.cluster_a.vendor_below_standing = "exclude"
            self.assertNotIn(vendor_1, rnd._umkm_default_bid_vendors())
            self.assertIn(self.vendor_2, rnd._umkm_default_bid_vendors())
            bids[vendor_1].action_umkm_choose_bid()
            with self.assertRaisesRegex(UserError, "minimum standing"):
                rnd.action_confirm_bids()
            self.assertEqual(bids[vendor_1].state, "sent")
            self.cluster_a.vendor_below_standing = "warn"
            rnd.action_confirm_bids()
            line = self._line(rnd, self.kain)
            self.assertEqual(line.vendor_id, vendor_1)
            self.assertTrue(line.vendor_below_standing)
