from odoo import api, fields, models
from odoo.exceptions import UserError


class UmkmSurplusLine(models.Model):
    """A member's share of a year's surplus: its bases, its share of each members' pool, and
    how it receives it."""

    _name = "umkm.surplus.line"
    _description = "Member's share of the surplus (SHU)"
    _order = "surplus_id, amount_total desc, id"

    surplus_id = fields.Many2one("umkm.surplus", required=True, ondelete="cascade", index=True)
    surplus_name = fields.Char(related="surplus_id.name", string="Year")
    company_id = fields.Many2one(related="surplus_id.company_id", store=True)
    currency_id = fields.Many2one(related="surplus_id.currency_id")
    state = fields.Selection(related="surplus_id.state")
    member_id = fields.Many2one("umkm.member", required=True, index=True, ondelete="restrict")
    partner_id = fields.Many2one(related="member_id.partner_id", string="SME")
    basis_usaha = fields.Monetary(string="Transactions", currency_field="currency_id")
    basis_modal = fields.Monetary(string="Capital", currency_field="currency_id")
    amount_usaha = fields.Monetary(string="For its transactions", currency_field="currency_id")
    amount_modal = fields.Monetary(string="For its capital", currency_field="currency_id")
    amount_total = fields.Monetary(
        string="SHU", compute="_compute_amount_total", store=True, currency_field="currency_id"
    )
    payout = fields.Selection(
        [("payment", "Paid"), ("sukarela", "Credited to voluntary savings")],
        string="Received as",
        default="payment",
        required=True,
    )
    move_line_id = fields.Many2one("account.move.line", string="Payable", readonly=True)
    saving_id = fields.Many2one(
        "umkm.member.saving", string="Savings credited", compute="_compute_saving_id"
    )
    paid = fields.Boolean(compute="_compute_paid")

    _sql_constraints = [
        ("member_once", "unique(surplus_id, member_id)", "A member has one share of a year."),
    ]

    @api.depends("amount_usaha", "amount_modal")
    def _compute_amount_total(self):
        for line in self:
            line.amount_total = line.amount_usaha + line.amount_modal

    def _compute_saving_id(self):
        savings = (
            self.env["umkm.member.saving"].sudo().search([("surplus_line_id", "in", self.ids)])
        )
        by_line = {saving.surplus_line_id.id: saving for saving in savings}
        for line in self:
            line.saving_id = by_line.get(line.id, False)

    @api.depends("move_line_id.reconciled")
    def _compute_paid(self):
        for line in self:
            line.paid = bool(line.sudo().move_line_id.reconciled)

    def write(self, vals):
        if "payout" in vals and self.filtered(lambda line: line.state == "posted"):
            raise UserError(self.env._("A posted SHU is locked: how a member receives it is set."))
        return super().write(vals)

    def _credit_savings(self):
        """Credit the shares to the members' voluntary savings: a movement in, out of the
        member's payable, reconciled with its share."""
        savings = (
            self.env["umkm.member.saving"]
            .sudo()
            .create(
                [
                    {
                        "member_id": line.member_id.id,
                        "type": "sukarela",
                        "date": line.surplus_id.move_id.date,
                        "amount": line.amount_total,
                        "surplus_line_id": line.id,
                    }
                    for line in self
                    if line.amount_total
                ]
            )
        )
        savings.action_post()
        for saving in savings:
            (saving.move_line_id | saving.surplus_line_id.move_line_id).reconcile()
        return savings

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._(
            "SHU statement %(year)s %(member)s",
            year=self.surplus_id.name,
            member=self.member_id.number,
        )
