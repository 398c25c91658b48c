from odoo import api, fields, models
from odoo.exceptions import ValidationError

STAKEHOLDER_KINDS = [
    ("government", "Government office (Dinas)"),
    ("dekranasda", "Dekranasda"),
    ("bds", "Business development service (BDS)"),
    ("bank", "Bank"),
    ("university", "University"),
    ("ngo", "NGO"),
    ("firm", "Large firm (CSR)"),
]


class UmkmStakeholder(models.Model):
    """An institution around the cluster that gives support: a Dinas, Dekranasda, a BDS
    provider, a bank, a university, an NGO or a large firm (its CSR). Its portal users (the
    contacts of its partner) see the report of the support it gave."""

    _name = "umkm.stakeholder"
    _description = "Institution giving support"
    _inherit = ["mail.thread"]
    _order = "kind, name"

    partner_id = fields.Many2one(
        "res.partner",
        string="Institution",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('is_company', '=', True)]",
    )
    name = fields.Char(related="partner_id.name", store=True)
    kind = fields.Selection(STAKEHOLDER_KINDS, required=True, default="government", tracking=True)
    cluster_ids = fields.Many2many(
        "umkm.cluster",
        "umkm_stakeholder_cluster_rel",
        "stakeholder_id",
        "cluster_id",
        string="Clusters supported",
    )
    contact_id = fields.Many2one(
        "res.partner",
        string="Contact person",
        domain="[('parent_id', '=', partner_id)]",
        help="Who the cooperative talks to at the institution.",
    )
    phone = fields.Char(related="partner_id.phone")
    email = fields.Char(related="partner_id.email")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    support_ids = fields.One2many("umkm.partnership.support", "provider_id")
    support_count = fields.Integer(compute="_compute_support_figures")
    support_value = fields.Monetary(
        compute="_compute_support_figures", currency_field="currency_id"
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "partner_company_uniq",
            "unique(partner_id, company_id)",
            "This institution is recorded already.",
        ),
    ]

    @api.depends("support_ids.value")
    def _compute_support_figures(self):
        groups = self.env["umkm.partnership.support"]._read_group(
            [("provider_id", "in", self.ids)], ["provider_id"], ["__count", "value:sum"]
        )
        figures = {provider.id: (count, value) for provider, count, value in groups}
        for stakeholder in self:
            stakeholder.support_count, stakeholder.support_value = figures.get(
                stakeholder.id, (0, 0.0)
            )

    @api.constrains("contact_id", "partner_id")
    def _check_contact(self):
        for stakeholder in self:
            contact = stakeholder.contact_id
            if contact and contact.commercial_partner_id != stakeholder.partner_id:
                raise ValidationError(
                    self.env._(
                        "%(contact)s does not work for %(name)s.",
                        contact=contact.display_name,
                        name=stakeholder.partner_id.display_name,
                    )
                )

    @api.model
    def _umkm_for_partners(self, partners, company):
        """The stakeholders of ``partners`` (firms of agreements) in ``company``, made (kind
        ``firm``) for those without one: ``{partner id: stakeholder}``, one search."""
        found = (
            self.sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", partners.ids), ("company_id", "=", company.id)])
        )
        by_partner = {stakeholder.partner_id.id: stakeholder for stakeholder in found}
        missing = partners.filtered(lambda p: p.id not in by_partner)
        if missing:
            made = self.sudo().create(
                [
                    {"partner_id": partner.id, "kind": "firm", "company_id": company.id}
                    for partner in missing
                ]
            )
            by_partner.update({stakeholder.partner_id.id: stakeholder for stakeholder in made})
        return by_partner

    def action_view_support(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "umkm_partnership.umkm_partnership_support_action"
        )
        action["domain"] = [("provider_id", "=", self.id)]
        action["context"] = {"default_provider_id": self.id}
        return action
