from datetime import timedelta

from odoo.exceptions import AccessError

from .common import PartnershipCase


class TestAccess(PartnershipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order_a = cls._order_cls(cls.agreement_a)
        cls.order_b = cls._order_cls(cls.agreement_b)
        for order in (cls.order_a, cls.order_b):
            order.action_submit()
            order.action_confirm()
            action = order.action_split()
            cls.env["umkm.subcontract.split"].browse(action["res_id"]).action_confirm()
        cls.line_1 = cls.order_a.assignment_ids.filtered(lambda a: a.member_id == cls.member_1)
        cls.line_2 = cls.order_a.assignment_ids.filtered(lambda a: a.member_id == cls.member_2)
        assert cls.line_1 and cls.line_2

    @classmethod
    def _order_cls(cls, agreement):
        return cls.env["umkm.subcontract.order"].create(
            {
                "agreement_id": agreement.id,
                "capability_id": cls.cap_sew.id,
                "qty": 50,
                "unit_price": 50000,
                "date_due": cls.today + timedelta(days=28),
            }
        )

    def test_firm_sees_only_its_orders(self):
        Order = self.env["umkm.subcontract.order"].with_user(self.portal_firm_a)
        self.assertEqual(Order.search([]), self.order_a)
        self.assertEqual(self.order_a.with_user(self.portal_firm_a).qty, 50)
        with self.assertRaises(AccessError):
            self.order_b.with_user(self.portal_firm_a).read(["name"])
        Order_b = self.env["umkm.subcontract.order"].with_user(self.portal_firm_b)
        self.assertEqual(Order_b.search([]), self.order_b)

    def test_firm_sees_no_member_price(self):
        order = self.order_a.with_user(self.portal_firm_a)
        self.assertFalse(order.assignment_ids)
        Assignment = self.env["umkm.subcontract.assignment"].with_user(self.portal_firm_a)
        self.assertFalse(Assignment.search([]))
        with self.assertRaises(AccessError):
            self.line_1.with_user(self.portal_firm_a).read(["unit_price"])
        with self.assertRaises(AccessError):
            self.agreement_a.with_user(self.portal_firm_a).read(["margin_percent"])
        for field in ("min_lot", "purchase_order_ids", "purchase_order_count"):
            with self.assertRaises(AccessError):
                self.order_a.with_user(self.portal_firm_a).read([field])
        # the agreement itself is visible to its firm
        self.assertEqual(self.agreement_a.with_user(self.portal_firm_a).name, "Subkontrak A")

    def test_member_sees_only_its_assignments(self):
        Assignment = self.env["umkm.subcontract.assignment"].with_user(self.portal_member_1)
        self.assertEqual(Assignment.search([]), self.member_1.subcontract_assignment_ids)
        self.assertIn(self.line_1, Assignment.search([]))
        with self.assertRaises(AccessError):
            self.line_2.with_user(self.portal_member_1).read(["qty"])
        # a member is not a firm: it does not read the firm's order (nor its price)
        self.assertFalse(
            self.env["umkm.subcontract.order"].with_user(self.portal_member_1).search([])
        )

    def test_portal_cannot_write(self):
        with self.assertRaises(AccessError):
            self.order_a.with_user(self.portal_firm_a).write({"unit_price": 1})
        with self.assertRaises(AccessError):
            self.line_1.with_user(self.portal_member_1).write({"unit_price": 1})
        with self.assertRaises(AccessError):
            self.env["umkm.subcontract.order"].with_user(self.portal_firm_c).create(
                {
                    "agreement_id": self.agreement_a.id,
                    "capability_id": self.cap_sew.id,
                    "qty": 1,
                    "date_due": self.today,
                }
            )

    def test_backend_by_cluster(self):
        Order = self.env["umkm.subcontract.order"].with_user(self.officer_other)
        self.assertFalse(Order.search([]))
        with self.assertRaises(AccessError):
            self.order_a.with_user(self.officer_other).read(["name"])
        self.assertFalse(
            self.env["umkm.subcontract.assignment"].with_user(self.officer_other).search([])
        )
        self.assertFalse(
            self.env["umkm.partnership.agreement"].with_user(self.officer_other).search([])
        )
        Order = self.env["umkm.subcontract.order"].with_user(self.manager)
        self.assertEqual(Order.search([]), self.order_a | self.order_b)
