from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

from odoo.addons.umkm_cluster.tools.sql_batch import update_rows

from ..exceptions import DemandClosedError

GUARDED_FIELDS = {"round_id", "member_id", "product_id", "qty", "uom_id", "state"}


class UmkmProcurementDemand(models.Model):
    """The demand of one member for one material of a round."""

    _name = "umkm.procurement.demand"
    _description = "Joint Procurement Demand"
    _inherit = ["umkm.number.mixin"]
    _order = "round_id, member_id, id"
    _check_company_auto = True

    round_id = fields.Many2one(
        "umkm.procurement.round",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        domain=[("state", "=", "open")],
    )
    member_id = fields.Many2one(
        "umkm.member",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('cluster_id', '=', cluster_id), ('state', '=', 'active')]",
    )
    partner_id = fields.Many2one(related="member_id.partner_id", string="SME", store=True)
    cluster_id = fields.Many2one(related="round_id.cluster_id", store=True, index=True)
    company_id = fields.Many2one(related="round_id.company_id", store=True, index=True)
    product_id = fields.Many2one(
        "product.product", string="Material", required=True, index=True, check_company=True
    )
    allowed_product_ids = fields.Many2many(
        "product.product", compute="_compute_allowed_product_ids"
    )
    qty = fields.Float(string="Quantity", required=True, digits="Product Unit of Measure")
    uom_id = fields.Many2one(
        "uom.uom",
        string="Unit",
        required=True,
        compute="_compute_uom_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('category_id', '=', product_uom_category_id)]",
        context={"umkm_reference_uom_first": True},
    )
    product_uom_category_id = fields.Many2one(related="product_id.uom_id.category_id")
    state = fields.Selection(
        [("submitted", "Submitted"), ("confirmed", "Confirmed"), ("cancel", "Cancelled")],
        default="submitted",
        required=True,
        readonly=True,
        copy=False,
        index=True,
    )
    note = fields.Char()
    price_alone = fields.Float(
        digits="Product Price",
        readonly=True,
        copy=False,
        help="The unit price (per purchase unit of the round's material) this member would "
        "have paid buying its quantity alone: the vendor's tier at its own quantity, as the "
        "round's baseline cost counted it when the round closed.",
    )

    @api.depends("round_id.line_ids.product_id")
    def _compute_allowed_product_ids(self):
        for demand in self:
            demand.allowed_product_ids = demand.round_id.line_ids.product_id

    @api.depends("product_id")
    def _compute_uom_id(self):
        for demand in self:
            if demand.product_id and (
                not demand.uom_id
                or demand.uom_id.category_id != demand.product_id.uom_id.category_id
            ):
                demand.uom_id = demand.product_id.uom_po_id

    def _set_state_by_round(self, state):
        """Move demand lines to ``state`` as their round moves (closed: confirmed, reopened:
        submitted, cancelled: cancel), in one UPDATE whatever their number.

        Only the state changes, on lines validated when entered, by the round's own action:
        no member-side guard (deadline, open round) and no re-aggregation applies.
        """
        update_rows(self, ("state",), [(demand.id, state) for demand in self])

    def _qty_in_uom(self, uom):
        self.ensure_one()
        return self.uom_id._compute_quantity(self.qty, uom, round=False)

    # ------------------------------------------------------------------ validation
    @api.constrains("qty", "uom_id", "state")
    def _check_demand_quantity(self):
        # a change of quantity (the rush's most frequent save) reads neither the material
        # nor its template: the round line's unit is enough
        for demand in self:
            if demand.state == "cancel":
                continue
            if float_compare(demand.qty, 0.0, precision_rounding=demand.uom_id.rounding) <= 0:
                raise ValidationError(
                    self.env._(
                        "The quantity of %(product)s must be greater than zero.",
                        product=demand.product_id.display_name,
                    )
                )
            line = demand.round_id.line_ids.filtered(
                lambda rl, d=demand: rl.product_id == d.product_id
            )
            if (
                line
                # another category: refused by _check_demand, with its own message
                and demand.uom_id.category_id == line.uom_id.category_id
                and float_compare(
                    demand._qty_in_uom(line.uom_id),
                    line.qty_max_member,
                    precision_rounding=line.uom_id.rounding,
                )
                > 0
            ):
                raise ValidationError(
                    self.env._(
                        "%(member)s can order at most %(qty)s %(uom)s of %(product)s in this "
                        "round: check the quantity (a typing error?) or ask the cooperative.",
                        member=demand.member_id.display_name,
                        qty=self._umkm_format_number(line.qty_max_member),
                        uom=line.uom_id.name,
                        product=demand.product_id.display_name,
                    )
                )

    @api.constrains("uom_id", "product_id", "round_id", "member_id", "state")
    def _check_demand(self):
        for demand in self:
            if demand.state == "cancel":
                continue
            if demand.uom_id.category_id != demand.product_id.uom_id.category_id:
                raise ValidationError(
                    self.env._(
                        "%(uom)s cannot measure %(product)s: use a unit of the category "
                        "%(category)s.",
                        uom=demand.uom_id.name,
                        product=demand.product_id.display_name,
                        category=demand.product_id.uom_id.category_id.name,
                    )
                )
            if demand.product_id not in demand.round_id.line_ids.product_id:
                raise ValidationError(
                    self.env._(
                        "%(product)s is not a material of round %(round)s.",
                        product=demand.product_id.display_name,
                        round=demand.round_id.name,
                    )
                )
            if demand.member_id.cluster_id != demand.round_id.cluster_id:
                raise ValidationError(
                    self.env._(
                        "%(member)s is not a member of the cluster of round %(round)s.",
                        member=demand.member_id.display_name,
                        round=demand.round_id.name,
                    )
                )

    @api.constrains("product_id", "round_id", "member_id", "state")
    def _check_demand_unique(self):
        # not on a change of quantity or unit: a member's save of a line it has skips it
        active = self.filtered(lambda d: d.state != "cancel")
        if active:
            groups = self._read_group(
                [
                    ("round_id", "in", active.round_id.ids),
                    ("member_id", "in", active.member_id.ids),
                    ("state", "!=", "cancel"),
                ],
                ["round_id", "member_id", "product_id"],
                ["__count"],
            )
            duplicates = [(m, p) for _r, m, p, count in groups if count > 1]
            if duplicates:
                member, product = duplicates[0]
                raise ValidationError(
                    self.env._(
                        "%(member)s already has a demand line for %(product)s in this round: "
                        "change its quantity instead.",
                        member=member.display_name,
                        product=product.display_name,
                    )
                )

    def _check_round_accepts_demand(self):
        """Demand can change only in open rounds before the deadline (or, only raised, in the
        window to reach the next tier: :meth:`_check_window_raise`), for active members."""
        now = fields.Datetime.now()
        for demand in self:
            rnd = demand.round_id
            if rnd.state != "open":
                raise DemandClosedError(
                    self.env._(
                        "Round %(round)s is not open for demand (it is %(state)s).",
                        round=rnd.name,
                        state=rnd._state_label(rnd.state),
                    )
                )
            if rnd.deadline and rnd.deadline < now and rnd.date_window_end:
                if not rnd._umkm_in_window(now):
                    raise DemandClosedError(
                        self.env._(
                            "The window to reach the next tier of round %(round)s has ended: "
                            "demand can no longer change.",
                            round=rnd.name,
                        )
                    )
            elif rnd.deadline and rnd.deadline < now:
                raise DemandClosedError(
                    self.env._(
                        "The deadline of round %(round)s has passed: demand can no longer change.",
                        round=rnd.name,
                    )
                )
            if demand.member_id.state != "active":
                raise UserError(
                    self.env._(
                        "%(member)s is not an active member: only active members can order.",
                        member=demand.member_id.display_name,
                    )
                )

    def _window_quantities(self):
        """``{demand id: (round, member, product, state, quantity in the round line's unit)}``
        of these demand lines whose round is in its window to reach the next tier."""
        now = fields.Datetime.now()
        quantities = {}
        for demand in self:
            rnd = demand.round_id
            if not rnd._umkm_in_window(now):
                continue
            line = rnd.line_ids.filtered(lambda rl, d=demand: rl.product_id == d.product_id)
            qty = demand._qty_in_uom(line.uom_id) if line else demand.qty
            quantities[demand.id] = (rnd, demand.member_id, demand.product_id, demand.state, qty)
        return quantities

    def _window_error(self, demand, reason):
        """The refusal of a change in the window, in the reader's language: ``reason`` is
        ``lower`` (with the quantity before), ``remove`` or ``new``."""
        rnd, product = demand.round_id, demand.product_id
        if reason == "new":
            return UserError(
                self.env._(
                    "The deadline of round %(round)s has passed: until %(end)s only the demand "
                    "entered before the deadline can be raised, to reach the next price tier. "
                    "%(product)s is not in the demand of %(member)s.",
                    round=rnd.name,
                    end=rnd._umkm_format_datetime(rnd.date_window_end),
                    product=product.display_name,
                    member=demand.member_id.display_name,
                )
            )
        if reason == "remove":
            return UserError(
                self.env._(
                    "The deadline of round %(round)s has passed: until %(end)s demand can only "
                    "be raised, to reach the next price tier; the demand for %(product)s cannot "
                    "be removed.",
                    round=rnd.name,
                    end=rnd._umkm_format_datetime(rnd.date_window_end),
                    product=product.display_name,
                )
            )
        line = rnd.line_ids.filtered(lambda rl: rl.product_id == product)
        return UserError(
            self.env._(
                "The deadline of round %(round)s has passed: until %(end)s demand can only be "
                "raised, to reach the next price tier. Your demand for %(product)s cannot go "
                "below %(qty)s.",
                round=rnd.name,
                end=rnd._umkm_format_datetime(rnd.date_window_end),
                product=product.display_name,
                qty=rnd._umkm_format_qty(reason, line.uom_id),
            )
        )

    def _check_window_raise(self, before):
        """In the window to reach the next tier, demand is only raised: refuse a lower
        quantity, a cancelled or moved line, or a line of a round now in its window that was
        not in it (``before``: :meth:`_window_quantities` before the change)."""
        after = self._window_quantities()
        for demand in self:
            old, new = before.get(demand.id), after.get(demand.id)
            if old is None and new is None:
                continue
            if old is None:
                raise self._window_error(demand, "new")
            if new is None or new[:3] != old[:3] or new[3] == "cancel":
                raise self._window_error(demand, "remove")
            line = demand.round_id.line_ids.filtered(
                lambda rl, d=demand: rl.product_id == d.product_id
            )
            rounding = line.uom_id.rounding or 0.001
            if float_compare(new[4], old[4], precision_rounding=rounding) < 0:
                raise self._window_error(demand, old[4])

    def _claim_places(self, pairs=None):
        """Write the places of the demand's members in their rounds (``pairs``: ``{(round id,
        member id)}``, by default those of these lines): a save and the close of its round
        write the same row, so the close counts every save committed before it and a save
        after it is refused (see ``umkm.procurement.round.member``), while the saves of
        different members write different rows and do not wait on one another. The rounds'
        totals are refreshed by their job, not written here."""
        if pairs is None:
            pairs = {(demand.round_id.id, demand.member_id.id) for demand in self}
        without_place = self.env["umkm.procurement.round.member"]._claim(pairs)
        if without_place:
            # no place yet (a member active since the round opened): the round's row, which
            # the close writes as well
            without_place.sudo().write({"demand_date": fields.Datetime.now()})
        self.env["umkm.procurement.round"].browse({r for r, _m in pairs})._umkm_totals_changed()

    @api.model_create_multi
    def create(self, vals_list):
        demands = super().create(vals_list)
        demands._check_round_accepts_demand()
        demands._check_window_raise({})  # a new line in the window: refused
        demands._claim_places()
        return demands

    def write(self, vals):
        guarded = GUARDED_FIELDS & set(vals)
        if guarded:
            self.check_access("write")
            self._check_round_accepts_demand()
            before = self._window_quantities()
            pairs = {(demand.round_id.id, demand.member_id.id) for demand in self}
        res = super().write(vals)
        if guarded:
            self._check_round_accepts_demand()
            self._check_window_raise(before)
            pairs |= {(demand.round_id.id, demand.member_id.id) for demand in self}
            self._claim_places(pairs)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_open(self):
        self._check_round_accepts_demand()
        in_window = self._window_quantities()
        for demand in self:
            if demand.id in in_window:
                raise self._window_error(demand, "remove")

    def unlink(self):
        pairs = {(demand.round_id.id, demand.member_id.id) for demand in self}
        res = super().unlink()
        self._claim_places(pairs)
        return res

    def action_cancel(self):
        """Cancel demand lines (while their round is open)."""
        self.write({"state": "cancel"})
        return True
