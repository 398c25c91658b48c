from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.umkm_joint_procurement.tools.procurement_math import PriceTier, pick_tier


class PurchaseOrderLine(models.Model):
    """A line of a round's request for quotation: the vendor's price at the round's quantity
    and, if it gives them, its volume prices; the chosen bid's volume prices become the
    vendor's price tiers of the material."""

    _inherit = "purchase.order.line"

    umkm_bid_tier_ids = fields.One2many(
        "umkm.procurement.bid.tier", "purchase_line_id", string="Volume prices", copy=False
    )
    umkm_bid_tiers = fields.Char(string="Volume prices answered", compute="_compute_umkm_bid_tiers")

    @api.depends("umkm_bid_tier_ids.min_qty", "umkm_bid_tier_ids.price_unit")
    def _compute_umkm_bid_tiers(self):
        for line in self:
            line.umkm_bid_tiers = "; ".join(line.umkm_bid_tier_ids.mapped("display_name"))

    def _umkm_bid_price(self, price, tiers):
        """The unit price at the line's quantity of an answer: ``price`` as typed (or None)
        and ``tiers`` (``[(min_qty, price)]``). Returns ``(price, None)`` or ``(None,
        message)``: without a typed price, the tier that applies at the quantity; with one,
        it must be the price of that tier, so one answer never says two prices."""
        self.ensure_one()
        applicable = [t for t in tiers if t[0] <= self.product_qty]
        tier_price = None
        if applicable:
            index = pick_tier([PriceTier(qty, p, 0) for qty, p in applicable], self.product_qty)
            tier_price = applicable[index][1]
        Format = self.env["umkm.format.mixin"]
        qty = Format._umkm_format_qty(self.product_qty, self.product_uom)
        if price is None:
            if tier_price is None:
                return None, self.env._(
                    "Enter the unit price for %(qty)s, or a volume price that applies to it.",
                    qty=qty,
                )
            return tier_price, None
        if tier_price is not None and self.currency_id.compare_amounts(price, tier_price):
            return None, self.env._(
                "Your volume prices give %(tier)s for %(qty)s, not %(price)s: make them agree "
                "or leave the unit price empty.",
                tier=Format._umkm_format_number(tier_price),
                qty=qty,
                price=Format._umkm_format_number(price),
            )
        return price, None

    def _umkm_set_bid_tiers(self, tiers):
        """Replace the line's volume prices with ``tiers`` (``[(min_qty, price)]``)."""
        self.ensure_one()
        self.umkm_bid_tier_ids.unlink()
        self.env["umkm.procurement.bid.tier"].create(
            [
                {"purchase_line_id": self.id, "min_qty": qty, "price_unit": price}
                for qty, price in tiers
            ]
        )

    def _prepare_umkm_supplierinfo_vals(self, tier, date_start):
        """The vendor's price tier of the material from the volume price ``tier`` of its
        chosen bid, in the material's purchase unit."""
        self.ensure_one()
        order = self.order_id
        uom_po = self.product_id.uom_po_id or self.product_uom
        template = self.product_id.product_tmpl_id
        return {
            "partner_id": order.partner_id.id,
            "product_tmpl_id": template.id,
            "product_id": self.product_id.id if template.product_variant_count > 1 else False,
            "min_qty": self.product_uom._compute_quantity(tier.min_qty, uom_po, round=False),
            "price": self.product_uom._compute_price(tier.price_unit, uom_po),
            "currency_id": order.currency_id.id,
            "delay": order.umkm_bid_lead_days or 1,
            "company_id": order.company_id.id,
            "date_start": date_start,
        }

    def _umkm_update_vendor_tiers(self):
        """The volume prices of chosen bids become their vendors' price tiers from today: the
        vendor's earlier tiers of the material (its own answer supersedes them) end
        yesterday, kept as history."""
        lines = self.filtered("umkm_bid_tier_ids")
        if not lines:
            return self.env["product.supplierinfo"]
        today = fields.Date.context_today(self)
        old = self.env["product.supplierinfo"]
        vals_list = []
        for line in lines:
            old |= line.product_id.seller_ids.filtered(
                lambda s, line=line: (
                    s.partner_id == line.order_id.partner_id
                    and (not s.company_id or s.company_id == line.company_id)
                    and (not s.product_id or s.product_id == line.product_id)
                    and (not s.date_end or s.date_end >= today)
                )
            )
            vals_list += [
                line._prepare_umkm_supplierinfo_vals(tier, today) for tier in line.umkm_bid_tier_ids
            ]
        old.write({"date_end": today - timedelta(days=1)})
        return self.env["product.supplierinfo"].create(vals_list)
