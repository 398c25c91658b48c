from odoo import api, fields, models
from odoo.tools import format_amount


class UmkmProcurementBidTier(models.Model):
    """A volume price a vendor answered on a round's request for quotation: from this quantity
    (in the order line's unit), this unit price. The chosen bid's tiers become the vendor's
    price tiers of the material for the rounds that follow."""

    _name = "umkm.procurement.bid.tier"
    _description = "Bid Volume Price"
    _order = "purchase_line_id, min_qty"

    purchase_line_id = fields.Many2one(
        "purchase.order.line", required=True, index=True, ondelete="cascade"
    )
    order_id = fields.Many2one(related="purchase_line_id.order_id", store=True, index=True)
    product_id = fields.Many2one(related="purchase_line_id.product_id")
    product_uom = fields.Many2one(related="purchase_line_id.product_uom")
    currency_id = fields.Many2one(related="purchase_line_id.currency_id")
    min_qty = fields.Float(string="From quantity", required=True, digits="Product Unit of Measure")
    price_unit = fields.Monetary(string="Unit price", required=True, currency_field="currency_id")

    _sql_constraints = [
        (
            "min_qty_positive",
            "CHECK(min_qty > 0)",
            "A volume price starts at a quantity above zero.",
        ),
        ("price_positive", "CHECK(price_unit > 0)", "A volume price must be above zero."),
        (
            "min_qty_uniq",
            "unique(purchase_line_id, min_qty)",
            "A bid has one price per starting quantity.",
        ),
    ]

    @api.depends("min_qty", "price_unit", "product_uom")
    def _compute_display_name(self):
        Format = self.env["umkm.format.mixin"]
        for tier in self:
            tier.display_name = self.env._(
                "from %(qty)s: %(price)s",
                qty=Format._umkm_format_qty(tier.min_qty, tier.product_uom),
                price=format_amount(self.env, tier.price_unit, tier.currency_id),
            )
