from odoo import fields, models


class ProductSupplierinfo(models.Model):
    _inherit = "product.supplierinfo"

    umkm_vendor_standing = fields.Selection(
        related="partner_id.umkm_vendor_standing", string="Vendor standing"
    )
