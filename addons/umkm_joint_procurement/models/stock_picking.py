from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    umkm_round_id = fields.Many2one(
        "umkm.procurement.round",
        string="Procurement round",
        index="btree_not_null",
        copy=False,
        readonly=True,
        help="The joint procurement round this delivery to a member belongs to.",
    )
