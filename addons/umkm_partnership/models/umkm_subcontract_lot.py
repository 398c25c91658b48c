from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_round

from .umkm_subcontract_order import COMMITTED_STATES

# once the work is shared out, a lot's quantity is fixed; its date may still move
LOT_QTY_STATES = ("draft", "submitted")


class UmkmSubcontractLot(models.Model):
    """One delivery of a subcontract order: a quantity due on a date. An order with one date
    has one lot; the lots of an order sum to its quantity."""

    _name = "umkm.subcontract.lot"
    _description = "Subcontract Delivery Lot"
    _order = "order_id, date_due, id"
    _check_company_auto = True

    order_id = fields.Many2one(
        "umkm.subcontract.order", required=True, index=True, ondelete="cascade"
    )
    date_due = fields.Date(string="Due date", required=True)
    qty = fields.Float(string="Quantity", digits="Product Unit of Measure", required=True)
    uom_id = fields.Many2one(related="order_id.uom_id")
    partner_id = fields.Many2one(related="order_id.partner_id", store=True, index=True)
    cluster_id = fields.Many2one(related="order_id.cluster_id", store=True, index=True)
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    assignment_ids = fields.One2many("umkm.subcontract.assignment", "lot_id", string="Assignments")
    qty_assigned = fields.Float(
        string="Assigned", compute="_compute_figures", store=True, digits="Product Unit of Measure"
    )
    qty_open = fields.Float(
        string="To assign", compute="_compute_figures", store=True, digits="Product Unit of Measure"
    )
    qty_done = fields.Float(
        string="Made", compute="_compute_figures", store=True, digits="Product Unit of Measure"
    )
    qty_delivered = fields.Float(
        string="Passed QC",
        compute="_compute_figures",
        store=True,
        digits="Product Unit of Measure",
        help="Quantity of this lot that passed quality control and went to the firm.",
    )
    qty_late = fields.Float(
        string="Delivered late",
        compute="_compute_figures",
        store=True,
        digits="Product Unit of Measure",
    )
    progress = fields.Float(
        string="Progress (%)", compute="_compute_figures", store=True, digits=(5, 1)
    )
    on_time_rate = fields.Float(
        string="On time (%)",
        compute="_compute_figures",
        store=True,
        digits=(5, 1),
        help="Share of this lot's deliveries made by its due date.",
    )

    _sql_constraints = [
        ("qty_positive", "CHECK(qty > 0)", "Each delivery lot needs a positive quantity."),
    ]

    @api.depends(
        "qty",
        "assignment_ids.state",
        "assignment_ids.qty",
        "assignment_ids.qty_reported",
        "assignment_ids.qty_delivered",
        "assignment_ids.qty_rejected",
        "assignment_ids.qty_late",
    )
    def _compute_figures(self):
        for lot in self:
            rounding = lot.uom_id.rounding or 0.01
            assigned = done = accepted = handed = late = 0.0
            for line in lot.assignment_ids:
                if line.state not in COMMITTED_STATES:
                    continue
                assigned += line.qty_accepted if line.state == "done" else line.qty
                done += line.qty_reported
                accepted += line.qty_accepted
                handed += line.qty_delivered
                late += line.qty_late
            lot.qty_assigned = float_round(assigned, precision_rounding=rounding)
            lot.qty_open = max(0.0, float_round(lot.qty - assigned, precision_rounding=rounding))
            lot.qty_done = float_round(done, precision_rounding=rounding)
            lot.qty_delivered = float_round(accepted, precision_rounding=rounding)
            lot.qty_late = float_round(late, precision_rounding=rounding)
            lot.progress = min(100.0, 100.0 * done / lot.qty) if lot.qty > 0 else 0.0
            lot.on_time_rate = 100.0 * (handed - late) / handed if handed > 0 else 0.0

    @api.depends("order_id.lot_ids", "date_due")
    def _compute_display_name(self):
        for lot in self:
            lot.display_name = self.env._(
                "Lot %(number)s (%(date)s)",
                number=lot._lot_number(),
                date=lot.order_id._umkm_format_date(lot.date_due) if lot.date_due else "",
            )

    def _lot_number(self):
        """Position of the lot in its order's schedule, from 1."""
        self.ensure_one()
        lots = self.order_id.lot_ids.sorted(
            lambda lot: (lot.date_due or fields.Date.today(), lot.id)
        )
        return (lots.ids.index(self.id) + 1) if self.id in lots.ids else len(lots) + 1

    def _check_schedule_editable(self, vals=None):
        """The quantities of the schedule are fixed once the cooperative confirmed the order."""
        if self.env.context.get("umkm_lot_sync") or (
            vals is not None and not {"qty", "order_id"} & set(vals)
        ):
            return
        fixed = self.order_id.filtered(lambda o: o.state not in LOT_QTY_STATES)
        if fixed:
            raise UserError(
                self.env._(
                    "The quantities of the delivery schedule of %(orders)s are fixed once the "
                    "order is confirmed; only the dates can move.",
                    orders=", ".join(fixed.mapped("name")),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        lots = super().create(vals_list)
        lots._check_schedule_editable()
        return lots

    def write(self, vals):
        self._check_schedule_editable(vals)
        result = super().write(vals)
        if "date_due" in vals:
            # the live work of a lot is due when the lot is
            self.assignment_ids.filtered(
                lambda a: a.state in ("proposed", "accepted", "in_progress")
            ).write({"date_due": vals["date_due"]})
        return result

    def unlink(self):
        self._check_schedule_editable()
        if self.assignment_ids:
            raise UserError(self.env._("A delivery lot with work assigned cannot be removed."))
        return super().unlink()
