import io

import openpyxl

from odoo import Command
from odoo.tests import tagged

from odoo.addons.umkm_cluster.tools.xlsx import render_xlsx_report

from .common import ROUND_XLSX, ProcurementCase

# Every stored field of the invoices and their lines is compared, but these, which differ
# between any two records (identity, log access, messages, the round link the reference
# invoice must not have, the payment reference computed from the invoice's own id).
SKIP_FIELDS = {
    "id",
    "create_uid",
    "create_date",
    "write_uid",
    "write_date",
    "move_id",
    "umkm_round_id",
    "access_token",
    "message_main_attachment_id",
    "payment_reference",
}


def stored_fields(model):
    """Stored fields to compare (one2many fields are compared as the records they list)."""
    return sorted(
        name
        for name, field in model._fields.items()
        if field.store and field.type != "one2many" and name not in SKIP_FIELDS
    )


@tagged("post_install", "-at_install")
class TestMemberInvoices(ProcurementCase):
    """Member invoices are created in one batched ``account.move.create``: they must be the
    very invoices Odoo's ordinary ``create`` makes of the same values, one by one."""

    def _allocated_round(self):
        rnd = self._create_round(products=self.kain | self.malam | self.canting, fee_percent=2.5)
        rnd.action_open()
        for i, member in enumerate(self.members[:3]):
            self._demand(rnd, member, self.kain, 40 + 7 * i)
            self._demand(rnd, member, self.malam, 3.33 + i)
            self._demand(rnd, member, self.canting, 5 + i)
        self._close_and_receive(rnd, {self.kain: 130, self.malam: 10, self.canting: 18}, False)
        rnd.cost_ids = [Command.create({"name": "Ongkir", "amount": 1000.01})]
        rnd.action_allocate()
        return rnd

    def _snapshot(self, invoice):
        """Every stored field of the invoice and of its lines (lines in a stable order)."""

        def value(record, fname):
            val = record[fname]
            return val.ids if hasattr(val, "ids") else val

        line_fields = stored_fields(invoice.line_ids)
        lines = sorted(
            (tuple(repr(value(line, f)) for f in line_fields) for line in invoice.line_ids),
        )
        lines = [dict(zip(line_fields, line, strict=True)) for line in lines]
        return {f: value(invoice, f) for f in stored_fields(invoice)}, lines

    def assertSameInvoice(self, invoice, reference):
        (move, lines), (ref_move, ref_lines) = self._snapshot(invoice), self._snapshot(reference)
        self.assertEqual(
            {k: v for k, v in move.items() if v != ref_move[k]},
            {k: v for k, v in ref_move.items() if v != move[k]},
        )
        self.assertEqual(len(lines), len(ref_lines))
        for line, ref_line in zip(lines, ref_lines, strict=True):
            self.assertEqual(
                {k: v for k, v in line.items() if v != ref_line[k]},
                {k: v for k, v in ref_line.items() if v != line[k]},
            )

    def _reference_invoice(self, invoice):
        """The same invoice made by Odoo's ordinary create (full synchronisation)."""
        rnd = invoice.umkm_round_id
        member = rnd.allocation_ids.member_id.filtered(lambda m: m.partner_id == invoice.partner_id)
        allocs = rnd.allocation_ids.filtered(lambda a: a.member_id == member)
        vals = rnd._prepare_member_invoice_vals(
            member,
            allocs,
            invoice.journal_id,
            self.env.ref("umkm_joint_procurement.product_procurement_fee"),
            self.env.ref("umkm_joint_procurement.product_procurement_cost"),
        )
        vals["umkm_round_id"] = False
        return self.env["account.move"].create(vals)

    def test_batched_invoices_equal_odoo_created_invoices(self):
        term = self.env["account.payment.term"].create(
            {
                "name": "30% now, 70% in 30 days",
                "line_ids": [
                    Command.create({"value": "percent", "value_amount": 30.0, "nb_days": 0}),
                    Command.create({"value": "percent", "value_amount": 70.0, "nb_days": 30}),
                ],
            }
        )
        self.member_2.partner_id.property_payment_term_id = term
        rnd = self._allocated_round()
        rnd.action_create_member_invoices()
        invoices = rnd.invoice_ids
        self.assertEqual(len(invoices), 3)
        with_term = invoices.filtered(lambda m: m.partner_id == self.member_2.partner_id)
        self.assertEqual(with_term.invoice_payment_term_id, term)
        self.assertEqual(
            len(with_term.line_ids.filtered(lambda x: x.display_type == "payment_term")), 2
        )
        # due when the last installment is (see account.move._umkm_due_dates_from_terms)
        installments = with_term.line_ids.filtered(lambda x: x.display_type == "payment_term")
        self.assertEqual(with_term.invoice_date_due, max(installments.mapped("date_maturity")))
        for invoice in invoices:
            billed = rnd.allocation_ids.filtered(lambda a, i=invoice: a.invoice_id == i)
            self.assertTrue(billed)
            self.assertTrue(
                invoice.currency_id.is_zero(
                    invoice.amount_total - sum(billed.mapped("amount_total"))
                )
            )
        references = self.env["account.move"]
        for invoice in invoices:
            reference = self._reference_invoice(invoice)
            self.assertSameInvoice(invoice, reference)
            references |= reference
        (invoices | references).action_post()
        self.assertEqual(set(invoices.mapped("state")), {"posted"})
        self.assertEqual(set(invoices.mapped("payment_state")), {"not_paid"})
        for invoice, reference in zip(invoices, references, strict=True):
            self.assertEqual(invoice.amount_residual, reference.amount_residual)
            self.assertEqual(
                sorted(invoice.line_ids.mapped("balance")),
                sorted(reference.line_ids.mapped("balance")),
            )

    def test_batched_invoices_with_analytic_distribution_models(self):
        """Lines of the batch take their analytic distribution from the models, as in create;
        the other stored fields Odoo computes stay equal too."""
        plan = self.env["account.analytic.plan"].create({"name": "Klaster"})
        account = self.env["account.analytic.account"].create(
            {"name": "Klaster Batik", "plan_id": plan.id, "company_id": False}
        )
        self.env["account.analytic.distribution.model"].create(
            {
                "partner_id": self.member_1.partner_id.id,
                "analytic_distribution": {str(account.id): 100},
            }
        )
        rnd = self._allocated_round()
        rnd.action_create_member_invoices()
        with_model = rnd.invoice_ids.filtered(lambda m: m.partner_id == self.member_1.partner_id)
        product_lines = with_model.invoice_line_ids
        self.assertTrue(product_lines)
        self.assertEqual(
            product_lines.mapped("analytic_distribution"),
            [{str(account.id): 100}] * len(product_lines),
        )
        self.assertFalse(
            (rnd.invoice_ids - with_model).invoice_line_ids.filtered("analytic_distribution")
        )
        for invoice in rnd.invoice_ids:
            self.assertSameInvoice(invoice, self._reference_invoice(invoice))

    def test_batched_invoices_on_a_reconcilable_income_account(self):
        """Where an income account keeps residual amounts, the ORM computes them, as in
        create (the batch gives them only for accounts without)."""
        rnd = self._allocated_round()
        account = self.kain.product_tmpl_id.get_product_accounts()["income"]
        account.reconcile = True
        rnd.action_create_member_invoices()
        kain_lines = rnd.invoice_ids.invoice_line_ids.filtered(
            lambda line: line.product_id == self.kain
        )
        self.assertEqual(kain_lines.account_id, account)
        for line in kain_lines:
            self.assertEqual(line.amount_residual, line.balance)
            self.assertFalse(line.reconciled)
        for invoice in rnd.invoice_ids:
            self.assertSameInvoice(invoice, self._reference_invoice(invoice))

    def test_batched_invoices_in_a_foreign_currency(self):
        """Balances in company currency at the invoice rate, as Odoo computes them."""
        eur = self.env.ref("base.EUR")
        eur.active = True
        self.env["res.currency.rate"].create(
            {"currency_id": eur.id, "rate": 0.5, "company_id": self.company.id}
        )
        other = eur if self.currency != eur else self.env.ref("base.USD")
        rnd = self._create_round(products=self.kain, currency_id=other.id)
        rnd.action_open()
        self._demand(rnd, self.member_1, self.kain, 33.33)
        self._demand(rnd, self.member_2, self.kain, 10)
        self._close_and_receive(rnd)
        rnd.action_allocate()
        rnd.action_create_member_invoices()
        self.assertEqual(set(rnd.invoice_ids.currency_id), {other})
        for invoice in rnd.invoice_ids:
            self.assertSameInvoice(invoice, self._reference_invoice(invoice))

    def test_large_rounds_are_invoiced_by_a_background_job_in_batches(self):
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("umkm_joint_procurement.background_invoices", 2)
        params.set_param("umkm_joint_procurement.invoices_per_job", 2)
        cron = self.env.ref("umkm_joint_procurement.ir_cron_member_invoices")
        rnd = self._allocated_round()  # three members to invoice: more than 2
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        action = rnd.with_user(self.manager_a).action_create_member_invoices()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("3 members", action["params"]["message"])
        self.assertTrue(rnd.invoicing_queued)
        self.assertFalse(rnd.invoice_ids)
        self.assertEqual(rnd.state, "allocated")
        self.assertGreater(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]), triggers
        )
        # first run: a batch of two; the round waits for the rest
        self.env["umkm.procurement.round"]._cron_member_invoices()
        self.assertEqual(len(rnd.invoice_ids), 2)
        self.assertTrue(rnd.invoicing_queued)
        self.assertEqual(rnd.state, "allocated")
        # second run: the last member, the round is invoiced and says so
        self.env["umkm.procurement.round"]._cron_member_invoices()
        self.assertEqual(len(rnd.invoice_ids), 3)
        self.assertEqual(len(rnd.invoice_ids.partner_id), 3)
        self.assertFalse(rnd.invoicing_queued)
        self.assertEqual(rnd.state, "invoiced")
        self.assertIn("3 invoices", rnd.message_ids[0].body)
        total = sum(rnd.allocation_ids.mapped("amount_total"))
        self.assertTrue(
            rnd.currency_id.is_zero(sum(rnd.invoice_ids.mapped("amount_total")) - total)
        )
        # nothing queued: the job does nothing
        self.env["umkm.procurement.round"]._cron_member_invoices()
        self.assertEqual(len(rnd.invoice_ids), 3)

    def test_small_rounds_are_invoiced_at_once_and_job_errors_are_reported(self):
        # a queued round whose company lost its sales journal: the job stops and says why
        other = self._allocated_round()
        other.invoicing_queued = True
        journals = self.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", other.company_id.id)]
        )
        journals.active = False
        self.env["umkm.procurement.round"]._cron_member_invoices()
        self.assertFalse(other.invoicing_queued)
        self.assertFalse(other.invoice_ids)
        self.assertIn("no sales journal", other.message_ids[0].body)
        journals.active = True
        # under the threshold (300 members), the invoices are made at once
        rnd = self._allocated_round()
        action = rnd.action_create_member_invoices()
        self.assertEqual(action["res_model"], "account.move")
        self.assertEqual(len(rnd.invoice_ids), 3)
        self.assertFalse(rnd.invoicing_queued)
        self.assertEqual(rnd.state, "invoiced")


