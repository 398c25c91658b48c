from odoo import fields, models


class StockLocation(models.Model):
    _inherit = "stock.location"

    umkm_members_root = fields.Boolean(
        string="Members' locations",
        help="The parent of the members' locations, where they hold the firms' materials.",
    )
    umkm_member_id = fields.Many2one(
        "umkm.member",
        string="Member",
        index="btree_not_null",
        ondelete="restrict",
        help="The member holding what is in this location (the firms' materials for its work).",
    )
