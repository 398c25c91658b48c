from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.umkm_cluster.tools.shares import largest_remainder
from odoo.addons.umkm_cluster.tools.units import to_units, values_of_units

# what support is; the first five are kept from the first release (agreements' support)
SUPPORT_TYPES = [
    ("training", "Training"),
    ("certification", "Certification help (Halal, P-IRT, SNI…)"),
    ("design", "Design and packaging"),
    ("equipment", "Equipment"),
    ("financing", "Financing"),
    ("market_access", "Market access"),
    ("raw_material", "Raw material"),
    ("technology", "Technology"),
    ("marketing", "Marketing"),
]


class UmkmPartnershipSupport(models.Model):
    """Something an institution gives the cluster's members, as a group: a training, help to
    get certified, design and packaging, equipment, financing, market access. Its provider is
    an institution (``umkm.stakeholder``); support a firm gives under an agreement names the
    agreement too (its provider is then the firm's)."""

    _name = "umkm.partnership.support"
    _description = "Support"
    _inherit = ["mail.thread", "umkm.number.mixin", "umkm.state.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Activity", help="e.g. Pelatihan desain motif batik, Fasilitasi sertifikasi halal"
    )
    provider_id = fields.Many2one(
        "umkm.stakeholder",
        index=True,
        tracking=True,
        ondelete="restrict",
        help="The institution that gives it. Support under an agreement is the firm's.",
    )
    agreement_id = fields.Many2one(
        "umkm.partnership.agreement",
        index=True,
        ondelete="cascade",
        tracking=True,
        help="Only for support a partner firm gives under its agreement (its CSR).",
    )
    partner_id = fields.Many2one(
        related="provider_id.partner_id", store=True, string="Provider's partner", index=True
    )
    provider_kind = fields.Selection(related="provider_id.kind", store=True, string="Source")
    cluster_id = fields.Many2one(
        "umkm.cluster",
        compute="_compute_cluster_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        ondelete="restrict",
    )
    company_id = fields.Many2one(related="cluster_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    type = fields.Selection(SUPPORT_TYPES, required=True, default="training", tracking=True)
    certification_id = fields.Many2one(
        "umkm.certification",
        help="Certification help: the certificate the members are helped to get.",
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancel", "Cancelled")],
        default="done",
        required=True,
        copy=False,
        tracking=True,
        index=True,
        help="Planned: an activity the cooperative prepares (e.g. from members' requests) and "
        "offers to providers; done once given, with who attended and what came of it.",
    )
    participant_ids = fields.One2many(
        "umkm.support.participant", "support_id", string="Participants", copy=False
    )
    member_ids = fields.Many2many(
        "umkm.member",
        "umkm_partnership_support_member_rel",
        "support_id",
        "member_id",
        string="Members reached",
        compute="_compute_member_ids",
        inverse="_inverse_member_ids",
        store=True,
        readonly=False,
        domain="[('cluster_id', '=', cluster_id)]",
        help="The members who took part (attended).",
    )
    member_count = fields.Integer(
        compute="_compute_member_count", store=True, string="Members reached (count)"
    )
    invited_count = fields.Integer(compute="_compute_invited_count", string="Invited")
    value = fields.Monetary(currency_field="currency_id", help="Value of the support given.")
    value_per_member = fields.Monetary(
        compute="_compute_member_count", store=True, currency_field="currency_id"
    )
    cost_cooperative = fields.Monetary(
        string="Cost borne by the cooperative",
        currency_field="currency_id",
        tracking=True,
        help="The part of the cost the cooperative pays (venue, transport, fees): split "
        "exactly among the members who took part.",
    )
    request_ids = fields.One2many("umkm.service.request", "support_id", string="Requests")
    request_count = fields.Integer(compute="_compute_request_count")
    description = fields.Text()

    _sql_constraints = [
        ("value_positive", "CHECK(value >= 0)", "The value of a support cannot be negative."),
        (
            "cost_positive",
            "CHECK(cost_cooperative >= 0)",
            "The cost borne by the cooperative cannot be negative.",
        ),
    ]

    @api.depends("agreement_id")
    def _compute_cluster_id(self):
        for support in self:
            if support.agreement_id:
                support.cluster_id = support.agreement_id.cluster_id

    @api.depends("participant_ids.attended", "participant_ids.member_id")
    def _compute_member_ids(self):
        for support in self:
            support.member_ids = support.participant_ids.filtered("attended").member_id

    @api.depends("participant_ids.attended", "value")
    def _compute_member_count(self):
        for support in self:
            attended = support.participant_ids.filtered("attended")
            support.member_count = len(attended)
            support.value_per_member = support.value / len(attended) if attended else 0.0

    @api.depends("participant_ids")
    def _compute_invited_count(self):
        for support in self:
            support.invited_count = len(support.participant_ids)

    def _inverse_member_ids(self):
        """Members chosen directly (as before participants): each is a participant who
        attended; a member taken out is no longer one."""
        Participant = self.env["umkm.support.participant"]
        create, drop, attend = [], Participant, Participant
        for support in self:
            by_member = {p.member_id: p for p in support.participant_ids}
            for member in support.member_ids:
                participant = by_member.get(member)
                if participant is None:
                    create.append(
                        {"support_id": support.id, "member_id": member.id, "attended": True}
                    )
                elif not participant.attended:
                    attend |= participant
            drop |= support.participant_ids.filtered(
                lambda p, s=support: p.attended and p.member_id not in s.member_ids
            )
        drop.unlink()
        attend.write({"attended": True})
        if create:
            Participant.create(create)

    def _compute_request_count(self):
        groups = self.env["umkm.service.request"]._read_group(
            [("support_id", "in", self.ids)], ["support_id"], ["__count"]
        )
        counts = {support.id: count for support, count in groups}
        for support in self:
            support.request_count = counts.get(support.id, 0)

    @api.depends("type", "name", "provider_id.name")
    def _compute_display_name(self):
        labels = dict(self._fields["type"]._description_selection(self.env))
        for support in self:
            what = support.name or labels.get(support.type, "")
            support.display_name = (
                f"{what} — {support.provider_id.name}" if support.provider_id else what
            )

    # --- provider of a firm's support ------------------------------------------------------

    @api.model
    def _umkm_fill_provider(self, vals_list):
        """A support under an agreement without a provider gets the firm's (made if needed)."""
        agreement_ids = {
            vals["agreement_id"]
            for vals in vals_list
            if vals.get("agreement_id") and not vals.get("provider_id")
        }
        if not agreement_ids:
            return vals_list
        agreements = self.env["umkm.partnership.agreement"].browse(agreement_ids)
        Stakeholder = self.env["umkm.stakeholder"]
        providers = {}
        for company in agreements.company_id:
            mine = agreements.filtered(lambda a, c=company: a.company_id == c)
            by_partner = Stakeholder._umkm_for_partners(mine.partner_id, company)
            providers.update({a.id: by_partner[a.partner_id.id].id for a in mine})
        for vals in vals_list:
            if vals.get("agreement_id") and not vals.get("provider_id"):
                vals["provider_id"] = providers[vals["agreement_id"]]
        return vals_list

    @api.model_create_multi
    def create(self, vals_list):
        return super().create(self._umkm_fill_provider([dict(vals) for vals in vals_list]))

    def write(self, vals):
        if vals.get("agreement_id") and not vals.get("provider_id"):
            vals = self._umkm_fill_provider([dict(vals)])[0]
        return super().write(vals)

    @api.constrains("agreement_id", "provider_id", "cluster_id")
    def _check_provider(self):
        for support in self:
            agreement = support.agreement_id
            if agreement and support.provider_id.partner_id != agreement.partner_id:
                raise ValidationError(
                    self.env._(
                        "Support under the agreement %(agreement)s is given by its firm %(firm)s.",
                        agreement=agreement.name,
                        firm=agreement.partner_id.display_name,
                    )
                )
            if agreement and support.cluster_id != agreement.cluster_id:
                raise ValidationError(
                    self.env._("Support under an agreement goes to the agreement's cluster.")
                )

    @api.constrains("participant_ids", "cluster_id")
    def _check_members(self):
        for support in self:
            if support.participant_ids.member_id.filtered(
                lambda m, s=support: m.cluster_id != s.cluster_id
            ):
                raise ValidationError(self.env._("Support can only reach members of its cluster."))

    # --- the cooperative's cost, split among the members who took part -----------------

    def _umkm_cost_shares(self):
        """``{participant: share}`` of the cost borne by the cooperative: equal parts for the
        members who attended, in currency units summing exactly (largest remainder)."""
        self.ensure_one()
        attended = self.participant_ids.filtered("attended").sorted("id")
        if not attended or not self.cost_cooperative:
            return {}
        rounding = self.currency_id.rounding or 1.0
        units = largest_remainder(to_units(self.cost_cooperative, rounding), [1] * len(attended))
        return dict(zip(attended, values_of_units(units, rounding), strict=True))

    # --- flow --------------------------------------------------------------------------

    def action_done(self):
        """The support was given: it needs its provider and who attended; certificates of the
        members certified land on their memberships, and the requests it answers are done."""
        self._check_state(("planned",), self.env._("mark as done"))
        for support in self:
            if not support.provider_id:
                raise UserError(
                    self.env._("Say who gives %(name)s first.", name=support.display_name)
                )
        self.participant_ids._umkm_land_certificates()
        self.write({"state": "done"})
        self.request_ids.filtered(lambda r: r.state == "grouped").write({"state": "done"})
        return True

    def action_cancel(self):
        """Cancel a planned activity: the requests it grouped are open again."""
        self._check_state(("planned",), self.env._("cancel"))
        self.write({"state": "cancel"})
        self.request_ids.filtered(lambda r: r.state == "grouped").write(
            {"state": "new", "support_id": False}
        )
        return True

    def action_plan(self):
        self._check_state(("cancel", "done"), self.env._("plan again"))
        if self.participant_ids.certificate_id:
            raise UserError(
                self.env._("Certificates landed on the memberships already: correct them there.")
            )
        self.write({"state": "planned"})
        return True

    def action_view_requests(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "umkm_partnership.umkm_service_request_action"
        )
        action["domain"] = [("support_id", "=", self.id)]
        action["context"] = {}
        return action
