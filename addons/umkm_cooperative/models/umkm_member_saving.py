from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import formatLang

SAVING_TYPES = [
    ("pokok", "Principal (pokok)"),
    ("wajib", "Compulsory (wajib)"),
    ("sukarela", "Voluntary (sukarela)"),
]
# what a posted movement keeps
_LOCKED_FIELDS = {"member_id", "type", "date", "period", "amount", "surplus_line_id"}
# where each type of savings is booked (a field of res.company)
SAVING_ACCOUNT_FIELDS = {
    "pokok": "umkm_pokok_account_id",
    "wajib": "umkm_wajib_account_id",
    "sukarela": "umkm_sukarela_account_id",
}


class UmkmMemberSaving(models.Model):
    """One movement of a member's savings with the cooperative (simpanan): in (positive) or
    out (negative), booked by its own posted journal entry against the member's receivable
    (what it pays in) or payable (what it gets back)."""

    _name = "umkm.member.saving"
    _description = "Member savings movement"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Description", copy=False, help="A note of the officer's; the movement is its label."
    )
    label = fields.Char(
        string="Movement",
        compute="_compute_label",
        help="What the movement is, in the reader's language.",
    )
    member_id = fields.Many2one("umkm.member", required=True, index=True, ondelete="restrict")
    cluster_id = fields.Many2one(related="member_id.cluster_id", store=True, index=True)
    company_id = fields.Many2one(related="member_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="member_id.partner_id", string="SME")
    currency_id = fields.Many2one(related="company_id.currency_id")
    type = fields.Selection(SAVING_TYPES, required=True, default="sukarela", index=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    period = fields.Date(
        readonly=True,
        copy=False,
        help="Compulsory savings: the month (its first day) these dues are for.",
    )
    amount = fields.Monetary(
        required=True,
        currency_field="currency_id",
        help="Positive: paid in by the member; negative: paid back to it.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("posted", "Posted"), ("cancel", "Cancelled")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    move_id = fields.Many2one("account.move", string="Journal entry", readonly=True, copy=False)
    move_line_id = fields.Many2one(
        "account.move.line",
        string="Member's journal item",
        readonly=True,
        copy=False,
        help="The member's receivable (paid in) or payable (paid back) of this movement.",
    )
    amount_open = fields.Monetary(
        string="Not yet settled",
        compute="_compute_amount_open",
        currency_field="currency_id",
        help="What the member still has to pay in, or to be paid.",
    )
    surplus_line_id = fields.Many2one(
        "umkm.surplus.line",
        string="From the surplus (SHU)",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="A member's share of the surplus credited to its voluntary savings.",
    )

    _sql_constraints = [
        (
            "wajib_once_a_month",
            "unique(member_id, type, period)",
            "A member's compulsory savings are raised once a month.",
        ),
    ]

    @api.depends("move_line_id.amount_residual")
    def _compute_amount_open(self):
        for saving in self:
            saving.amount_open = abs(saving.sudo().move_line_id.amount_residual)

    @api.constrains("amount")
    def _check_amount(self):
        for saving in self:
            if saving.currency_id.is_zero(saving.amount):
                raise ValidationError(self.env._("A savings movement needs an amount."))

    @api.depends("name", "label")
    def _compute_display_name(self):
        for saving in self:
            saving.display_name = saving.name or saving.label

    @api.depends_context("lang")
    @api.depends("type", "period", "amount", "surplus_line_id")
    def _compute_label(self):
        for saving in self:
            saving.label = saving._default_name()

    def _default_name(self):
        """What the movement is, in the env's language: its type, and its month, its year's
        surplus, or that it is taken out."""
        self.ensure_one()
        label = dict(self._fields["type"]._description_selection(self.env))[self.type]
        if self.period:
            return f"{label} {self.period.strftime('%m/%Y')}"
        if self.surplus_line_id:
            return self.env._(
                "%(type)s: surplus %(year)s",
                type=label,
                year=self.sudo().surplus_line_id.surplus_id.name,
            )
        if self.amount < 0 and self.type != "sukarela":
            return self.env._("%(type)s: paid back on leaving", type=label)
        if self.amount < 0:
            return self.env._("%(type)s: withdrawal", type=label)
        return label

    def write(self, vals):
        if _LOCKED_FIELDS & set(vals) and self.filtered(lambda s: s.state != "draft"):
            raise UserError(
                self.env._("A posted savings movement cannot be changed: post another one.")
            )
        return super().write(vals)

    def unlink(self):
        if self.filtered(lambda s: s.state != "draft"):
            raise UserError(self.env._("A posted savings movement cannot be deleted."))
        return super().unlink()

    # ------------------------------------------------------------------ balances
    @api.model
    def _balances(self, members, types=None, date_to=None):
        """``{(member id, type): balance}`` of the posted movements of ``members`` (of
        ``types``, up to ``date_to``) in one query."""
        domain = [("member_id", "in", members.ids), ("state", "=", "posted")]
        if types:
            domain.append(("type", "in", list(types)))
        if date_to:
            domain.append(("date", "<=", date_to))
        balances = defaultdict(float)
        for member, kind, amount in self.sudo()._read_group(
            domain, ["member_id", "type"], ["amount:sum"]
        ):
            balances[member.id, kind] = amount
        return balances

    def action_register_payment(self):
        """Collect the selected dues (or pay back the selected withdrawals): Odoo's payment
        wizard on their open journal items."""
        lines = self.filtered(lambda s: s.state == "posted").move_line_id.filtered(
            lambda x: not x.reconciled
        )
        if not lines:
            raise UserError(self.env._("Nothing of these savings movements is left to settle."))
        return {
            "name": self.env._("Register payment"),
            "type": "ir.actions.act_window",
            "res_model": "account.payment.register",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": "account.move.line", "active_ids": lines.ids},
        }

    # ------------------------------------------------------------------ posting
    def action_post(self):
        """Post the movements: one journal entry per cluster and date, with a line per
        movement on the member's receivable (in) or payable (out) and one line per savings
        account. Voluntary savings never go below zero; principal and compulsory savings go
        back only to a member who left."""
        self._check_may_post()
        drafts = self.filtered(lambda s: s.state == "draft")
        if not drafts:
            return True
        drafts.member_id._claim_rows()  # two withdrawals of a member at once: one waits
        drafts._check_balances()
        groups = defaultdict(lambda: self.browse())
        for saving in drafts:
            groups[saving.company_id, saving.cluster_id, saving.date] |= saving
        moves_vals = []
        for (company, _cluster, _date), savings in groups.items():
            company._umkm_cooperative_check_setup()
            moves_vals.append(savings._prepare_move_vals())
        moves = self.env["account.move"].sudo()._umkm_post_members_entries(moves_vals)
        for line in moves.line_ids.filtered("umkm_saving_id"):
            line.umkm_saving_id.sudo().write(
                {"move_id": line.move_id.id, "move_line_id": line.id, "state": "posted"}
            )
        return True

    def _check_may_post(self):
        self.check_access("write")
        wrong = self.filtered(lambda s: s.state != "draft")
        if wrong:
            raise UserError(
                self.env._(
                    "Only draft savings movements can be posted: %s.",
                    ", ".join(wrong.mapped("display_name")),
                )
            )
        for saving in self:
            if saving.amount < 0 and saving.type != "sukarela" and saving.member_id.state != "left":
                raise UserError(
                    self.env._(
                        "%(member)s gets its principal and compulsory savings back only when "
                        "it leaves the cooperative.",
                        member=saving.member_id.display_name,
                    )
                )
            if saving.amount > 0 and saving.member_id.state not in ("active", "suspended"):
                raise UserError(
                    self.env._(
                        "%(member)s is not an active member: it cannot pay in savings.",
                        member=saving.member_id.display_name,
                    )
                )

    def _check_balances(self):
        """No member's voluntary savings below zero (what is posted and these movements)."""
        outgoing = self.filtered(lambda s: s.amount < 0)
        if not outgoing:
            return
        balances = self._balances(outgoing.member_id)
        change = defaultdict(float)
        for saving in self:
            change[saving.member_id, saving.type] += saving.amount
        for (member, kind), amount in change.items():
            balance = balances[member.id, kind]
            if member.currency_id.compare_amounts(balance + amount, 0.0) < 0:
                raise UserError(
                    self.env._(
                        "%(member)s has %(balance)s in %(type)s savings: it cannot take out "
                        "%(amount)s.",
                        member=member.display_name,
                        balance=formatLang(self.env, balance, currency_obj=member.currency_id),
                        type=dict(self._fields["type"]._description_selection(self.env))[kind],
                        amount=formatLang(self.env, -amount, currency_obj=member.currency_id),
                    )
                )

    def _prepare_move_vals(self):
        """Values of the journal entry of these movements (one company, cluster and date)."""
        company = self.company_id
        cluster = self.cluster_id
        lines = []
        per_account = defaultdict(float)
        for saving in self:
            partner = saving.partner_id.commercial_partner_id.with_company(company)
            if saving.surplus_line_id:
                # a share of the surplus credited: out of the member's payable
                account = partner.property_account_payable_id
            elif saving.amount > 0:
                account = partner.property_account_receivable_id
            else:
                account = partner.property_account_payable_id
            lines.append(
                {
                    "name": saving.display_name,
                    "partner_id": partner.id,
                    "account_id": account.id,
                    "balance": saving.amount,
                    "umkm_saving_id": saving.id,
                }
            )
            per_account[company[SAVING_ACCOUNT_FIELDS[saving.type]]] -= saving.amount
        for account, balance in per_account.items():
            if not company.currency_id.is_zero(balance):
                lines.append(
                    {
                        "name": account.name,
                        "account_id": account.id,
                        "balance": balance,
                    }
                )
        return {
            "move_type": "entry",
            "journal_id": company.umkm_saving_journal_id.id,
            "company_id": company.id,
            "date": self[:1].date,
            "ref": self.env._("Member savings: %(cluster)s", cluster=cluster.name),
            "umkm_cluster_id": cluster.id,
            "line_ids": [fields.Command.create(vals) for vals in lines],
        }
