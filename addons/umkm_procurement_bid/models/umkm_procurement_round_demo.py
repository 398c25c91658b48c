from datetime import timedelta

from odoo import api, fields, models


# demo data of the call for bids, apart from the call itself
# pylint: disable=consider-merging-classes-inherited
class UmkmProcurementRound(models.Model):
    _inherit = "umkm.procurement.round"

    @api.model
    def _umkm_demo_call_for_bids(self, round_id, vendor_ids, answers):
        """Demo data: call for bids on the closed round ``round_id`` to ``vendor_ids``, reply
        in three days; ``answers`` ({vendor id: (lead days, [(from quantity, unit price)])})
        are the vendors' answers with their volume prices, the price at the round's
        quantity from them; a vendor without an answer has not answered yet."""
        rnd = self.browse(round_id)
        reply_by = fields.Date.context_today(self) + timedelta(days=3)
        bids = rnd._umkm_call_for_bids(self.env["res.partner"].browse(vendor_ids), reply_by)
        for bid in bids:
            if bid.partner_id.id not in answers:
                continue
            lead_days, tiers = answers[bid.partner_id.id]
            prices, tiers_by_line = {}, {}
            for line in bid.order_line:
                prices[line], _error = line._umkm_bid_price(None, tiers)
                tiers_by_line[line] = tiers
            bid._umkm_record_bid(prices, lead_days, tiers=tiers_by_line)
        return bids
