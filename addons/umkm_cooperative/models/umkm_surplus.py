from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.umkm_cluster.tools.sql_batch import insert_rows

from ..tools.surplus import split_pool, split_pools, to_units
from .umkm_surplus_rule_line import MEMBER_KINDS

# what a computed year keeps until it is set back to draft; a posted year keeps everything
_INPUT_FIELDS = {"cluster_id", "rule_id", "date_from", "date_to", "amount"}


class UmkmSurplus(models.Model):
    """The surplus of a financial year shared back to the members (sisa hasil usaha, SHU):
    the amount to share, split by the rule in force into the reserve, the funds and the
    members' pools; each member's share of the pools by its transactions with the
    cooperative (jasa usaha) and its savings (jasa modal). Every pool sums exactly."""

    _name = "umkm.surplus"
    _description = "Surplus shared back (SHU)"
    _inherit = ["mail.thread", "umkm.state.mixin"]
    _order = "date_to desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    cluster_id = fields.Many2one("umkm.cluster", required=True, index=True, tracking=True)
    company_id = fields.Many2one(related="cluster_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(string="Year from", required=True, tracking=True)
    date_to = fields.Date(string="Year to", required=True, tracking=True)
    rule_id = fields.Many2one(
        "umkm.surplus.rule",
        string="SHU rule",
        compute="_compute_rule_id",
        store=True,
        readonly=False,
        tracking=True,
        check_company=True,
        domain="[('cluster_id', '=', cluster_id), ('state', '=', 'approved')]",
        help="The rule the RAT approved, in force at the year's end.",
    )
    amount_proposed = fields.Monetary(
        string="Surplus in the books",
        compute="_compute_amount_proposed",
        currency_field="currency_id",
        help="Income less expenses of the year: of the cluster's analytic account where it has "
        "one, else of the company.",
    )
    amount = fields.Monetary(string="Surplus to share", currency_field="currency_id", tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("computed", "Computed"), ("posted", "Posted")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    pool_ids = fields.One2many("umkm.surplus.pool", "surplus_id", string="Shares", readonly=True)
    line_ids = fields.One2many("umkm.surplus.line", "surplus_id", string="Members")
    move_id = fields.Many2one("account.move", string="Journal entry", readonly=True, copy=False)
    basis_usaha_total = fields.Monetary(
        string="Transactions of the members",
        compute="_compute_totals",
        currency_field="currency_id",
    )
    basis_modal_total = fields.Monetary(
        string="Savings of the members", compute="_compute_totals", currency_field="currency_id"
    )
    member_count = fields.Integer(string="Members sharing", compute="_compute_totals")

    _sql_constraints = [
        (
            "year_once",
            "unique(cluster_id, date_from, date_to)",
            "A cluster's year is shared once.",
        ),
    ]

    @api.depends("cluster_id", "date_from", "date_to")
    def _compute_name(self):
        for surplus in self:
            if surplus.date_from and surplus.date_to:
                year = (
                    str(surplus.date_to.year)
                    if surplus.date_from.year == surplus.date_to.year
                    else f"{surplus.date_from.year}/{surplus.date_to.year}"
                )
                surplus.name = f"SHU {year} {surplus.cluster_id.name or ''}".strip()
            else:
                surplus.name = "SHU"

    @api.depends("cluster_id", "date_to")
    def _compute_rule_id(self):
        for surplus in self:
            if surplus.state == "draft" and surplus.cluster_id and surplus.date_to:
                surplus.rule_id = self.env["umkm.surplus.rule"]._rule_for(
                    surplus.cluster_id, surplus.date_to
                )
            else:
                surplus.rule_id = surplus.rule_id

    @api.depends("line_ids.basis_usaha", "line_ids.basis_modal")
    def _compute_totals(self):
        for surplus in self:
            surplus.basis_usaha_total = sum(surplus.line_ids.mapped("basis_usaha"))
            surplus.basis_modal_total = sum(surplus.line_ids.mapped("basis_modal"))
            surplus.member_count = len(surplus.line_ids)

    @api.constrains("date_from", "date_to", "amount")
    def _check_year(self):
        for surplus in self:
            if surplus.date_from > surplus.date_to:
                raise ValidationError(self.env._("The year ends before it starts."))
            if surplus.amount < 0:
                raise ValidationError(self.env._("A loss is not shared: the surplus is positive."))

    def write(self, vals):
        if set(vals) & (_INPUT_FIELDS | {"line_ids"}) and self.filtered(
            lambda s: s.state == "posted"
        ):
            raise UserError(self.env._("A posted SHU is locked."))
        if set(vals) & _INPUT_FIELDS and self.filtered(lambda s: s.state == "computed"):
            # what the shares were computed from changed: compute them again
            vals = dict(vals, state="draft")
        return super().write(vals)

    def unlink(self):
        if self.filtered(lambda s: s.state == "posted"):
            raise UserError(self.env._("A posted SHU cannot be deleted."))
        return super().unlink()

    def action_use_amount_proposed(self):
        self._check_state(("draft", "computed"), self.env._("take the surplus from the books of"))
        for surplus in self:
            surplus.amount = surplus.amount_proposed
        return True

    def action_reset_draft(self):
        self._check_state(("computed",), self.env._("set back to draft"))
        return self.write({"state": "draft"})

    def action_compute(self):
        """Share the surplus: the pools of the rule, and each member's share of the members'
        pools by its bases. Computing again before posting gives the same result."""
        self._check_state(("draft", "computed"), self.env._("compute"))
        for surplus in self:
            surplus._check_computable()
            pools, lines = surplus._compute_shares()
            # the payout chosen per member stays when the shares are computed again
            payouts = {line.member_id.id: line.payout for line in surplus.line_ids}
            for vals in lines:
                vals["payout"] = payouts.get(vals["member_id"], "payment")
            surplus.sudo().pool_ids.unlink()
            surplus.sudo().line_ids.unlink()
            self.env["umkm.surplus.pool"].sudo().create(pools)
            surplus._insert_lines(lines)
            surplus.state = "computed"
        return True

    def _insert_lines(self, lines):
        """The members' shares in one query (1,000 members: 1,000 lines), through the suite's
        raw-SQL layer, with their stored totals."""
        self.ensure_one()
        columns = [
            "surplus_id",
            "company_id",
            "member_id",
            "basis_usaha",
            "basis_modal",
            "amount_usaha",
            "amount_modal",
            "amount_total",
            "payout",
        ]
        company, money = self.company_id.id, self.currency_id.round
        rows = []
        for vals in lines:
            row = dict(vals, company_id=company, payout=vals.get("payout") or "payment")
            for name in ("basis_usaha", "basis_modal", "amount_usaha", "amount_modal"):
                row[name] = money(row[name])
            row["amount_total"] = money(row["amount_usaha"] + row["amount_modal"])
            rows.append(tuple(row[name] for name in columns))
        Line = self.env["umkm.surplus.line"].sudo()
        insert_rows(Line, columns, rows)
        self.invalidate_recordset(["line_ids"])

    def _check_computable(self):
        self.ensure_one()
        rule = self.rule_id
        if not rule or rule.state != "approved":
            raise UserError(
                self.env._(
                    "%(surplus)s needs a SHU rule the RAT approved, in force at the year's end.",
                    surplus=self.display_name,
                )
            )
        if rule.cluster_id != self.cluster_id or rule.date_effective > self.date_to:
            raise UserError(
                self.env._(
                    "The rule %(rule)s is not in force for this year.", rule=rule.display_name
                )
            )
        if self.currency_id.compare_amounts(self.amount, 0.0) <= 0:
            raise UserError(self.env._("Set the surplus to share first."))

    def _split_unit(self):
        """The smallest amount a share is made of: whole rupiah (the suite's documents show
        rupiah without cents), else the currency's rounding."""
        self.ensure_one()
        currency = self.currency_id
        return max(currency.rounding, 1.0) if currency.name == "IDR" else currency.rounding

    def _compute_shares(self):
        """``(pool values, member line values)`` of the shares, exact to the currency's
        smallest unit: the pools sum to the surplus, each member pool to its members."""
        self.ensure_one()
        rule = self.rule_id
        rounding = self._split_unit()
        rule_lines = rule.line_ids.sorted(lambda r: (r.sequence, r.id))
        pool_units = split_pools(to_units(self.amount, rounding), rule_lines.mapped("percent"))
        members, usaha, modal = self._compute_bases()
        shares = {}
        pools = []
        for rule_line, units in zip(rule_lines, pool_units, strict=True):
            pools.append(
                {
                    "surplus_id": self.id,
                    "rule_line_id": rule_line.id,
                    "kind": rule_line.kind,
                    "name": rule_line.name,
                    "percent": rule_line.percent,
                    "amount": units * rounding,
                    "account_id": rule_line.account_id.id,
                }
            )
            if rule_line.kind not in MEMBER_KINDS:
                continue
            bases = [
                (usaha if rule_line.kind == "jasa_usaha" else modal).get(m.id, 0.0) for m in members
            ]
            if units and not any(bases):
                raise UserError(
                    self.env._(
                        "No member has a basis for %(share)s in this year: nothing to share it by.",
                        share=rule_line.name,
                    )
                )
            shares[rule_line.kind] = split_pool(units, bases)
        lines = []
        for index, member in enumerate(members):
            if not usaha.get(member.id) and not modal.get(member.id):
                continue  # nothing to share by: no line
            usaha_units = shares.get("jasa_usaha", [0] * len(members))[index]
            modal_units = shares.get("jasa_modal", [0] * len(members))[index]
            lines.append(
                {
                    "surplus_id": self.id,
                    "member_id": member.id,
                    "basis_usaha": usaha.get(member.id, 0.0),
                    "basis_modal": modal.get(member.id, 0.0),
                    "amount_usaha": usaha_units * rounding,
                    "amount_modal": modal_units * rounding,
                }
            )
        return pools, lines
