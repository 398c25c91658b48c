from odoo import api, models


class AccountMove(models.Model):
    _inherit = "account.move"

    @api.model
    def _umkm_stamp_member_documents(self):
        return super()._umkm_stamp_member_documents() | self._umkm_stamp_bills(
            "umkm_sale_order_id",
            lambda lines: lines.umkm_sale_line_id.umkm_member_id[:1].cluster_id,
            "sales",
        )
