from odoo import fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare


# one concern of the assignment per file (the assignment itself in
# umkm_subcontract_assignment.py)
# pylint: disable=consider-merging-classes-inherited
class UmkmSubcontractAssignment(models.Model):
    """What the member made and handed over: its progress reports, and the deliveries with
    their quality control."""

    _inherit = "umkm.subcontract.assignment"

    def action_report_progress(self):
        """Open the wizard asking for the quantity made so far."""
        self._check_state(
            ("accepted", "in_progress"), self.env._("report progress on"), claim=False
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Report progress"),
            "res_model": "umkm.subcontract.progress",
            "view_mode": "form",
            "target": "new",
            "context": {"default_assignment_id": self[:1].id},
        }

    def _action_report_progress(self, qty_done):
        """Record ``qty_done``, the quantity made so far (a running total)."""
        self._check_state(("accepted", "in_progress"), self.env._("report progress on"))
        for line in self:
            rounding = line.uom_id.rounding
            if float_compare(qty_done, 0.0, precision_rounding=rounding) < 0 or (
                float_compare(qty_done, line.qty, precision_rounding=rounding) > 0
            ):
                raise ValidationError(
                    self.env._(
                        "The quantity made on %(name)s must be between 0 and %(qty)s.",
                        name=line.display_name,
                        qty=line._umkm_format_qty(line.qty, line.uom_id),
                    )
                )
            if float_compare(qty_done, line.qty_reported, precision_rounding=rounding) < 0:
                raise ValidationError(
                    self.env._(
                        "The quantity made on %(name)s is a running total: it cannot go down "
                        "from %(before)s to %(after)s.",
                        name=line.display_name,
                        before=line._umkm_format_number(line.qty_reported),
                        after=line._umkm_format_number(qty_done),
                    )
                )
        self.write({"qty_reported": qty_done, "state": "in_progress"})
        self.order_id._update_state_from_work()
        return True

    def _record_delivery(self, quantities, date=None):
        """Record deliveries and quality control in one go.

        :param quantities: {assignment_id: (qty_delivered, qty_rejected)} for this delivery
        """
        date = date or fields.Date.context_today(self)
        for line in self:
            delivered, rejected = quantities.get(line.id, (0.0, 0.0))
            rounding = line.uom_id.rounding
            if (
                float_compare(delivered, 0.0, precision_rounding=rounding) < 0
                or float_compare(rejected, 0.0, precision_rounding=rounding) < 0
            ):
                raise ValidationError(self.env._("Delivered quantities cannot be negative."))
            if float_compare(rejected, delivered, precision_rounding=rounding) > 0:
                raise ValidationError(
                    self.env._(
                        "%(name)s: more rejected (%(rejected)s) than delivered (%(delivered)s).",
                        name=line.display_name,
                        rejected=rejected,
                        delivered=delivered,
                    )
                )
        lines = self.filtered(lambda a: quantities.get(a.id, (0.0, 0.0))[0] > 0)
        lines._check_state(("accepted", "in_progress"), self.env._("deliver"))
        for line in lines:
            delivered, rejected = quantities[line.id]
            line.write(
                {
                    "qty_delivered": line.qty_delivered + delivered,
                    "qty_rejected": line.qty_rejected + rejected,
                    "qty_late": line.qty_late + (delivered if date > line.date_due else 0.0),
                    "qty_reported": max(line.qty_reported, line.qty_delivered + delivered),
                    "state": "in_progress",
                }
            )
        # purchase: receive what passed quality control (manual receipt of the service line)
        for line in lines.sudo():
            po_line = line.purchase_order_id.order_line[:1]
            if po_line:
                po_line.qty_received = line.qty_accepted
        complete = lines.filtered(
            lambda a: (
                float_compare(a.qty_accepted, a.qty, precision_rounding=a.uom_id.rounding) >= 0
            )
        )
        complete.write({"state": "done"})
        lines._umkm_after_delivery({line.id: quantities[line.id][0] for line in lines})
        lines.member_id._update_subcontract_performance()
        orders = lines.order_id
        for order in orders.sudo():
            sale_line = order.sale_order_id.order_line[:1]
            if sale_line:
                sale_line.qty_delivered = order.qty_delivered
        orders._update_state_from_work()
        return True

    def _umkm_after_delivery(self, quantities):
        """Hook run once a delivery is recorded on these assignments, before the members'
        rates and the orders follow: ``quantities`` ``{assignment id: quantity delivered}``
        (umkm_partnership_material consumes the firm's materials here)."""
