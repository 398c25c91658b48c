from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PaymentTransaction(models.Model):
    """A member's payment of its savings from the portal: the dues it pays (principal and
    compulsory savings already raised, their receivable open) or a voluntary deposit, whose
    movement is made when the payment is done. Odoo's post-processing creates the payment;
    here it is reconciled with the dues' receivables, as it is with an invoice's."""

    _inherit = "payment.transaction"

    umkm_saving_ids = fields.Many2many(
        "umkm.member.saving",
        string="Savings movements",
        readonly=True,
        copy=False,
        help="The dues this payment settles, or the voluntary deposit it made.",
    )
    umkm_deposit_member_id = fields.Many2one(
        "umkm.member",
        string="Voluntary savings of",
        readonly=True,
        copy=False,
        help="The membership whose voluntary savings this payment is deposited to.",
    )

    @api.constrains("umkm_deposit_member_id", "umkm_saving_ids", "invoice_ids")
    def _check_umkm_one_purpose(self):
        for tx in self:
            if tx.invoice_ids and (tx.umkm_deposit_member_id or tx.umkm_saving_ids):
                raise ValidationError(self.env._("A payment pays savings or invoices, not both."))

    def _prepare_umkm_deposit_vals(self):
        """The voluntary savings movement of a done deposit."""
        self.ensure_one()
        return {
            "member_id": self.umkm_deposit_member_id.id,
            "type": "sukarela",
            "amount": self.amount,
            "date": fields.Date.context_today(
                self.with_context(tz=self.env.context.get("tz") or "Asia/Jakarta")
            ),
            "name": self.env._("Deposit paid online (%(ref)s)", ref=self.reference),
        }

    def _create_payment(self, **extra_create_values):
        """A deposit's movement is made and posted first (its receivable); the payment is then
        reconciled with the receivables of the transaction's savings movements."""
        self.ensure_one()
        if self.umkm_deposit_member_id and not self.umkm_saving_ids:
            saving = self.env["umkm.member.saving"].sudo().create(self._prepare_umkm_deposit_vals())
            saving.action_post()
            self.umkm_saving_ids = saving
        payment = super()._create_payment(**extra_create_values)
        if self.umkm_saving_ids:
            account = payment.destination_account_id
            (payment.move_id.line_ids | self.umkm_saving_ids.sudo().move_line_id).filtered(
                lambda x: x.account_id == account and not x.reconciled
            ).reconcile()
        return payment

    def _log_message_on_linked_documents(self, message):
        res = super()._log_message_on_linked_documents(message)
        for saving in self.umkm_saving_ids.sudo():
            saving.message_post(body=message, author_id=self.partner_id.id)
        return res
