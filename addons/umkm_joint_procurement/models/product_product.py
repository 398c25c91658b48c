from odoo import fields, models

from odoo.addons.umkm_joint_procurement.tools.procurement_math import PriceTier


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _umkm_price_tiers(self, currency, company, date=None):
        """Vendor price tiers of this material valid on ``date`` (today), prices in
        ``currency``: a list of :class:`PriceTier`, quantities and prices in the purchase unit.
        """
        self.ensure_one()
        date = date or fields.Date.context_today(self)
        tiers = []
        for seller in self.seller_ids._get_filtered_supplier(company, self, False):
            if (seller.date_start and seller.date_start > date) or (
                seller.date_end and seller.date_end < date
            ):
                continue
            price = seller.price_discounted
            if seller.currency_id and seller.currency_id != currency:
                price = seller.currency_id._convert(price, currency, company, date)
            tiers.append(PriceTier(seller.min_qty, price, seller.sequence, seller))
        return tiers
