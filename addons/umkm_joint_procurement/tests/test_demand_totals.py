"""A round line's totals, price tier and tier hint follow the demand: as members see them at
once, right after a create, a change or a cancellation, in the same transaction, through the
ORM and the portal; as stored, once the job the saves trigger has run (a save does not write
them, so that members' saves at the deadline do not wait on one another)."""

import re
import time
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, tagged

from ..models import umkm_procurement_round_totals as round_totals
from .common import ProcurementCase


def _sum_demand(line):
    demands = line.round_id.demand_ids.filtered(
        lambda d: d.product_id == line.product_id and d.state != "cancel"
    )
    return sum(d._qty_in_uom(line.uom_id) for d in demands)


def _post_demand(case, rnd, qty, uom=None):
    """Post the portal's demand form of ``rnd`` for the kain of ``case``."""
    url = f"/my/procurement/{rnd.id}"
    token = re.search(r'name="csrf_token" value="([^"]+)"', case.url_open(url).text).group(1)
    return case.url_open(
        f"{url}/demand",
        data={
            "csrf_token": token,
            "product_id": case.kain.id,
            "uom_id": (uom or case.uom_meter).id,
            "qty": qty,
        },
        allow_redirects=False,
    )


def _live(line):
    return line._umkm_totals()[line]


