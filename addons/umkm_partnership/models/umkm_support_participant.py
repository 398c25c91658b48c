from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

OUTCOMES = [
    ("none", "No outcome yet"),
    ("trained", "Trained"),
    ("certified", "Certified"),
    ("equipment", "Equipment received"),
    ("financing", "Financing received"),
    ("other", "Other"),
]


class UmkmSupportParticipant(models.Model):
    """One member invited to a support activity: whether it attended, what came of it and,
    for a certification, the certificate it got (which lands on its membership)."""

    _name = "umkm.support.participant"
    _description = "Support Participant"
    _order = "support_id, id"
    _rec_name = "member_id"

    support_id = fields.Many2one(
        "umkm.partnership.support", required=True, index=True, ondelete="cascade"
    )
    member_id = fields.Many2one("umkm.member", required=True, index=True, ondelete="restrict")
    partner_id = fields.Many2one(related="member_id.partner_id", store=True, index=True)
    cluster_id = fields.Many2one(related="support_id.cluster_id", store=True, index=True)
    company_id = fields.Many2one(related="support_id.company_id", store=True)
    currency_id = fields.Many2one(related="support_id.currency_id")
    provider_id = fields.Many2one(related="support_id.provider_id", store=True, index=True)
    provider_kind = fields.Selection(related="support_id.provider_kind", store=True)
    date = fields.Date(related="support_id.date", store=True)
    support_state = fields.Selection(related="support_id.state", string="Activity status")
    invited = fields.Boolean(default=True)
    attended = fields.Boolean()
    outcome = fields.Selection(OUTCOMES, default="none", required=True)
    outcome_note = fields.Char(string="Result", help="What the member got, in a few words.")
    certificate_number = fields.Char()
    certificate_date_expiry = fields.Date(string="Certificate valid until")
    certificate_document = fields.Binary(string="Copy of the certificate", attachment=True)
    certificate_document_name = fields.Char()
    certificate_id = fields.Many2one(
        "umkm.member.certification", string="Certificate on the membership", readonly=True
    )
    cost_share = fields.Monetary(
        compute="_compute_cost_share",
        store=True,
        currency_field="currency_id",
        string="Share of the cooperative's cost",
    )

    _sql_constraints = [
        (
            "support_member_uniq",
            "unique(support_id, member_id)",
            "A member takes part once in a support activity.",
        ),
    ]

    @api.depends("attended", "support_id.cost_cooperative", "support_id.participant_ids.attended")
    def _compute_cost_share(self):
        shares = {}
        for support in self.support_id:
            shares.update(support._umkm_cost_shares())
        for participant in self:
            participant.cost_share = shares.get(participant, 0.0)

    @api.constrains("member_id", "support_id")
    def _check_cluster(self):
        for participant in self:
            if participant.member_id.cluster_id != participant.support_id.cluster_id:
                raise ValidationError(
                    self.env._(
                        "%(member)s is not a member of %(cluster)s.",
                        member=participant.member_id.display_name,
                        cluster=participant.support_id.cluster_id.display_name,
                    )
                )

    @api.constrains("outcome", "attended")
    def _check_outcome(self):
        for participant in self:
            if participant.outcome != "none" and not participant.attended:
                raise ValidationError(
                    self.env._(
                        "%(member)s did not attend: it cannot have an outcome.",
                        member=participant.member_id.display_name,
                    )
                )

    def _prepare_member_certification_vals(self):
        self.ensure_one()
        return {
            "member_id": self.member_id.id,
            "certification_id": self.support_id.certification_id.id,
            "number": self.certificate_number,
            "date_issue": self.support_id.date,
            "date_expiry": self.certificate_date_expiry,
            "document": self.certificate_document,
            "document_name": self.certificate_document_name,
            "support_id": self.support_id.id,
        }

    def _umkm_land_certificates(self):
        """Certified participants without their certificate on the membership get it."""
        todo = self.filtered(lambda p: p.outcome == "certified" and not p.certificate_id)
        for participant in todo:
            if not participant.support_id.certification_id:
                raise UserError(
                    self.env._(
                        "Say which certification %(name)s helps to get before recording "
                        "members certified.",
                        name=participant.support_id.display_name,
                    )
                )
        if not todo:
            return self.env["umkm.member.certification"]
        lines = (
            self.env["umkm.member.certification"]
            .sudo()
            .create(
                [p.with_context(bin_size=False)._prepare_member_certification_vals() for p in todo]
            )
        )
        for participant, line in zip(todo, lines, strict=True):
            participant.certificate_id = line
        return lines

    def write(self, vals):
        res = super().write(vals)
        if {"outcome", "certificate_number", "certificate_date_expiry"} & set(vals):
            self.filtered(lambda p: p.support_id.state == "done")._umkm_land_certificates()
        return res
