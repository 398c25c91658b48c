from odoo import fields, models


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
