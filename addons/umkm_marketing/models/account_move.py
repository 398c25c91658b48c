from odoo import api, models


class AccountMove(models.Model):
    _inherit = "account.move"

    @api.model
    def _umkm_stamp_member_documents(self):
        stamped = super()._umkm_stamp_member_documents()
        bills = self.sudo().search(
            [
                ("move_type", "in", ("in_invoice", "in_refund")),
                ("umkm_flow", "=", False),
                ("invoice_line_ids.purchase_line_id.order_id.umkm_sale_order_id", "!=", False),
            ]
        )
        return stamped | self._umkm_stamp(
            bills.grouped(
                lambda m: (
                    m.invoice_line_ids.purchase_line_id.umkm_sale_line_id.umkm_member_id[
                        :1
                    ].cluster_id
                )
            ),
            "sales",
        )
