from odoo import models


class UmkmMemberSaving(models.Model):
    _inherit = "umkm.member.saving"

    def _umkm_payable_online(self):
        """The dues of these movements a member may pay online: posted principal or
        compulsory savings whose receivable is still open."""
        return self.filtered(
            lambda s: (
                s.state == "posted"
                and s.type in ("pokok", "wajib")
                and s.amount > 0
                and not s.currency_id.is_zero(s.amount_open)
            )
        )
