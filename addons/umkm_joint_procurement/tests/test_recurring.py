"""Recurring rounds: a template opens the round of each period by itself, with the members'
standing demand carried in as their demand."""

from datetime import datetime, time, timedelta
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.umkm_joint_procurement.tools.recurrence import local_to_utc

from .common import ProcurementCase


class RecurringCase(ProcurementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Template = cls.env["umkm.procurement.round.template"]
        cls.Standing = cls.env["umkm.procurement.standing.demand"]
        # the job opens every template's round: only the tests' own here (not a demo one)
        cls.Template.search([("active", "=", True)]).active = False
        today = fields.Date.context_today(cls.env["res.users"])
        # the first three months from the next one: always ahead of the real clock, so that
        # the rounds' deadlines are in the future and members may still change their demand
        first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
        second = (first + timedelta(days=32)).replace(day=1)
        third = (second + timedelta(days=32)).replace(day=1)
        cls.months = [first, second, third]

    @classmethod
    def _create_template(cls, products=None, **values):
        products = products or (cls.kain | cls.malam)
        vals = {
            "name": "Kain bulanan",
            "cluster_id": cls.cluster_a.id,
            "user_id": cls.manager_a.id,
            "cadence": "monthly",
            "month_day": 1,
            "deadline_days": 7,
            "deadline_hour": 10.0,
            "expected_days": 5,
            "fee_percent": 2.5,
            "allocation_method": "equal_share",
            "cost_split": "by_quantity",
            "date_start": cls.months[0],
            "line_ids": [Command.create({"product_id": p.id}) for p in products],
        }
        vals.update(values)
        return cls.Template.create(vals)

    @classmethod
    def _standing(cls, template, member, product, qty, uom=None):
        return cls.Standing.create(
            {
                "template_id": template.id,
                "member_id": member.id,
                "product_id": product.id,
                "qty": qty,
                "uom_id": (uom or product.uom_po_id).id,
            }
        )

    def _run_cron(self, day, hour=0.5):
        """The job at ``hour`` (WIB) of ``day``."""
        return self.Template._cron_open_rounds(now=local_to_utc(day, hour))

    def _demand_of(self, rnd, member, product):
        return rnd.demand_ids.filtered(
            lambda d: d.member_id == member and d.product_id == product and d.state != "cancel"
        )


@tagged("post_install", "-at_install")
class TestRecurringRounds(RecurringCase):
    def test_monthly_template_opens_three_rounds_with_standing_demand(self):
        template = self._create_template()
        kain_1 = self._standing(template, self.member_1, self.kain, 40)
        self._standing(template, self.member_2, self.kain, 60)
        self._standing(template, self.member_2, self.malam, 1000, self.uom_gram)
        first, second, third = self.months

        # the evening before (23:00 WIB): not yet
        self.assertFalse(self._run_cron(first - timedelta(days=1), 23.0))
        round_1 = self._run_cron(first)
        self.assertEqual(len(round_1), 1)
        self.assertEqual(round_1.state, "open")
        self.assertEqual(round_1.template_id, template)
        self.assertEqual(round_1.template_period, first)
        self.assertEqual(round_1.title, "Kain bulanan")
        self.assertEqual(round_1.line_ids.product_id, self.kain | self.malam)
        # fee and methods copied
        self.assertEqual(round_1.fee_percent, 2.5)
        self.assertEqual(round_1.allocation_method, "equal_share")
        self.assertEqual(round_1.cost_split, "by_quantity")
        self.assertEqual(round_1.user_id, self.manager_a)
        # deadline: 7 days later at 10:00 WIB, stored in UTC (03:00)
        self.assertEqual(round_1.deadline, datetime.combine(first + timedelta(days=7), time(3)))
        self.assertEqual(round_1.expected_date, first + timedelta(days=12))
        # the standing demand is the members' demand, submitted as a portal save would be
        demand = self._demand_of(round_1, self.member_1, self.kain)
        self.assertEqual((demand.qty, demand.state, demand.standing_id), (40, "submitted", kain_1))
        self.assertEqual(self._demand_of(round_1, self.member_2, self.kain).qty, 60)
        malam = self._demand_of(round_1, self.member_2, self.malam)
        self.assertEqual((malam.qty, malam.uom_id), (1000, self.uom_gram))
        self.assertFalse(self._demand_of(round_1, self.members[2], self.kain))
        self.assertEqual(self._line(round_1, self.kain).qty_demand, 100)
        # every active member is told, with the round's own open message
        told = round_1.message_ids.filtered(lambda m: m.partner_ids).partner_ids
        self.assertEqual(told, self.members.partner_id)
        # later in the same period: nothing more
        self.assertFalse(self._run_cron(first + timedelta(days=3), 9.0))
        self.assertEqual(template.round_count, 1)

        # before month 2, member 2 raises its standing demand
        self.Standing.search(
            [("member_id", "=", self.member_2.id), ("product_id", "=", self.kain.id)]
        ).qty = 80
        round_2 = self._run_cron(second)
        self.assertEqual(self._demand_of(round_2, self.member_1, self.kain).qty, 40)
        self.assertEqual(self._demand_of(round_2, self.member_2, self.kain).qty, 80)
        # member 1 changes its demand in round 2 (its standing demand stays) ...
        demand_2 = self._demand_of(round_2, self.member_1, self.kain)
        demand_2.qty = 55
        self._refresh_totals()
        self.assertEqual(self._line(round_2, self.kain).qty_demand, 135)
        self.assertEqual(kain_1.qty, 40)
        # ... and stops its standing demand for the rounds after
        kain_1.action_stop()
        round_3 = self._run_cron(third)
        self.assertFalse(self._demand_of(round_3, self.member_1, self.kain))
        self.assertEqual(self._demand_of(round_3, self.member_2, self.kain).qty, 80)
        self.assertEqual(self._line(round_3, self.kain).qty_demand, 80)
        # the earlier rounds keep what they had
        self.assertEqual(self._demand_of(round_1, self.member_1, self.kain).qty, 40)
        self.assertEqual(self._demand_of(round_2, self.member_1, self.kain).qty, 55)
        self.assertEqual(template.round_ids, round_1 | round_2 | round_3)
        self.assertEqual(len(set(template.round_ids.mapped("name"))), 3)

    def test_carried_demand_changes_and_goes_as_any_demand(self):
        template = self._create_template()
        self._standing(template, self.member_1, self.kain, 40)
        rnd = self._run_cron(self.months[0])
        demand = self._demand_of(rnd, self.member_1, self.kain)
        demand.action_cancel()
        self._refresh_totals()
        self.assertEqual(self._line(rnd, self.kain).qty_demand, 0)
        # it is the member's demand: the round closes with what it has then
        self._demand(rnd, self.member_1, self.kain, 120)
        rnd.action_close()
        self.assertEqual(self._line(rnd, self.kain).price_unit, 27.0)

    def test_weekly_deadline_in_wib(self):
        template = self._create_template(
            cadence="weekly", weekday="0", deadline_weekday="3", deadline_hour=10.0
        )
        monday = self.months[0] + timedelta(days=(7 - self.months[0].weekday()) % 7)
        # Monday 06:00 WIB is Sunday 23:00 UTC: already the Monday of the round
        rnd = self._run_cron(monday, 6.0)
        self.assertEqual(rnd.template_period, monday)
        # Thursday 10:00 WIB = Thursday 03:00 UTC
        thursday = monday + timedelta(days=3)
        self.assertEqual(rnd.deadline, datetime.combine(thursday, time(3, 0)))
        self.assertEqual(
            template.with_context(lang="en_US").schedule_text,
            "Every Monday, demand until Thursday 10:00 WIB",
        )
        # after Thursday 10:00 WIB of that week no round of it can open any more
        template.date_last_period = False
        rnd.action_cancel()
        rnd.template_id = False
        self.assertFalse(self._run_cron(thursday, 10.5))
        self.assertTrue(self._run_cron(thursday, 9.5))

    def test_template_window_carried_to_its_rounds(self):
        template = self._create_template(window_hours=12)
        self._standing(template, self.member_1, self.kain, 40)
        rnd = self._run_cron(self.months[0])
        self.assertEqual(rnd.window_hours, 12)
        self.assertEqual(rnd.date_window_end, rnd.deadline + timedelta(hours=12))

    def test_next_round_shown(self):
        template = self._create_template()
        self.assertEqual(template.date_next, self.months[0])
        self.assertEqual(
            template.deadline_next, datetime.combine(self.months[0] + timedelta(days=7), time(3))
        )
        self._run_cron(self.months[0])
        self.assertEqual(template.date_next, self.months[1])

    def test_material_without_price_left_out_and_manager_told(self):
        benang = self.env["product.product"].create(
            {"name": "Test benang", "is_storable": True, "uom_id": self.uom_kg.id}
        )
        template = self._create_template(products=self.kain | benang)
        self._standing(template, self.member_1, self.kain, 40)
        self._standing(template, self.member_1, benang, 5)
        rnd = self._run_cron(self.months[0])
        self.assertEqual(rnd.state, "open")
        self.assertEqual(rnd.line_ids.product_id, self.kain)
        self.assertEqual(rnd.demand_ids.product_id, self.kain)
        activity = rnd.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.manager_a)
        self.assertIn("Test benang", activity.note)
        self.assertIn("no vendor price", activity.summary)
        self.assertTrue(rnd.message_ids.filtered(lambda m: "Test benang" in (m.body or "")))
        # once priced, it is in the next round
        benang.seller_ids = [Command.create({"partner_id": self.vendor_1.id, "price": 12.0})]
        round_2 = self._run_cron(self.months[1])
        self.assertEqual(round_2.line_ids.product_id, self.kain | benang)
        self.assertEqual(self._demand_of(round_2, self.member_1, benang).qty, 5)
        self.assertFalse(round_2.activity_ids)

    def test_no_material_priced_opens_nothing_and_says_so(self):
        benang = self.env["product.product"].create(
            {"name": "Test benang", "is_storable": True, "uom_id": self.uom_kg.id}
        )
        template = self._create_template(products=benang)
        self.assertFalse(self._run_cron(self.months[0]))
        self.assertIn("Test benang", template.activity_ids.note)
        self.assertEqual(template.activity_ids.user_id, self.manager_a)
        self.assertEqual(template.date_last_period, self.months[0])
        # told once per period, not every hour
        self._run_cron(self.months[0], 5.0)
        self.assertEqual(len(template.activity_ids), 1)

    def test_manager_told_in_own_language(self):
        from odoo.addons.umkm_cluster.tests.common import load_indonesian  # noqa: PLC0415

        load_indonesian(self.env, "umkm_joint_procurement")
        self.manager_a.lang = "id_ID"
        benang = self.env["product.product"].create({"name": "Test benang", "is_storable": True})
        template = self._create_template(products=self.kain | benang)
        rnd = template.with_context(lang="en_US")._cron_open_rounds(
            now=local_to_utc(self.months[0], 1.0)
        )
        self.assertIn("tanpa harga", rnd.activity_ids.summary)

    def test_one_round_per_period(self):
        template = self._create_template()
        self._standing(template, self.member_1, self.kain, 40)
        self._run_cron(self.months[0])
        self._run_cron(self.months[0], 1.5)
        self.assertEqual(template.round_count, 1)
        # even when the template's memory of it is lost, the database keeps one per period
        template.date_last_period = False
        with mute_logger("odoo.models.unlink", "odoo.sql_db"):
            self.assertFalse(self._run_cron(self.months[0], 2.0))
        self.assertEqual(template.round_count, 1)
        self.assertEqual(len(template.round_ids.demand_ids), 1)
        rnd = template.round_ids
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                rnd.copy({"template_id": template.id, "template_period": self.months[0]})

    def test_a_template_that_cannot_open_keeps_no_other_closed(self):
        good = self._create_template(name="Baik")
        bad = self._create_template(name="Rusak")
        Template = type(self.Template)
        prepare = Template._prepare_round_vals

        def broken(template, start, lines):
            vals = prepare(template, start, lines)
            if template == bad:
                vals["fee_percent"] = 150.0  # refused by the database
            return vals

        logger = "odoo.addons.umkm_joint_procurement.models.umkm_procurement_round_template"
        with (
            patch.object(Template, "_prepare_round_vals", broken),
            mute_logger(logger, "odoo.sql_db"),
        ):
            rounds = self._run_cron(self.months[0])
        self.assertEqual(rounds.template_id, good)
        self.assertFalse(bad.round_ids)
        self.assertFalse(bad.date_last_period)
        # once mended, it opens at the next run
        self.assertEqual(self._run_cron(self.months[0], 2.0).template_id, bad)

    def test_open_now_button(self):
        # a template starting next month: the manager opens this period's round now
        template = self._create_template(
            cadence="weekly", weekday="0", deadline_weekday="6", deadline_hour=23.0
        )
        template.date_start = fields.Date.today() + timedelta(days=40)
        self._standing(template, self.member_1, self.kain, 40)
        today = fields.Date.context_today(template.with_context(tz="Asia/Jakarta"))
        sunday = today + timedelta(days=6 - today.weekday())
        if fields.Datetime.now() >= local_to_utc(sunday, 23.0):  # Sunday night: nothing left
            return
        with self.assertRaises(AccessError):
            template.with_user(self.officer_a).action_open_round_now()
        template.with_user(self.manager_a).action_open_round_now()
        self.assertEqual(len(template.round_ids), 1)
        self.assertEqual(template.round_ids.demand_ids.qty, 40)
        with self.assertRaisesRegex(UserError, "open already"):
            template.with_user(self.manager_a).action_open_round_now()

    def test_standing_demand_checked(self):
        template = self._create_template()
        with self.assertRaisesRegex(ValidationError, "greater than zero"):
            self._standing(template, self.member_1, self.kain, 0)
        with self.assertRaisesRegex(ValidationError, "not a material"):
            self._standing(template, self.member_1, self.canting, 3)
        with self.assertRaisesRegex(ValidationError, "cannot measure"):
            self._standing(template, self.member_1, self.kain, 3, self.uom_kg)
        with self.assertRaisesRegex(ValidationError, "at most"):
            self._standing(template, self.member_1, self.kain, 10001)
        with self.assertRaisesRegex(ValidationError, "not a member"):
            self._standing(template, self.member_b, self.kain, 3)
        self._standing(template, self.member_1, self.kain, 3)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self._standing(template, self.member_1, self.kain, 4)

    def test_members_not_active_are_not_carried(self):
        template = self._create_template()
        self._standing(template, self.member_1, self.kain, 40)
        self._standing(template, self.member_2, self.kain, 30)
        self.member_2.action_suspend()
        rnd = self._run_cron(self.months[0])
        self.assertEqual(rnd.demand_ids.member_id, self.member_1)

    def test_queries_do_not_grow_with_members(self):
        """Opening rounds costs the same queries with 3 or 30 members' standing demand."""

        def open_with(members, month):
            template = self._create_template(name=f"T {len(members)}")
            self.Standing.create(
                [
                    {
                        "template_id": template.id,
                        "member_id": m.id,
                        "product_id": p.id,
                        "qty": 5 + i,
                    }
                    for i, m in enumerate(members)
                    for p in self.kain | self.malam
                ]
            )
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            rounds = template._umkm_open_due(local_to_utc(month, 1.0))
            self.env.flush_all()
            self.assertEqual(len(rounds.demand_ids), 2 * len(members))
            return self.env.cr.sql_log_count - before

        few = open_with(self.members, self.months[0])
        more = self._create_members(self.cluster_a, 27, "SME more")
        many = open_with(self.members | more, self.months[1])
        self.assertLessEqual(many, few + 5, f"{few} queries for 3 members, {many} for 30")


