from odoo import fields, models


class UmkmCapabilityCategory(models.Model):
    _name = "umkm.capability.category"
    _description = "Capability Category"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    capability_ids = fields.One2many("umkm.capability", "category_id")

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A capability category with this name already exists."),
    ]
