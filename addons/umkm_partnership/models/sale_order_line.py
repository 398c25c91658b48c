from odoo import api, fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    umkm_member_id = fields.Many2one(
        "umkm.member",
        string="Producing member",
        compute="_compute_umkm_member_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        help="The member SME that makes this product for the cooperative.",
    )

    @api.depends("product_id")
    def _compute_umkm_member_id(self):
        for line in self:
            line.umkm_member_id = line.product_id.product_tmpl_id.umkm_member_id
