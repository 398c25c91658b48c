from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# PP 7/2021 art. 106: partnership patterns between large firms and UMKM.
PATTERNS = [
    ("inti_plasma", "Nucleus-plasma (inti-plasma)"),
    ("subkontrak", "Subcontracting (subkontrak)"),
    ("waralaba", "Franchise (waralaba)"),
    ("perdagangan_umum", "General trade (perdagangan umum)"),
    ("distribusi_keagenan", "Distribution and agency (distribusi dan keagenan)"),
    ("rantai_pasok", "Supply chain (rantai pasok)"),
    ("bagi_hasil", "Profit sharing (bagi hasil)"),
    ("kerja_sama_operasional", "Joint operation (kerja sama operasional)"),
    ("usaha_patungan", "Joint venture (usaha patungan)"),
    ("penyumberluaran", "Outsourcing (penyumberluaran)"),
]


class UmkmPartnershipAgreement(models.Model):
    """A partnership between a large firm and a cluster (PP 7/2021 patterns)."""

    _name = "umkm.partnership.agreement"
    _description = "Partnership Agreement"
    _inherit = ["mail.thread", "mail.activity.mixin", "umkm.state.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Partner firm",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        domain="[('is_company', '=', True)]",
        help="The large firm (usaha besar) the cluster works with.",
    )
    cluster_id = fields.Many2one(
        "umkm.cluster", required=True, index=True, tracking=True, ondelete="restrict"
    )
    company_id = fields.Many2one(related="cluster_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    member_ids = fields.Many2many(
        "umkm.member",
        "umkm_partnership_agreement_member_rel",
        "agreement_id",
        "member_id",
        string="Members involved",
        domain="[('cluster_id', '=', cluster_id)]",
        check_company=True,
    )
    pattern = fields.Selection(
        PATTERNS,
        required=True,
        default="subkontrak",
        tracking=True,
        help="Partnership pattern under PP 7/2021 (article 106).",
    )
    date_start = fields.Date(
        string="Start date", required=True, default=fields.Date.context_today, tracking=True
    )
    date_end = fields.Date(string="End date", tracking=True)
    terms = fields.Html()
    margin_percent = fields.Float(
        string="Cooperative margin (%)",
        default=10.0,
        digits=(5, 2),
        tracking=True,
        groups="umkm_cluster.group_umkm_officer",
        help="Share of the firm's price kept by the cooperative: members are paid the firm's "
        "price less this margin.",
    )
    min_lot = fields.Float(
        string="Minimum lot",
        digits="Product Unit of Measure",
        default=0.0,
        groups="umkm_cluster.group_umkm_officer",
        help="Smallest quantity proposed to one member when an order is split.",
    )
    guaranteed_price = fields.Monetary(
        string="Guaranteed price",
        currency_field="currency_id",
        tracking=True,
        help="Inti-plasma: the price per unit the firm guarantees to buy the members' output "
        "at; the firm's orders under the agreement take it and cannot be priced below it.",
    )
    pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Agreed prices",
        check_company=True,
        help="General trade and agency: the prices of the cluster's catalogue for this firm "
        "(without one, the catalogue's wholesale prices).",
    )
    commission_percent = fields.Float(
        string="Agent commission (%)",
        digits=(5, 2),
        tracking=True,
        help="Distribution and agency: the agent's commission on each of its sales.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "Active"),
            ("expired", "Expired"),
            ("terminated", "Terminated"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    support_ids = fields.One2many("umkm.partnership.support", "agreement_id")
    support_value = fields.Monetary(compute="_compute_support_value", currency_field="currency_id")
    order_ids = fields.One2many("umkm.subcontract.order", "agreement_id", string="Orders")
    order_count = fields.Integer(compute="_compute_order_count", string="Order count")

    _sql_constraints = [
        (
            "margin_range",
            "CHECK(margin_percent >= 0 AND margin_percent < 100)",
            "The cooperative margin is a percentage from 0 to below 100.",
        ),
        ("min_lot_positive", "CHECK(min_lot >= 0)", "The minimum lot cannot be negative."),
        (
            "commission_range",
            "CHECK(commission_percent >= 0 AND commission_percent < 100)",
            "The commission is a percentage from 0 to below 100.",
        ),
        (
            "guaranteed_price_positive",
            "CHECK(guaranteed_price >= 0)",
            "The guaranteed price cannot be negative.",
        ),
    ]

    @api.depends("support_ids.value")
    def _compute_support_value(self):
        groups = self.env["umkm.partnership.support"]._read_group(
            [("agreement_id", "in", self.ids)], ["agreement_id"], ["value:sum"]
        )
        values = {agreement.id: total for agreement, total in groups}
        for agreement in self:
            agreement.support_value = values.get(agreement.id, 0.0)

    def _compute_order_count(self):
        groups = self.env["umkm.subcontract.order"]._read_group(
            [("agreement_id", "in", self.ids)], ["agreement_id"], ["__count"]
        )
        counts = {agreement.id: count for agreement, count in groups}
        for agreement in self:
            agreement.order_count = counts.get(agreement.id, 0)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for agreement in self:
            if agreement.date_end and agreement.date_end < agreement.date_start:
                raise ValidationError(
                    self.env._("The agreement %(name)s ends before it starts.", name=agreement.name)
                )

    @api.constrains("member_ids", "cluster_id")
    def _check_members_cluster(self):
        for agreement in self:
            strangers = agreement.member_ids.filtered(
                lambda m, a=agreement: m.cluster_id != a.cluster_id
            )
            if strangers:
                raise ValidationError(
                    self.env._(
                        "%(members)s are not members of %(cluster)s.",
                        members=", ".join(strangers.mapped("display_name")),
                        cluster=agreement.cluster_id.display_name,
                    )
                )

    def action_activate(self):
        self._check_state(("draft",), self.env._("activate"))
        today = fields.Date.context_today(self)
        ended = self.filtered(lambda a: a.date_end and a.date_end < today)
        if ended:
            raise UserError(
                self.env._(
                    "The agreements %(names)s have already ended.",
                    names=", ".join(ended.mapped("name")),
                )
            )
        self.write({"state": "active"})
        return True

    def action_terminate(self):
        self._check_state(("draft", "active"), self.env._("terminate"))
        self.write({"state": "terminated"})
        return True

    def action_draft(self):
        self._check_state(("terminated", "expired"), self.env._("reset"))
        self.write({"state": "draft"})
        return True

    def _is_valid_on(self, date):
        self.ensure_one()
        return (
            self.state == "active"
            and self.date_start <= date
            and (not self.date_end or self.date_end >= date)
        )

    @api.model
    def _cron_expire_agreements(self):
        """Expire the active agreements whose end date has passed (one write)."""
        today = fields.Date.context_today(self)
        ended = self.search([("state", "=", "active"), ("date_end", "<", today)])
        ended.write({"state": "expired"})
        return ended

    def action_view_orders(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "umkm_partnership.umkm_subcontract_order_action"
        )
        action["domain"] = [("agreement_id", "=", self.id)]
        action["context"] = {"default_agreement_id": self.id}
        return action
