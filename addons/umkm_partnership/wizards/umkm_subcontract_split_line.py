from odoo import fields, models


class UmkmSubcontractSplitLine(models.TransientModel):
    _name = "umkm.subcontract.split.line"
    _description = "Split Proposal Line"
    _inherit = ["umkm.number.mixin"]
    _order = "id"

    wizard_id = fields.Many2one("umkm.subcontract.split", required=True, ondelete="cascade")
    member_id = fields.Many2one("umkm.member", required=True)
    lot_id = fields.Many2one("umkm.subcontract.lot", string="Delivery lot")
    date_due = fields.Date(related="lot_id.date_due", string="Due date")
    uom_id = fields.Many2one(related="wizard_id.uom_id")
    qty_free = fields.Float(
        string="Free capacity",
        digits="Product Unit of Measure",
        help="What the member can make until the lot's due date, before this proposal.",
    )
    on_time_rate = fields.Float(string="On-time rate (%)", digits=(5, 2))
    reject_rate = fields.Float(string="Reject rate (%)", digits=(5, 2))
    qty_received = fields.Float(
        string="Received lately",
        digits="Product Unit of Measure",
        help="Work of this capability the member received (accepted or later) over the "
        "cluster's rotation months: under rotation, who received less gets more.",
    )
    qty_last_year = fields.Float(
        string="Work of the last 12 months",
        digits="Product Unit of Measure",
        help="Work of this capability the member received (accepted or later) over the last "
        "12 months.",
    )
    qty = fields.Float(string="Proposed quantity", digits="Product Unit of Measure")
