from odoo import fields, models

from .umkm_subcontract_material import MATERIAL_KINDS


class StockMove(models.Model):
    _inherit = "stock.move"

    umkm_material_id = fields.Many2one(
        "umkm.subcontract.material",
        string="Firm's material",
        index="btree_not_null",
        readonly=True,
        ondelete="restrict",
    )
    umkm_material_kind = fields.Selection(MATERIAL_KINDS, string="Material movement", readonly=True)
    umkm_assignment_id = fields.Many2one(
        "umkm.subcontract.assignment",
        string="Subcontract work",
        index="btree_not_null",
        readonly=True,
        ondelete="restrict",
    )
