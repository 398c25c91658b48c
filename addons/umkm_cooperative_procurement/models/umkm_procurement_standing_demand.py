from odoo import api, models


class UmkmProcurementStandingDemand(models.Model):
    _inherit = "umkm.procurement.standing.demand"

    @api.model
    def _umkm_carry(self, rounds):
        """Where the cluster asks that demand is covered by savings, a member's standing
        demand its voluntary savings do not cover is not carried into the round: its carried
        lines of that round are cancelled and it is told, as a save on the portal would have
        been refused."""
        demands = super()._umkm_carry(rounds)
        asking = demands.filtered(lambda d: d.round_id.cluster_id.demand_needs_balance)
        if not asking:
            return demands
        available = asking.member_id.sudo()._umkm_savings_available()
        short = asking.filtered(
            lambda d: d.member_id.currency_id.compare_amounts(available[d.member_id.id], 0.0) < 0
        )
        if short:
            short.sudo().write({"state": "cancel"})
            for member, lines in short.grouped("member_id").items():
                member.sudo().message_post(
                    body=self.env._(
                        "Your standing demand was not entered in %(rounds)s: your voluntary "
                        "savings do not cover it. Pay in savings and enter your demand on the "
                        "round's page.",
                        rounds=", ".join(lines.round_id.mapped("name")),
                    ),
                    partner_ids=member.partner_id.ids,
                )
        return demands - short
