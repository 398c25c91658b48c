from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import fields, models

from odoo.addons.umkm_joint_procurement.tools.vendor_rating import LineFigures, rates, standing

STANDINGS = [("baik", "Good"), ("cukup", "Fair"), ("buruk", "Poor")]
RATED_MONTHS = 12
# the day a receipt arrived and the day it was expected are the cooperative's days
RATING_TZ = "Asia/Jakarta"


class ResPartner(models.Model):
    """The rating of a vendor of the joint procurement rounds, from the rounds' receipts."""

    _inherit = "res.partner"

    umkm_vendor_on_time_rate = fields.Float(
        string="On time",
        compute="_compute_umkm_vendor_rating",
        help="Of what the vendor delivered to the cooperative's rounds over the last 12 months "
        "(by value), the share received by the expected day.",
    )
    umkm_vendor_fill_rate = fields.Float(
        string="Delivered in full",
        compute="_compute_umkm_vendor_rating",
        help="Of what the rounds ordered from the vendor and expected over the last 12 months "
        "(by value), the share received.",
    )
    umkm_vendor_quality_rate = fields.Float(
        string="Quality",
        compute="_compute_umkm_vendor_rating",
        help="1 - what was refused on receipt / what arrived, over the rounds' receipts of the "
        "last 12 months (by value).",
    )
    umkm_vendor_standing = fields.Selection(
        STANDINGS,
        string="Vendor standing",
        compute="_compute_umkm_vendor_rating",
        help="Good when every rate is at least 90%, poor when one is under 70%, else fair; "
        "empty while the vendor has no order of the rounds due in the last 12 months.",
    )
    umkm_vendor_rated_lines = fields.Integer(
        string="Order lines rated",
        compute="_compute_umkm_vendor_rating",
        help="Order lines of the rounds expected over the last 12 months the rating counts.",
    )

    def _compute_umkm_vendor_rating(self):
        figures = self._umkm_vendor_figures()
        for partner in self:
            lines = figures.get(partner.id, [])
            on_time, fill, quality = rates(lines)
            partner.umkm_vendor_on_time_rate = on_time or 0.0
            partner.umkm_vendor_fill_rate = fill or 0.0
            partner.umkm_vendor_quality_rate = quality or 0.0
            partner.umkm_vendor_standing = standing(on_time, fill, quality) or False
            partner.umkm_vendor_rated_lines = len(lines)

    def _umkm_vendor_figures(self, today=None):
        """``{partner id: [LineFigures]}``: the order lines of the rounds' purchase orders to
        these vendors expected over the last 12 months (up to ``today``), with what their
        receipts brought, when, and what was refused. Two reads for all the vendors: the
        order lines, and their done receipt moves grouped by line, day (WIB) and unit."""
        ids = [pid for pid in self.ids if pid]
        if not ids:
            return {}
        tz = pytz.timezone(RATING_TZ)
        today = today or datetime.now(tz).date()
        since = today - relativedelta(months=RATED_MONTHS)

        def utc(day):  # the start of ``day`` in WIB, as Odoo stores datetimes
            return (
                tz.localize(datetime.combine(day, time.min))
                .astimezone(pytz.utc)
                .replace(tzinfo=None)
            )

        Line = self.env["purchase.order.line"].sudo()
        lines = Line.search_fetch(
            [
                ("partner_id", "in", ids),
                ("order_id.umkm_round_id", "!=", False),
                ("state", "in", ("purchase", "done")),
                ("display_type", "=", False),
                ("date_planned", ">=", utc(since)),
                ("date_planned", "<", utc(today + timedelta(days=1))),
            ],
            [
                "partner_id",
                "product_qty",
                "qty_received",
                "price_unit",
                "date_planned",
                "product_uom",
            ],
        )
        if not lines:
            return {}
        moves = (
            self.env["stock.move"]
            .sudo()
            .with_context(tz=RATING_TZ)
            ._read_group(
                [
                    ("purchase_line_id", "in", lines.ids),
                    ("state", "=", "done"),
                    ("location_id.usage", "=", "supplier"),
                ],
                ["purchase_line_id", "date:day", "product_uom"],
                ["quantity:sum", "umkm_qty_refused:sum"],
            )
        )
        arrived = defaultdict(list)  # line id: [(day, qty, refused)] in the move's unit
        for line, day, uom, qty, refused in moves:
            day = day.date() if isinstance(day, datetime) else day
            arrived[line.id].append((day, uom, qty, refused))
        figures = defaultdict(list)
        for line in lines:
            expected = pytz.utc.localize(line.date_planned).astimezone(tz).date()
            on_time = refused = 0.0
            for day, uom, qty, qty_refused in arrived.get(line.id, ()):
                if uom != line.product_uom:
                    qty = uom._compute_quantity(qty, line.product_uom, round=False)
                    qty_refused = uom._compute_quantity(qty_refused, line.product_uom, round=False)
                if day <= expected:
                    on_time += qty
                refused += qty_refused
            figures[line.partner_id.id].append(
                LineFigures(line.product_qty, line.qty_received, on_time, refused, line.price_unit)
            )
        return figures
