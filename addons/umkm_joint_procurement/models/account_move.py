from collections import defaultdict

from odoo import api, fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    umkm_round_id = fields.Many2one(
        "umkm.procurement.round",
        string="Procurement round",
        index="btree_not_null",
        copy=False,
        readonly=True,
        help="The joint procurement round this member invoice bills.",
    )

    def _umkm_due_dates_from_terms(self):
        """Each invoice's due date from its own payment terms, after one batched ``create``.

        Odoo 18's ``account.move.create`` of several invoices gives an invoice with payment
        terms that follows one without them the due date of that one: ``invoice_date_due`` is
        computed for the batch from ``needed_terms`` before every invoice has its own. The due
        date is set again here as Odoo computes it (``_compute_invoice_date_due``: the latest
        maturity of the invoice's payment-term lines), written once per distinct date so that
        the query count does not grow with the invoices (``test_queries``);
        ``test_batched_invoices_equal_odoo_created_invoices`` fails when Odoo's due date comes
        out otherwise."""
        by_date = defaultdict(lambda: self.browse())
        for move in self.filtered("invoice_payment_term_id"):
            terms = move.line_ids.filtered(lambda line: line.display_type == "payment_term")
            due = max(terms.mapped("date_maturity"), default=False)
            if due and due != move.invoice_date_due:
                by_date[due] |= move
        for due, moves in by_date.items():
            moves.with_context(skip_is_manually_modified=True).write({"invoice_date_due": due})

    @api.model
    def _umkm_stamp_member_documents(self):
        stamped = super()._umkm_stamp_member_documents()
        invoices = self.sudo().search([("umkm_round_id", "!=", False), ("umkm_flow", "=", False)])
        return stamped | self._umkm_stamp(
            invoices.grouped(lambda m: m.umkm_round_id.cluster_id), "procurement"
        )

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted.filtered(
            lambda m: m.umkm_round_id and m.move_type == "out_invoice" and not m.is_move_sent
        )._umkm_send_member_invoices()
        return posted

    def _umkm_send_member_invoices(self):
        """A member invoice, once posted, is sent as Odoo's batch "Send" sends invoices: by
        Odoo's sending job, which makes and keeps its PDF (the portal then shows an invoice,
        not a pro forma) and sends it the way the member receives invoices (email by default).
        Never in the posting request: a PDF engine's failure does not stop the posting."""
        if not self:
            return
        self.sending_data = {
            "author_user_id": self.env.user.id,
            "author_partner_id": self.env.user.partner_id.id,
        }
        self.env.ref("account.ir_cron_account_move_send")._trigger()
