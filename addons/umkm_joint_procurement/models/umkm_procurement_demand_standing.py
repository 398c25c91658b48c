from odoo import fields, models


class UmkmProcurementDemand(models.Model):
    """The standing demand a member's demand in a round was carried from."""

    _inherit = "umkm.procurement.demand"

    standing_id = fields.Many2one(
        "umkm.procurement.standing.demand",
        string="From standing demand",
        index="btree_not_null",
        readonly=True,
        copy=False,
        ondelete="set null",
    )
