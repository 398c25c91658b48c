from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare


class StockMove(models.Model):
    """What the officer refused on receipt, and why: it rates the vendor's quality."""

    _inherit = "stock.move"

    umkm_qty_refused = fields.Float(
        string="Refused",
        digits="Product Unit of Measure",
        copy=False,
        help="Quantity the vendor delivered that was refused on receipt (damaged, wrong or "
        "poor material), in the move's unit: not taken into stock, and not in the quantity "
        "received. It rates the vendor's quality.",
    )
    umkm_refuse_reason = fields.Char(
        string="Reason refused", copy=False, help="Why the quantity was refused on receipt."
    )

    @api.constrains("umkm_qty_refused", "umkm_refuse_reason")
    def _check_umkm_refused(self):
        for move in self:
            rounding = move.product_uom.rounding or 0.001
            if float_compare(move.umkm_qty_refused, 0.0, precision_rounding=rounding) < 0:
                raise ValidationError(
                    self.env._(
                        "The quantity refused of %(product)s cannot be negative.",
                        product=move.product_id.display_name,
                    )
                )
            if (
                float_compare(move.umkm_qty_refused, 0.0, precision_rounding=rounding) > 0
                and not (move.umkm_refuse_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Say why %(qty)s %(uom)s of %(product)s were refused on receipt.",
                        qty=move.umkm_qty_refused,
                        uom=move.product_uom.name,
                        product=move.product_id.display_name,
                    )
                )
