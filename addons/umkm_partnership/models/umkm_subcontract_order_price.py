from odoo import api, fields, models

from odoo.addons.umkm_cluster.tools.shares import price_less_margin


class UmkmSubcontractOrder(models.Model):
    """The order's price checked against what the firm usually pays: a target price typed a
    thousand times too small (``175`` for ``175.000``) is flagged before anyone confirms; and
    the price the members are paid for the work."""

    _inherit = "umkm.subcontract.order"

    price_warning = fields.Char(
        string="Price check",
        compute="_compute_price_warning",
        help="The unit price is far from the agreement's price or the firm's earlier orders.",
    )

    @api.depends("unit_price", "agreement_id", "capability_id")
    def _compute_price_warning(self):
        for order in self:
            reference = self._umkm_reference_price(
                order.agreement_id, order.capability_id, exclude=order._origin
            )
            order.price_warning = self._umkm_price_warning(
                order.unit_price, reference, order.currency_id
            )

    @api.model
    def _umkm_reference_price(self, agreement, capability, exclude=None):
        """The price an order of ``agreement`` for ``capability`` is compared with: the
        agreement's guaranteed price, else the unit price of the firm's last order under it
        for the same capability that the cooperative confirmed."""
        agreement = agreement.sudo()
        if agreement.guaranteed_price:
            return agreement.guaranteed_price
        domain = [
            ("agreement_id", "=", agreement.id),
            ("capability_id", "=", capability.id),
            ("unit_price", ">", 0),
            ("state", "not in", ("draft", "submitted", "rejected", "cancel")),
        ]
        if exclude:
            domain.append(("id", "not in", exclude.ids))
        last = self.sudo().search(domain, order="date_order desc, id desc", limit=1)
        return last.unit_price

    def _member_unit_price(self):
        """The firm's price less the cooperative margin of the agreement."""
        self.ensure_one()
        margin = self.agreement_id.sudo().margin_percent
        return price_less_margin(self.currency_id, self.unit_price, margin)
