from odoo import fields, models


class UmkmCapability(models.Model):
    """What a member can make or do: batik tulis, sewing, wood carving..."""

    _name = "umkm.capability"
    _description = "Member Capability"
    _order = "category_id, name"

    name = fields.Char(required=True, translate=True)
    category_id = fields.Many2one("umkm.capability.category", ondelete="restrict", index=True)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "name_category_uniq",
            "unique(name, category_id)",
            "This capability already exists in this category.",
        ),
    ]
