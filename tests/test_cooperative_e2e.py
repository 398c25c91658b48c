"""End to end on Odoo's Indonesian chart (issue 26): the cooperative's own books with its
members over a year.

Three members join on the first of January: each pays its principal savings (pokok) and the
compulsory savings (wajib) of every month up to this one, raised in one batch per month.
Members 2 and 3 pay their dues by bank; member 1 pays nothing, and its dues are netted
against its bill for subcontract work. Member 2 puts voluntary savings (sukarela) in and
takes some out; taking out more than it holds is refused. The three flows post the members'
documents: a procurement round invoiced to the three, a subcontract order done by member 1,
a joint sale of the three members' products; the cooperative invoices the firm and the buyer
and pays the round's vendor. The SHU of the year (the year's result in the books) is computed
from them under the rule the RAT approved, posted, paid to members 1 and 3 by Odoo's payment
wizard and credited to member 2's voluntary savings. The trial balance of the accounts
involved is exact to the rupiah; the record rules let a member see only its own savings and
statement, a firm none.

Every figure is in rupiah. Neither the cooperative nor its members are PKP: no document of a
member carries PPN (the outside vendor's bill does, on an account not involved here).
"""

from datetime import date, timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.umkm_joint_procurement.tests.common import ProcurementCase
from odoo.addons.umkm_marketing.tests.common import MarketingCatalogueMixin
from odoo.addons.umkm_partnership.tests.common import PartnershipCase

POKOK = 100000
WAJIB = 25000
DEPOSIT = 500000  # member 2's voluntary savings, paid in on 1 January
WITHDRAWN = 200000  # and taken out today
SHARES = [
    ("reserve", 40),
    ("jasa_usaha", 25),
    ("jasa_modal", 20),
    ("management", 5),
    ("employees", 5),
    ("education", 2.5),
    ("social", 2.5),
]
# the round: 40 + 100 + 60 m of kain at the 200 m tier (Rp 27,000), 2% service fee
ROUND_INVOICES = (1101600, 2754000, 1652400)
ROUND_VENDOR_BILL = 200 * 27000
# member 1's 20 shirts at Rp 100,000 less the agreement's 10% margin
FIRM_INVOICE = 20 * 100000
SUBCONTRACT_BILL = 1800000
# the joint sale of 10, 20 and 30 pieces: the buyer pays the list price (wholesale + 30%),
# each member is paid the wholesale price less the catalogue's 10%
BUYER_INVOICE = 10 * 260000 + 20 * 195000 + 30 * 117000
SALES_BILLS = (10 * 180000, 20 * 135000, 30 * 81000)
# the surplus of the year in the books: the service fee of the round (108,000), the margin
# on the subcontract order (200,000) and on the joint sale (3,080,000)
SHU = 3388000
# each member's transactions of the year (jasa usaha)
BASIS_USAHA = (1101600 + 1800000 + 1800000, 2754000 + 2700000, 1652400 + 2430000)
# the pools by the rule: exact
POOLS = [1355200, 847000, 677600, 169400, 169400, 84700, 84700]
# jasa usaha: 847,000 × 4,701,600 / 5,454,000 / 4,082,400 of 14,238,000 = 279,692.04 /
# 324,451.33 / 242,856.64: the unit left goes to member 3 (largest remainder)
AMOUNT_USAHA = (279692, 324451, 242857)
# jasa modal: equal savings, 677,600 / 3 = 225,866.67: the two units left to the first two
AMOUNT_MODAL = (225867, 225867, 225866)
AMOUNT_TOTAL = (505559, 550318, 468723)


