from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    umkm_saving_id = fields.Many2one(
        "umkm.member.saving",
        string="Member savings",
        index="btree_not_null",
        readonly=True,
        copy=False,
    )
