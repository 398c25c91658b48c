"""The database refuses what no form or action lets through, but an RPC client or a
concurrent write could send: the SQL constraints of the partnership models."""

from psycopg2 import IntegrityError

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PartnershipCase


@tagged("post_install", "-at_install")
class TestPartnershipSqlConstraints(PartnershipCase):
    def _assert_refused(self, constraint, func):
        """``func`` (and the flush after it) breaks the SQL constraint named ``constraint``."""
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError) as refused,
            self.cr.savepoint(),
        ):
            func()
            self.env.flush_all()
        self.assertEqual(refused.exception.diag.constraint_name, constraint)

    def test_agreement_margin_and_lot(self):
        agreement = self.agreement_a
        margin_range = "umkm_partnership_agreement_margin_range"
        for margin in (100.0, 120.0, -1.0):
            self._assert_refused(
                margin_range, lambda m=margin: agreement.write({"margin_percent": m})
            )
        self._assert_refused(
            "umkm_partnership_agreement_min_lot_positive",
            lambda: agreement.write({"min_lot": -1.0}),
        )
        self._assert_refused(
            margin_range,
            lambda: self.env["umkm.partnership.agreement"].create(
                {
                    "name": "Margin penuh",
                    "partner_id": self.firm_c.id,
                    "cluster_id": self.cluster.id,
                    "margin_percent": 100.0,
                }
            ),
        )
        # the bounds themselves are allowed
        agreement.write({"margin_percent": 0.0, "min_lot": 0.0})
        agreement.write({"margin_percent": 99.99})
        self.env.flush_all()
        self.assertEqual((agreement.margin_percent, agreement.min_lot), (99.99, 0.0))

    def test_support_value(self):
        Support = self.env["umkm.partnership.support"]
        value_positive = "umkm_partnership_support_value_positive"
        self._assert_refused(
            value_positive,
            lambda: Support.create({"agreement_id": self.agreement_a.id, "value": -1000.0}),
        )
        support = Support.create({"agreement_id": self.agreement_a.id, "value": 0.0})
        self._assert_refused(value_positive, lambda: support.write({"value": -1.0}))
        self.assertEqual(support.value, 0.0)

    def test_order_quantity_and_price(self):
        Order = self.env["umkm.subcontract.order"]
        vals = {
            "agreement_id": self.agreement_a.id,
            "capability_id": self.cap_sew.id,
            "qty": 10,
            "unit_price": 1000.0,
            "date_due": self.today,
        }
        qty_positive = "umkm_subcontract_order_qty_positive"
        self._assert_refused(qty_positive, lambda: Order.create(dict(vals, qty=0.0)))
        self._assert_refused(qty_positive, lambda: Order.create(dict(vals, qty=-5.0)))
        self._assert_refused(
            "umkm_subcontract_order_price_positive",
            lambda: Order.create(dict(vals, unit_price=-1.0)),
        )
        order = Order.create(dict(vals, unit_price=0.0))  # the price may be agreed later
        self._assert_refused(qty_positive, lambda: order.write({"qty": 0.0}))
        self.assertEqual((order.qty, order.unit_price), (10, 0.0))

    def test_assignment_figures(self):
        order = self._confirmed_order(qty=30, weeks=2)
        self._split(order)
        line = order.assignment_ids.filtered(lambda a: a.member_id == self.member_1)
        self.assertEqual(line.qty, 20)
        qty_positive = "umkm_subcontract_assignment_qty_positive"
        figures = "umkm_subcontract_assignment_qty_figures"
        self._assert_refused(qty_positive, lambda: line.write({"qty": 0.0}))
        self._assert_refused(figures, lambda: line.write({"qty_reported": -1.0}))
        self._assert_refused(figures, lambda: line.write({"qty_delivered": -1.0}))
        # quality control cannot reject more than was delivered
        self._assert_refused(
            figures, lambda: line.write({"qty_delivered": 2.0, "qty_rejected": 3.0})
        )
        self._assert_refused(
            qty_positive,
            lambda: self.env["umkm.subcontract.assignment"].create(
                {
                    "order_id": order.id,
                    "member_id": self.member_3.id,
                    "qty": 0.0,
                    "date_due": order.date_due,
                }
            ),
        )
        line.write({"qty_delivered": 3.0, "qty_rejected": 3.0})
        self.env.flush_all()
        self.assertEqual((line.qty_delivered, line.qty_accepted), (3.0, 0.0))
