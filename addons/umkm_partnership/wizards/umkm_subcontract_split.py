from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_is_zero, float_round

from odoo.addons.umkm_partnership.tools.split import (
    Candidate,
    free_capacity,
    priority_key,
    split_schedule,
)


class UmkmSubcontractSplit(models.TransientModel):
    """Propose a split of an order's open quantity among capable members with free capacity."""

    _name = "umkm.subcontract.split"
    _description = "Split Subcontract Order"

    order_id = fields.Many2one("umkm.subcontract.order", required=True, ondelete="cascade")
    uom_id = fields.Many2one(related="order_id.uom_id")
    currency_id = fields.Many2one(related="order_id.currency_id")
    qty_open = fields.Float(
        string="Quantity to assign", digits="Product Unit of Measure", readonly=True
    )
    min_lot = fields.Float(string="Minimum lot", digits="Product Unit of Measure")
    date_response = fields.Date(
        string="Members answer before",
        default=lambda self: fields.Date.add(fields.Date.context_today(self), days=3),
    )
    split_policy = fields.Selection(related="order_id.split_policy", readonly=False)
    split_policy_editable = fields.Boolean(related="order_id.split_policy_editable")
    rotation_months = fields.Integer(related="order_id.cluster_id.split_rotation_months")
    line_ids = fields.One2many("umkm.subcontract.split.line", "wizard_id", string="Proposal")
    qty_proposed = fields.Float(compute="_compute_totals", digits="Product Unit of Measure")
    qty_uncovered = fields.Float(
        string="Not covered", compute="_compute_totals", digits="Product Unit of Measure"
    )
    candidate_count = fields.Integer(readonly=True)
    warning = fields.Char(compute="_compute_totals")

    @api.depends("line_ids.qty", "qty_open")
    def _compute_totals(self):
        for wizard in self:
            rounding = wizard.uom_id.rounding or 0.01
            proposed = float_round(sum(wizard.line_ids.mapped("qty")), precision_rounding=rounding)
            wizard.qty_proposed = proposed
            wizard.qty_uncovered = max(
                0.0, float_round(wizard.qty_open - proposed, precision_rounding=rounding)
            )
            if float_is_zero(wizard.qty_uncovered, precision_rounding=rounding):
                wizard.warning = False
            else:
                wizard.warning = self.env._(
                    "%(qty)s %(uom)s cannot be covered by the members' free capacity before "
                    "the due date.",
                    qty=wizard.qty_uncovered,
                    uom=wizard.uom_id.name,
                )

    # ------------------------------------------------------------------ lookups
    @api.model
    def _get_candidates(self, order, dates=None):
        """Active members of the order's cluster with its capability, and their free capacity
        until each of ``dates`` (default: the order's due date).

        Three queries whatever the number of members (the members, their capacities, their
        load as grouped reads), and one per date for their unavailable periods.
        :return: list of :class:`Candidate` keyed by member id; with ``dates``, each
            candidate's ``free`` is a list, one cumulative figure per date
        """
        single = dates is None
        dates = [order.date_due] if single else dates
        members = (
            self.env["umkm.member"]
            .sudo()
            .search_fetch(
                [
                    ("cluster_id", "=", order.cluster_id.id),
                    ("state", "=", "active"),
                    ("capability_ids", "in", order.capability_id.ids),
                ],
                ["on_time_rate", "reject_rate"],
            )
        )
        if not members:
            return []
        to_uom = order.uom_id
        capacity = dict.fromkeys(members.ids, 0.0)
        for member, uom, qty in (
            self.env["umkm.member.capacity"]
            .sudo()
            ._read_group(
                [("member_id", "in", members.ids), ("capability_id", "=", order.capability_id.id)],
                ["member_id", "uom_id"],
                ["qty_per_week:sum"],
            )
        ):
            if uom.category_id == to_uom.category_id:
                capacity[member.id] += uom._compute_quantity(qty, to_uom, round=False)
        load = dict.fromkeys(members.ids, 0.0)
        for member, uom, qty, accepted in (
            self.env["umkm.subcontract.assignment"]
            .sudo()
            ._read_group(
                [
                    ("member_id", "in", members.ids),
                    ("capability_id", "=", order.capability_id.id),
                    "|",
                    ("state", "in", ("accepted", "in_progress")),
                    "&",
                    ("state", "=", "proposed"),
                    ("order_id", "=", order.id),
                ],
                ["member_id", "uom_id"],
                ["qty:sum", "qty_accepted:sum"],
            )
        ):
            if uom.category_id == to_uom.category_id:
                load[member.id] += uom._compute_quantity(qty - accepted, to_uom, round=False)
        today = fields.Date.context_today(self)
        free = {member_id: [] for member_id in members.ids}
        for date in dates:
            days_left = (date - today).days
            # the days a member said it cannot work (holiday, machine repair) do not count
            unavailable = self.env["umkm.member.unavailability"]._unavailable_days(
                members.ids, today, date
            )
            for member_id in members.ids:
                free[member_id].append(
                    float_round(
                        free_capacity(
                            capacity[member_id],
                            days_left - unavailable[member_id],
                            load[member_id],
                        ),
                        precision_rounding=to_uom.rounding,
                        rounding_method="DOWN",
                    )
                )
        return [
            Candidate(
                key=member.id,
                free=free[member.id][0] if single else free[member.id],
                on_time_rate=member.on_time_rate,
                reject_rate=member.reject_rate,
            )
            for member in members
        ]

    @api.model
    def _open_lots(self, order):
        """The lots of ``order`` with quantity left to assign, by due date."""
        rounding = order.uom_id.rounding
        return order.lot_ids.filtered(
            lambda lot: not float_is_zero(lot.qty_open, precision_rounding=rounding)
        ).sorted(lambda lot: (lot.date_due, lot.id))

    def _propose(self):
        """Fill the proposal lot by lot under the order's split policy (best members first,
        rotation or capacity share), within the capacity they have until each lot's date (less
        what they get in earlier lots), minimum lot. Each candidate's work of this capability
        over the last 12 months (and the rotation's months) comes from one grouped read."""
        self.ensure_one()
        order = self.order_id
        policy = order.split_policy or "performance"
        lots = self._open_lots(order)
        candidates = self._get_candidates(order, lots.mapped("date_due"))
        Order = self.env["umkm.subcontract.order"]
        since_rotation = Order._umkm_months_ago(order.cluster_id.split_rotation_months or 6)
        since_year = Order._umkm_months_ago(12)
        history = Order._umkm_received_work(
            self.env["umkm.member"].browse([c.key for c in candidates]),
            order.capability_id,
            order.uom_id,
            [since_rotation, since_year],
        )
        candidates = [c._replace(received=history[since_rotation][c.key]) for c in candidates]
        min_lot = order.min_lot
        # members who declined this order are listed but not proposed again automatically
        declined = set(order.assignment_ids.filtered(lambda a: a.state == "declined").member_id.ids)
        results = split_schedule(
            [(lot.id, lot.qty_open) for lot in lots],
            [c for c in candidates if c.key not in declined],
            min_lot=min_lot,
            rounding=order.uom_id._umkm_split_step(),
            policy=policy,
        )
        commands = [Command.clear()]
        for index, lot in enumerate(lots):
            # one line per candidate and lot, first served first, declined members included
            lot_candidates = [c._replace(free=c.free[index]) for c in candidates]
            commands += [
                Command.create(
                    {
                        "member_id": c.key,
                        "lot_id": lot.id,
                        "qty_free": c.free,
                        "on_time_rate": c.on_time_rate,
                        "reject_rate": c.reject_rate,
                        "qty_received": c.received,
                        "qty_last_year": history[since_year][c.key],
                        "qty": results[lot.id].allocations.get(c.key, 0.0),
                    }
                )
                for c in sorted(lot_candidates, key=priority_key(policy))
            ]
        self.write(
            {
                "qty_open": order.qty_open,
                "min_lot": min_lot,
                "candidate_count": len(candidates),
                "line_ids": commands,
            }
        )
        return results

    def action_recompute(self):
        self._propose()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_confirm(self):
        """Create the proposed assignments (members then accept or decline them)."""
        self.ensure_one()
        order = self.order_id
        order._check_state(("confirmed", "assigned", "in_progress"), self.env._("split"))
        rounding = order.uom_id.rounding
        lines = self.line_ids.filtered(
            lambda line: not float_is_zero(line.qty, precision_rounding=rounding)
        )
        if not lines:
            raise UserError(self.env._("The proposal is empty: nothing to assign."))
        negative = lines.filtered(lambda line: line.qty < 0)
        if negative:
            raise ValidationError(self.env._("Proposed quantities cannot be negative."))
        lots = self._open_lots(order)
        foreign = lines.filtered(lambda line: line.lot_id not in lots)
        if foreign:
            raise ValidationError(
                self.env._(
                    "The proposal names a delivery lot with nothing left to assign: compute "
                    "the proposal again."
                )
            )
        # check against fresh figures: capacity or load may have moved since the proposal
        free = {c.key: c.free for c in self._get_candidates(order, lots.mapped("date_due"))}
        unknown = lines.member_id.filtered(lambda m: m.id not in free)
        if unknown:
            raise ValidationError(
                self.env._(
                    "%(member)s is not an active member with the capability %(capability)s.",
                    member=unknown[:1].display_name,
                    capability=order.capability_id.display_name,
                )
            )
        by_lot = lines.grouped("lot_id")
        taken = {}
        for index, lot in enumerate(lots):
            lot_lines = by_lot.get(lot, lines.browse())
            for line in lot_lines:
                member_id = line.member_id.id
                taken[member_id] = taken.get(member_id, 0.0) + line.qty
                if (
                    float_compare(
                        taken[member_id], free[member_id][index], precision_rounding=rounding
                    )
                    > 0
                ):
                    raise ValidationError(
                        self.env._(
                            "%(member)s can take at most %(free)s %(uom)s until %(date)s "
                            "(%(qty)s proposed).",
                            member=line.member_id.display_name,
                            free=free[member_id][index],
                            uom=order.uom_id.name,
                            date=order._umkm_format_date(lot.date_due),
                            qty=order._umkm_format_number(taken[member_id]),
                        )
                    )
            lot_total = sum(lot_lines.mapped("qty"))
            if float_compare(lot_total, lot.qty_open, precision_rounding=rounding) > 0:
                raise ValidationError(
                    self.env._(
                        "%(lot)s: the proposal (%(total)s %(uom)s) is more than its quantity "
                        "to assign (%(open)s %(uom)s).",
                        lot=lot.display_name,
                        total=lot_total,
                        open=lot.qty_open,
                        uom=order.uom_id.name,
                    )
                )
            lot_min = min(self.min_lot or 0.0, lot.qty_open)
            small = lot_lines.filtered(
                lambda line, m=lot_min: float_compare(line.qty, m, precision_rounding=rounding) < 0
            )
            if small:
                raise ValidationError(
                    self.env._(
                        "Each member gets at least the minimum lot of %(lot)s %(uom)s "
                        "(%(members)s get less).",
                        lot=lot_min,
                        uom=order.uom_id.name,
                        members=", ".join(small.member_id.mapped("display_name")),
                    )
                )
        qty_open = order.qty_open
        total = sum(lines.mapped("qty"))
        if float_compare(total, qty_open, precision_rounding=rounding) > 0:
            raise ValidationError(
                self.env._(
                    "The proposal (%(total)s %(uom)s) is more than the quantity to assign "
                    "(%(open)s %(uom)s).",
                    total=total,
                    open=qty_open,
                    uom=order.uom_id.name,
                )
            )
        assignments = self.env["umkm.subcontract.assignment"].create(
            [
                {
                    "order_id": order.id,
                    "lot_id": line.lot_id.id,
                    "member_id": line.member_id.id,
                    "qty": line.qty,
                    "date_due": line.lot_id.date_due,
                    "date_response": self.date_response,
                    # why the member got it: the figures of this proposal
                    "split_policy": order.split_policy,
                    "split_qty_free": line.qty_free,
                    "split_qty_received": line.qty_received,
                }
                for line in lines
            ]
        )
        order.agreement_id.sudo().member_ids = [
            Command.link(member.id) for member in lines.member_id
        ]
        order._update_state_from_work()
        assignments._notify_members_proposed()
        uncovered = max(0.0, qty_open - total)
        if not float_is_zero(uncovered, precision_rounding=rounding):
            order.message_post(
                body=self.env._(
                    "%(qty)s %(uom)s of the order could not be assigned yet.",
                    qty=order._umkm_format_number(
                        float_round(uncovered, precision_rounding=rounding)
                    ),
                    uom=order.uom_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return {"type": "ir.actions.act_window_close"}