@tagged("post_install", "-at_install")
class TestDemandTotalsFollowDemand(ProcurementCase):
    def test_totals_after_create_change_cancel(self):
        rnd = self._create_round(products=self.kain)
        rnd.action_open()
        line = self._line(rnd, self.kain)
        demand_1 = self._demand(rnd, self.member_1, self.kain, 100)
        self.assertEqual(_live(line)["qty_demand"], 100)
        self.assertEqual(_live(line)["price_unit"], 27.0)  # vendor 1 from 100 m
        demand_2 = self._demand(rnd, self.member_2, self.kain, 50)
        self.assertEqual(_live(line)["qty_demand"], 150)
        # a change, not flushed yet: the totals see it
        demand_2.qty = 110
        live = _live(line)
        self.assertEqual((live["qty_demand"], live["price_unit"]), (210, 26.0))  # 200 m tier
        self.assertEqual(live["member_count"], 2)
        # the hint of the next tier is computed from the new total (500 m: 25)
        self.assertEqual((live["next_tier_qty"], live["next_tier_price"]), (290, 25.0))
        # the stored totals: by the job the saves trigger
        self.assertIn(rnd, self._refresh_totals())
        self.assertEqual(line.qty_demand, 210)
        self.assertEqual(line.price_unit, 26.0)
        self.assertEqual(line.vendor_id, self.vendor_2)
        self.assertEqual(line.amount_collective, 210 * 26.0)
        self.assertEqual(line.member_count, 2)
        self.assertEqual((line.next_tier_qty, line.next_tier_price), (290, 25.0))
        self.assertNotIn(rnd, self._refresh_totals(), "no save since: nothing to refresh")
        demand_1.write({"qty": 80, "uom_id": self.uom_meter.id})
        self.assertEqual(_live(line)["qty_demand"], 190)
        self.assertEqual(_live(line)["price_unit"], 27.0)
        self.assertEqual((_live(line)["next_tier_qty"], _live(line)["next_tier_price"]), (10, 26))
        demand_2.action_cancel()
        self._refresh_totals()
        self.assertEqual(line.qty_demand, 80)
        self.assertEqual(line.member_count, 1)
        self.assertEqual(line.price_unit, 29.0)  # vendor 2 below 100 m
        self.assertEqual(line.qty_demand, _sum_demand(line))
        self.assertTrue(line.next_tier_qty)
        # once the round is no longer open nobody can add demand: no "… more" nudge
        rnd.action_close()
        self.assertEqual((line.next_tier_qty, line.next_tier_price), (0, 0))
        self.assertEqual(_live(line)["qty_demand"], 80)

    def test_totals_after_unit_change(self):
        rnd = self._create_round(products=self.malam)
        rnd.action_open()
        line = self._line(rnd, self.malam)
        demand = self._demand(rnd, self.member_1, self.malam, 20)
        self.assertEqual(_live(line)["qty_demand"], 20)
        demand.write({"qty": 2500, "uom_id": self.uom_gram.id})
        self.assertEqual(_live(line)["qty_demand"], 2.5)
        self._refresh_totals()
        self.assertEqual(line.qty_demand, 2.5)
        self.assertEqual(line.qty_demand, _sum_demand(line))

    def test_a_save_writes_its_members_place_not_the_round_nor_its_lines(self):
        """What lets members save at the deadline without waiting on one another: a save
        writes the member's place in the round, and neither the round's row nor the lines'
        (their totals are the job's); the close writes every place."""
        rnd = self._create_round(products=self.kain)
        rnd.action_open()
        places = rnd.place_ids
        self.assertEqual(places.member_id, self.members)
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT xmin::text FROM umkm_procurement_round WHERE id = %s "
            "UNION ALL SELECT xmin::text FROM umkm_procurement_round_line WHERE round_id = %s",
            (rnd.id, rnd.id),
        )
        versions = self.env.cr.fetchall()
        self._demand(rnd, self.member_1, self.kain, 30)
        self.env.flush_all()
        place = places.filtered(lambda p: p.member_id == self.member_1)
        self.assertEqual(place.save_count, 1)
        self.assertTrue(place.date_saved)
        self.assertFalse((places - place).filtered("save_count"))
        self.env.cr.execute(
            "SELECT xmin::text FROM umkm_procurement_round WHERE id = %s "
            "UNION ALL SELECT xmin::text FROM umkm_procurement_round_line WHERE round_id = %s",
            (rnd.id, rnd.id),
        )
        self.assertEqual(self.env.cr.fetchall(), versions, "the round and its lines unwritten")
        self.assertEqual(rnd.totals_saves, 0)
        rnd.action_close()
        self.assertTrue(all(places.mapped("date_counted")))
        self.assertEqual(self._line(rnd, self.kain).qty_demand, 30)

    def test_a_closing_round_refuses_saves_until_reopened_or_the_mark_lapses(self):
        """The mark a close that collided with saves leaves on the places (in production it is
        committed by a transaction of its own while Odoo retries the close)."""
        rnd = self._create_round(products=self.kain)
        rnd.action_open()
        demand = self._demand(rnd, self.member_1, self.kain, 30)
        rnd.place_ids.write({"date_closing": fields.Datetime.now()})
        with self.assertRaisesRegex(UserError, "is being closed"):
            demand.qty = 40
        with self.assertRaisesRegex(UserError, "is being closed"):
            self._demand(rnd, self.member_2, self.kain, 10)
        # a close that never succeeded: its mark lapses
        rnd.place_ids.write({"date_closing": fields.Datetime.now() - timedelta(minutes=3)})
        demand.qty = 40
        rnd.action_close()
        rnd.action_reopen()
        self.assertFalse(any(rnd.place_ids.mapped("date_closing")))
        demand.qty = 45
        self.assertEqual(demand.qty, 45)

    def test_a_save_triggers_the_totals_job_and_wakes_the_workers_once_a_second(self):
        """Every save leaves a trigger of the totals job; a server process wakes the cron
        workers (a connection of its own, after the commit) for the first save of a second
        only: the others' triggers run with the next wake-up or the workers' poll."""
        rnd = self._create_round(products=self.kain)
        rnd.action_open()
        cron = self.env.ref("umkm_joint_procurement.ir_cron_round_totals")
        Trigger = self.env["ir.cron.trigger"].sudo()
        postcommit = self.env.cr.postcommit

        def wakes():
            return sum(
                1 for func in postcommit._funcs if getattr(func, "__name__", "") == "_notifydb"
            )

        before = Trigger.search_count([("cron_id", "=", cron.id)])
        dbname = self.env.cr.dbname
        with patch.dict(round_totals._WOKEN, clear=True):
            woken = wakes()
            demand = self._demand(rnd, self.member_1, self.kain, 30)
            self.assertEqual(wakes(), woken + 1, "the first save wakes the workers")
            # as after that transaction's commit, within the second
            round_totals._WOKEN[dbname] = time.monotonic()
            demand.qty = 35
            self._demand(rnd, self.member_2, self.kain, 10)
            self.assertEqual(wakes(), woken + 1, "the next saves of the second do not")
            # a second later, a save wakes them again
            round_totals._WOKEN[dbname] = time.monotonic() - round_totals.WAKE_SECONDS
            demand.qty = 40
            self.assertEqual(wakes(), woken + 2)
        self.assertEqual(Trigger.search_count([("cron_id", "=", cron.id)]), before + 4)
        self.env.ref("umkm_joint_procurement.ir_cron_round_totals").method_direct_trigger()
        self.assertEqual(self._line(rnd, self.kain).qty_demand, 50)

    def test_a_change_of_quantity_does_not_search_for_duplicates(self):
        """A member's save of a line it has (the rush's most frequent save) skips the search
        for a second line of the same material; a new line or a moved one does not."""
        rnd = self._create_round(products=self.kain | self.malam)
        rnd.action_open()
        demand = self._demand(rnd, self.member_1, self.kain, 30)
        Demand = type(demand)
        searches = []

        def read_group(records, domain, groupby=(), *args, **kwargs):
            if tuple(groupby) == ("round_id", "member_id", "product_id"):
                searches.append(domain)
            return original(records, domain, groupby, *args, **kwargs)

        original = Demand._read_group
        with patch.object(Demand, "_read_group", autospec=True, side_effect=read_group):
            demand.qty = 31
            self.env.flush_all()
            self.assertEqual(searches, [])
            self._demand(rnd, self.member_1, self.malam, 5)
            self.assertEqual(len(searches), 1)
        with self.assertRaisesRegex(ValidationError, "already has a demand line"):
            self._demand(rnd, self.member_1, self.kain, 3)

    def test_a_member_active_since_the_opening_gets_a_place_with_its_first_save(self):
        rnd = self._create_round(products=self.kain)
        rnd.action_open()
        member = self._create_members(self.cluster_a, 1, "SME late")
        self.assertNotIn(member, rnd.place_ids.member_id)
        self._demand(rnd, member, self.kain, 12)
        self.assertIn(member, rnd.place_ids.member_id)
        # without a place the save wrote the round's row instead, which the close writes too
        self.assertTrue(rnd.demand_date)
        self._demand(rnd, self.member_1, self.kain, 5)
        self.assertEqual(len(rnd.place_ids.filtered(lambda p: p.member_id == member)), 1)
        self._refresh_totals()
        self.assertEqual(self._line(rnd, self.kain).qty_demand, 17)


