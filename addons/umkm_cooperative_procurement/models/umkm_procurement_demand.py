from odoo import api, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import formatLang


class UmkmProcurementDemand(models.Model):
    _inherit = "umkm.procurement.demand"

    @api.model_create_multi
    def create(self, vals_list):
        demands = super().create(vals_list)
        demands._umkm_check_covered_by_savings()
        return demands

    def write(self, vals):
        res = super().write(vals)
        if {"qty", "uom_id", "product_id"} & set(vals):
            self._umkm_check_covered_by_savings()
        return res

    def _umkm_check_covered_by_savings(self):
        """Where the cluster asks for it, a member's demand not invoiced yet must be covered
        by its voluntary savings: refused with the amount missing."""
        members = self.filtered(
            lambda d: d.state != "cancel" and d.round_id.cluster_id.demand_needs_balance
        ).member_id
        if not members:
            return
        available = members.sudo()._umkm_savings_available()
        for member in members:
            currency = member.currency_id
            if currency.compare_amounts(available[member.id], 0.0) >= 0:
                continue
            raise ValidationError(
                self.env._(
                    "Your cluster asks that your demand is covered by your voluntary savings: "
                    "%(missing)s is missing. Pay in %(missing)s of voluntary savings, or order "
                    "less.",
                    missing=formatLang(self.env, -available[member.id], currency_obj=currency),
                )
            )
