from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from .common import ProcurementCase


@tagged("post_install", "-at_install")
class TestProcurementAccess(ProcurementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        rnd = cls._create_round(products=cls.kain | cls.canting)
        rnd.action_open()
        cls.demand_1 = cls._demand(rnd, cls.member_1, cls.kain, 50)
        cls.demand_2 = cls._demand(rnd, cls.member_2, cls.kain, 70)
        cls._close_and_receive(rnd)
        rnd.action_allocate()
        rnd.action_create_member_invoices()
        rnd.invoice_ids.action_post()
        cls.round = rnd
        cls.alloc_1 = rnd.allocation_ids.filtered(lambda a: a.member_id == cls.member_1)
        cls.alloc_2 = rnd.allocation_ids.filtered(lambda a: a.member_id == cls.member_2)
        cls.invoice_1 = rnd.invoice_ids.filtered(lambda m: m.partner_id == cls.member_1.partner_id)
        cls.invoice_2 = rnd.invoice_ids.filtered(lambda m: m.partner_id == cls.member_2.partner_id)

    def test_member_sees_only_its_own(self):
        env = self.env(user=self.portal_1)
        Demand = env["umkm.procurement.demand"]
        Alloc = env["umkm.procurement.allocation"]
        self.assertEqual(Demand.search([]), self.demand_1)
        self.assertEqual(Alloc.search([]), self.alloc_1)
        self.assertEqual(env["umkm.procurement.round"].search([]), self.round)
        self.assertEqual(self.demand_1.with_user(self.portal_1).qty, 50)
        self.assertTrue(self.alloc_1.with_user(self.portal_1).qty_allocated)
        self.assertEqual(
            env["account.move"].search([("umkm_round_id", "=", self.round.id)]), self.invoice_1
        )
        for record in (self.demand_2, self.alloc_2, self.invoice_2):
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.with_user(self.portal_1).read(["display_name"])
        # shared costs and other members' money are not for members
        with self.assertRaises(AccessError):
            env["umkm.procurement.cost"].search([])

    def test_member_cannot_write_through_the_orm(self):
        with self.assertRaises(AccessError):
            self.env["umkm.procurement.demand"].with_user(self.portal_1).create(
                {
                    "round_id": self.round.id,
                    "member_id": self.member_1.id,
                    "product_id": self.canting.id,
                    "qty": 3,
                }
            )
        with self.assertRaises(AccessError):
            self.demand_1.with_user(self.portal_1).write({"qty": 999})
        with self.assertRaises(AccessError):
            self.round.with_user(self.portal_1).action_close()

    def test_manager_of_another_cluster_sees_nothing(self):
        env = self.env(user=self.manager_b)
        for model in (
            "umkm.procurement.round",
            "umkm.procurement.round.line",
            "umkm.procurement.demand",
            "umkm.procurement.allocation",
        ):
            with self.subTest(model=model):
                self.assertFalse(env[model].search([]))
        with self.assertRaises(AccessError):
            self.round.with_user(self.manager_b).read(["name"])
        with self.assertRaises(AccessError):
            self.demand_1.with_user(self.manager_b).read(["qty"])
        with self.assertRaises(AccessError):
            self.alloc_1.with_user(self.manager_b).read(["qty_allocated"])
        # manager B has purchase, inventory and invoicing rights, yet not on this round
        for model, records in (
            ("purchase.order", self.round.purchase_ids),
            ("account.move", self.round.invoice_ids),
            ("stock.picking", self.round.picking_ids),
        ):
            with self.subTest(model=model):
                self.assertTrue(records)
                self.assertFalse(env[model].search([("id", "in", records.ids)]))
                with self.assertRaises(AccessError):
                    records.with_user(self.manager_b).read(["name"])
                self.assertEqual(
                    self.env[model].with_user(self.manager_a).search([("id", "in", records.ids)]),
                    records,
                )
        # orders that are not of a round stay visible to everyone with purchase rights
        other = self.env["purchase.order"].create({"partner_id": self.vendor_1.id})
        self.assertEqual(env["purchase.order"].search([("id", "=", other.id)]), other)

    def test_own_manager_and_officer_see_the_round(self):
        self.assertEqual(
            self.env["umkm.procurement.round"].with_user(self.manager_a).search([]), self.round
        )
        officer_env = self.env(user=self.officer_a)
        self.assertEqual(
            officer_env["umkm.procurement.demand"].search([]), self.demand_1 | self.demand_2
        )
        self.assertEqual(officer_env["umkm.procurement.allocation"].search_count([]), 2)
        with self.assertRaises(AccessError):
            self.round.with_user(self.officer_a).unlink()

    def test_officer_without_purchase_rights_opens_the_round(self):
        officer = new_test_user(
            self.env, "proc_off_plain", groups="umkm_cluster.group_umkm_officer", name="Plain"
        )
        self.cluster_a.officer_ids = [Command.link(officer.id)]
        form = Form(self.round.with_user(officer))
        self.assertEqual(form.allocation_count, 2)
        self.assertEqual(form.demand_count, 2)
        rnd = self.round.with_user(officer)
        self.assertEqual((rnd.purchase_count, rnd.invoice_count, rnd.picking_count), (1, 2, 1))
        kain = self._line(rnd, self.kain)
        self.assertEqual((kain.qty_ordered, kain.qty_received), (120, 120))
        # and the demand list of its cluster
        demands = self.env["umkm.procurement.demand"].with_user(officer).search([])
        self.assertEqual(demands, self.demand_1 | self.demand_2)
