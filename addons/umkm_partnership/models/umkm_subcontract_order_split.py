from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools.misc import formatLang

from .umkm_subcontract_order import RECEIVED_STATES, SPLIT_POLICIES

# Assignment states shown in an order's split (the work as shared, not what was refused).
SHARED_STATES = ("proposed", "accepted", "in_progress", "done")
SPLITTABLE_STATES = ("draft", "submitted", "confirmed", "assigned", "in_progress")


# one concern of the order per file (the order itself in umkm_subcontract_order.py)
# pylint: disable=consider-merging-classes-inherited
class UmkmSubcontractOrder(models.Model):
    """How the order is split among the members (its policy) and what a member sees of the
    split: each share, anonymised as the cluster says, and why it got it."""

    _inherit = "umkm.subcontract.order"

    split_policy = fields.Selection(
        SPLIT_POLICIES,
        compute="_compute_split_policy",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        tracking=True,
        help="How the split is proposed: by performance fills the best-rated members first; "
        "rotation gives more to the members who received less of this capability's work "
        "lately; by capacity share gives each member work in proportion to its free capacity. "
        "The cluster's policy unless chosen here.",
    )
    split_policy_editable = fields.Boolean(compute="_compute_split_policy_editable")

    @api.depends("cluster_id")
    def _compute_split_policy(self):
        for order in self:
            order.split_policy = order.cluster_id.split_policy or "performance"

    @api.depends("state")
    def _compute_split_policy_editable(self):
        for order in self:
            order.split_policy_editable = order.state in SPLITTABLE_STATES

    # ------------------------------------------------------------------ history
    @api.model
    def _umkm_received_work(self, members, capability, to_uom, dates_from):
        """The quantity of ``capability``'s work each of ``members`` received (assignments
        accepted or later, by their due date) since each of ``dates_from``, in ``to_uom``.

        One grouped read whatever the number of members and dates.
        :return: ``{date_from: {member id: quantity}}``
        """
        result = {date: dict.fromkeys(members.ids, 0.0) for date in dates_from}
        if not members or not dates_from:
            return result
        domain = [
            ("member_id", "in", members.ids),
            ("capability_id", "=", capability.id),
            ("state", "in", RECEIVED_STATES),
            ("date_due", ">=", min(dates_from)),
        ]
        groups = (
            self.env["umkm.subcontract.assignment"]
            .sudo()
            ._read_group(domain, ["member_id", "uom_id", "date_due:day"], ["qty:sum"])
        )
        for member, uom, day, qty in groups:
            if uom.category_id != to_uom.category_id:
                continue
            qty = uom._compute_quantity(qty, to_uom, round=False)
            for date in dates_from:
                if day >= date:
                    result[date][member.id] += qty
        return result

    @api.model
    def _umkm_months_ago(self, months):
        return fields.Date.context_today(self) - relativedelta(months=months)

    # ------------------------------------------------------------------ open split
    def _umkm_policy_explanation(self, policy):
        """``policy`` in words, for a member."""
        self.ensure_one()
        if policy == "rotation":
            return self.env._(
                "Rotation: more work goes to the members who received less %(capability)s work "
                "over the last %(months)s months, within the capacity each has until each "
                "delivery date.",
                capability=self.capability_id.name,
                months=self.cluster_id.split_rotation_months,
            )
        if policy == "capacity":
            return self.env._(
                "By capacity share: each member gets work in proportion to the capacity it "
                "has free until each delivery date."
            )
        return self.env._(
            "By performance: the members with the best on-time and lowest reject rates are "
            "filled first, each within the capacity it has free until each delivery date."
        )

    def _umkm_split_summary(self, viewer):
        """What ``viewer`` (a member with work on this order) sees of its split: the policy,
        each member's share by delivery lot (names only where the cluster shows them), why
        (its free capacity until each lot's date and, under rotation, the work it had
        received, both as the split saw them; its weekly capacity and ratings), and the
        viewer's share of the cluster's work over the last 12 months against the cluster's
        median.

        A fixed number of queries whatever the number of members."""
        self.ensure_one()
        order = self.sudo()
        cluster = order.cluster_id
        shares = order.assignment_ids.filtered(lambda a: a.state in SHARED_STATES)
        # the policy of the split that proposed the work (the order's for work given by hand)
        policies = set(shares.mapped("split_policy")) - {False}
        policy = policies.pop() if len(policies) == 1 else order.split_policy
        lots = order.lot_ids.sorted(lambda lot: (lot.date_due, lot.id))
        cells = {}
        received = {}
        for share in shares.sorted("id"):
            cell = cells.setdefault((share.member_id.id, share.lot_id.id), [0.0, None])
            cell[0] += share.qty
            if share.split_policy:
                cell[1] = share.split_qty_free
                received.setdefault(share.member_id.id, share.split_qty_received)
        members = shares.member_id
        totals = dict.fromkeys(members.ids, 0.0)
        for (member_id, _lot_id), (qty, _free) in cells.items():
            totals[member_id] += qty
        # largest share first, then by member: "Member 1" is the largest share
        members = members.sorted(lambda m: (-totals[m.id], m.id))
        labels = cluster._umkm_member_labels(members, viewer=viewer)
        weekly = dict.fromkeys(members.ids, 0.0)
        for member, uom, week in (
            self.env["umkm.member.capacity"]
            .sudo()
            ._read_group(
                [("member_id", "in", members.ids), ("capability_id", "=", order.capability_id.id)],
                ["member_id", "uom_id"],
                ["qty_per_week:sum"],
            )
        ):
            if uom.category_id == order.uom_id.category_id:
                weekly[member.id] += uom._compute_quantity(week, order.uom_id, round=False)
        rows = []
        for member in members:
            member_cells = [cells.get((member.id, lot.id), [0.0, None]) for lot in lots]
            rows.append(
                {
                    "member": member,
                    "label": labels[member.id],
                    "is_viewer": member == viewer,
                    "lots": [{"qty": qty, "free": free} for qty, free in member_cells],
                    "qty": totals[member.id],
                    "weekly": weekly[member.id],
                    "on_time_rate": member.on_time_rate,
                    "reject_rate": member.reject_rate,
                    "received": received.get(member.id),
                }
            )
        share = cluster._umkm_work_share(viewer)
        currency = share["currency"]
        return {
            "order": order,
            "title": self.env._("How %(order)s was shared", order=order.name),
            "policy": dict(self._fields["split_policy"]._description_selection(self.env))[policy],
            "rotation": policy == "rotation",
            "explanation": order._umkm_policy_explanation(policy),
            "received_header": self.env._(
                "Received in the %(months)s months before", months=cluster.split_rotation_months
            ),
            "open_text": self.env._(
                "Not assigned yet: %(qty)s",
                qty=order._umkm_format_qty(order.qty_open, order.uom_id),
            ),
            "share_text": self.env._(
                "Over the last %(months)s months your business received %(share)s %% of the "
                "cluster's subcontract work (%(amount)s).",
                months=share["months"],
                share=order._umkm_format_number(round(share["share"], 1)),
                amount=formatLang(self.env, share["amount"], currency_obj=currency),
            ),
            "median_text": self.env._(
                "The median of the cluster's %(members)s active members is %(share)s %% "
                "(%(amount)s).",
                members=share["members"],
                share=order._umkm_format_number(round(share["median_share"], 1)),
                amount=formatLang(self.env, share["median_amount"], currency_obj=currency),
            ),
            "lots": lots,
            "rows": rows,
            "qty_open": order.qty_open,
            "names_shown": cluster.show_member_names,
            "fair_share": share,
        }