@tagged("post_install", "-at_install")
class TestDemandTotalsOnPortal(ProcurementCase, HttpCase):
    def _post(self, rnd, qty):
        response = _post_demand(self, rnd, qty)
        self.assertEqual(response.status_code, 303, response.text[:500])

    def test_portal_shows_the_new_total(self):
        """The round's page shows the totals as the demand is now, before the job stores them."""
        rnd = self._create_round(products=self.kain)
        rnd.action_open()
        line = self._line(rnd, self.kain)
        self._demand(rnd, self.member_2, self.kain, 150)
        self.authenticate(self.portal_1.login, f"{self.portal_1.login}_pw")
        self._post(rnd, "24")
        self.assertEqual(_live(line)["qty_demand"], 174)
        self._post(rnd, "25")
        page = self.url_open(f"/my/procurement/{rnd.id}")
        self.assertIn("175.00", page.text)
        self.assertNotIn("174.00", page.text)
        # 25 m more reach the 200 m tier
        self.assertRegex(page.text, r"25\.00\s*m\s*more and the price drops to")
        self._post(rnd, "60")
        self.assertIn(rnd, self._refresh_totals())
        self.assertEqual(line.qty_demand, 210)
        self.assertEqual(line.price_unit, 26.0)
        self.assertEqual(line.qty_demand, _sum_demand(line))


ABSURD = ("nan", "inf", "-inf", "1e400", "99999999999999999", "0x10")


@tagged("post_install", "-at_install")
class TestDemandNumbers(ProcurementCase, HttpCase):
    def test_orm_refuses_non_finite_and_above_the_maximum(self):
        rnd = self._create_round(products=self.kain)
        rnd.action_open()
        line = self._line(rnd, self.kain)
        self.assertEqual(line.qty_max_member, 10000)
        demand = self._demand(rnd, self.member_1, self.kain, 100)
        for value in (float("nan"), float("inf"), 1e300):
            with self.subTest(value=value), self.assertRaises(ValidationError):
                demand.write({"qty": value})
        with self.assertRaisesRegex(ValidationError, r"at most 10[.,]000 m"):
            demand.write({"qty": 10001})
        with self.assertRaisesRegex(ValidationError, r"at most 10[.,]000 m"):
            self._demand(rnd, self.member_2, self.kain, 99_999_999_999_999)
        demand.write({"qty": 10000})
        self.assertEqual(_live(line)["qty_demand"], 10000)
        line.qty_max_member = 20000
        demand.write({"qty": 15000})
        self._refresh_totals()
        self.assertEqual(line.qty_demand, 15000)
        with self.assertRaises(ValidationError):
            line.write({"qty_max_member": float("nan")})

    def test_portal_form_refuses_absurd_quantities_without_500(self):
        rnd = self._create_round(products=self.kain)
        rnd.action_open()
        line = self._line(rnd, self.kain)
        self.authenticate(self.portal_1.login, f"{self.portal_1.login}_pw")
        for raw in (*ABSURD, "10001", "12.000.000"):
            with self.subTest(raw=raw):
                response = _post_demand(self, rnd, raw)
                self.assertEqual(response.status_code, 400)
                self.assertIn("o_umkm_demand_error", response.text)
                self.assertNotIn("Traceback", response.text)
        self.assertFalse(rnd.demand_ids)
        self.assertEqual(line.qty_demand, 0)
        # the maximum is said in the unit the member chose
        response = _post_demand(self, rnd, "11", self.env.ref("uom.product_uom_km"))
        self.assertEqual(response.status_code, 400)
        self.assertIn("Enter at most 10 km.", response.text)
