from odoo import api, fields, models
from odoo.exceptions import UserError


class UmkmSubcontractDelivery(models.TransientModel):
    """Record what members delivered and what quality control rejected."""

    _name = "umkm.subcontract.delivery"
    _description = "Subcontract Delivery and Quality Control"

    order_id = fields.Many2one("umkm.subcontract.order", required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    line_ids = fields.One2many("umkm.subcontract.delivery.line", "wizard_id", string="Lines")

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        for wizard in wizards.filtered(lambda w: not w.line_ids):
            lines = wizard.order_id.assignment_ids.filtered(
                lambda a: a.state in ("accepted", "in_progress")
            )
            wizard.line_ids = [
                fields.Command.create(
                    {
                        "assignment_id": line.id,
                        "qty_delivered": max(
                            0.0, min(line.qty_reported, line.qty) - line.qty_accepted
                        ),
                    }
                )
                for line in lines
            ]
        return wizards

    def action_apply(self):
        self.ensure_one()
        lines = self.line_ids.filtered(lambda line: line.qty_delivered > 0)
        if not lines:
            raise UserError(self.env._("Enter at least one delivered quantity."))
        quantities = {
            line.assignment_id.id: (line.qty_delivered, line.qty_rejected) for line in lines
        }
        lines.assignment_id._record_delivery(quantities, date=self.date)
        return {"type": "ir.actions.act_window_close"}


class UmkmSubcontractDeliveryLine(models.TransientModel):
    _name = "umkm.subcontract.delivery.line"
    _description = "Subcontract Delivery Line"
    _inherit = ["umkm.number.mixin"]

    wizard_id = fields.Many2one("umkm.subcontract.delivery", required=True, ondelete="cascade")
    assignment_id = fields.Many2one("umkm.subcontract.assignment", required=True)
    member_id = fields.Many2one(related="assignment_id.member_id")
    lot_id = fields.Many2one(related="assignment_id.lot_id")
    qty = fields.Float(related="assignment_id.qty", string="Assigned")
    qty_accepted_before = fields.Float(
        related="assignment_id.qty_accepted", string="Accepted before"
    )
    uom_id = fields.Many2one(related="assignment_id.uom_id")
    qty_delivered = fields.Float(string="Delivered now", digits="Product Unit of Measure")
    qty_rejected = fields.Float(string="Rejected by QC", digits="Product Unit of Measure")
