from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero, float_round

from .umkm_subcontract_order import COMMITTED_STATES


# one concern of the order per file (the order itself in umkm_subcontract_order.py)
# pylint: disable=consider-merging-classes-inherited
class UmkmSubcontractOrder(models.Model):
    """The members' work on the order: how much is assigned, made and delivered, the split
    among the members, the delivery and quality control, and the order moved along by its
    work."""

    _inherit = "umkm.subcontract.order"

    qty_assigned = fields.Float(
        string="Assigned quantity",
        compute="_compute_quantities",
        store=True,
        digits="Product Unit of Measure",
    )
    qty_open = fields.Float(
        string="Quantity to assign",
        compute="_compute_quantities",
        store=True,
        digits="Product Unit of Measure",
    )
    qty_done = fields.Float(
        string="Quantity made",
        compute="_compute_quantities",
        store=True,
        digits="Product Unit of Measure",
        help="Quantity the members reported as made.",
    )
    qty_delivered = fields.Float(
        string="Delivered quantity",
        compute="_compute_quantities",
        store=True,
        digits="Product Unit of Measure",
        help="Quantity that passed quality control and was delivered to the firm.",
    )
    qty_rejected = fields.Float(
        string="Rejected by QC",
        compute="_compute_quantities",
        store=True,
        digits="Product Unit of Measure",
    )
    progress = fields.Float(
        string="Progress (%)",
        compute="_compute_quantities",
        store=True,
        digits=(5, 1),
        aggregator="avg",
    )

    @api.depends(
        "qty",
        "uom_id",
        "assignment_ids.state",
        "assignment_ids.qty",
        "assignment_ids.qty_reported",
        "assignment_ids.qty_delivered",
        "assignment_ids.qty_rejected",
    )
    def _compute_quantities(self):
        for order in self:
            rounding = order.uom_id.rounding or 0.01
            assigned = done = delivered = rejected = 0.0
            for line in order.assignment_ids:
                if line.state not in COMMITTED_STATES:
                    continue
                # closed work only keeps what passed QC; the rest goes back to the pool
                assigned += line.qty_accepted if line.state == "done" else line.qty
                done += line.qty_reported
                delivered += line.qty_accepted
                rejected += line.qty_rejected
            order.qty_assigned = float_round(assigned, precision_rounding=rounding)
            order.qty_open = max(
                0.0, float_round(order.qty - assigned, precision_rounding=rounding)
            )
            order.qty_done = float_round(done, precision_rounding=rounding)
            order.qty_delivered = float_round(delivered, precision_rounding=rounding)
            order.qty_rejected = float_round(rejected, precision_rounding=rounding)
            order.progress = min(100.0, 100.0 * done / order.qty) if order.qty > 0 else 0.0

    def action_split(self):
        """Open the split wizard with a proposal for the open quantity."""
        self.ensure_one()
        self._check_state(
            ("confirmed", "assigned", "in_progress"), self.env._("split"), claim=False
        )
        if float_is_zero(self.qty_open, precision_rounding=self.uom_id.rounding):
            raise UserError(
                self.env._("The whole of %(order)s is already assigned.", order=self.name)
            )
        wizard = self.env["umkm.subcontract.split"].create({"order_id": self.id})
        wizard._propose()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Split %(order)s", order=self.name),
            "res_model": "umkm.subcontract.split",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_deliver(self):
        """Open the delivery / quality-control wizard."""
        self.ensure_one()
        self._check_state(("assigned", "in_progress"), self.env._("deliver"), claim=False)
        if not self.assignment_ids.filtered(lambda a: a.state in ("accepted", "in_progress")):
            raise UserError(
                self.env._("No member has accepted work on %(order)s yet.", order=self.name)
            )
        wizard = self.env["umkm.subcontract.delivery"].create({"order_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Delivery and quality control"),
            "res_model": "umkm.subcontract.delivery",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def _update_state_from_work(self):
        """Move orders along as their assignments progress."""
        for order in self:
            lines = order.assignment_ids
            if (
                order.state in ("confirmed", "assigned", "in_progress")
                and float_compare(
                    order.qty_delivered, order.qty, precision_rounding=order.uom_id.rounding
                )
                >= 0
            ):
                order.state = "delivered"
                order.message_post(
                    body=self.env._(
                        "All %(qty)s %(uom)s passed quality control and were delivered.",
                        qty=self._umkm_format_number(order.qty),
                        uom=order.uom_id.name,
                    ),
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                )
            elif order.state in ("confirmed", "assigned") and lines.filtered(
                lambda a: a.state in ("accepted", "in_progress", "done")
            ):
                order.state = "in_progress"
            elif order.state == "confirmed" and lines.filtered(lambda a: a.state == "proposed"):
                order.state = "assigned"

    def action_export_assignments_xlsx(self):
        self.ensure_one()
        self.check_access("read")
        return self.env.ref(
            "umkm_partnership.action_report_subcontract_assignments_xlsx"
        ).report_action(self)
