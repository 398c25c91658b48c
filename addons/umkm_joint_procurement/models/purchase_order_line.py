from odoo import fields, models


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    umkm_round_line_id = fields.Many2one(
        "umkm.procurement.round.line",
        string="Procurement round material",
        index="btree_not_null",
        copy=False,
        readonly=True,
    )
