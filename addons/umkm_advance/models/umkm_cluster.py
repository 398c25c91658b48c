from odoo import fields, models


class UmkmCluster(models.Model):
    """The cluster's rules for advances on accepted work."""

    _inherit = "umkm.cluster"

    advance_max_percent = fields.Float(
        string="Advance: maximum % of the work",
        default=30.0,
        help="The most the cooperative advances on one accepted work, as a percentage of its "
        "value (0: no advances in this cluster).",
    )
    advance_max_outstanding = fields.Monetary(
        string="Advance: maximum outstanding per member",
        currency_field="currency_id",
        help="The most a member may owe in advances at once, asked, approved or paid and not "
        "yet netted (0: no limit per member).",
    )
    advance_repay_days = fields.Integer(
        string="Advance: days to repay",
        default=30,
        help="Days after the work's due date to net the advance against the bill; and the days "
        "a member has to repay what its bills did not cover.",
    )

    _sql_constraints = [
        (
            "advance_limits",
            "CHECK(advance_max_percent >= 0 AND advance_max_percent <= 100 "
            "AND advance_max_outstanding >= 0 AND advance_repay_days >= 0)",
            "Advance limits: a percentage from 0 to 100, no negative amount or days.",
        ),
    ]
