from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        # a member's bill for work it was advanced on: the advance is netted against it
        bills = posted.filtered(lambda m: m.move_type == "in_invoice")
        purchases = bills.invoice_line_ids.purchase_line_id.order_id
        if purchases:
            advances = (
                self.env["umkm.advance"]
                .sudo()
                .search(
                    [("purchase_order_id", "in", purchases.ids), ("state", "in", ("paid", "due"))]
                )
            )
            advances._umkm_net()
        return posted
