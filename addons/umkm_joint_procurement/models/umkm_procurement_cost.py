from odoo import api, fields, models
from odoo.exceptions import UserError


class UmkmProcurementCost(models.Model):
    """A cost of the round shared among its members (freight, handling...)."""

    _name = "umkm.procurement.cost"
    _description = "Joint Procurement Shared Cost"
    _inherit = ["umkm.number.mixin"]
    _order = "round_id, id"
    _check_company_auto = True

    round_id = fields.Many2one(
        "umkm.procurement.round", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="round_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="round_id.currency_id")
    name = fields.Char(string="Description", required=True)
    amount = fields.Monetary(required=True)
    partner_id = fields.Many2one("res.partner", string="Supplier")
    move_line_id = fields.Many2one(
        "account.move.line",
        string="Vendor bill line",
        index="btree_not_null",
        check_company=True,
        domain="[('move_id.move_type', '=', 'in_invoice'), ('display_type', '=', 'product')]",
        help="The vendor bill line this cost comes from, if any.",
    )

    _sql_constraints = [
        ("amount_positive", "CHECK(amount >= 0)", "A shared cost cannot be negative."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        costs = super().create(vals_list)
        costs._check_round_billable()
        return costs

    def write(self, vals):
        self._check_round_billable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_before_invoicing(self):
        self._check_round_billable()

    def _check_round_billable(self):
        locked = self.round_id.filtered(lambda r: r.state in ("invoiced", "done", "cancel"))
        if locked:
            raise UserError(
                self.env._(
                    "The shared costs of round %(name)s can no longer change: the members are "
                    "already invoiced.",
                    name=", ".join(locked.mapped("name")),
                )
            )
