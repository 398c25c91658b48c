from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

# what an approved rule keeps: the years computed under it keep what they were computed by
_LOCKED_FIELDS = {
    "cluster_id",
    "date_effective",
    "rat_date",
    "rat_members_present",
    "rat_members_total",
    "rat_quorum_percent",
    "line_ids",
    "count_procurement",
    "count_subcontract",
    "count_sales",
    "modal_savings",
    "modal_method",
}


class UmkmSurplusRule(models.Model):
    """How the surplus (SHU) of a cluster is shared, as its annual members' meeting (Rapat
    Anggota Tahunan, RAT) decided (UU 25/1992 art. 45): the shares of the reserve, of the
    members by their transactions (jasa usaha) and by their capital (jasa modal), and of the
    funds. Versioned: a new rule takes effect from its date; a year computed under an older
    rule keeps it."""

    _name = "umkm.surplus.rule"
    _description = "Surplus sharing rule (SHU)"
    _inherit = ["mail.thread", "umkm.state.mixin"]
    _order = "cluster_id, date_effective desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    cluster_id = fields.Many2one("umkm.cluster", required=True, index=True, tracking=True)
    company_id = fields.Many2one(related="cluster_id.company_id", store=True, index=True)
    date_effective = fields.Date(
        string="Effective from",
        required=True,
        tracking=True,
        help="The rule applies to the years that end on or after this date.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved by the RAT")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    rat_date = fields.Date(string="Date of the RAT", tracking=True, copy=False)
    rat_members_present = fields.Integer(string="Members present", tracking=True, copy=False)
    rat_members_total = fields.Integer(
        string="Members of the cooperative",
        tracking=True,
        copy=False,
        help="Members entitled to attend the RAT.",
    )
    rat_quorum_percent = fields.Float(
        string="Quorum (%)",
        default=50.0,
        help="The RAT decides when more than this share of the members is present (the "
        "cooperative's statutes, AD/ART).",
    )
    rat_quorum_met = fields.Boolean(string="Quorum reached", compute="_compute_rat_quorum_met")
    rat_attachment_ids = fields.Many2many("ir.attachment", string="Minutes of the RAT", copy=False)
    line_ids = fields.One2many("umkm.surplus.rule.line", "rule_id", string="Shares", copy=True)
    total_percent = fields.Float(string="Total (%)", compute="_compute_total_percent")
    count_procurement = fields.Boolean(
        string="Purchases through joint procurement",
        default=True,
        help="The member's purchases through the procurement rounds count as its transactions.",
    )
    count_subcontract = fields.Boolean(
        string="Subcontract work paid to the member",
        default=True,
        help="What the cooperative paid the member for subcontract work counts as its "
        "transactions.",
    )
    count_sales = fields.Boolean(
        string="Joint sales paid to the member",
        default=True,
        help="What the cooperative paid the member for its products sold together counts as "
        "its transactions.",
    )
    modal_savings = fields.Selection(
        [
            ("pokok_wajib", "Principal and compulsory"),
            ("all", "Principal, compulsory and voluntary"),
        ],
        string="Savings counted as capital",
        default="pokok_wajib",
        required=True,
    )
    modal_method = fields.Selection(
        [("year_end", "Balance at the year's end"), ("day_weighted", "Weighted by the days held")],
        string="Capital measured by",
        default="year_end",
        required=True,
    )
    surplus_ids = fields.One2many("umkm.surplus", "rule_id", string="Years computed")

    @api.depends("rat_members_present", "rat_members_total", "rat_quorum_percent")
    def _compute_rat_quorum_met(self):
        for rule in self:
            rule.rat_quorum_met = bool(
                rule.rat_members_total
                and rule.rat_members_present * 100.0
                > rule.rat_members_total * rule.rat_quorum_percent
            )

    @api.depends("line_ids.percent")
    def _compute_total_percent(self):
        for rule in self:
            rule.total_percent = sum(rule.line_ids.mapped("percent"))

    @api.constrains("rat_members_present", "rat_members_total", "rat_quorum_percent")
    def _check_rat(self):
        for rule in self:
            if rule.rat_members_present < 0 or rule.rat_members_total < 0:
                raise ValidationError(self.env._("The number of members cannot be negative."))
            if rule.rat_members_present > rule.rat_members_total:
                raise ValidationError(
                    self.env._("More members present at the RAT than the cooperative has.")
                )
            if not 0 <= rule.rat_quorum_percent < 100:
                raise ValidationError(self.env._("The quorum is a share below 100%."))

    def write(self, vals):
        if _LOCKED_FIELDS & set(vals) and self.filtered(lambda r: r.state == "approved"):
            raise UserError(
                self.env._(
                    "An approved SHU rule cannot be changed: the RAT approves a new one, "
                    "effective from its date."
                )
            )
        return super().write(vals)

    def unlink(self):
        if self.filtered(lambda r: r.state == "approved"):
            raise UserError(self.env._("An approved SHU rule cannot be deleted."))
        return super().unlink()

    def action_approve(self):
        """The RAT approved the rule: its shares sum to 100%, the meeting had its quorum and
        its minutes are attached."""
        self._check_state(("draft",), self.env._("approve"))
        for rule in self:
            problems = []
            if float_compare(rule.total_percent, 100.0, precision_digits=2):
                problems.append(
                    self.env._(
                        "the shares sum to %(total)s%%, not 100%%",
                        total=round(rule.total_percent, 2),
                    )
                )
            kinds = rule.line_ids.mapped("kind")
            for kind in ("reserve", "jasa_usaha", "jasa_modal"):
                if kinds.count(kind) > 1:
                    problems.append(self.env._("a kind of share appears twice"))
                    break
            if not rule.rat_date:
                problems.append(self.env._("the date of the RAT is missing"))
            if not rule.rat_quorum_met:
                problems.append(self.env._("the RAT had no quorum"))
            if not rule.rat_attachment_ids:
                problems.append(self.env._("the minutes of the RAT are not attached"))
            if problems:
                raise UserError(
                    self.env._(
                        "%(rule)s cannot be approved: %(problems)s.",
                        rule=rule.display_name,
                        problems="; ".join(problems),
                    )
                )
        return self.write({"state": "approved"})

    @api.model
    def _rule_for(self, cluster, date_to):
        """The approved rule of ``cluster`` in force for a year ending on ``date_to``."""
        return self.search(
            [
                ("cluster_id", "=", cluster.id),
                ("state", "=", "approved"),
                ("date_effective", "<=", date_to),
            ],
            order="date_effective desc, id desc",
            limit=1,
        )
