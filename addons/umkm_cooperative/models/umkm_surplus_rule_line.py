from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

SHARE_KINDS = [
    ("reserve", "Reserve"),
    ("jasa_usaha", "Members by their transactions (jasa usaha)"),
    ("jasa_modal", "Members by their capital (jasa modal)"),
    ("management", "Management and supervisors"),
    ("employees", "Employees"),
    ("education", "Education"),
    ("social", "Social"),
    ("other", "Other fund"),
]
MEMBER_KINDS = ("jasa_usaha", "jasa_modal")


class UmkmSurplusRuleLine(models.Model):
    _name = "umkm.surplus.rule.line"
    _description = "Share of the surplus (SHU rule)"
    _order = "rule_id, sequence, id"
    _check_company_auto = True

    rule_id = fields.Many2one("umkm.surplus.rule", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="rule_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(SHARE_KINDS, required=True, default="other")
    name = fields.Char(required=True, translate=True)
    percent = fields.Float(string="Share (%)", required=True, digits=(5, 2))
    account_id = fields.Many2one(
        "account.account",
        check_company=True,
        compute="_compute_account_id",
        store=True,
        readonly=False,
        help="Where this share is booked. The members' shares go to each member's payable.",
    )

    @api.depends("kind", "rule_id.company_id")
    def _compute_account_id(self):
        for line in self:
            if line.kind in MEMBER_KINDS or not line.rule_id.company_id:
                line.account_id = False
            elif not line.account_id:
                company = line.rule_id.company_id
                company._umkm_cooperative_setup()
                line.account_id = company._umkm_fund_account(line.kind)
            else:
                line.account_id = line.account_id

    @api.constrains("percent")
    def _check_percent(self):
        for line in self:
            if not 0 <= line.percent <= 100:
                raise ValidationError(self.env._("A share is between 0% and 100%."))

    @api.onchange("kind")
    def _onchange_kind(self):
        if self.kind and not self.name:
            self.name = dict(self._fields["kind"]._description_selection(self.env))[self.kind]

    def _check_rule_open(self):
        if self.rule_id.filtered(lambda r: r.state == "approved"):
            raise UserError(
                self.env._(
                    "An approved SHU rule cannot be changed: the RAT approves a new one, "
                    "effective from its date."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_rule_open()
        return lines

    def write(self, vals):
        self._check_rule_open()
        return super().write(vals)

    def unlink(self):
        self._check_rule_open()
        return super().unlink()
