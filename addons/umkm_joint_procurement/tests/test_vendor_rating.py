"""Vendors rated from the rounds' receipts over the last 12 months: on time, delivered in
full, quality (what was refused on receipt, and why); the standing; the cluster's minimum
standing warned about or excluded when a round picks its vendor."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import BaseCase, Form, tagged

from odoo.addons.umkm_cluster.tests.common import load_indonesian
from odoo.addons.umkm_joint_procurement.tools.vendor_rating import (
    LineFigures,
    below,
    rates,
    standing,
)

from .common import ProcurementCase


@tagged("post_install", "-at_install")
class TestVendorRating(ProcurementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, mail_create_nolog=True))
        cls.vendor_3 = cls.env["res.partner"].create({"name": "UD Baru", "is_company": True})
        cls.shell = cls._create_round(products=cls.kain)  # the rounds' orders belong to one
        now = fields.Datetime.now()
        # vendor 1: kain 100 m at 27 due today, 90 m taken and 10 m refused (torn); canting
        # 20 at 6 due 3 days ago, all received today (late); kain 50 m at 30 due 10 days ago,
        # nothing received yet
        cls.po_kain = cls._order(cls.vendor_1, cls.kain, 100, 27, now)
        cls._receive_order(cls.po_kain, 90, refused=10, reason="Kain sobek")
        cls.po_canting = cls._order(cls.vendor_1, cls.canting, 20, 6, now - timedelta(days=3))
        cls._receive_order(cls.po_canting, 20)
        cls.po_pending = cls._order(cls.vendor_1, cls.kain, 50, 30, now - timedelta(days=10))
        # not counted: an order due 13 months ago, an order outside the rounds, one not due yet
        old = cls._order(cls.vendor_1, cls.kain, 100, 27, now - relativedelta(months=13))
        cls._receive_order(old, 50, refused=50, reason="Lama")
        outside = cls._order(cls.vendor_1, cls.kain, 100, 27, now, round_order=False)
        cls._receive_order(outside, 50, refused=50, reason="Bukan putaran")
        cls._order(cls.vendor_1, cls.kain, 100, 27, now + timedelta(days=5))
        # vendor 2: malam 20 kg at 50 due today, all received, nothing refused
        cls._receive_order(cls._order(cls.vendor_2, cls.malam, 20, 50, now), 20)

    @classmethod
    def _order(cls, vendor, product, qty, price, date_planned, round_order=True):
        order = cls.env["purchase.order"].create(
            {
                "partner_id": vendor.id,
                "umkm_round_id": cls.shell.id if round_order else False,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_qty": qty,
                            "price_unit": price,
                            "date_planned": date_planned,
                        }
                    )
                ],
            }
        )
        order.button_confirm()
        return order

    @classmethod
    def _receive_order(cls, order, qty, refused=0.0, reason=False):
        """Receive ``qty`` of the order's receipt, record ``refused`` and its ``reason``, and
        validate it without a backorder (the rest will not come)."""
        picking = order.picking_ids
        move = picking.move_ids
        move.write(
            {
                "quantity": qty,
                "picked": True,
                "umkm_qty_refused": refused,
                "umkm_refuse_reason": reason,
            }
        )
        picking.with_context(
            skip_backorder=True, picking_ids_not_to_backorder=picking.ids
        ).button_validate()
        return picking

    def _by_hand(self, vendor):
        """The rates recomputed record by record from the rounds' order lines of the vendor
        due in the last 12 months and their receipts."""
        today = fields.Date.context_today(self.env["res.partner"].with_context(tz="Asia/Jakarta"))
        lines = self.env["purchase.order.line"].search(
            [
                ("partner_id", "=", vendor.id),
                ("order_id.umkm_round_id", "!=", False),
                ("order_id.state", "=", "purchase"),
            ]
        )
        ordered = received = on_time = refused = arrived = 0.0
        for line in lines:
            expected = fields.Datetime.context_timestamp(
                line.with_context(tz="Asia/Jakarta"), line.date_planned
            ).date()
            if not today - relativedelta(months=12) <= expected <= today:
                continue
            price = line.price_unit
            ordered += price * line.product_qty
            received += price * min(line.qty_received, line.product_qty)
            for move in line.move_ids.filtered(lambda m: m.state == "done"):
                done = fields.Datetime.context_timestamp(
                    move.with_context(tz="Asia/Jakarta"), move.date
                ).date()
                if done <= expected:
                    on_time += price * move.quantity
                refused += price * move.umkm_qty_refused
            arrived += price * (line.qty_received + sum(line.move_ids.mapped("umkm_qty_refused")))
        return on_time / received, received / ordered, 1 - refused / arrived

    def test_rates_equal_those_recomputed_from_the_receipts(self):
        vendors = self.vendor_1 | self.vendor_2 | self.vendor_3
        vendors.invalidate_recordset()
        v1 = self.vendor_1
        # by hand: ordered 27 x 100 + 6 x 20 + 30 x 50 = 4,320; received 27 x 90 + 6 x 20 =
        # 2,550 of which 2,430 on time; refused 27 x 10 = 270 of 2,820 arrived
        self.assertAlmostEqual(v1.umkm_vendor_fill_rate, 2550 / 4320)
        self.assertAlmostEqual(v1.umkm_vendor_on_time_rate, 2430 / 2550)
        self.assertAlmostEqual(v1.umkm_vendor_quality_rate, 1 - 270 / 2820)
        on_time, fill, quality = self._by_hand(v1)
        self.assertAlmostEqual(v1.umkm_vendor_on_time_rate, on_time)
        self.assertAlmostEqual(v1.umkm_vendor_fill_rate, fill)
        self.assertAlmostEqual(v1.umkm_vendor_quality_rate, quality)
        self.assertEqual(v1.umkm_vendor_rated_lines, 3)
        self.assertEqual(v1.umkm_vendor_standing, "buruk")  # 59% delivered
        v2 = self.vendor_2
        self.assertEqual(
            (v2.umkm_vendor_on_time_rate, v2.umkm_vendor_fill_rate, v2.umkm_vendor_quality_rate),
            (1.0, 1.0, 1.0),
        )
        self.assertEqual(v2.umkm_vendor_standing, "baik")
        self.assertFalse(self.vendor_3.umkm_vendor_standing)  # not rated yet
        self.assertEqual(self.vendor_3.umkm_vendor_rated_lines, 0)
        # the pending order arrives in full, 10 days late: on time 60%, still poor
        self._receive_order(self.po_pending, 50)
        v1.invalidate_recordset()
        self.assertAlmostEqual(v1.umkm_vendor_fill_rate, 4050 / 4320)
        self.assertAlmostEqual(v1.umkm_vendor_on_time_rate, 2430 / 4050)
        self.assertEqual(v1.umkm_vendor_standing, "buruk")
        on_time, fill, quality = self._by_hand(v1)
        self.assertAlmostEqual(v1.umkm_vendor_on_time_rate, on_time)
        self.assertAlmostEqual(v1.umkm_vendor_fill_rate, fill)
        self.assertAlmostEqual(v1.umkm_vendor_quality_rate, quality)

    def test_rating_of_all_vendors_in_two_queries(self):
        vendors = self.vendor_1 | self.vendor_2 | self.vendor_3
        vendors.invalidate_recordset()
        self.env.flush_all()
        with self.assertQueryCount(__system__=2):
            # the order lines, then their receipt moves grouped by line, day and unit
            vendors.mapped("umkm_vendor_standing")

    def test_refused_quantity_needs_a_reason_and_is_not_negative(self):
        order = self._order(self.vendor_2, self.malam, 10, 50, fields.Datetime.now())
        move = order.picking_ids.move_ids
        with self.assertRaisesRegex(ValidationError, "Say why 2"):
            move.write({"umkm_qty_refused": 2})
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            move.write({"umkm_qty_refused": -1, "umkm_refuse_reason": "x"})
        load_indonesian(self.env, "umkm_joint_procurement")
        with self.assertRaisesRegex(ValidationError, "ditolak"):
            move.with_context(lang="id_ID").write({"umkm_qty_refused": 2})

    def test_cluster_threshold_warns_or_excludes_when_the_round_picks_its_vendor(self):
        # kain at 150 m: vendor 1's tier from 100 m (27) is the cheapest; vendor 2 from 0 m
        # at 29, from 200 m at 26
        rnd = self._create_round(products=self.kain)
        rnd.action_open()
        self._demand(rnd, self.member_1, self.kain, 150)
        self._refresh_totals()
        line = self._line(rnd, self.kain)
        self.assertEqual((line.vendor_id, line.price_unit), (self.vendor_1, 27))
        self.assertFalse(line.vendor_below_standing)
        self.assertEqual(line.vendor_standing, "buruk")
        # warn: vendor 1 stays, flagged
        self.cluster_a.write({"vendor_min_standing": "cukup", "vendor_below_standing": "warn"})
        rnd._aggregate()
        self.assertEqual((line.vendor_id, line.price_unit), (self.vendor_1, 27))
        self.assertTrue(line.vendor_below_standing)
        # exclude: vendor 1's tiers are skipped, vendor 2's apply (and its next tier)
        self.cluster_a.vendor_below_standing = "exclude"
        rnd._aggregate()
        self.assertEqual((line.vendor_id, line.price_unit), (self.vendor_2, 29))
        self.assertFalse(line.vendor_below_standing)
        line.invalidate_recordset(["next_tier_qty", "next_tier_price"])
        self.assertEqual((line.next_tier_qty, line.next_tier_price), (50, 26))
        # vendor 2 is good: a minimum of "good" keeps it
        self.cluster_a.vendor_min_standing = "baik"
        rnd._aggregate()
        self.assertEqual(line.vendor_id, self.vendor_2)
        # the close picks the same, and the purchase order shows the standing
        rnd.action_close()
        rnd.action_create_purchase_orders()
        self.assertEqual(rnd.purchase_ids.partner_id, self.vendor_2)
        self.assertEqual(rnd.purchase_ids.umkm_vendor_standing, "baik")
        # where a vendor is chosen: its price tiers and a new purchase order show it too
        seller = self.kain.seller_ids.filtered(lambda s: s.partner_id == self.vendor_1)[:1]
        self.assertEqual(seller.umkm_vendor_standing, "buruk")
        order = Form(self.env["purchase.order"])
        order.partner_id = self.vendor_1
        self.assertEqual(order.umkm_vendor_standing, "buruk")
        # another cluster without threshold still buys from vendor 1
        other = self._create_round(cluster_id=self.cluster_b.id, products=self.kain)
        other.action_open()
        self._demand(other, self.member_b, self.kain, 150)
        self._refresh_totals()
        self.assertEqual(self._line(other, self.kain).vendor_id, self.vendor_1)

    def test_a_material_whose_vendors_are_all_excluded_cannot_open(self):
        self.cluster_a.write({"vendor_min_standing": "cukup", "vendor_below_standing": "exclude"})
        rnd = self._create_round(products=self.canting)  # vendor 1 only
        with self.assertRaisesRegex(UserError, "no valid vendor price list"):
            rnd.action_open()

    def test_standing_in_indonesian(self):
        load_indonesian(self.env, "umkm_joint_procurement")
        selection = dict(
            self.env["res.partner"]
            .with_context(lang="id_ID")
            .fields_get(["umkm_vendor_standing"])["umkm_vendor_standing"]["selection"]
        )
        self.assertEqual(selection, {"baik": "Baik", "cukup": "Cukup", "buruk": "Buruk"})


class TestVendorRatingMath(BaseCase):
    """The pure rule (tools/vendor_rating.py)."""

    def test_rates_standing_and_threshold(self):
        self.assertEqual(rates([]), (None, None, None))
        # over-delivery counts as the quantity ordered; nothing received: no on-time figure
        self.assertEqual(rates([LineFigures(100, 120, 120, 0, 10)]), (1.0, 1.0, 1.0))
        self.assertEqual(rates([LineFigures(100, 0, 0, 0, 10)]), (None, 0.0, None))
        # weighted by price: 10 x 100 on time, 1 x 100 late
        on_time, fill, quality = rates(
            [LineFigures(100, 100, 100, 0, 10), LineFigures(100, 100, 0, 25, 1)]
        )
        self.assertAlmostEqual(on_time, 1000 / 1100)
        self.assertEqual(fill, 1.0)
        self.assertAlmostEqual(quality, 1 - 25 / 1125)
        self.assertEqual(standing(0.9, 1.0, 0.95), "baik")
        self.assertEqual(standing(0.89, 1.0, None), "cukup")
        self.assertEqual(standing(0.7, 0.7, 0.7), "cukup")
        self.assertEqual(standing(1.0, 0.69, 1.0), "buruk")
        self.assertIsNone(standing(None, None, None))
        self.assertTrue(below("buruk", "cukup"))
        self.assertTrue(below("cukup", "baik"))
        self.assertFalse(below("cukup", "cukup"))
        self.assertFalse(below(None, "baik"))  # not rated yet
        self.assertFalse(below("buruk", False))  # no threshold
