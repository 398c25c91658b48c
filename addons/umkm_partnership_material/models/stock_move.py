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

    def _prepare_merge_moves_distinct_fields(self):
        # a member's moves of the firm's material stay apart per work (lot) and movement:
        # each assignment's figures are read from its own moves
        return [
            *super()._prepare_merge_moves_distinct_fields(),
            "umkm_material_id",
            "umkm_material_kind",
            "umkm_assignment_id",
        ]
