from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    umkm_member_id = fields.Many2one(
        "umkm.member",
        string="Producing member",
        index="btree_not_null",
        ondelete="restrict",
        help="The member SME of a cluster that makes this product.",
    )
    umkm_cluster_id = fields.Many2one(
        related="umkm_member_id.cluster_id", string="Producing cluster", store=True
    )
