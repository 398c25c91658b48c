from odoo import fields, models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    umkm_round_id = fields.Many2one(
        "umkm.procurement.round",
        string="Procurement round",
        index="btree_not_null",
        copy=False,
        readonly=True,
        help="The joint procurement round this order buys for.",
    )
    umkm_vendor_standing = fields.Selection(
        related="partner_id.umkm_vendor_standing", string="Vendor standing"
    )