@tagged("post_install", "-at_install")
class TestMemberInvoiceTaxes(TestMemberInvoices):
    """A PKP cooperative charges PPN on what it resells: the member invoices take the
    products' sales taxes, Odoo's tax engine computes them, and the untaxed amounts still sum
    exactly to what the round cost."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ppn = cls._sales_ppn()
        fee = cls.env.ref("umkm_joint_procurement.product_procurement_fee")
        cost = cls.env.ref("umkm_joint_procurement.product_procurement_cost")
        (cls.kain | cls.malam | fee | cost).write({"taxes_id": [Command.set(cls.ppn.ids)]})
        cls.canting.taxes_id = [Command.clear()]  # an exempt material

    @classmethod
    def _sales_ppn(cls):
        """The PPN of the materials, the shared costs and the fee."""
        return cls.env["account.tax"].create(
            {"name": "PPN 12% (test)", "amount": 12.0, "type_tax_use": "sale"}
        )

    def _check_round(self, rnd):
        invoices = rnd.invoice_ids
        self.assertEqual(len(invoices), 3)
        # the untaxed amounts: exactly purchase cost + shared costs + fees
        self.assertEqual(
            round(sum(invoices.mapped("amount_untaxed")), 2),
            round(sum(rnd.allocation_ids.mapped("amount_total")), 2),
        )
        for invoice in invoices:
            taxed = invoice.invoice_line_ids.filtered("tax_ids")
            self.assertEqual(taxed.tax_ids, self.ppn)
            self.assertEqual(
                invoice.invoice_line_ids.filtered(
                    lambda line: line.product_id == self.canting
                ).tax_ids,
                self.env["account.tax"],
            )
            self.assertTrue(
                invoice.currency_id.is_zero(
                    invoice.amount_tax - invoice.amount_total + invoice.amount_untaxed
                )
            )
            self.assertGreater(invoice.amount_tax, 0)
            # Odoo's own invoice of the same lines, created alone, is the same field by field
            self.assertSameInvoice(invoice, self._reference_invoice(invoice))
        self.assertAlmostEqual(
            rnd.invoice_amount_untaxed, sum(invoices.mapped("amount_untaxed")), 2
        )
        self.assertAlmostEqual(rnd.invoice_amount_tax, sum(invoices.mapped("amount_tax")), 2)
        self.assertAlmostEqual(rnd.invoice_amount_total, sum(invoices.mapped("amount_total")), 2)
        return invoices

    def _invoice_pkp_round(self, rounding_method):
        """A PKP cooperative's round invoiced with the company's tax rounding method, checked;
        ``(invoice, its PPN-taxed lines)`` of each member invoice."""
        self.company.umkm_charges_vat = True
        self.company.tax_calculation_rounding_method = rounding_method
        rnd = self._allocated_round()
        rnd.action_create_member_invoices()
        return [(inv, inv.invoice_line_ids.filtered("tax_ids")) for inv in self._check_round(rnd)]

    def test_pkp_cooperative_charges_ppn_rounded_per_line(self):
        rate = self.ppn.amount / 100
        for invoice, taxed in self._invoice_pkp_round("round_per_line"):
            expected = sum(invoice.currency_id.round(line.price_subtotal * rate) for line in taxed)
            self.assertAlmostEqual(invoice.amount_tax, expected)

    def test_pkp_cooperative_charges_ppn_rounded_globally(self):
        rate = self.ppn.amount / 100
        for invoice, taxed in self._invoice_pkp_round("round_globally"):
            # Odoo rounds the tax of the unrounded bases once (then spreads the rounding of
            # the bases over the lines)
            raw_bases = sum(line.quantity * line.price_unit for line in taxed)
            expected = invoice.currency_id.round(raw_bases * rate)
            self.assertAlmostEqual(invoice.amount_tax, expected)

    def test_workbook_billing_sheet_shows_each_invoice_with_its_tax(self):
        self.company.umkm_charges_vat = True
        rnd = self._allocated_round()
        rnd.action_create_member_invoices()
        book = openpyxl.load_workbook(io.BytesIO(render_xlsx_report(rnd.env, ROUND_XLSX, rnd.ids)))
        sheet = book["Billing"]
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        start = next(
            i
            for i, row in enumerate(rows)
            if row[:5] == ["Member", "Invoice", "Untaxed amount", "Tax (PPN)", "Invoice total"]
        )
        listed = {row[0]: tuple(row[2:5]) for row in rows[start + 1 : start + 4]}
        self.assertEqual(
            listed,
            {
                m.partner_id.display_name: (m.amount_untaxed, m.amount_tax, m.amount_total)
                for m in rnd.invoice_ids
            },
        )
        self.assertEqual(rows[start + 4][0], "Total")
        self.assertTrue(str(rows[start + 4][3]).startswith("=SUM("))

    def test_non_pkp_cooperative_charges_no_tax(self):
        self.assertFalse(self.company.umkm_charges_vat)
        rnd = self._allocated_round()
        rnd.action_create_member_invoices()
        self.assertFalse(rnd.invoice_ids.invoice_line_ids.tax_ids)
        self.assertEqual(rnd.invoice_amount_tax, 0.0)
        self.assertEqual(rnd.invoice_amount_untaxed, rnd.invoice_amount_total)
        self.assertTrue(
            rnd.currency_id.is_zero(
                rnd.invoice_amount_total - sum(rnd.allocation_ids.mapped("amount_total"))
            )
        )
