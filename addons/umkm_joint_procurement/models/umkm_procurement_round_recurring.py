from odoo import fields, models


# one concern of the round per file (the round itself in umkm_procurement_round.py)
# pylint: disable=consider-merging-classes-inherited
class UmkmProcurementRound(models.Model):
    """The recurring round (template) a round was opened from, and its period: one round per
    template and period, kept by the database whoever opens it."""

    _inherit = "umkm.procurement.round"

    template_id = fields.Many2one(
        "umkm.procurement.round.template",
        string="Recurring round",
        index="btree_not_null",
        readonly=True,
        copy=False,
        ondelete="restrict",
    )
    template_period = fields.Date(
        string="Period",
        readonly=True,
        copy=False,
        help="The opening day of the period of its recurring round this round is of.",
    )

    _sql_constraints = [
        (
            "template_period_uniq",
            "unique(template_id, template_period)",
            "A recurring round opens one round per period.",
        ),
    ]
