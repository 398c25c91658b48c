from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    umkm_agreement_id = fields.Many2one(
        "umkm.partnership.agreement",
        string="Trade agreement",
        readonly=True,
        index="btree_not_null",
        help="The general trade or agency agreement the firm ordered under.",
    )
    umkm_commission_amount = fields.Monetary(
        string="Agent commission",
        compute="_compute_umkm_commission_amount",
        help="Distribution and agency: the agent's commission on this sale (untaxed amount × "
        "the agreement's commission).",
    )

    @api.depends("amount_untaxed", "umkm_agreement_id.commission_percent")
    def _compute_umkm_commission_amount(self):
        for order in self:
            agreement = order.umkm_agreement_id.sudo()
            if agreement.pattern == "distribusi_keagenan" and agreement.commission_percent:
                order.umkm_commission_amount = order.currency_id.round(
                    order.amount_untaxed * agreement.commission_percent / 100.0
                )
            else:
                order.umkm_commission_amount = 0.0

    def _has_to_be_signed(self):
        """A firm's order under a trade agreement is confirmed by the cooperative, never by
        the firm's signature."""
        return not self.umkm_agreement_id and super()._has_to_be_signed()

    def _has_to_be_paid(self):
        """... nor paid before the cooperative confirmed it."""
        return not self.umkm_agreement_id and super()._has_to_be_paid()
