from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.umkm_cluster.tools.identifiers import is_nib, phone_e164
from odoo.addons.umkm_cluster.tools.share import whatsapp_chat_url

# PP 7/2021 art. 35: business capital excluding land and buildings (rupiah).
CAPITAL_THRESHOLDS = [
    (1_000_000_000, "micro"),
    (5_000_000_000, "small"),
    (10_000_000_000, "medium"),
]
# PP 7/2021 art. 35: annual sales, used where the capital is unknown (rupiah).
REVENUE_THRESHOLDS = [
    (2_000_000_000, "micro"),
    (15_000_000_000, "small"),
    (50_000_000_000, "medium"),
]
SCALES = [("micro", "Micro"), ("small", "Small"), ("medium", "Medium"), ("large", "Large")]


def compute_scale(business_capital, annual_revenue):
    """Business scale under PP 7/2021: capital first, annual sales where capital is unknown.

    Returns ``False`` when neither figure is known.
    """
    if business_capital and business_capital > 0:
        amount, thresholds = business_capital, CAPITAL_THRESHOLDS
    elif annual_revenue and annual_revenue > 0:
        amount, thresholds = annual_revenue, REVENUE_THRESHOLDS
    else:
        return False
    for limit, scale in thresholds:
        if amount <= limit:
            return scale
    return "large"


