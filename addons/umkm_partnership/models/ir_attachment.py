from odoo import fields, models

AUDIENCES = [
    ("all", "Firm and members"),
    ("members", "Members only"),
    ("firm", "Firm only"),
]


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    umkm_audience = fields.Selection(
        AUDIENCES,
        string="Shown to",
        default="all",
        help="For the documents of a subcontract order: who sees the file besides the "
        "cooperative. Members see it only while their work on the order is live; the files "
        "of the cooperative's internal notes are shown only when marked Members only.",
    )
