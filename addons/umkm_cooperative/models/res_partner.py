from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _increase_rank(self, field, n=1):
        # a member's savings and its share of the surplus do not make it a customer or a
        # vendor of the cooperative: Odoo's rank (one locking query per partner when an entry
        # is posted) is left as it is for the cooperative's entries with its members
        if self.env.context.get("umkm_members_entry"):
            return
        super()._increase_rank(field, n=n)
