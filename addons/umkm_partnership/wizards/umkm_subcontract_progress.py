from odoo import api, fields, models


class UmkmSubcontractProgress(models.TransientModel):
    """Record how much of an assignment the member has made."""

    _name = "umkm.subcontract.progress"
    _description = "Subcontract Progress Report"
    _inherit = ["umkm.number.mixin"]

    assignment_id = fields.Many2one("umkm.subcontract.assignment", required=True)
    qty = fields.Float(related="assignment_id.qty")
    uom_id = fields.Many2one(related="assignment_id.uom_id")
    qty_done = fields.Float(
        string="Quantity made so far", digits="Product Unit of Measure", required=True
    )

    @api.onchange("assignment_id")
    def _onchange_assignment_id(self):
        self.qty_done = self.assignment_id.qty_reported

    def action_apply(self):
        self.ensure_one()
        self.assignment_id._action_report_progress(self.qty_done)
        return {"type": "ir.actions.act_window_close"}
