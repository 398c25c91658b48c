from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    umkm_allocation_id = fields.Many2one(
        "umkm.procurement.allocation",
        string="Procurement allocation",
        index="btree_not_null",
        copy=False,
        readonly=True,
    )
