from odoo import fields, models


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    umkm_material_id = fields.Many2one(
        "umkm.subcontract.material",
        string="Charged material",
        index="btree_not_null",
        readonly=True,
        help="A deduction for the firm's material the member lost above the allowance.",
    )
    umkm_material_qty = fields.Float(
        string="Quantity of material charged", digits="Product Unit of Measure", readonly=True
    )
    umkm_sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Buyer's sale line",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The line of the buyer's sale order this member's line makes.",
    )