@tagged("post_install", "-at_install")
class TestRecurringAccess(RecurringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls._create_template()
        cls.template_b = cls._create_template(name="Kain B", cluster_id=cls.cluster_b.id)
        cls.standing_1 = cls._standing(cls.template, cls.member_1, cls.kain, 40)
        cls.standing_2 = cls._standing(cls.template, cls.member_2, cls.kain, 60)
        cls.standing_b = cls._standing(cls.template_b, cls.member_b, cls.kain, 10)
        cls.portal_b = new_test_user(
            cls.env, "proc_portal_b", password="proc_portal_b_pw", groups="base.group_portal"
        )
        cls.portal_b.partner_id.parent_id = cls.member_b.partner_id

    def test_member_sees_only_its_own(self):
        env = self.env(user=self.portal_1)
        self.assertEqual(env["umkm.procurement.standing.demand"].search([]), self.standing_1)
        self.assertEqual(env["umkm.procurement.round.template"].search([]), self.template)
        self.assertEqual(
            env["umkm.procurement.round.template.line"].search([]), self.template.line_ids
        )
        with self.assertRaises(AccessError):
            self.standing_2.with_user(self.portal_1).read(["qty"])
        with self.assertRaises(AccessError):
            self.standing_b.with_user(self.portal_1).read(["qty"])

    def test_member_cannot_write_through_the_orm(self):
        with self.assertRaises(AccessError):
            self.standing_1.with_user(self.portal_1).write({"qty": 999})
        with self.assertRaises(AccessError):
            self.Standing.with_user(self.portal_1).create(
                {
                    "template_id": self.template.id,
                    "member_id": self.member_1.id,
                    "product_id": self.malam.id,
                    "qty": 3,
                }
            )
        with self.assertRaises(AccessError):
            self.template.with_user(self.portal_1).write({"fee_percent": 0})

    def test_another_cluster_sees_nothing(self):
        env = self.env(user=self.portal_b)
        self.assertEqual(env["umkm.procurement.standing.demand"].search([]), self.standing_b)
        self.assertEqual(env["umkm.procurement.round.template"].search([]), self.template_b)
        with self.assertRaises(AccessError):
            self.template.with_user(self.portal_b).read(["name"])
        env = self.env(user=self.manager_b)
        self.assertEqual(env["umkm.procurement.round.template"].search([]), self.template_b)
        self.assertEqual(env["umkm.procurement.standing.demand"].search([]), self.standing_b)
        with self.assertRaises(AccessError):
            self.standing_1.with_user(self.manager_b).read(["qty"])

    def test_officer_manages_standing_demand_of_its_cluster(self):
        env = self.env(user=self.officer_a)
        self.assertEqual(
            env["umkm.procurement.standing.demand"].search([]), self.standing_1 | self.standing_2
        )
        self.standing_2.with_user(self.officer_a).qty = 70
        standing = (
            env["umkm.procurement.standing.demand"]
            .with_user(self.officer_a)
            .create(
                {
                    "template_id": self.template.id,
                    "member_id": self.members[2].id,
                    "product_id": self.malam.id,
                    "qty": 3,
                }
            )
        )
        self.assertEqual(standing.uom_id, self.uom_kg)
        self.standing_1.with_user(self.officer_a).action_stop()
        self.assertFalse(self.standing_1.active)
        # officers do not create recurring rounds, managers do
        with self.assertRaises(AccessError):
            self.Template.with_user(self.officer_a).create(
                {"name": "X", "cluster_id": self.cluster_a.id}
            )
        self.Template.with_user(self.manager_a).create(
            {"name": "X", "cluster_id": self.cluster_a.id}
        )
        with self.assertRaises(AccessError):
            self.standing_b.with_user(self.officer_a).write({"qty": 1})
