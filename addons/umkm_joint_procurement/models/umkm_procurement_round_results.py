from odoo import models
from odoo.tools import float_compare

from odoo.addons.umkm_joint_procurement.tools.procurement_math import (
    uom_round,
)

# a round shows its results once its demand is frozen (closed) and after
RESULT_STATES = ("closed", "ordered", "allocated", "invoiced", "done")
ALLOCATED_STATES = ("allocated", "invoiced", "done")
INVOICED_STATES = ("invoiced", "done")


# pylint: disable=consider-merging-classes-inherited
class UmkmProcurementRound(models.Model):
    """The open results of a round: what the round gave each member of its cluster."""

    _inherit = "umkm.procurement.round"

    def _umkm_results(self, viewer):
        """The results of the round as ``viewer`` (a membership) sees them, or ``None`` when
        the round has none yet (draft, open, cancelled) or ``viewer`` is not an active member
        of the round's cluster.

        Read as the superuser once the viewer is checked: a member sees the totals of every
        material, the vendor and tier reached, the collective price against the price it
        would have paid alone and its own savings, and how the delivery was shared, the
        other members named by ``cluster._umkm_member_labels`` ("Member N" unless the
        cluster shows names); never another member's documents. A fixed number of queries,
        whatever the number of members.

        ``{"materials": [...], "totals": {...} or None, "allocated": bool}``; each material
        ``{"line", "vendor", "qty_demand", "tier_min_qty", "price_collective", "own_qty",
        "price_alone", "amount_alone", "amount_collective", "savings", "savings_percent",
        "shares", "short", "qty_allocated"}``, each share ``{"label", "own", "qty_demand",
        "qty_allocated"}``.
        """
        self.ensure_one()
        if (
            self.state not in RESULT_STATES
            or not viewer
            or viewer.state != "active"
            or viewer.cluster_id != self.cluster_id
        ):
            return None
        rnd = self.sudo()
        lines = rnd.line_ids
        demand = lines._demand_by_member(("confirmed",))  # {line: {member id: qty}}
        allocated = rnd.state in ALLOCATED_STATES
        shares, fee, cost = {}, 0.0, 0.0
        if allocated:
            groups = (
                self.env["umkm.procurement.allocation"]
                .sudo()
                ._read_group(
                    [("round_id", "=", rnd.id)],
                    ["line_id", "member_id"],
                    ["qty_demand:sum", "qty_allocated:sum", "cost_share:sum", "fee_amount:sum"],
                )
            )
            for line, member, qty_demand, qty_allocated, cost_share, fee_amount in groups:
                shares.setdefault(line.id, []).append((member.id, qty_demand, qty_allocated))
                cost += cost_share
                fee += fee_amount
        # the viewer's price alone, as the round counted it when it closed
        own_amounts = lines._member_amounts(members={viewer.id})
        member_ids = {m for per_member in demand.values() for m in per_member}
        member_ids |= {m for rows in shares.values() for m, _d, _a in rows}
        members = self.env["umkm.member"].sudo().browse(sorted(member_ids))
        labels = rnd.cluster_id._umkm_member_labels(members, viewer=viewer)
        materials = []
        for line in lines:
            per_member = demand.get(line, {})
            own_qty = uom_round(line.uom_id, per_member.get(viewer.id, 0.0))
            result = {
                "line": line,
                "vendor": line.vendor_id.display_name or "",
                "qty_demand": line.qty_demand,
                "tier_min_qty": line.tier_min_qty,
                "price_collective": line.price_unit,
                "own_qty": own_qty,
                "price_alone": 0.0,
                "amount_alone": 0.0,
                "amount_collective": 0.0,
                "savings": 0.0,
                "savings_percent": 0.0,
                "shares": [],
                "short": False,
                "qty_allocated": 0.0,
            }
            own = own_amounts.get(line, {}).get(viewer.id)
            if own and line.vendor_id:
                _qty, price, alone, together = own
                result.update(
                    price_alone=price,
                    amount_alone=alone,
                    amount_collective=together,
                    savings=rnd.currency_id.round(alone - together),
                    savings_percent=100.0 * (alone - together) / alone if alone else 0.0,
                )
            rows = shares.get(line.id, [])
            result["shares"] = [
                {
                    "label": labels[member_id],
                    "own": member_id == viewer.id,
                    "qty_demand": qty_demand,
                    "qty_allocated": qty_allocated,
                }
                for member_id, qty_demand, qty_allocated in sorted(rows)
            ]
            result["qty_allocated"] = sum(qty for _m, _d, qty in rows)
            result["short"] = any(
                float_compare(qty_allocated, qty_demand, precision_rounding=line.uom_id.rounding)
                < 0
                for _m, qty_demand, qty_allocated in rows
            )
            materials.append(result)
        totals = None
        if rnd.state in INVOICED_STATES:
            totals = {"fee": fee, "cost": cost}
        return {"materials": materials, "totals": totals, "allocated": allocated}
