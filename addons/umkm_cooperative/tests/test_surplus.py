import io
from datetime import date

from openpyxl import load_workbook

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CooperativeCase

SHARES = [("reserve", 40), ("jasa_usaha", 30), ("jasa_modal", 20), ("education", 10)]


@tagged("post_install", "-at_install")
class TestSurplus(CooperativeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cluster_a.saving_pokok_amount = 0
        (cls.member_a1 | cls.member_a2).action_activate()
        # the worked example: Rp 1.200.000 of Rp 70.000.000 savings, Rp 1.500.000 of
        # Rp 20.000.000 transactions
        cls._saving(cls.member_a1, "pokok", 100000, date(2025, 1, 10))
        cls._saving(cls.member_a1, "wajib", 1100000, date(2025, 3, 1))
        cls._saving(cls.member_a2, "pokok", 100000, date(2025, 1, 10))
        cls._saving(cls.member_a2, "wajib", 68700000, date(2025, 3, 1))
        cls._member_document(cls.member_a1, "subcontract", 1500000, date(2025, 5, 5))
        cls._member_document(cls.member_a2, "procurement", 10000000, date(2025, 6, 6))
        cls._member_document(cls.member_a2, "sales", 8500000, date(2025, 7, 7))
        cls.rule = cls._rule(cls.cluster_a, SHARES)
        cls.surplus = cls.env["umkm.surplus"].create(
            {
                "cluster_id": cls.cluster_a.id,
                "date_from": "2025-01-01",
                "date_to": "2025-12-31",
                "amount": 25000000,
            }
        )

    def _line(self, member, surplus=None):
        return (surplus or self.surplus).line_ids.filtered(lambda line: line.member_id == member)

    def test_worked_example(self):
        self.assertEqual(self.surplus.rule_id, self.rule)
        self.surplus.action_compute()
        self.assertEqual(self.surplus.state, "computed")
        self.assertEqual(
            self.surplus.pool_ids.mapped("amount"), [10000000, 7500000, 5000000, 2500000]
        )
        line = self._line(self.member_a1)
        self.assertEqual(line.basis_usaha, 1500000)
        self.assertEqual(line.basis_modal, 1200000)
        self.assertEqual(line.amount_usaha, 562500)
        self.assertLessEqual(abs(line.amount_modal - 85714), 1)
        other = self._line(self.member_a2)
        self.assertEqual(other.basis_usaha, 18500000)
        # every pool sums exactly
        self.assertEqual(sum(self.surplus.line_ids.mapped("amount_usaha")), 7500000)
        self.assertEqual(sum(self.surplus.line_ids.mapped("amount_modal")), 5000000)
        self.assertEqual(sum(self.surplus.pool_ids.mapped("amount")), 25000000)
        # computing again before posting gives the same result
        before = self.surplus.line_ids.mapped(
            lambda x: (x.member_id.id, x.amount_usaha, x.amount_modal)
        )
        self.surplus.action_compute()
        after = self.surplus.line_ids.mapped(
            lambda x: (x.member_id.id, x.amount_usaha, x.amount_modal)
        )
        self.assertEqual(sorted(before), sorted(after))

    def test_post_pay_and_credit(self):
        self.surplus.action_compute()
        self._line(self.member_a2).payout = "sukarela"
        self.surplus.action_post()
        move = self.surplus.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.journal_id, self.company.umkm_saving_journal_id)
        by_account = {}
        for item in move.line_ids:
            by_account[item.account_id] = by_account.get(item.account_id, 0) + item.balance
        self.assertEqual(by_account[self.company.umkm_surplus_account_id], 25000000)
        self.assertEqual(by_account[self.company.umkm_reserve_account_id], -10000000)
        self.assertEqual(by_account[self.company._umkm_fund_account("education")], -2500000)
        payables = move.line_ids.filtered(
            lambda x: x.account_id.account_type == "liability_payable"
        )
        self.assertEqual(sum(payables.mapped("balance")), -12500000)
        self.assertEqual(payables.partner_id, self.sme_1 | self.sme_2)
        # credited to the member's voluntary savings, reconciled with its share
        credited = self._line(self.member_a2)
        self.assertTrue(credited.paid)
        self.assertEqual(credited.saving_id.amount, credited.amount_total)
        self.assertEqual(self.member_a2.saving_sukarela, credited.amount_total)
        # paid through Odoo's payment wizard
        paid = self._line(self.member_a1)
        self.assertFalse(paid.paid)
        action = self.surplus.action_pay()
        wizard = self.env[action["res_model"]].with_context(**action["context"]).create({})
        self.assertEqual(wizard.amount, paid.amount_total)
        wizard._create_payments()
        paid.invalidate_recordset()
        self.assertTrue(paid.paid)
        # a posted year is locked
        with self.assertRaises(UserError):
            self.surplus.amount = 1
        with self.assertRaises(UserError):
            self.surplus.action_compute()
        with self.assertRaises(UserError):
            paid.payout = "sukarela"

    def test_member_without_transactions_gets_capital_share(self):
        sme = self.env["res.partner"].create({"name": "SME Modal", "is_company": True})
        saver = self.env["umkm.member"].create(
            {"partner_id": sme.id, "cluster_id": self.cluster_a.id, "date_join": "2025-01-01"}
        )
        saver.action_activate()
        self._saving(saver, "pokok", 1200000, date(2025, 2, 1))
        self.surplus.action_compute()
        line = self._line(saver)
        self.assertTrue(line, "the member with savings only has no share")
        self.assertEqual(line.amount_usaha, 0)
        self.assertGreater(line.amount_modal, 0)
        self.assertEqual(sum(self.surplus.line_ids.mapped("amount_modal")), 5000000)

    def test_rule_versions(self):
        """A year computed under a rule keeps it when a later rule is approved; a later year
        takes the later rule."""
        self.surplus.action_compute()
        later = self._rule(
            self.cluster_a, [("reserve", 50), ("jasa_usaha", 50)], date_effective="2026-01-01"
        )
        self.assertEqual(self.surplus.rule_id, self.rule)
        next_year = self.env["umkm.surplus"].create(
            {
                "cluster_id": self.cluster_a.id,
                "date_from": "2026-01-01",
                "date_to": "2026-12-31",
                "amount": 1,
            }
        )
        self.assertEqual(next_year.rule_id, later)
        with self.assertRaises(UserError):
            self.rule.line_ids[:1].percent = 1
        with self.assertRaises(UserError):
            self.rule.modal_method = "day_weighted"

    def test_rule_approval_checks(self):
        Rule = self.env["umkm.surplus.rule"]
        rule = Rule.create(
            {
                "name": "Draft",
                "cluster_id": self.cluster_a.id,
                "date_effective": "2025-01-01",
                "line_ids": [Command.create({"kind": "reserve", "name": "R", "percent": 60})],
            }
        )
        with self.assertRaisesRegex(UserError, "60.0%, not 100%"):
            rule.action_approve()
        rule.line_ids = [Command.create({"kind": "jasa_usaha", "name": "U", "percent": 40})]
        with self.assertRaisesRegex(UserError, "date of the RAT"):
            rule.action_approve()
        rule.write({"rat_date": "2025-02-01", "rat_members_total": 10, "rat_members_present": 5})
        with self.assertRaisesRegex(UserError, "no quorum"):
            rule.action_approve()
        rule.rat_members_present = 6
        with self.assertRaisesRegex(UserError, "minutes"):
            rule.action_approve()
        rule.rat_attachment_ids = [Command.create({"name": "notulen.txt", "raw": b"x"})]
        rule.action_approve()
        self.assertEqual(rule.state, "approved")

    def test_day_weighted_and_voluntary_savings(self):
        self._saving(self.member_a1, "sukarela", 3650000, date(2025, 12, 2))
        day_rule = self._rule(
            self.cluster_a,
            SHARES,
            modal_savings="all",
            modal_method="day_weighted",
            date_effective="2025-06-01",
        )
        self.surplus.rule_id = day_rule
        self.surplus.action_compute()
        line = self._line(self.member_a1)
        # pokok all year but 9 days, wajib from 1 March (306 days), sukarela 30 days
        expected = (100000 * 356 + 1100000 * 306 + 3650000 * 30) / 365
        self.assertAlmostEqual(line.basis_modal, round(expected, 2), places=1)
        # the same year, capital at the year's end without voluntary savings
        self.surplus.rule_id = self.rule
        self.surplus.action_compute()
        self.assertEqual(self._line(self.member_a1).basis_modal, 1200000)

    def test_rule_flows_counted(self):
        """Only the flows the rule counts are transactions."""
        rule = self._rule(
            self.cluster_a,
            SHARES,
            count_procurement=False,
            count_sales=False,
            date_effective="2025-06-01",
        )
        self.surplus.rule_id = rule
        self.surplus.action_compute()
        self.assertEqual(self._line(self.member_a1).basis_usaha, 1500000)
        self.assertEqual(self._line(self.member_a2).basis_usaha, 0)
        self.assertEqual(self._line(self.member_a1).amount_usaha, 7500000)

    def test_amount_proposed_from_the_cluster_books(self):
        plan = self.env["account.analytic.plan"].create({"name": "Klaster"})
        analytic = self.env["account.analytic.account"].create(
            {"name": "Klaster A", "plan_id": plan.id}
        )
        self.cluster_a.analytic_account_id = analytic
        for move_type, amount in (("out_invoice", 1000000), ("in_invoice", 400000)):
            move = self.env["account.move"].create(
                {
                    "move_type": move_type,
                    "partner_id": self.sme_3.id,
                    "invoice_date": "2025-08-01",
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "x",
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [],
                                "analytic_distribution": {str(analytic.id): 100},
                            }
                        )
                    ],
                }
            )
            move.action_post()
        self.surplus.invalidate_recordset(["amount_proposed"])
        self.assertEqual(self.surplus.amount_proposed, 600000)
        self.surplus.action_use_amount_proposed()
        self.assertEqual(self.surplus.amount, 600000)

    def test_no_basis_refused(self):
        rule = self._rule(self.cluster_b, [("jasa_usaha", 100)])
        surplus = self.env["umkm.surplus"].create(
            {
                "cluster_id": self.cluster_b.id,
                "date_from": "2025-01-01",
                "date_to": "2025-12-31",
                "amount": 1000,
            }
        )
        self.assertEqual(surplus.rule_id, rule)
        with self.assertRaisesRegex(UserError, "No member has a basis"):
            surplus.action_compute()
        self.assertEqual(surplus.state, "draft")

    def test_rat_pack_workbook(self):
        """The RAT pack (XLSX report under Print): the register with the savings, the rule,
        each member's SHU and the shares; refused to a member."""
        self.surplus.action_compute()
        report = self.env.ref("umkm_cooperative.action_report_rat_pack_xlsx")
        content, kind = report.with_user(self.manager_a)._render_xlsx(
            report.report_name, self.surplus.ids, None
        )
        self.assertEqual(kind, "xlsx")
        book = load_workbook(io.BytesIO(content))
        self.assertEqual(len(book.sheetnames), 4)
        register, rule, shares, funds = (book[name] for name in book.sheetnames)
        rows = {row[0]: row for row in register.iter_rows(min_row=2, values_only=True) if row[0]}
        self.assertEqual(rows[self.member_a1.number][4:8], (100000, 1100000, 0, 1200000))
        lines = {row[0]: row for row in shares.iter_rows(min_row=2, values_only=True) if row[0]}
        self.assertEqual(lines[self.member_a1.number][3], 562500)
        self.assertEqual(
            [row[2] for row in funds.iter_rows(min_row=2, values_only=True) if row[0]][-1],
            25000000,
        )
        self.assertIn(self.rule.name, [cell.value for cell in rule["B"]])
        with self.assertRaises(AccessError):
            report.with_user(self.portal_1)._render_xlsx(report.report_name, self.surplus.ids, None)

    def test_figures_of_the_month_hold_savings_and_shu(self):
        self.surplus.action_compute()
        self.surplus.action_post()
        Snapshot = self.env["umkm.cluster.snapshot"]
        Snapshot._umkm_take(self.cluster_a, [date(2025, 2, 1), date(2025, 12, 1)])

        def line(month, member=None):
            return Snapshot.search(
                [
                    ("cluster_id", "=", self.cluster_a.id),
                    ("member_id", "=", member.id if member else False),
                    ("month", "=", month),
                ]
            )

        # February: the principal savings only; December: both, and the year's SHU
        self.assertEqual(line(date(2025, 2, 1), self.member_a1).saving_balance, 100000)
        self.assertEqual(line(date(2025, 12, 1), self.member_a1).saving_balance, 1200000)
        self.assertEqual(line(date(2025, 12, 1)).saving_balance, 70000000)
        self.assertEqual(
            line(date(2025, 12, 1), self.member_a1).surplus,
            self._line(self.member_a1).amount_total,
        )
        self.assertEqual(
            line(date(2025, 12, 1)).surplus, sum(self.surplus.line_ids.mapped("amount_total"))
        )
        self.assertFalse(line(date(2025, 2, 1)).surplus)
        year = Snapshot._umkm_year(self.cluster_a, 2025)
        self.assertIn("surplus", [name for name, _kind, _label in year["columns"]])
