from odoo import models

from odoo.addons.umkm_joint_procurement.tools.procurement_math import amount_units, from_units


class UmkmProcurementRoundLine(models.Model):
    """A round line bought on a chosen bid keeps the bid's vendor and price."""

    _inherit = "umkm.procurement.round.line"

    def _umkm_chosen_bid_line(self):
        """The confirmed order line of a chosen bid that buys this line (or nothing)."""
        self.ensure_one()
        return self.purchase_line_ids.filtered(
            lambda pol: (
                pol.order_id.umkm_bid_chosen
                and pol.state in ("purchase", "done")
                and pol.product_qty > 0
            )
        )[:1]

    def _umkm_apply_bid(self, pol):
        """The line's vendor and price from the chosen bid's order line ``pol``."""
        self.ensure_one()
        price = pol.product_uom._compute_price(pol.price_unit, self.uom_id)
        price = pol.currency_id._convert(
            price, self.currency_id, self.company_id, pol.order_id.date_order, round=False
        )
        rounding = self.currency_id.rounding
        self.write(
            {
                "vendor_id": pol.order_id.partner_id.id,
                "vendor_below_standing": self._vendor_below_standing(pol.order_id.partner_id),
                "supplierinfo_id": False,
                "price_unit": price,
                "amount_collective": from_units(
                    amount_units(self.qty_demand, price, rounding), rounding
                ),
            }
        )

    def _aggregate(self):
        res = super()._aggregate()
        for line in self:
            pol = line._umkm_chosen_bid_line()
            if pol:
                line._umkm_apply_bid(pol)
        return res
