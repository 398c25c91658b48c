from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    umkm_round_id = fields.Many2one(
        "umkm.procurement.round",
        string="Procurement round",
        index="btree_not_null",
        copy=False,
        readonly=True,
        help="The joint procurement round this member invoice bills.",
    )
