from odoo import api, fields, models
from odoo.tools.misc import formatLang


# one concern of the assignment per file (the assignment itself in
# umkm_subcontract_assignment.py)
# pylint: disable=consider-merging-classes-inherited
class UmkmSubcontractAssignment(models.Model):
    """Inti-plasma: the member's inputs on credit, netted against what the cooperative pays it
    for the work."""

    _inherit = "umkm.subcontract.assignment"

    input_invoice_ids = fields.One2many(
        "account.move",
        "umkm_assignment_id",
        string="Input invoices",
        readonly=True,
        # the netting entries carry the assignment too: they are not credit
        domain=[("move_type", "=", "out_invoice")],
        help="Inti-plasma: invoices of the firm's inputs issued to the member on credit.",
    )
    input_credit_amount = fields.Monetary(
        string="Inputs on credit",
        compute="_compute_input_credit",
        compute_sudo=True,
        currency_field="currency_id",
    )
    input_credit_due = fields.Monetary(
        string="Inputs not yet netted",
        compute="_compute_input_credit",
        compute_sudo=True,
        currency_field="currency_id",
        help="What the member still owes for its inputs: netted against its next bill.",
    )

    @api.depends("input_invoice_ids.amount_total", "input_invoice_ids.amount_residual")
    def _compute_input_credit(self):
        for line in self:
            invoices = line.input_invoice_ids.filtered(lambda m: m.state == "posted")
            line.input_credit_amount = sum(invoices.mapped("amount_total"))
            line.input_credit_due = sum(invoices.mapped("amount_residual"))

    def _prepare_netting_move_vals(self, amount, payable, receivable):
        """Values of the journal entry moving ``amount`` from the member's open payable
        (``payable``, its bills for the work) to its open receivable (``receivable``, its
        input invoices)."""
        self.ensure_one()
        Move = self.env["account.move"]
        label = self.env._(
            "Inputs on credit netted against the payment for %(work)s",
            work=self.display_name,
        )
        vals = Move._umkm_netting_vals(
            self.company_id,
            self.member_id.partner_id.commercial_partner_id,
            amount,
            payable,
            receivable,
            label,
            Move._umkm_general_journal(self.company_id),
        )
        vals["umkm_assignment_id"] = self.id
        return vals

    def _net_input_credit(self):
        """Inti-plasma: net what each member owes for its inputs on credit (its open input
        invoices, a receivable) against what the cooperative owes it for the work (its open
        bills, a payable): one journal entry per member moving the smaller amount from the
        payable to the receivable, reconciled with both, through Odoo's reconciliation."""
        entries = self.env["account.move"]
        for line in self.sudo():
            receivable = line.input_invoice_ids.filtered(
                lambda m: m.state == "posted"
            ).line_ids.filtered(
                lambda x: x.account_id.account_type == "asset_receivable" and not x.reconciled
            )
            bills = line.purchase_order_id.invoice_ids.filtered(
                lambda m: m.state == "posted" and m.move_type == "in_invoice"
            )
            payable = bills.line_ids.filtered(
                lambda x: x.account_id.account_type == "liability_payable" and not x.reconciled
            )
            if not receivable or not payable:
                continue
            currency = line.company_id.currency_id
            amount = min(
                sum(receivable.mapped("amount_residual")),
                -sum(payable.mapped("amount_residual")),
            )
            if currency.compare_amounts(amount, 0.0) <= 0:
                continue
            entry = (
                self.env["account.move"]
                .with_company(line.company_id)
                ._umkm_post_netting(
                    line._prepare_netting_move_vals(amount, payable, receivable),
                    payable,
                    receivable,
                )
            )
            line.message_post(
                body=self.env._(
                    "%(amount)s of inputs on credit netted against the payment for the work.",
                    amount=formatLang(self.env, amount, currency_obj=currency),
                ),
                subtype_xmlid="mail.mt_note",
            )
            entries |= entry
        return entries
