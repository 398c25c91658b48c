from odoo import fields, models


class UmkmMemberCertification(models.Model):
    """A certificate obtained through a support activity names it."""

    _inherit = "umkm.member.certification"

    support_id = fields.Many2one(
        "umkm.partnership.support",
        string="Obtained through",
        index=True,
        ondelete="set null",
        readonly=True,
    )
