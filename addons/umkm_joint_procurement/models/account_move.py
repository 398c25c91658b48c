import logging

from odoo import fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

# up to this many round invoices posted at once are sent right away; more go to Odoo's
# sending job (account.ir_cron_account_move_send), as Odoo's own batch "Send" does
SEND_AT_ONCE = 20


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
        """A member invoice, once posted, is sent as Odoo sends invoices: its PDF is made and
        kept (the portal then shows the invoice, not a pro forma) and it goes to the member
        the way the member receives invoices (by email by default)."""
        if not self:
            return
        if len(self) <= SEND_AT_ONCE:
            try:
                with self.env.cr.savepoint():
                    self.env["account.move.send"]._generate_and_send_invoices(
                        self, allow_raising=False
                    )
                return
            except UserError as error:  # e.g. no PDF engine: Odoo's sending job retries
                _logger.warning("Member invoices queued for sending: %s", error)
        self.sending_data = {
            "author_user_id": self.env.user.id,
            "author_partner_id": self.env.user.partner_id.id,
        }
        self.env.ref("account.ir_cron_account_move_send")._trigger()
