from odoo import fields, models


class UmkmCluster(models.Model):
    _inherit = "umkm.cluster"

    demand_needs_balance = fields.Boolean(
        string="Demand covered by savings",
        tracking=True,
        help="A member's demand in the procurement rounds must be covered by its voluntary "
        "savings (sukarela) less its demand not invoiced yet, at the round's current price.",
    )
