from collections import defaultdict

from odoo import fields, models

from odoo.addons.umkm_joint_procurement.tools.procurement_math import alone_price

# rounds whose demand is not invoiced yet: it holds the member's savings
_UNBILLED = ("open", "closed", "ordered", "allocated")


class UmkmMember(models.Model):
    _inherit = "umkm.member"

    pay_rounds_from_savings = fields.Boolean(
        string="Pay round invoices from savings",
        help="The member's invoices of the procurement rounds are paid from its voluntary "
        "savings (sukarela) when they are posted, as far as the savings go.",
    )

    def _umkm_demand_held(self):
        """What each member's demand not invoiced yet is worth at its round's current price
        (the collective price reached; before any tier, the price for its own quantity):
        ``{member id: amount}``. One query of the demand, whatever the number of members."""
        demands = (
            self.env["umkm.procurement.demand"]
            .sudo()
            .search(
                [
                    ("member_id", "in", self.ids),
                    ("state", "in", ("submitted", "confirmed")),
                    ("round_id.state", "in", _UNBILLED),
                ]
            )
        )
        lines = {(line.round_id.id, line.product_id.id): line for line in demands.round_id.line_ids}
        # an open round's price as its demand is now, not as its totals were last stored
        totals = demands.round_id.line_ids._umkm_totals()
        held = defaultdict(float)
        for demand in demands:
            line = lines.get((demand.round_id.id, demand.product_id.id))
            if not line:
                continue
            qty = demand._qty_in_uom(line.uom_id)
            price = totals[line]["price_unit"] or alone_price(line._price_tiers(), qty) or 0.0
            held[demand.member_id.id] += demand.round_id.currency_id.round(qty * price)
        return held

    def _umkm_savings_available(self):
        """``{member id: voluntary savings less the demand they hold}``."""
        balances = self.env["umkm.member.saving"]._balances(self, types=["sukarela"])
        held = self._umkm_demand_held()
        return {m.id: balances[m.id, "sukarela"] - held.get(m.id, 0.0) for m in self}