class UmkmMember(models.Model):
    """The membership of one SME in one cluster."""

    _name = "umkm.member"
    _description = "Cluster Membership"
    _inherit = [
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "umkm.state.mixin",
        "umkm.number.mixin",
    ]
    _order = "cluster_id, number desc, id desc"
    _check_company_auto = True

    number = fields.Char(readonly=True, copy=False, default="/", index="trigram")
    partner_id = fields.Many2one(
        "res.partner",
        string="SME",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        domain="[('is_company', '=', True)]",
        help="The member business (a company contact).",
    )
    cluster_id = fields.Many2one(
        "umkm.cluster", required=True, index=True, tracking=True, ondelete="restrict"
    )
    company_id = fields.Many2one(related="cluster_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_join = fields.Date(string="Joined on", default=fields.Date.context_today, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Applicant"),
            ("active", "Active"),
            ("suspended", "Suspended"),
            ("left", "Left"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    capability_ids = fields.Many2many(
        "umkm.capability",
        "umkm_member_capability_rel",
        "member_id",
        "capability_id",
        string="Capabilities",
    )
    capacity_ids = fields.One2many("umkm.member.capacity", "member_id", string="Weekly capacity")
    certification_ids = fields.Many2many(
        "umkm.certification",
        string="Certifications",
        help="Certificates the member holds (Halal, P-IRT, SNI…): shown, without naming the "
        "member, on the cluster's public capability page.",
    )
    capacity_locked = fields.Boolean(
        string="Capacity locked",
        tracking=True,
        help="The member cannot change its weekly capacity and unavailable periods on the "
        "portal: only the cooperative can.",
    )
    unavailability_ids = fields.One2many(
        "umkm.member.unavailability", "member_id", string="Unavailable periods"
    )
    nib = fields.Char(string="NIB", tracking=True, help="Nomor Induk Berusaha: 13 digits (OSS).")
    vat = fields.Char(
        compute="_compute_vat",
        inverse="_inverse_vat",
        search="_search_vat",
        string="NPWP",
        tracking=True,
        help="Tax number (NPWP) of the business, kept on its contact as Odoo's Indonesian "
        "localisation reads it: 15 digits, or 16 digits (the NIK for an individual).",
    )
    pkp = fields.Boolean(
        string="PKP supplier",
        compute="_compute_pkp",
        inverse="_inverse_pkp",
        tracking=True,
        help="The business is a PKP and charges PPN on what it sells to the cooperative, "
        "kept on its contact: its purchase orders take the products' purchase taxes. "
        "Unticked (most micro businesses), they carry no tax.",
    )
    employee_count = fields.Integer(string="Employees")
    annual_revenue = fields.Monetary(string="Annual sales", currency_field="currency_id")
    business_capital = fields.Monetary(
        currency_field="currency_id",
        help="Business capital excluding land and buildings (PP 7/2021).",
    )
    scale = fields.Selection(
        SCALES,
        compute="_compute_scale",
        store=True,
        help="Micro / small / medium / large under PP 7/2021: by business capital, or by "
        "annual sales where the capital is unknown.",
    )
    on_time_rate = fields.Float(
        string="On-time rate (%)", readonly=True, default=100.0, digits=(5, 2), tracking=True
    )
    reject_rate = fields.Float(
        string="Reject rate (%)", readonly=True, default=0.0, digits=(5, 2), tracking=True
    )
    phone = fields.Char(related="partner_id.phone")
    whatsapp_url = fields.Char(
        string="WhatsApp", compute="_compute_whatsapp_url", help="Open a chat with the member."
    )
    email = fields.Char(related="partner_id.email")
    city = fields.Char(related="partner_id.city")
    image_128 = fields.Image(string="Logo", related="partner_id.image_128")
    notes = fields.Html()
    color = fields.Integer()
    is_passive = fields.Boolean(
        compute="_compute_is_passive",
        search="_search_is_passive",
        string="Passive",
        help="Active, but without activity in the cluster's last months of figures.",
    )

    _sql_constraints = [
        (
            "partner_cluster_uniq",
            "unique(partner_id, cluster_id)",
            "This business is already a member of this cluster.",
        ),
        (
            "rates_range",
            "CHECK(on_time_rate BETWEEN 0 AND 100 AND reject_rate BETWEEN 0 AND 100)",
            "Performance rates are percentages between 0 and 100.",
        ),
        (
            "figures_positive",
            "CHECK(employee_count >= 0 AND COALESCE(annual_revenue, 0) >= 0 "
            "AND COALESCE(business_capital, 0) >= 0)",
            "Employees, annual sales and business capital cannot be negative.",
        ),
    ]

    @api.depends("business_capital", "annual_revenue")
    def _compute_scale(self):
        for member in self:
            member.scale = compute_scale(member.business_capital, member.annual_revenue)

    @api.depends("partner_id.name", "cluster_id.code")
    def _compute_display_name(self):
        for member in self:
            name = member.partner_id.name or ""
            if member.cluster_id.code:
                name = f"{name} ({member.cluster_id.code})"
            member.display_name = name

    def _compute_is_passive(self):
        _clusters, passive = self.env["umkm.cluster.snapshot"]._umkm_passive(self.cluster_id)
        for member in self:
            member.is_passive = member.id in passive

    def _search_is_passive(self, operator, value):
        if operator not in ("=", "!="):
            raise NotImplementedError(operator)
        clusters = self.env["umkm.cluster"].search([("member_ids", "!=", False)])
        _clusters, passive = self.env["umkm.cluster.snapshot"]._umkm_passive(clusters)
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", list(passive))]

    def _compute_access_url(self):
        super()._compute_access_url()
        for member in self:
            member.access_url = f"/my/memberships/{member.id}"
        return None

    @api.depends("partner_id.vat")
    def _compute_vat(self):
        for member in self:
            member.vat = member.partner_id.vat

    def _inverse_vat(self):
        # the NPWP is the business's, kept on its contact: whoever may edit the membership
        # may correct it there, without the right to edit contacts in general
        self.check_access("write")
        for member in self:
            if (member.partner_id.vat or False) != (member.vat or False):
                member.partner_id.sudo().vat = member.vat

    def _search_vat(self, operator, value):
        return [("partner_id.vat", operator, value)]

    @api.depends("partner_id.umkm_pkp")
    def _compute_pkp(self):
        for member in self:
            member.pkp = member.partner_id.umkm_pkp

    def _inverse_pkp(self):
        # like the NPWP: the business's, kept on its contact
        self.check_access("write")
        for member in self:
            if member.partner_id.umkm_pkp != member.pkp:
                member.partner_id.sudo().umkm_pkp = member.pkp

    @api.constrains("nib")
    def _check_nib(self):
        for member in self.filtered("nib"):
            if not is_nib(member.nib):
                raise ValidationError(
                    self.env._(
                        "The NIB of %(name)s must be exactly 13 digits (got %(nib)s).",
                        name=member.partner_id.display_name,
                        nib=member.nib,
                    )
                )

    @api.constrains("partner_id")
    def _check_partner_is_company(self):
        for member in self:
            if member.partner_id.parent_id:
                raise ValidationError(
                    self.env._(
                        "%(name)s is a contact person of %(company)s: the member must be the "
                        "business itself.",
                        name=member.partner_id.name,
                        company=member.partner_id.parent_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        members._assign_numbers()
        members.partner_id._umkm_normalise_phones()
        return members

    @api.depends("partner_id.phone", "partner_id.mobile")
    def _compute_whatsapp_url(self):
        for member in self:
            partner = member.partner_id
            member.whatsapp_url = whatsapp_chat_url(phone_e164(partner.mobile or partner.phone))

    def _assign_numbers(self):
        todo = self.filtered(lambda m: not m.number or m.number == "/")
        if not todo:
            return
        sequence = self.env["ir.sequence"]
        for member in todo:
            member.number = sequence.with_company(member.company_id).next_by_code("umkm.member")

    def action_activate(self):
        self._check_state(("draft", "suspended"), self.env._("activate"))
        return self.write({"state": "active"})

    def action_suspend(self):
        self._check_state(("active",), self.env._("suspend"))
        return self.write({"state": "suspended"})

    def action_leave(self):
        self._check_state(("active", "suspended"), self.env._("record the leaving of"))
        return self.write({"state": "left"})

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Membership %s", self.number)

    # ------------------------------------------------------------------ portal: own capacity
    def _check_member_may_edit_capacity(self):
        """The member's own users edit its capacity on the portal, unless it is locked."""
        self.ensure_one()
        user = self.env.user
        if not user._is_internal() and self.partner_id != user.commercial_partner_id:
            raise AccessError(self.env._("This membership is not yours."))
        if self.capacity_locked:
            raise UserError(
                self.env._(
                    "Your cooperative has locked the capacity of %(member)s: ask it to change it.",
                    member=self.display_name,
                )
            )
        if self.state not in ("applicant", "active"):
            raise UserError(
                self.env._("The membership %(member)s is not active.", member=self.display_name)
            )

    def _portal_set_capacity(self, quantities):
        """Set the weekly quantities ``{capacity: qty}`` of this member's capacities as its
        own portal user, logged in the membership's chatter. The caller has checked that the
        user may read the membership; the capacities must be the member's."""
        self._check_member_may_edit_capacity()
        foreign = [cap for cap in quantities if cap.member_id != self]
        if foreign:
            raise AccessError(self.env._("These capacities are not yours."))
        changes = []
        for capacity, qty in quantities.items():
            capacity = capacity.sudo()
            if capacity.qty_per_week != qty:
                changes.append(
                    self.env._(
                        "%(capability)s: %(old)s → %(new)s %(uom)s per week",
                        capability=capacity.capability_id.display_name,
                        old=self._umkm_format_number(capacity.qty_per_week),
                        new=self._umkm_format_number(qty),
                        uom=capacity.uom_id.name,
                    )
                )
                capacity.qty_per_week = qty
        if changes:
            self._log_capacity_change(
                Markup("%s<ul>%s</ul>")
                % (
                    self.env._("Weekly capacity changed by %(user)s:", user=self.env.user.name),
                    Markup().join(Markup("<li>%s</li>") % change for change in changes),
                )
            )
        return bool(changes)

    def _log_capacity_change(self, body):
        """A change the member made on the portal, in the membership's chatter, by it."""
        self.sudo().message_post(body=body, author_id=self.env.user.partner_id.id)

    def _portal_add_unavailability(self, date_from, date_to, reason):
        self._check_member_may_edit_capacity()
        period = (
            self.env["umkm.member.unavailability"]
            .sudo()
            .create(
                {"member_id": self.id, "date_from": date_from, "date_to": date_to, "reason": reason}
            )
        )
        self._log_capacity_change(
            self.env._(
                "Unavailable from %(start)s to %(end)s (%(reason)s), recorded by %(user)s.",
                start=self._umkm_format_date(date_from),
                end=self._umkm_format_date(date_to),
                reason=reason,
                user=self.env.user.name,
            )
        )
        return period

    def _portal_remove_unavailability(self, period):
        self._check_member_may_edit_capacity()
        if period.member_id != self:
            raise AccessError(self.env._("This period is not yours."))
        self._log_capacity_change(
            self.env._(
                "Unavailable period from %(start)s to %(end)s (%(reason)s) removed by %(user)s.",
                start=self._umkm_format_date(period.date_from),
                end=self._umkm_format_date(period.date_to),
                reason=period.reason,
                user=self.env.user.name,
            )
        )
        period.sudo().unlink()
