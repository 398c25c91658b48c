from odoo import fields, models


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    umkm_sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Buyer's sale line",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The line of the buyer's sale order this member's line makes.",
    )