@tagged("post_install", "-at_install")
class TestCooperativeEndToEnd(MarketingCatalogueMixin, PartnershipCase, HttpCase):
    chart_template = "id"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_catalogue()
        cls.company = cls.env.company
        cls.Saving = cls.env["umkm.member.saving"]
        cls.year_start = date(cls.today.year, 1, 1)
        cls.months = cls.today.month
        cls._savings_of_the_year()
        cls._procurement_round()
        cls._subcontract_order()
        cls._joint_sale()

    # ------------------------------------------------------------------ the year
    @classmethod
    def _savings_of_the_year(cls):
        """Pokok on joining (1 January), wajib of every month up to this one in one batch a
        month; members 2 and 3 pay by bank, member 1 does not; member 2's sukarela."""
        cls.cluster.write({"saving_pokok_amount": POKOK, "saving_wajib_amount": WAJIB})
        cls.members.date_join = cls.year_start
        pokok = cls.Saving.create(
            [
                {"member_id": m.id, "type": "pokok", "date": cls.year_start, "amount": POKOK}
                for m in cls.members
            ]
        )
        pokok.action_post()
        cls.wajib_batches = [
            cls.Saving._raise_wajib(cls.cluster, date(cls.today.year, month, 1))
            for month in range(1, cls.months + 1)
        ]
        cls.deposit = cls.Saving.create(
            {
                "member_id": cls.member_2.id,
                "type": "sukarela",
                "date": cls.year_start,
                "amount": DEPOSIT,
            }
        )
        cls.deposit.action_post()
        paid_in = cls.Saving.search([("member_id", "in", (cls.member_2 | cls.member_3).ids)])
        cls.env["account.payment.register"].with_context(
            active_model="account.move.line", active_ids=paid_in.move_line_id.ids
        ).create({"payment_date": cls.today, "group_payment": True})._create_payments()
        cls.withdrawal = cls.Saving.create(
            {
                "member_id": cls.member_2.id,
                "type": "sukarela",
                "date": cls.today,
                "amount": -WITHDRAWN,
            }
        )
        cls.withdrawal.action_post()

    @classmethod
    def _procurement_round(cls):
        """A round of kain for the three members, bought at the volume tier, received,
        allocated and invoiced to each member."""
        vendor = cls.env["res.partner"].create({"name": "PT Kain Jaya (e2e)", "is_company": True})
        meter = cls.env.ref("uom.product_uom_meter")
        cls.kain = cls.env["product.product"].create(
            {
                "name": "Kain mori (e2e)",
                "is_storable": True,
                "uom_id": meter.id,
                "uom_po_id": meter.id,
                "seller_ids": [
                    Command.create({"partner_id": vendor.id, "min_qty": 0, "price": 30000}),
                    Command.create({"partner_id": vendor.id, "min_qty": 150, "price": 27000}),
                ],
            }
        )
        cls.round = cls.env["umkm.procurement.round"].create(
            {
                "cluster_id": cls.cluster.id,
                "deadline": fields.Datetime.now() + timedelta(days=5),
                "expected_date": cls.today + timedelta(days=10),
                "fee_percent": 2.0,
                "line_ids": [Command.create({"product_id": cls.kain.id})],
            }
        )
        cls.round.action_open()
        cls.env["umkm.procurement.demand"].create(
            [
                {
                    "round_id": cls.round.id,
                    "member_id": member.id,
                    "product_id": cls.kain.id,
                    "qty": qty,
                    "uom_id": meter.id,
                }
                for member, qty in zip(cls.members, (40, 100, 60), strict=True)
            ]
        )
        ProcurementCase._close_and_receive(cls.round)
        cls.round.action_allocate()
        cls.round.action_create_member_invoices()
        for invoice in cls.round.invoice_ids:
            invoice.invoice_date = cls.today
        cls.round.invoice_ids.action_post()
        cls.vendor_bill = cls._bill(cls.round.purchase_ids)

    @classmethod
    def _subcontract_order(cls):
        """Firm A orders 20 shirts; member 1 makes them, the firm is invoiced, member 1 bills
        its work: its open dues are netted against the bill."""
        cls.order = PartnershipCase._order(cls, qty=20, weeks=2, price=100000.0)
        cls.order.action_submit()
        cls.order.action_confirm()
        PartnershipCase._split(cls, cls.order)
        cls.work = cls.order.assignment_ids
        cls.work.action_accept()
        cls.work._record_delivery({cls.work.id: (20, 0)})
        cls.firm_invoice = cls.order.sale_order_id._create_invoices()
        cls.firm_invoice.action_post()
        cls.dues_1 = cls.Saving.search([("member_id", "=", cls.member_1.id)])
        cls.subcontract_bill = cls._bill(cls.work.purchase_order_id)

    @classmethod
    def _joint_sale(cls):
        """A buyer orders the three members' products; each member accepts, delivers and
        bills what it delivered."""
        cls.sale = cls._sale(cls)
        cls.sales_bills = cls.env["account.move"]
        for purchase in cls.sale.umkm_member_purchase_ids.sorted(lambda p: p.partner_id.name):
            purchase._umkm_member_accept()
            for move in purchase.picking_ids.move_ids:
                move.quantity = move.product_uom_qty
                move.picked = True
            purchase.picking_ids._action_done()
            cls.sales_bills |= cls._bill(purchase)
        cls.buyer_invoice = cls.sale._create_invoices()
        cls.buyer_invoice.action_post()

    @classmethod
    def _bill(cls, purchase):
        action = purchase.action_create_invoice()
        bill = cls.env["account.move"].browse(action["res_id"])
        bill.invoice_date = cls.today
        bill.action_post()
        return bill

    # ------------------------------------------------------------------ helpers
    def _rule(self):
        minutes = self.env["ir.attachment"].create({"name": "notulen-rat.pdf", "raw": b"RAT"})
        rule = self.env["umkm.surplus.rule"].create(
            {
                "name": "Aturan SHU (RAT)",
                "cluster_id": self.cluster.id,
                "date_effective": self.year_start,
                "rat_date": self.year_start,
                "rat_members_total": 3,
                "rat_members_present": 3,
                "rat_attachment_ids": [Command.set(minutes.ids)],
                "line_ids": [
                    Command.create({"kind": kind, "name": kind, "percent": percent})
                    for kind, percent in SHARES
                ],
            }
        )
        rule.action_approve()
        return rule

    def _surplus(self):
        """The SHU of the year, the amount to share taken from the books."""
        surplus = self.env["umkm.surplus"].create(
            {
                "cluster_id": self.cluster.id,
                "date_from": self.year_start,
                "date_to": date(self.today.year, 12, 31),
            }
        )
        surplus.action_use_amount_proposed()
        return surplus

    def _line(self, surplus, member):
        return surplus.line_ids.filtered(lambda line: line.member_id == member)

    def _posted_year(self):
        """The SHU of the year computed and posted, member 2's credited to its savings."""
        self._rule()
        surplus = self._surplus()
        surplus.action_compute()
        self._line(surplus, self.member_2).payout = "sukarela"
        surplus.action_post()
        return surplus

    def _payable(self, move, partner):
        return move.line_ids.filtered(
            lambda x: x.partner_id == partner and x.account_id.account_type == "liability_payable"
        )

    # ------------------------------------------------------------------ tests
    def test_flows_stamp_member_documents_and_dues_are_netted(self):
        members = self.members
        # procurement: the invoices to the members
        invoices = self.round.invoice_ids
        self.assertEqual(set(invoices.mapped("state")), {"posted"})
        self.assertEqual(invoices.partner_id, members.partner_id)
        for member, amount in zip(members, ROUND_INVOICES, strict=True):
            invoice = invoices.filtered(lambda m, p=member.partner_id: m.partner_id == p)
            self.assertEqual(
                (invoice.move_type, invoice.umkm_cluster_id, invoice.umkm_flow),
                ("out_invoice", self.cluster, "procurement"),
            )
            self.assertEqual((invoice.amount_untaxed, invoice.amount_tax), (amount, 0))
        # subcontract: member 1's bill
        bill = self.subcontract_bill
        self.assertEqual(bill.partner_id, self.member_1.partner_id)
        self.assertEqual(
            (bill.move_type, bill.umkm_cluster_id, bill.umkm_flow),
            ("in_invoice", self.cluster, "subcontract"),
        )
        self.assertEqual((bill.amount_untaxed, bill.amount_total), (SUBCONTRACT_BILL,) * 2)
        # joint sale: the three members' bills
        self.assertEqual(self.sales_bills.partner_id, members.partner_id)
        for member, amount in zip(members, SALES_BILLS, strict=True):
            sales_bill = self.sales_bills.filtered(lambda m, p=member.partner_id: m.partner_id == p)
            self.assertEqual(
                (sales_bill.state, sales_bill.umkm_cluster_id, sales_bill.umkm_flow),
                ("posted", self.cluster, "sales"),
            )
            self.assertEqual(sales_bill.amount_untaxed, amount)
        # what the cooperative sells to the firm, the buyer and buys from the vendor is no
        # member's transaction: not stamped
        for move, amount in (
            (self.vendor_bill, ROUND_VENDOR_BILL),
            (self.firm_invoice, FIRM_INVOICE),
            (self.buyer_invoice, BUYER_INVOICE),
        ):
            self.assertEqual((move.state, move.amount_untaxed), ("posted", amount), move.name)
            self.assertFalse(move.umkm_flow or move.umkm_cluster_id, move.name)

        # the dues: pokok + wajib of each month, one batch (one entry) a month
        dues = POKOK + WAJIB * self.months
        self.assertEqual(len(self.wajib_batches), self.months)
        for month, batch in enumerate(self.wajib_batches, start=1):
            self.assertEqual(batch.member_id, members)
            self.assertEqual(len(batch.move_id), 1)
            self.assertEqual(batch.move_id.date, date(self.today.year, month, 1))
            self.assertEqual(batch.move_id.umkm_cluster_id, self.cluster)
        for member in members:
            self.assertEqual((member.saving_pokok, member.saving_wajib), (POKOK, dues - POKOK))
            self.assertEqual(member.saving_dues_open, 0)
        # member 1 paid nothing: its dues were netted against its subcontract bill, through
        # an entry reconciled with both
        self.assertEqual(self.dues_1.mapped("type").count("wajib"), self.months)
        self.assertTrue(all(self.dues_1.move_line_id.mapped("reconciled")))
        self.assertEqual(set(self.dues_1.mapped("amount_open")), {0})
        self.assertEqual(bill.amount_residual, SUBCONTRACT_BILL - dues)
        self.assertEqual(bill.payment_state, "partial")
        netting = self.dues_1.move_line_id.matched_credit_ids.credit_move_id.move_id
        self.assertEqual(len(netting), 1)
        self.assertEqual(
            (netting.move_type, netting.journal_id, netting.date),
            ("entry", self.company.umkm_saving_journal_id, bill.date),
        )
        self.assertIn(bill.name, netting.ref)
        self.assertEqual(
            netting, bill.line_ids.matched_debit_ids.debit_move_id.move_id, "not the bill's"
        )
        self.assertEqual(netting.amount_total, dues)
        self.assertEqual(netting.umkm_cluster_id, self.cluster)
        self.assertTrue(all(netting.line_ids.mapped("reconciled")))
        # nothing was left to net against its later sales bill
        sales_bill_1 = self.sales_bills.filtered(lambda m: m.partner_id == bill.partner_id)
        self.assertEqual(sales_bill_1.amount_residual, SALES_BILLS[0])
        # members 2 and 3 paid by bank: their sales bills are whole
        for member, amount in zip(members[1:], SALES_BILLS[1:], strict=True):
            sales_bill = self.sales_bills.filtered(lambda m, p=member.partner_id: m.partner_id == p)
            self.assertEqual(sales_bill.amount_residual, amount)

    def test_documents_made_before_the_stamps_are_stamped_on_update(self):
        """A database updated from a version without the stamps: the flows' migrations stamp
        each flow's member documents (account.move._umkm_stamp_member_documents), and no
        other document."""
        documents = self.round.invoice_ids | self.subcontract_bill | self.sales_bills
        expected = {move: (move.umkm_cluster_id, move.umkm_flow) for move in documents}
        self.assertEqual(
            {flow for _cluster, flow in expected.values()}, {"procurement", "subcontract", "sales"}
        )
        documents.write({"umkm_cluster_id": False, "umkm_flow": False})
        stamped = self.env["account.move"]._umkm_stamp_member_documents()
        self.assertEqual(stamped, documents)
        self.assertEqual(
            {move: (move.umkm_cluster_id, move.umkm_flow) for move in documents}, expected
        )
        for move in (self.vendor_bill, self.firm_invoice, self.buyer_invoice):
            self.assertFalse(move.umkm_flow or move.umkm_cluster_id, move.name)
        self.assertFalse(self.env["account.move"]._umkm_stamp_member_documents())

    def test_sukarela_withdrawal_above_the_balance_is_refused(self):
        member = self.member_2
        balance = DEPOSIT - WITHDRAWN
        self.assertEqual(member.saving_sukarela, balance)
        moves = self.env["account.move"].search_count([])
        withdrawal = self.Saving.create(
            {
                "member_id": member.id,
                "type": "sukarela",
                "date": self.today,
                "amount": -(balance + 1),
            }
        )
        with self.assertRaisesRegex(UserError, "cannot take out"):
            withdrawal.action_post()
        self.assertEqual(withdrawal.state, "draft")
        self.assertFalse(withdrawal.move_id)
        self.assertEqual(self.env["account.move"].search_count([]), moves)
        member.invalidate_recordset()
        self.assertEqual(member.saving_sukarela, balance)
        # all of it may go
        withdrawal.amount = -balance
        withdrawal.action_post()
        member.invalidate_recordset()
        self.assertEqual(member.saving_sukarela, 0)

    def test_shu_of_the_year_posted_paid_and_credited(self):
        rule = self._rule()
        surplus = self._surplus()
        self.assertEqual(surplus.rule_id, rule)
        # the surplus of the year in the books: income less expenses of the company
        self.assertEqual((surplus.amount_proposed, surplus.amount), (SHU, SHU))
        surplus.action_compute()
        self.assertEqual(surplus.state, "computed")
        # the pools sum exactly to the surplus
        self.assertEqual(surplus.pool_ids.mapped("amount"), POOLS)
        self.assertEqual(sum(surplus.pool_ids.mapped("amount")), SHU)
        # each member: its transactions of the three flows and its savings at the year's end
        dues = POKOK + WAJIB * self.months
        lines = [self._line(surplus, member) for member in self.members]
        self.assertEqual([len(line) for line in lines], [1, 1, 1])
        self.assertEqual(tuple(line.basis_usaha for line in lines), BASIS_USAHA)
        self.assertEqual([line.basis_modal for line in lines], [dues] * 3)
        self.assertEqual(tuple(line.amount_usaha for line in lines), AMOUNT_USAHA)
        self.assertEqual(tuple(line.amount_modal for line in lines), AMOUNT_MODAL)
        self.assertEqual(tuple(line.amount_total for line in lines), AMOUNT_TOTAL)
        self.assertEqual(
            (surplus.basis_usaha_total, surplus.basis_modal_total), (sum(BASIS_USAHA), 3 * dues)
        )
        # each members' pool sums exactly
        self.assertEqual(sum(surplus.line_ids.mapped("amount_usaha")), POOLS[1])
        self.assertEqual(sum(surplus.line_ids.mapped("amount_modal")), POOLS[2])
        # computing again gives the same
        surplus.action_compute()
        lines = [self._line(surplus, member) for member in self.members]
        self.assertEqual(tuple(line.amount_total for line in lines), AMOUNT_TOTAL)

        # member 2 takes its share into its voluntary savings, 1 and 3 are paid
        line_1, line_2, line_3 = lines
        line_2.payout = "sukarela"
        surplus.action_post()
        self.assertEqual(surplus.state, "posted")
        move = surplus.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.journal_id, self.company.umkm_saving_journal_id)
        self.assertEqual(move.umkm_cluster_id, self.cluster)
        self.assertEqual(sum(move.line_ids.mapped("debit")), SHU)
        self.assertEqual(sum(move.line_ids.mapped("credit")), SHU)
        by_account = {}
        for item in move.line_ids:
            by_account[item.account_id] = by_account.get(item.account_id, 0) + item.balance
        company = self.company
        payable = self.member_1.partner_id.property_account_payable_id
        self.assertEqual(
            by_account,
            {
                company.umkm_surplus_account_id: SHU,
                company.umkm_reserve_account_id: -POOLS[0],
                company._umkm_fund_account("management"): -POOLS[3],
                company._umkm_fund_account("employees"): -POOLS[4],
                company._umkm_fund_account("education"): -POOLS[5],
                company._umkm_fund_account("social"): -POOLS[6],
                payable: -sum(AMOUNT_TOTAL),
            },
        )
        self.assertEqual(company.umkm_surplus_account_id.account_type, "equity_unaffected")
        for member, line, amount in zip(self.members, lines, AMOUNT_TOTAL, strict=True):
            self.assertEqual(line.move_line_id, self._payable(move, member.partner_id))
            self.assertEqual(line.move_line_id.balance, -amount)

        # member 2: credited to its sukarela, out of its payable
        self.assertTrue(line_2.paid)
        self.assertEqual(line_2.saving_id.type, "sukarela")
        self.assertEqual(line_2.saving_id.amount, AMOUNT_TOTAL[1])
        self.assertEqual(line_2.saving_id.state, "posted")
        self.member_2.invalidate_recordset()
        self.assertEqual(self.member_2.saving_sukarela, DEPOSIT - WITHDRAWN + AMOUNT_TOTAL[1])
        self.assertTrue(line_2.move_line_id.reconciled)
        # members 1 and 3: Odoo's payment, one each
        self.assertFalse(line_1.paid or line_3.paid)
        action = surplus.action_pay()
        self.assertEqual(action["res_model"], "account.payment.register")
        self.assertEqual(
            set(action["context"]["active_ids"]), set((line_1 | line_3).move_line_id.ids)
        )
        wizard = self.env[action["res_model"]].with_context(**action["context"]).create({})
        payments = wizard._create_payments()
        self.assertEqual(len(payments), 2)
        self.assertEqual(
            sorted((p.partner_id, p.amount) for p in payments),
            sorted(
                [
                    (self.member_1.partner_id, AMOUNT_TOTAL[0]),
                    (self.member_3.partner_id, AMOUNT_TOTAL[2]),
                ]
            ),
        )
        self.assertEqual(set(payments.mapped("payment_type")), {"outbound"})
        (line_1 | line_3).invalidate_recordset()
        self.assertTrue(line_1.paid and line_3.paid)
        with self.assertRaises(UserError):
            surplus.action_pay()  # nothing left to pay
        with self.assertRaises(UserError):
            surplus.action_compute()  # a posted year is locked

        # the trial balance of the accounts involved
        accounts = {
            "pokok": company.umkm_pokok_account_id,
            "wajib": company.umkm_wajib_account_id,
            "sukarela": company.umkm_sukarela_account_id,
            "reserve": company.umkm_reserve_account_id,
            "management": company._umkm_fund_account("management"),
            "employees": company._umkm_fund_account("employees"),
            "education": company._umkm_fund_account("education"),
            "social": company._umkm_fund_account("social"),
            "surplus": company.umkm_surplus_account_id,
        }
        balances = dict(
            self.env["account.move.line"]._read_group(
                [
                    ("company_id", "=", company.id),
                    ("parent_state", "=", "posted"),
                    ("account_id", "in", [a.id for a in accounts.values()]),
                ],
                ["account_id"],
                ["balance:sum"],
            )
        )
        self.assertEqual(
            {name: balances.get(account, 0.0) for name, account in accounts.items()},
            {
                "pokok": -3 * POKOK,
                "wajib": -3 * WAJIB * self.months,
                "sukarela": -(DEPOSIT - WITHDRAWN + AMOUNT_TOTAL[1]),
                "reserve": -POOLS[0],
                "management": -POOLS[3],
                "employees": -POOLS[4],
                "education": -POOLS[5],
                "social": -POOLS[6],
                "surplus": SHU,
            },
        )
        # what was shared is the year's result: income less expenses
        [(result,)] = self.env["account.move.line"]._read_group(
            [
                ("company_id", "=", company.id),
                ("parent_state", "=", "posted"),
                ("account_id.internal_group", "in", ("income", "expense")),
            ],
            [],
            ["balance:sum"],
        )
        self.assertEqual(result, -SHU)
        # each member's receivable and payable: what it still owes (its round invoice), what
        # the cooperative still owes it (its bills less the dues netted, member 2's
        # withdrawal); the dues paid or netted, the SHU paid or credited
        per_member = {
            (partner, account.account_type): balance
            for partner, account, balance in self.env["account.move.line"]._read_group(
                [
                    ("company_id", "=", company.id),
                    ("parent_state", "=", "posted"),
                    ("partner_id", "in", self.members.partner_id.ids),
                    ("account_id.account_type", "in", ("asset_receivable", "liability_payable")),
                ],
                ["partner_id", "account_id"],
                ["balance:sum"],
            )
        }
        partner_1, partner_2, partner_3 = self.members.partner_id
        self.assertEqual(
            per_member,
            {
                (partner_1, "asset_receivable"): ROUND_INVOICES[0],
                (partner_1, "liability_payable"): -(SUBCONTRACT_BILL + SALES_BILLS[0] - dues),
                (partner_2, "asset_receivable"): ROUND_INVOICES[1],
                (partner_2, "liability_payable"): -(SALES_BILLS[1] + WITHDRAWN),
                (partner_3, "asset_receivable"): ROUND_INVOICES[2],
                (partner_3, "liability_payable"): -SALES_BILLS[2],
            },
        )

    def test_record_rules_member_sees_its_own_firm_none(self):
        surplus = self._posted_year()
        line_1 = self._line(surplus, self.member_1)
        line_2 = self._line(surplus, self.member_2)
        posted = self.Saving.search([("state", "=", "posted")])
        for user, member, line in (
            (self.portal_member_1, self.member_1, line_1),
            (self.portal_member_2, self.member_2, line_2),
        ):
            with self.subTest(member=member.display_name):
                savings = self.Saving.with_user(user).search([])
                self.assertEqual(savings, posted.filtered(lambda s, m=member: s.member_id == m))
                self.assertEqual(self.env["umkm.surplus.line"].with_user(user).search([]), line)
                others = (self.members - member).saving_ids[:1]
                with self.assertRaises(AccessError):
                    others.with_user(user).read(["amount"])
                with self.assertRaises(AccessError):
                    (surplus.line_ids - line).with_user(user).read(["amount_total"])
                with self.assertRaises(AccessError):
                    surplus.with_user(user).read(["amount"])
        # member 2 sees the credit of its SHU among its savings
        self.assertIn(line_2.saving_id, self.Saving.with_user(self.portal_member_2).search([]))
        # the firm sees none
        firm = self.portal_firm_a
        self.assertFalse(self.Saving.with_user(firm).search([]))
        self.assertFalse(self.env["umkm.surplus.line"].with_user(firm).search([]))
        with self.assertRaises(AccessError):
            line_1.with_user(firm).read(["amount_total"])
        with self.assertRaises(AccessError):
            self.member_1.saving_ids[:1].with_user(firm).read(["amount"])
        # on the portal: member 1's page lists its statement only, and opens it; another's
        # statement is refused, as is any to the firm
        self.authenticate(self.portal_member_1.login, self.portal_member_1.login)
        page = self.url_open("/my/savings")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f"/my/savings/shu/{line_1.id}", page.text)
        self.assertNotIn(f"/my/savings/shu/{line_2.id}", page.text)
        own = self.url_open(f"/my/savings/shu/{line_1.id}?download=true")
        self.assertEqual(own.status_code, 200)
        self.assertEqual(own.headers["Content-Type"], "application/pdf")
        other = self.url_open(f"/my/savings/shu/{line_2.id}", allow_redirects=False)
        self.assertEqual(other.status_code, 303)
        self.assertIn("umkm_refused=1", other.headers["Location"])
        self.authenticate(firm.login, firm.login)
        page = self.url_open("/my/savings")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("/my/savings/shu/", page.text)
        other = self.url_open(f"/my/savings/shu/{line_1.id}", allow_redirects=False)
        self.assertEqual(other.status_code, 303)
