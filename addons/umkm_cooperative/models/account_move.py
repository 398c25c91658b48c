from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        # a member's bill: its open savings dues are netted against it
        bills = posted.filtered(lambda m: m.move_type == "in_invoice")
        if bills:
            self.env["umkm.member.saving"]._net_dues(bills)
        return posted
