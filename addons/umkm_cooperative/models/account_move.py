from odoo import api, models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        # a member's bill: its open savings dues are netted against it
        bills = posted.filtered(lambda m: m.move_type == "in_invoice")
        if bills:
            self.env["umkm.member.saving"]._net_dues(bills)
        return posted

    @api.model
    def _umkm_post_members_entries(self, vals_list):
        """Create and post the cooperative's entries with its members (savings, the surplus)
        in one batch whose queries do not grow with the members: without analytic
        distribution models the lines get none (Odoo would look the models up line by line),
        and the partners' customer / vendor ranks are left alone (a query per partner)."""
        if not self.env["account.analytic.distribution.model"].sudo().search_count([], limit=1):
            for vals in vals_list:
                for command in vals["line_ids"]:
                    command[2].setdefault("analytic_distribution", False)
        moves = self.create(vals_list)
        moves.with_context(umkm_members_entry=True).action_post()
        return moves
