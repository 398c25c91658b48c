"""Inti-plasma: the firm's guaranteed price, its inputs on credit netted against what the
cooperative pays the member, through Odoo's receivables, payables and reconciliation."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError

from .test_materials import MaterialCase


class TestIntiPlasma(MaterialCase):
    chart_template = "id"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agreement_a.write(
            {"pattern": "inti_plasma", "guaranteed_price": 120000, "inputs_on_credit": True}
        )

    def _bill(self, work):
        purchase = work.purchase_order_id
        action = purchase.action_create_invoice()
        bill = self.env["account.move"].browse(action["res_id"])
        bill.invoice_date = fields.Date.context_today(bill)
        bill.action_post()
        return bill

    def test_guaranteed_price(self):
        order = self.env["umkm.subcontract.order"].create(
            {
                "agreement_id": self.agreement_a.id,
                "capability_id": self.cap_sew.id,
                "description": "Kemeja plasma",
                "qty": 10,
                "date_due": self.today + timedelta(days=30),
            }
        )
        self.assertEqual(order.unit_price, 120000)
        order.action_submit()
        order.unit_price = 100000
        with self.assertRaises(UserError):
            order.action_confirm()
        order.unit_price = 125000
        order.action_confirm()
        self.assertEqual(order.sale_order_id.order_line.price_unit, 125000)

    def test_inputs_on_credit_are_netted_against_the_bill(self):
        # member 1 makes 20 shirts at 120,000 less 10% = 108,000: its work is worth 2,160,000
        order = self._material_order(
            order_price=0.0,
            loss=0.0,
            price=15000.0,
            split={self.member_1: 20, self.member_2: 10, self.member_3: 0},
        )
        self.assertEqual(order.unit_price, 120000)
        work_1 = self._work(order, self.member_1)
        self._receive(order)
        order.action_issue_materials()
        # 40 m × Rp15,000 = Rp600,000 charged to member 1 on credit, no PPN
        invoice = work_1.input_invoice_ids
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.partner_id, self.member_1.partner_id)
        self.assertEqual(invoice.amount_total, 600000)
        self.assertEqual((work_1.input_credit_amount, work_1.input_credit_due), (600000, 600000))
        # the member delivers, its bill comes: the credit is netted against it
        work_1._record_delivery({work_1.id: (20, 0)})
        bill = self._bill(work_1)
        self.assertEqual(bill.amount_total, 20 * 108000)
        self.assertEqual(bill.amount_residual, 20 * 108000 - 600000)
        self.assertEqual(invoice.amount_residual, 0)
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(work_1.input_credit_due, 0)
        # the netting entry is no credit of its own: the member was charged Rp600,000 once
        self.assertEqual(work_1.input_invoice_ids, invoice)
        self.assertEqual(work_1.input_credit_amount, 600000)
        # the netting is Odoo's reconciliation of the member's receivable and payable
        netting = self.env["account.move"].search(
            [("umkm_assignment_id", "=", work_1.id), ("move_type", "=", "entry")]
        )
        self.assertEqual(netting.state, "posted")
        self.assertEqual(sum(netting.line_ids.mapped("debit")), 600000)
        self.assertTrue(all(netting.line_ids.mapped("reconciled")))
        self.assertEqual(
            set(netting.line_ids.account_id.mapped("account_type")),
            {"asset_receivable", "liability_payable"},
        )
        # the member's balance: the cooperative owes it the rest only
        partner = self.member_1.partner_id
        receivable = self.env["account.move.line"].search(
            [
                ("partner_id", "=", partner.id),
                ("account_id.account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
            ]
        )
        self.assertEqual(sum(receivable.mapped("amount_residual")), 0)
        self.assertEqual(
            -sum(
                bill.line_ids.filtered(
                    lambda x: x.account_id.account_type == "liability_payable"
                ).mapped("amount_residual")
            ),
            1560000,
        )

    def test_credit_larger_than_the_bill_stays_due(self):
        order = self._material_order(
            order_price=0.0,
            loss=0.0,
            price=100000.0,
            split={self.member_1: 10, self.member_2: 0, self.member_3: 0},
        )
        work = self._work(order, self.member_1)
        self._receive(order)
        order.action_issue_materials()  # 20 m × Rp100,000 = Rp2,000,000 on credit
        work._record_delivery({work.id: (10, 0)})
        bill = self._bill(work)  # 10 × 108,000 = 1,080,000
        self.assertEqual(bill.amount_residual, 0)
        self.assertEqual(bill.payment_state, "paid")
        self.assertEqual(work.input_credit_due, 920000)

    def test_inputs_need_a_value(self):
        order = self._material_order(
            order_price=0.0,
            price=0.0,
            split={self.member_1: 10, self.member_2: 0, self.member_3: 0},
        )
        self._receive(order)
        with self.assertRaises(UserError):
            order.action_issue_materials()
        self.assertEqual(order.material_ids.qty_issued, 0)

    def test_other_patterns_take_no_credit(self):
        self.agreement_a.pattern = "subkontrak"
        order = self._material_order(
            order_price=100000.0,
            price=15000.0,
            split={self.member_1: 10, self.member_2: 0, self.member_3: 0},
        )
        self._receive(order)
        order.action_issue_materials()
        self.assertFalse(order.assignment_ids.input_invoice_ids)
