from datetime import timedelta

from odoo import api, fields, models


class UmkmProcurementBidCall(models.TransientModel):
    """Call for bids of a closed round: the vendors asked and the date to answer by."""

    _name = "umkm.procurement.bid.call"
    _description = "Call for bids of a procurement round"

    round_id = fields.Many2one("umkm.procurement.round", required=True, ondelete="cascade")
    vendor_ids = fields.Many2many(
        "res.partner",
        string="Vendors",
        required=True,
        compute="_compute_vendor_ids",
        store=True,
        readonly=False,
        help="By default the vendors with price tiers for the round's materials.",
    )
    reply_by = fields.Date(
        string="Reply by",
        required=True,
        default=lambda self: fields.Date.context_today(self) + timedelta(days=3),
        help="Vendors answer on the portal by this date; a later answer is kept, marked late.",
    )

    @api.depends("round_id")
    def _compute_vendor_ids(self):
        for wizard in self:
            wizard.vendor_ids = wizard.round_id._umkm_default_bid_vendors()

    def action_send(self):
        self.ensure_one()
        self.round_id._umkm_call_for_bids(self.vendor_ids, self.reply_by)
        return {"type": "ir.actions.act_window_close"}
