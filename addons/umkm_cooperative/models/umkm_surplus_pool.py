from odoo import fields, models

from .umkm_surplus_rule_line import SHARE_KINDS


class UmkmSurplusPool(models.Model):
    """One share of a year's surplus by its rule: the reserve, a fund, or a members' pool."""

    _name = "umkm.surplus.pool"
    _description = "Share of a year's surplus (SHU)"
    _order = "surplus_id, id"

    surplus_id = fields.Many2one("umkm.surplus", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="surplus_id.company_id", store=True)
    currency_id = fields.Many2one(related="surplus_id.currency_id")
    rule_line_id = fields.Many2one("umkm.surplus.rule.line", ondelete="restrict")
    kind = fields.Selection(SHARE_KINDS, required=True)
    name = fields.Char(required=True)
    percent = fields.Float(string="Share (%)", digits=(5, 2))
    amount = fields.Monetary(currency_field="currency_id")
    account_id = fields.Many2one("account.account")
