"""The window to reach the next tier: after the deadline, for the round's window hours,
members may only raise the demand they entered; lowering, removing or a new material is
refused (in the ORM and on the portal, in the member's language); the next-tier figures follow
each raise; the round's job leaves a round in its window open at the deadline and closes it at
the window's end, which it is triggered for."""

import re
from datetime import timedelta

import lxml.html
import psycopg2

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.umkm_cluster.tests.common import load_indonesian

from .common import ProcurementCase

CRON = "umkm_joint_procurement.ir_cron_procurement_rounds"


def text_of(node):
    return re.sub(r"\s+", " ", node.text_content()).strip()


@tagged("post_install", "-at_install")
class TestWindow(ProcurementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # kain: vendor 1 from 0 m at 30, from 100 m at 27, from 500 m at 25; vendor 2 from 0 m
        # at 29, from 200 m at 26
        cls.round = cls._create_round(products=cls.kain | cls.malam, window_hours=24)
        cls.round.action_open()
        cls.demand_1 = cls._demand(cls.round, cls.member_1, cls.kain, 80)
        cls.demand_2 = cls._demand(cls.round, cls.member_2, cls.kain, 90)
        cls.malam_2 = cls._demand(cls.round, cls.member_2, cls.malam, 20)

    def _into_window(self, hours_past=1):
        """The deadline ``hours_past`` hours ago: in the 24 hours' window until 23 hours on."""
        self.round.deadline = fields.Datetime.now() - timedelta(hours=hours_past)

    def _kain(self):
        return self._line(self.round, self.kain)

    def test_window_end_is_the_deadline_plus_the_hours(self):
        rnd = self.round
        self.assertEqual(rnd.date_window_end, rnd.deadline + timedelta(hours=24))
        self.assertFalse(rnd.in_window)  # before the deadline
        self._into_window()
        self.assertTrue(rnd.in_window)
        rnd.window_hours = 0
        self.assertFalse(rnd.date_window_end)
        self.assertFalse(rnd.in_window)
        with self.assertRaises(psycopg2.errors.CheckViolation), mute_logger("odoo.sql_db"):
            with self.cr.savepoint():
                rnd.window_hours = -2
                rnd.flush_recordset()

    def test_raising_allowed_and_next_tier_after_each_raise(self):
        self._into_window()
        line = self._kain()

        def seen():
            """What the members see after each raise: the totals as the demand is now."""
            total = line._umkm_totals()[line]
            return tuple(
                total[name]
                for name in ("qty_demand", "price_unit", "next_tier_qty", "next_tier_price")
            )

        # 170 m: vendor 1's tier from 100 m (27); vendor 2's from 200 m (26) is 30 m away
        self.assertEqual(seen(), (170, 27, 30, 26))
        self.demand_1.qty = 100
        self.assertEqual(seen(), (190, 27, 10, 26))
        self.demand_2.qty = 100  # 200 m: everyone pays 26; vendor 1's 25 from 500 m
        self.assertEqual(seen(), (200, 26, 300, 25))
        self._refresh_totals()
        self.assertEqual(line.vendor_id, self.vendor_2)
        self.assertEqual((line.price_unit, line.next_tier_qty, line.next_tier_price), (26, 300, 25))
        # the same quantity in another unit of the material's category is no lowering
        self.demand_1.write({"qty": 10000, "uom_id": self.env.ref("uom.product_uom_cm").id})
        self.assertEqual(seen()[0], 200)
        saves = {place.member_id: place.save_count for place in self.round.place_ids}
        self.assertEqual(saves, {self.member_1: 3, self.member_2: 3, self.members[2]: 0})

    def test_lowering_removing_and_new_material_refused(self):
        self._into_window()
        refusals = [
            (lambda: self.demand_1.write({"qty": 79}), r"Your demand for .*kain.* below 80 m"),
            (
                lambda: self.demand_1.write(
                    {"qty": 7000, "uom_id": self.env.ref("uom.product_uom_cm").id}
                ),
                r"cannot go below 80 m",
            ),
            (lambda: self.demand_1.action_cancel(), r"cannot be removed"),
            (lambda: self.demand_1.unlink(), r"cannot be removed"),
            (lambda: self.demand_1.write({"product_id": self.malam.id}), r"cannot be removed"),
            (
                lambda: self._demand(self.round, self.member_1, self.malam, 30),
                r"Test malam is not in the demand of SME A 0",
            ),
            (
                lambda: self._demand(self.round, self.members[2], self.kain, 30),
                r"only the demand entered before the deadline can be raised",
            ),
        ]
        for change, message in refusals:
            with self.subTest(message=message), self.assertRaisesRegex(UserError, message):
                change()
        self.assertEqual((self.demand_1.qty, self.demand_1.state), (80, "submitted"))
        active = self.round.demand_ids.filtered(lambda d: d.state != "cancel")
        self.assertEqual(sorted(active.mapped("qty")), [20, 80, 90])
        self._refresh_totals()
        self.assertEqual(self._kain().qty_demand, 170)
        # the manager's backend write is the same rule, in the reader's language
        load_indonesian(self.env, "umkm_joint_procurement")
        demand = self.demand_1.with_user(self.manager_a).with_context(lang="id_ID")
        with self.assertRaisesRegex(UserError, "hanya dapat dinaikkan"):
            demand.qty = 50

    def test_demand_refused_once_the_window_ended(self):
        self._into_window(hours_past=25)
        self.assertFalse(self.round.in_window)
        with self.assertRaisesRegex(UserError, "window to reach the next tier .* has ended"):
            self.demand_1.qty = 150

    def test_no_close_at_the_deadline_in_the_window_close_at_its_end(self):
        Round = self.env["umkm.procurement.round"]
        plain = self._create_round(products=self.kain)  # no window: closes at its deadline
        plain.action_open()
        self._demand(plain, self.member_1, self.kain, 10)
        plain.deadline = fields.Datetime.now() - timedelta(minutes=1)
        self._into_window()
        Round._cron_procurement_rounds()
        self.assertEqual(plain.state, "closed")
        self.assertEqual(self.round.state, "open")
        self.demand_1.qty = 110  # 200 m
        # the window's end: the round's job closes it by itself, with the raised demand
        self._into_window(hours_past=24)
        self.assertLessEqual(self.round.date_window_end, fields.Datetime.now())
        self.env.ref(CRON).method_direct_trigger()
        self.assertEqual(self.round.state, "closed")
        self.assertEqual(self.demand_1.state, "confirmed")
        self.assertEqual((self._kain().qty_demand, self._kain().price_unit), (200, 26))
        with self.assertRaisesRegex(UserError, "not open for demand"):
            self.demand_1.qty = 150

    def test_members_told_once_when_the_window_opens(self):
        Round = self.env["umkm.procurement.round"]
        template = self.env.ref("umkm_joint_procurement.mail_template_round_window")

        def told():
            return self.round.message_ids.filtered(lambda m: m.subject and "raise" in m.subject)

        Round._cron_procurement_rounds()  # before the deadline: nothing
        self.assertFalse(told())
        self._into_window()
        Round._cron_procurement_rounds()
        message = told()
        self.assertEqual(len(message), 1)
        self.assertTrue(self.round.window_announced)
        active = self.round._active_members().filtered(
            lambda m: m.cluster_id == self.round.cluster_id
        )
        self.assertEqual(message.partner_ids, active.partner_id)
        # kain: 170 m, 30 m more reach vendor 2's 26 from 200 m
        self.assertEqual((self._kain().next_tier_qty, self._kain().next_tier_price), (30, 26))
        self.assertIn("30", message.body)
        self.assertIn("26", message.body)
        self.assertIn(template.name.split(":")[0], "Joint procurement")
        Round._cron_procurement_rounds()  # once per window
        self.assertEqual(len(told()), 1)
        # the deadline moved (the round reopened after a mistake): a new window is told again
        self.round.deadline = fields.Datetime.now() - timedelta(minutes=30)
        self.assertFalse(self.round.window_announced)
        Round._cron_procurement_rounds()
        self.assertEqual(len(told()), 2)

    def test_the_job_is_triggered_at_the_window_end(self):
        cron = self.env.ref(CRON)
        Trigger = self.env["ir.cron.trigger"].sudo()

        def triggers():
            return Trigger.search([("cron_id", "=", cron.id)]).mapped("call_at")

        deadline = fields.Datetime.now().replace(microsecond=0) + timedelta(days=2)
        self.round.deadline = deadline
        end = deadline + timedelta(hours=24)
        self.assertIn(end, triggers())
        self.assertIn(end + timedelta(minutes=5), triggers())  # once more after a collision
        self.assertIn(deadline, triggers())  # the window opens: the members are told
        self.round.window_hours = 48
        self.assertIn(deadline + timedelta(hours=48), triggers())
        # a round without window: at its deadline
        rnd = self._create_round(products=self.kain, deadline=deadline + timedelta(days=1))
        rnd.action_open()
        self.assertIn(deadline + timedelta(days=1), triggers())
        self.assertFalse(rnd.date_window_end)


@tagged("post_install", "-at_install")
class TestWindowPortal(ProcurementCase, HttpCase):
    chart_template = "id"  # a cooperative in rupiah

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.currency.rounding = 1.0  # rupiah without cents
        load_indonesian(cls.env, "umkm_cluster")
        load_indonesian(cls.env, "umkm_joint_procurement")
        cls.portal_1.lang = "id_ID"
        vendor = cls.env["res.partner"].create({"name": "UD Benang Emas", "is_company": True})
        cls.benang = cls.env["product.product"].create(
            {
                "name": "Benang katun",
                "is_storable": True,
                "uom_id": cls.uom_kg.id,
                "uom_po_id": cls.uom_kg.id,
                "seller_ids": [
                    Command.create({"partner_id": vendor.id, "min_qty": 0, "price": 42000}),
                    Command.create({"partner_id": vendor.id, "min_qty": 100, "price": 39500}),
                ],
            }
        )
        cls.round = cls._create_round(products=cls.benang | cls.malam, window_hours=12)
        cls.round.action_open()
        cls.demand_1 = cls._demand(cls.round, cls.member_1, cls.benang, 40)
        cls._demand(cls.round, cls.member_2, cls.benang, 45)
        cls._demand(cls.round, cls.member_2, cls.malam, 20)
        cls.round.deadline = fields.Datetime.now() - timedelta(hours=1)

    def _page(self):
        response = self.url_open(f"/my/procurement/{self.round.id}")
        self.assertEqual(response.status_code, 200)
        return response, lxml.html.fromstring(response.text)

    def _hint(self, tree, product):
        [row] = tree.xpath(f"//tr[@data-product-id='{product.id}']")
        return [text_of(hint) for hint in row.xpath(".//*[contains(@class, 'o_umkm_window_hint')]")]

    def _post(self, data, url="demand"):
        response, _tree = self._page()
        token = re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)
        return self.url_open(
            f"/my/procurement/{self.round.id}/{url}",
            data={"csrf_token": token, **data},
            allow_redirects=False,
        )

    def _error(self, response):
        self.assertEqual(response.status_code, 400)
        [error] = lxml.html.fromstring(response.text).xpath(
            "//*[contains(@class, 'o_umkm_demand_error')]"
        )
        return text_of(error)

    def test_raise_in_the_window_with_the_next_tier_in_indonesian(self):
        self.authenticate("proc_portal_1", "proc_portal_1_pw")
        _response, tree = self._page()
        [notice] = tree.xpath("//*[contains(@class, 'o_umkm_window_notice')]")
        self.assertIn("Anda masih dapat menaikkan permintaan Anda", text_of(notice))
        # 85 kg: 15 kg more and everyone pays the tier from 100 kg (phone and desktop)
        self.assertEqual(
            self._hint(tree, self.benang), ["15 kg lagi, semua bayar Rp 39.500/kg"] * 2
        )
        # the member raises: the figures follow
        response = self._post({"product_id": self.benang.id, "qty": "50", "uom_id": self.uom_kg.id})
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.demand_1.qty, 50)
        _response, tree = self._page()
        self.assertEqual(self._hint(tree, self.benang), ["5 kg lagi, semua bayar Rp 39.500/kg"] * 2)
        # no form for a material the member has no demand for, no cancel button
        [malam] = tree.xpath(f"//tr[@data-product-id='{self.malam.id}']")
        self.assertFalse(malam.xpath(".//form"))
        self.assertFalse(tree.xpath("//*[contains(@class, 'o_umkm_demand_cancel')]"))
        response = self._post({"product_id": self.benang.id, "qty": "55", "uom_id": self.uom_kg.id})
        self.assertEqual(response.status_code, 303)
        _response, tree = self._page()
        # 100 kg reached: the best price, no hint left
        self._refresh_totals()
        self.assertEqual(self._line(self.round, self.benang).price_unit, 39500)
        self.assertEqual(self._hint(tree, self.benang), [])

    def test_lower_new_material_and_cancel_refused_in_indonesian(self):
        self.authenticate("proc_portal_1", "proc_portal_1_pw")
        error = self._error(
            self._post({"product_id": self.benang.id, "qty": "30", "uom_id": self.uom_kg.id})
        )
        self.assertIn("hanya dapat dinaikkan", error)
        self.assertIn("tidak boleh kurang dari 40 kg", error)
        error = self._error(
            self._post({"product_id": self.malam.id, "qty": "30", "uom_id": self.uom_kg.id})
        )
        self.assertIn("Test malam tidak ada dalam permintaan", error)
        error = self._error(self._post({}, url=f"demand/{self.demand_1.id}/cancel"))
        self.assertIn("tidak dapat dihapus", error)
        self.assertEqual((self.demand_1.qty, self.demand_1.state), (40, "submitted"))
        self.assertFalse(
            self.round.demand_ids.filtered(
                lambda d: d.member_id == self.member_1 and d.product_id == self.malam
            )
        )
