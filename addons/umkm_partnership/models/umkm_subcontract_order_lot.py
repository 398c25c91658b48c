from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare


# one concern of the order per file (the order itself in umkm_subcontract_order.py)
# pylint: disable=consider-merging-classes-inherited
class UmkmSubcontractOrder(models.Model):
    """The order's delivery schedule: its lots give its quantity and due date; an order with
    one date has one lot, kept equal to the order."""

    _inherit = "umkm.subcontract.order"

    lot_ids = fields.One2many(
        "umkm.subcontract.lot",
        "order_id",
        string="Delivery schedule",
        copy=True,
        help="The deliveries the firm expects: a quantity due on each date. An order with one "
        "date has one lot.",
    )
    lot_count = fields.Integer(compute="_compute_lot_count")

    @api.depends("lot_ids.qty", "lot_ids.date_due")
    def _compute_from_lots(self):
        for order in self:
            lots = order.lot_ids.filtered(lambda lot: lot.date_due)
            if lots:
                order.qty = sum(lots.mapped("qty"))
                order.date_due = max(lots.mapped("date_due"))

    @api.depends("lot_ids")
    def _compute_lot_count(self):
        for order in self:
            order.lot_count = len(order.lot_ids)

    def write(self, vals):
        result = super().write(vals)
        if {"qty", "date_due", "lot_ids"} & set(vals):
            self._sync_single_lot()
        return result

    def _sync_single_lot(self):
        """An order with one date has one lot: create it, or keep it equal to the order."""
        Lot = self.env["umkm.subcontract.lot"].with_context(umkm_lot_sync=True)
        # (``umkm_lots_follow``: the lots are created right after the order, as in data files)
        missing = self.filtered(
            lambda o: (
                not o.lot_ids
                and o.date_due
                and o.qty > 0
                and not self.env.context.get("umkm_lots_follow")
            )
        )
        if missing:
            Lot.create([{"order_id": o.id, "date_due": o.date_due, "qty": o.qty} for o in missing])
        for order in self - missing:
            lot = order.lot_ids
            if len(lot) == 1 and (lot.qty != order.qty or lot.date_due != order.date_due):
                if lot.qty != order.qty:
                    lot._check_schedule_editable()
                lot.with_context(umkm_lot_sync=True).write(
                    {"qty": order.qty, "date_due": order.date_due}
                )

    @api.constrains("qty", "date_due", "lot_ids")
    def _check_lots(self):
        for order in self:
            lots = order.lot_ids
            if len(lots) < 2:
                continue  # one lot follows the order (see _sync_single_lot)
            rounding = order.uom_id.rounding or 0.01
            if float_compare(sum(lots.mapped("qty")), order.qty, precision_rounding=rounding):
                raise ValidationError(
                    self.env._(
                        "The delivery lots of %(order)s (%(lots)s) must sum to its quantity "
                        "(%(qty)s).",
                        order=order.name,
                        lots=order._umkm_format_number(sum(lots.mapped("qty"))),
                        qty=order._umkm_format_number(order.qty),
                    )
                )
            if order.date_due != max(lots.mapped("date_due")):
                raise ValidationError(
                    self.env._(
                        "The due date of %(order)s is the date of its last delivery lot.",
                        order=order.name,
                    )
                )
