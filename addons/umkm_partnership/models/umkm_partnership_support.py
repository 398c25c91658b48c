from odoo import api, fields, models
from odoo.exceptions import ValidationError

SUPPORT_TYPES = [
    ("training", "Training"),
    ("raw_material", "Raw material"),
    ("technology", "Technology"),
    ("financing", "Financing"),
    ("marketing", "Marketing"),
]


class UmkmPartnershipSupport(models.Model):
    """Something the partner firm gives the cluster's members under an agreement."""

    _name = "umkm.partnership.support"
    _description = "Partnership Support"
    _inherit = ["umkm.number.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    agreement_id = fields.Many2one(
        "umkm.partnership.agreement", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        related="agreement_id.partner_id", store=True, string="Partner firm", index=True
    )
    cluster_id = fields.Many2one(related="agreement_id.cluster_id", store=True)
    company_id = fields.Many2one(related="agreement_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    type = fields.Selection(SUPPORT_TYPES, required=True, default="training")
    date = fields.Date(required=True, default=fields.Date.context_today)
    member_ids = fields.Many2many(
        "umkm.member",
        "umkm_partnership_support_member_rel",
        "support_id",
        "member_id",
        string="Members reached",
        domain="[('cluster_id', '=', cluster_id)]",
    )
    member_count = fields.Integer(compute="_compute_member_count", store=True)
    value = fields.Monetary(currency_field="currency_id", help="Value of the support given.")
    value_per_member = fields.Monetary(
        compute="_compute_member_count", store=True, currency_field="currency_id"
    )
    description = fields.Text()

    _sql_constraints = [
        ("value_positive", "CHECK(value >= 0)", "The value of a support cannot be negative."),
    ]

    @api.depends("member_ids", "value")
    def _compute_member_count(self):
        for support in self:
            support.member_count = len(support.member_ids)
            support.value_per_member = (
                support.value / support.member_count if support.member_count else 0.0
            )

    @api.depends("type", "agreement_id.partner_id")
    def _compute_display_name(self):
        labels = dict(self._fields["type"]._description_selection(self.env))
        for support in self:
            support.display_name = (
                f"{labels.get(support.type, '')} — {support.agreement_id.partner_id.name or ''}"
            )

    @api.constrains("member_ids", "agreement_id")
    def _check_members(self):
        for support in self:
            if support.member_ids.filtered(
                lambda m, s=support: m.cluster_id != s.agreement_id.cluster_id
            ):
                raise ValidationError(
                    self.env._("Support can only reach members of the agreement's cluster.")
                )
