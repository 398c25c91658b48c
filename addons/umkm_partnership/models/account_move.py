from odoo import api, models


class AccountMove(models.Model):
    _inherit = "account.move"

    @api.model
    def _umkm_stamp_member_documents(self):
        return super()._umkm_stamp_member_documents() | self._umkm_stamp_bills(
            "umkm_assignment_ids",
            lambda lines: lines.order_id.umkm_assignment_ids[:1].member_id.cluster_id,
            "subcontract",
        )
