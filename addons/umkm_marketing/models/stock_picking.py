from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _action_done(self):
        result = super()._action_done()
        # the buyer has its goods (the cooperative's delivery or a member's dropship): the
        # members who made them are billed what they delivered
        to_buyer = self.filtered(
            lambda p: p.state == "done" and p.location_dest_id.usage == "customer" and p.sale_id
        )
        if to_buyer:
            to_buyer.sale_id._umkm_bill_members()
        return result
