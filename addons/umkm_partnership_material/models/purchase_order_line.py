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
