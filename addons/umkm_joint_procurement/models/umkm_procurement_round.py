import logging
from collections import defaultdict
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, float_compare

from .procurement_math import (
    allocate,
    amount_units,
    from_units,
    largest_remainder,
    order_quantity,
    pick_tier,
    split_billing,
    to_units,
    uom_round,
    values_of_units,
)

_logger = logging.getLogger(__name__)

STATES = [
    ("draft", "Draft"),
    ("open", "Open for demand"),
    ("closed", "Closed"),
    ("ordered", "Ordered"),
    ("allocated", "Allocated"),
    ("invoiced", "Invoiced"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
]
REMINDER_DAYS = 2
# Above this many members to invoice (system parameter umkm_joint_procurement.background_invoices),
# member invoices are created by a background job, this many per run
# (umkm_joint_procurement.invoices_per_job): about 6 s per 100 invoices of 20 lines.
BACKGROUND_INVOICES = 300
INVOICES_PER_JOB = 200


class UmkmProcurementRound(models.Model):
    """A joint raw-material procurement round of a cluster."""

    _name = "umkm.procurement.round"
    _description = "Joint Procurement Round"
    _inherit = [
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "umkm.state.mixin",
        "umkm.number.mixin",
    ]
    _order = "deadline desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    title = fields.Char(
        help="Short description shown to members, e.g. 'Kain & malam for Lebaran stock'."
    )
    cluster_id = fields.Many2one(
        "umkm.cluster",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        compute="_compute_currency_id",
        store=True,
        readonly=False,
        precompute=True,
        help="Currency of the purchase orders and the member invoices of the round.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        tracking=True,
    )
    deadline = fields.Datetime(
        required=True, tracking=True, help="Members can enter their demand until this moment."
    )
    expected_date = fields.Date(
        string="Expected arrival", tracking=True, help="When the materials should arrive."
    )
    allocation_method = fields.Selection(
        [("proportional", "Proportional to demand"), ("equal_share", "Equal share (max-min fair)")],
        required=True,
        default="proportional",
        tracking=True,
        help="How a short delivery is shared. Proportional: everyone gets the same fraction "
        "of its demand. Equal share: small demands are served in full and the rest is "
        "shared equally (max-min fair).",
    )
    cost_split = fields.Selection(
        [("by_value", "By value"), ("by_quantity", "By quantity")],
        required=True,
        default="by_value",
        tracking=True,
        help="How shared costs (freight, handling...) are divided among members: by the "
        "value or by the quantity of what each member received.",
    )
    fee_percent = fields.Float(
        string="Service fee (%)",
        digits=(5, 2),
        default=0.0,
        tracking=True,
        help="Cooperative service fee, in percent of each member's materials and shared costs.",
    )
    note = fields.Html(string="Notes")
    state = fields.Selection(
        STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    line_ids = fields.One2many(
        "umkm.procurement.round.line", "round_id", string="Materials", copy=True
    )
    demand_ids = fields.One2many("umkm.procurement.demand", "round_id", string="Demand lines")
    cost_ids = fields.One2many("umkm.procurement.cost", "round_id", string="Shared costs")
    purchase_ids = fields.One2many("purchase.order", "umkm_round_id", string="Purchase orders")
    allocation_ids = fields.One2many(
        "umkm.procurement.allocation", "round_id", string="Allocations"
    )
    invoice_ids = fields.One2many("account.move", "umkm_round_id", string="Member invoices")
    picking_ids = fields.Many2many(
        "stock.picking", compute="_compute_picking_ids", string="Receipts"
    )
    delivery_ids = fields.One2many("stock.picking", "umkm_round_id", string="Deliveries to members")
    delivery_count = fields.Integer(compute="_compute_counts")
    amount_collective = fields.Monetary(
        compute="_compute_amounts", store=True, string="Collective cost"
    )
    amount_baseline = fields.Monetary(
        compute="_compute_amounts",
        store=True,
        string="Baseline cost",
        help="What the members would have paid buying alone, each at its own quantity.",
    )
    savings = fields.Monetary(
        compute="_compute_amounts",
        store=True,
        help="Baseline cost minus collective cost of the demanded materials.",
    )
    savings_percent = fields.Float(
        compute="_compute_amounts", store=True, string="Savings (%)", digits=(5, 2)
    )
    cost_total = fields.Monetary(compute="_compute_cost_total", string="Total shared costs")
    demand_count = fields.Integer(compute="_compute_counts")
    demand_member_count = fields.Integer(compute="_compute_counts", string="Members with demand")
    purchase_count = fields.Integer(compute="_compute_counts")
    picking_count = fields.Integer(compute="_compute_picking_ids")
    allocation_count = fields.Integer(compute="_compute_counts")
    invoice_count = fields.Integer(compute="_compute_counts")
    reminder_sent = fields.Boolean(copy=False, readonly=True)
    invoicing_queued = fields.Boolean(
        string="Invoicing in the background",
        copy=False,
        readonly=True,
        help="The member invoices of this round are being created by a background job.",
    )
    is_past_deadline = fields.Boolean(compute="_compute_is_past_deadline")
    color = fields.Integer()

    _sql_constraints = [
        (
            "fee_percent_range",
            "CHECK(fee_percent >= 0 AND fee_percent <= 100)",
            "The service fee is a percentage between 0 and 100.",
        ),
    ]

    # ------------------------------------------------------------------ computes
    @api.depends("cluster_id")
    def _compute_company_id(self):
        for rnd in self:
            if rnd.cluster_id:
                rnd.company_id = rnd.cluster_id.company_id
            elif not rnd.company_id:
                rnd.company_id = self.env.company

    @api.depends("company_id")
    def _compute_currency_id(self):
        for rnd in self:
            if not rnd.currency_id or rnd.state in (False, "draft"):
                rnd.currency_id = rnd.company_id.currency_id or self.env.company.currency_id

    @api.depends("line_ids.amount_collective", "line_ids.amount_baseline")
    def _compute_amounts(self):
        for rnd in self:
            collective = sum(rnd.line_ids.mapped("amount_collective"))
            baseline = sum(rnd.line_ids.mapped("amount_baseline"))
            rnd.amount_collective = collective
            rnd.amount_baseline = baseline
            rnd.savings = baseline - collective
            rnd.savings_percent = 100.0 * (baseline - collective) / baseline if baseline else 0.0

    @api.depends("cost_ids.amount")
    def _compute_cost_total(self):
        for rnd in self:
            rnd.cost_total = sum(rnd.cost_ids.mapped("amount"))

    @api.depends("purchase_ids.picking_ids")
    def _compute_picking_ids(self):
        # officers without purchase rights still see how many receipts a round has
        for rnd in self:
            pickings = rnd.sudo().purchase_ids.picking_ids
            rnd.picking_ids = pickings.with_env(self.env)
            rnd.picking_count = len(pickings)

    def _compute_counts(self):
        def counts(model, domain, groupby="round_id"):
            # counts only (the rounds themselves are readable): officers without purchase or
            # invoicing rights still see how many orders and invoices a round has
            groups = (
                self.env[model]
                .sudo()
                ._read_group([(groupby, "in", self.ids), *domain], [groupby], ["__count"])
            )
            return {rnd.id: count for rnd, count in groups}

        demands = counts("umkm.procurement.demand", [("state", "!=", "cancel")])
        members = dict(
            self.env["umkm.procurement.demand"]._read_group(
                [("round_id", "in", self.ids), ("state", "!=", "cancel")],
                ["round_id"],
                ["member_id:count_distinct"],
            )
        )
        purchases = counts("purchase.order", [], "umkm_round_id")
        allocations = counts("umkm.procurement.allocation", [])
        invoices = counts("account.move", [], "umkm_round_id")
        deliveries = counts("stock.picking", [("state", "!=", "cancel")], "umkm_round_id")
        for rnd in self:
            rnd.demand_count = demands.get(rnd.id, 0)
            rnd.demand_member_count = members.get(rnd, 0)
            rnd.purchase_count = purchases.get(rnd.id, 0)
            rnd.allocation_count = allocations.get(rnd.id, 0)
            rnd.invoice_count = invoices.get(rnd.id, 0)
            rnd.delivery_count = deliveries.get(rnd.id, 0)

    @api.depends("deadline")
    def _compute_is_past_deadline(self):
        now = fields.Datetime.now()
        for rnd in self:
            rnd.is_past_deadline = bool(rnd.deadline and rnd.deadline < now)

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for rnd in self:
            rnd.access_url = f"/my/procurement/{rnd.id}"
        return res

    # ------------------------------------------------------------------ constraints
    @api.constrains("deadline", "expected_date")
    def _check_dates(self):
        for rnd in self:
            if rnd.deadline and rnd.expected_date and rnd.expected_date < rnd.deadline.date():
                raise ValidationError(
                    self.env._(
                        "Round %(name)s: the materials cannot be expected before the demand "
                        "deadline.",
                        name=rnd.name,
                    )
                )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        rounds = super().create(vals_list)
        sequence = self.env["ir.sequence"]
        for rnd in rounds.filtered(lambda r: not r.name or r.name == "/"):
            rnd.name = sequence.with_company(rnd.company_id).next_by_code(
                "umkm.procurement.round"
            ) or self.env._("New")
        return rounds

    def write(self, vals):
        locked = {"cluster_id", "company_id", "currency_id", "allocation_method", "cost_split"}
        if locked & set(vals) and not self.env.context.get("umkm_procurement_force"):
            frozen = self.filtered(lambda r: r.state not in ("draft", "open", "closed"))
            if frozen:
                raise UserError(
                    self.env._(
                        "The cluster, currency, allocation method and cost split of %(rounds)s "
                        "can no longer be changed: purchase orders exist.",
                        rounds=", ".join(frozen.mapped("name")),
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft_or_cancel(self):
        for rnd in self:
            if rnd.state not in ("draft", "cancel"):
                raise UserError(
                    self.env._(
                        "Round %(name)s can only be deleted in draft or cancelled.",
                        name=rnd.name,
                    )
                )
            if rnd.purchase_ids or rnd.invoice_ids:
                raise UserError(
                    self.env._(
                        "Round %(name)s has purchase orders or invoices and cannot be deleted.",
                        name=rnd.name,
                    )
                )

    # ------------------------------------------------------------------ helpers
    def _active_members(self):
        return self.env["umkm.member"].search(
            [("cluster_id", "in", self.cluster_id.ids), ("state", "=", "active")]
        )

    @api.model
    def _tiers_of_product(self, product, currency, company, date=None):
        """Vendor price tiers of ``product`` valid on ``date``, prices in ``currency``.

        Returns a list of ``(supplierinfo, min_qty, price, sequence)``; quantities and prices
        are in the product's purchase UoM.
        """
        date = date or fields.Date.context_today(self)
        tiers = []
        sellers = product.seller_ids._get_filtered_supplier(company, product, False)
        for seller in sellers:
            if seller.date_start and seller.date_start > date:
                continue
            if seller.date_end and seller.date_end < date:
                continue
            price = seller.price_discounted
            if seller.currency_id and seller.currency_id != currency:
                price = seller.currency_id._convert(price, currency, company, date)
            tiers.append((seller, seller.min_qty, price, seller.sequence))
        return tiers

    # ------------------------------------------------------------------ aggregation
    def _demand_by_line(self, states):
        """Demand of the rounds in ``states`` per material line and member, in the line's
        purchase unit (not rounded): ``{line: {member id: qty}}``, members in id order.

        One query, whatever the number of demand lines, with the demand's record rules
        applied. Plain SQL on the ORM's query rather than ``_read_group``: building a record
        for the round, material, member and unit of each of 20,000 groups (1,000 members x
        20 materials) and ordering them by their models' orders cost 0.6 s; this costs 0.05 s.
        """
        Demand = self.env["umkm.procurement.demand"]
        # the query reads these columns itself: pending ORM writes must reach them first
        # (``_search`` flushes only the fields of its domain)
        Demand.flush_model(["round_id", "product_id", "member_id", "uom_id", "qty", "state"])
        self.line_ids.flush_recordset(["round_id", "product_id", "uom_id"])
        query = Demand._search([("round_id", "in", self.ids), ("state", "in", states)])
        table = query.table
        query.groupby = SQL(
            "%s, %s, %s, %s",
            SQL.identifier(table, "round_id"),
            SQL.identifier(table, "product_id"),
            SQL.identifier(table, "member_id"),
            SQL.identifier(table, "uom_id"),
        )
        query.order = SQL("%s, %s", SQL.identifier(table, "member_id"), query.groupby)
        rows = self.env.execute_query(
            query.select(query.groupby, SQL("SUM(%s)", SQL.identifier(table, "qty")))
        )
        # keyed by (round id, product id) in the loop: a tuple of ints hashes in C, a record
        # in Python, and the loop runs once per member and material
        line_of = {(line.round_id.id, line.product_id.id): line for line in self.line_ids}
        uom_id_of = {key: line.uom_id.id for key, line in line_of.items()}
        uom_of = {uom.id: uom for uom in self.env["uom.uom"].browse({row[3] for row in rows})}
        demand = defaultdict(lambda: defaultdict(float))
        for round_id, product_id, member_id, uom_id, qty in rows:
            key = (round_id, product_id)
            line_uom_id = uom_id_of.get(key)
            if line_uom_id is None:
                continue
            if uom_id != line_uom_id:
                qty = uom_of[uom_id]._compute_quantity(qty, line_of[key].uom_id, round=False)
            demand[key][member_id] += qty
        return {line_of[key]: per_member for key, per_member in demand.items()}

    def _aggregate(self):
        """(Re)compute every material line of the rounds from their current demand.

        Batched: one search of the demand of all rounds, the vendor tiers of all products
        prefetched together, one flush of the line values.
        """
        if not self:
            return
        per_line = self._demand_by_line(("submitted", "confirmed"))
        lines = self.line_ids
        lines.product_id.seller_ids.mapped("price")  # prefetch tiers of all products at once
        for line in lines:
            rnd = line.round_id
            uom = line.uom_id
            member_qtys = {m: uom_round(uom, q) for m, q in per_line.get(line, {}).items() if q > 0}
            qty = uom_round(uom, sum(member_qtys.values()))
            tiers = self._tiers_of_product(line.product_id, rnd.currency_id, rnd.company_id)
            simple = [(t[1], t[2], t[3]) for t in tiers]
            index = pick_tier(simple, qty)
            vals = {"qty_demand": qty, "member_count": len(member_qtys)}
            if index is None:
                vals.update(
                    supplierinfo_id=False,
                    vendor_id=False,
                    price_unit=0.0,
                    amount_collective=0.0,
                    amount_baseline=0.0,
                    qty_to_order=0.0,
                )
                line.write(vals)
                continue
            seller, min_qty, price, _seq = tiers[index]
            rounding = rnd.currency_id.rounding
            baseline_units = 0
            for member_qty in member_qtys.values():
                alone = pick_tier(simple, member_qty)
                baseline_units += amount_units(member_qty, simple[alone][1], rounding)
            multiple = line._purchase_multiple()
            to_order = order_quantity(qty, min_qty, multiple) if qty > 0 else 0.0
            vals.update(
                supplierinfo_id=seller.id,
                vendor_id=seller.partner_id.id,
                price_unit=price,
                amount_collective=from_units(amount_units(qty, price, rounding), rounding),
                amount_baseline=from_units(baseline_units, rounding),
                qty_to_order=uom_round(uom, to_order, "UP"),
            )
            line.write(vals)

    # ------------------------------------------------------------------ actions
    def action_open(self):
        """Open the rounds for demand and invite every active member of the cluster."""
        self._check_state(("draft",), self.env._("open"))
        now = fields.Datetime.now()
        for rnd in self:
            if not rnd.line_ids:
                raise UserError(
                    self.env._("Add the materials of round %(name)s first.", name=rnd.name)
                )
            if rnd.deadline <= now:
                raise UserError(
                    self.env._(
                        "The deadline of round %(name)s is already past: set a future deadline.",
                        name=rnd.name,
                    )
                )
            no_vendor = rnd.line_ids.filtered(
                lambda line, rnd=rnd: (
                    not self._tiers_of_product(line.product_id, rnd.currency_id, rnd.company_id)
                )
            )
            if no_vendor:
                raise UserError(
                    self.env._(
                        "These materials have no valid vendor price list: %(products)s. Add "
                        "their vendors and price tiers on the product (Purchase tab).",
                        products=", ".join(no_vendor.product_id.mapped("display_name")),
                    )
                )
        self.write({"state": "open"})
        self._aggregate()
        self._notify_members("umkm_joint_procurement.mail_template_round_open")
        return True

    def _notify_members(self, template_xmlid, members_by_round=None):
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        members = self._active_members() if members_by_round is None else None
        for rnd in self:
            if members_by_round is None:
                partners = members.filtered(lambda m, rnd=rnd: m.cluster_id == rnd.cluster_id)
            else:
                partners = members_by_round.get(rnd.id, self.env["umkm.member"])
            partners = partners.partner_id
            if not template:
                continue
            # the deadline in each recipient's language and time zone: one message per
            # (language, zone) of the recipients, one in practice in a cluster
            for (lang, tz), group in rnd._umkm_recipient_groups(partners).items():
                rnd.with_context(lang=lang, tz=tz).message_post_with_source(
                    template,
                    subtype_xmlid="mail.mt_comment",
                    partner_ids=group.ids,
                )

    def action_close(self):
        """Freeze the demand and compute the collective quantities, vendors and prices."""
        self._check_state(("open",), self.env._("close"))
        self.write({"state": "closed"})
        self.env["umkm.procurement.demand"].search(
            [("round_id", "in", self.ids), ("state", "=", "submitted")]
        )._confirm()
        self._aggregate()
        return True

    def action_reopen(self):
        """Back from closed to open (e.g. to extend the deadline), before any order."""
        self._check_state(("closed",), self.env._("reopen"))
        self.demand_ids.filtered(lambda d: d.state == "confirmed").with_context(
            umkm_procurement_force=True
        ).write({"state": "submitted"})
        self.write({"state": "open"})
        return True

    def action_create_purchase_orders(self):
        """One purchase order per vendor for the demanded materials. Idempotent."""
        self._check_state(("closed", "ordered"), self.env._("order"))
        order_vals = []
        line_vals_by_order = defaultdict(list)
        for rnd in self:
            todo = rnd.line_ids.filtered(
                lambda line: (
                    float_compare(line.qty_to_order, 0.0, precision_rounding=line.uom_id.rounding)
                    > 0
                    and not line.purchase_line_ids.filtered(lambda pol: pol.state != "cancel")
                )
            )
            if not todo:
                if rnd.state == "closed":
                    raise UserError(
                        self.env._(
                            "Round %(name)s has nothing to order: no member entered demand.",
                            name=rnd.name,
                        )
                    )
                continue
            no_vendor = todo.filtered(lambda line: not line.vendor_id)
            if no_vendor:
                raise UserError(
                    self.env._(
                        "No vendor price list for %(products)s: add vendors to these products.",
                        products=", ".join(no_vendor.product_id.mapped("display_name")),
                    )
                )
            open_orders = rnd.purchase_ids.filtered(lambda po: po.state in ("draft", "sent"))
            date_planned = fields.Datetime.to_datetime(rnd.expected_date) or rnd.deadline
            for vendor, vlines in todo.grouped("vendor_id").items():
                pol_vals = [
                    Command.create(line._prepare_purchase_line_vals(date_planned))
                    for line in vlines
                ]
                existing = open_orders.filtered(lambda po, vendor=vendor: po.partner_id == vendor)
                if existing:
                    line_vals_by_order[existing[:1]].extend(pol_vals)
                    continue
                order_vals.append(
                    {
                        "partner_id": vendor.id,
                        "origin": rnd.name,
                        "umkm_round_id": rnd.id,
                        "company_id": rnd.company_id.id,
                        "currency_id": rnd.currency_id.id,
                        "date_planned": date_planned,
                        "order_line": pol_vals,
                    }
                )
        for order, pol_vals in line_vals_by_order.items():
            order.write({"order_line": pol_vals})
        if order_vals:
            self.env["purchase.order"].create(order_vals)
        self.filtered(lambda r: r.state == "closed").write({"state": "ordered"})
        return self.action_view_purchases() if len(self) == 1 else True

    def _received_by_line(self):
        """Received quantity per round line, in the line's purchase UoM."""
        received = {}
        for line in self.line_ids:
            total = 0.0
            for pol in line.purchase_line_ids.filtered(lambda p: p.state in ("purchase", "done")):
                total += pol.product_uom._compute_quantity(
                    pol.qty_received, line.uom_id, round=False
                )
            received[line.id] = uom_round(line.uom_id, total)
        return received

    def action_allocate(self):
        """Share what was received among the members, by the round's allocation method."""
        self._check_state(("ordered",), self.env._("allocate"))
        for rnd in self:
            orders = rnd.purchase_ids.filtered(lambda po: po.state != "cancel")
            if not orders:
                raise UserError(
                    self.env._("Round %(name)s has no purchase order yet.", name=rnd.name)
                )
            unconfirmed = orders.filtered(lambda po: po.state not in ("purchase", "done"))
            if unconfirmed:
                raise UserError(
                    self.env._(
                        "Confirm or cancel the purchase orders %(orders)s before allocating.",
                        orders=", ".join(unconfirmed.mapped("name")),
                    )
                )
            pending = orders.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
            if pending:
                raise UserError(
                    self.env._(
                        "Receipts %(pickings)s are still pending: validate them, or cancel the "
                        "backorder if the rest will not come, before allocating.",
                        pickings=", ".join(pending.mapped("name")),
                    )
                )
            if rnd.allocation_ids:
                raise UserError(self.env._("Round %(name)s is already allocated.", name=rnd.name))
        received = self._received_by_line()
        by_line = self._demand_by_line(("confirmed",))
        lines = self.line_ids
        rows_of_round = defaultdict(list)  # round: [(line, member id, demand, allocated)]
        for line in lines:
            member_qty = by_line.get(line)
            if not member_qty:
                continue
            rounding = line.uom_id.rounding
            members = list(member_qty)
            demand_units = [to_units(member_qty[m], rounding) for m in members]
            parts = allocate(
                to_units(received[line.id], rounding), demand_units, line.round_id.allocation_method
            )
            rows_of_round[line.round_id].extend(
                zip(
                    [line] * len(members),
                    members,
                    values_of_units(demand_units, rounding),
                    values_of_units(parts, rounding),
                    strict=True,
                )
            )
        vals_list = []
        for rnd, rows in rows_of_round.items():
            billing = rnd._split_billing([(line, member, got) for line, member, _w, got in rows])
            of_line = {
                line: {
                    "round_id": rnd.id,
                    "company_id": rnd.company_id.id,
                    "line_id": line.id,
                    "product_id": line.product_id.id,
                    "unit_price": line.price_unit,
                }
                for line in rnd.line_ids
            }
            vals_list.extend(
                {
                    **of_line[line],
                    "member_id": member_id,
                    "qty_demand": wanted,
                    "qty_allocated": got,
                    "amount_material": material,
                    "cost_share": cost,
                    "fee_amount": fee,
                }
                for (line, member_id, wanted, got), (material, cost, fee) in zip(
                    rows, billing, strict=True
                )
            )
        self.env["umkm.procurement.allocation"]._insert_batch(vals_list)
        self.write({"state": "allocated"})
        return True

    def action_create_deliveries(self):
        """One delivery per member from the cooperative's stock, for what it was allocated.

        Idempotent: members who already have a delivery of the round are skipped.
        """
        self._check_state(("allocated", "invoiced", "done"), self.env._("deliver"))
        picking_vals, allocs_per_picking = [], []
        for rnd in self:
            warehouse = self.env["stock.warehouse"].search(
                [("company_id", "=", rnd.company_id.id)], limit=1
            )
            picking_type = warehouse.out_type_id
            if not picking_type:
                raise UserError(
                    self.env._(
                        "Company %(company)s has no warehouse delivery operation.",
                        company=rnd.company_id.name,
                    )
                )
            source = picking_type.default_location_src_id
            destination = self.env.ref("stock.stock_location_customers")
            todo = rnd.allocation_ids.filtered(
                lambda a: not a.picking_id or a.picking_id.state == "cancel"
            )
            for member, allocs in todo.grouped("member_id").items():
                allocs = allocs.filtered(
                    lambda a: (
                        float_compare(a.qty_allocated, 0.0, precision_rounding=a.uom_id.rounding)
                        > 0
                    )
                )
                if not allocs:
                    continue
                picking_vals.append(
                    {
                        "partner_id": member.partner_id.id,
                        "picking_type_id": picking_type.id,
                        "location_id": source.id,
                        "location_dest_id": destination.id,
                        "origin": rnd.name,
                        "umkm_round_id": rnd.id,
                        "company_id": rnd.company_id.id,
                        "move_ids": [
                            Command.create(
                                {
                                    "name": alloc.product_id.display_name,
                                    "product_id": alloc.product_id.id,
                                    "product_uom": alloc.uom_id.id,
                                    "product_uom_qty": alloc.qty_allocated,
                                    "location_id": source.id,
                                    "location_dest_id": destination.id,
                                    "company_id": rnd.company_id.id,
                                    "partner_id": member.partner_id.id,
                                }
                            )
                            for alloc in allocs
                        ],
                    }
                )
                allocs_per_picking.append(allocs)
        pickings = self.env["stock.picking"].create(picking_vals)
        for picking, allocs in zip(pickings, allocs_per_picking, strict=True):
            allocs.picking_id = picking
        pickings.action_confirm()
        return self.action_view_deliveries() if len(self) == 1 else True

    def action_view_deliveries(self):
        self.ensure_one()
        return self._action(
            "stock.action_picking_tree_all",
            [("umkm_round_id", "=", self.id)],
            {"create": False},
        )

    def _compute_billing(self):
        """Split materials, shared costs and fees over the existing allocations again, exactly.

        Used when invoicing, since shared costs may have been added after the allocation.
        """
        for rnd in self:
            allocations = rnd.allocation_ids
            if not allocations:
                continue
            billing = rnd._split_billing(
                [(alloc.line_id, alloc.member_id.id, alloc.qty_allocated) for alloc in allocations]
            )
            allocations._write_billing(
                [
                    (alloc.id, alloc.line_id.price_unit, *money)
                    for alloc, money in zip(allocations, billing, strict=True)
                ]
            )

    def _split_billing(self, entries):
        """Split the materials, shared costs and fee of this round over allocation rows, exactly.

        ``entries``: one ``(line, member id, allocated quantity)`` per allocation row (one row
        per line and member). Returns one ``(amount_material, cost_share, fee_amount)`` per
        entry, in the same order. Members are taken in id order and a member's rows in line id
        order, so ties of the largest-remainder splits always go the same way.
        """
        self.ensure_one()
        rounding = self.currency_id.rounding
        members = sorted({member_id for _line, member_id, _qty in entries})
        index = {member_id: i for i, member_id in enumerate(members)}
        rows_of_line, rows_of_member = defaultdict(list), defaultdict(list)
        for k, (line, member_id, _qty) in enumerate(entries):
            rows_of_line[line].append(k)
            rows_of_member[member_id].append(k)
        line_order = sorted(rows_of_line, key=lambda line: line.id)
        line_rank = [0] * len(entries)  # rank of the line of each entry, in line id order
        for rank, line in enumerate(line_order):
            for k in rows_of_line[line]:
                line_rank[k] = rank
        materials = []
        for line in line_order:
            weights = [0.0] * len(members)
            for k in rows_of_line[line]:
                weights[index[entries[k][1]]] = entries[k][2]
            qty_total = uom_round(line.uom_id, sum(weights))
            materials.append((amount_units(qty_total, line.price_unit, rounding), weights))
        cost_units = to_units(sum(self.cost_ids.mapped("amount")), rounding)
        try:
            split = split_billing(
                materials, cost_units, self.fee_percent, self.cost_split, len(members)
            )
        except ValueError:
            raise UserError(
                self.env._(
                    "Round %(name)s: nothing was allocated to any member, so its shared "
                    "costs cannot be billed to them.",
                    name=self.name,
                )
            )
        material_of = [0] * len(entries)
        for line, parts in zip(line_order, split["materials"], strict=True):
            for k in rows_of_line[line]:
                material_of[k] = parts[index[entries[k][1]]]
        # cost and fee of each member spread on its rows (largest remainder again)
        cost_of, fee_of = [0] * len(entries), [0] * len(entries)
        for member_id in members:
            m = index[member_id]
            rows = sorted(rows_of_member[member_id], key=line_rank.__getitem__)
            if self.cost_split == "by_quantity":
                weights = [entries[k][2] for k in rows]
            else:
                weights = [material_of[k] for k in rows]
            if not any(weights):
                weights = [1] * len(rows)
            for k, part in zip(rows, largest_remainder(split["cost"][m], weights), strict=True):
                cost_of[k] = part
            weights = [material_of[k] + cost_of[k] for k in rows]
            if not any(weights):
                weights = [1] * len(rows)
            for k, part in zip(rows, largest_remainder(split["fee"][m], weights), strict=True):
                fee_of[k] = part
        return list(
            zip(
                values_of_units(material_of, rounding),
                values_of_units(cost_of, rounding),
                values_of_units(fee_of, rounding),
                strict=True,
            )
        )

    def action_create_member_invoices(self):
        """One customer invoice per member for its allocation. Idempotent.

        A round with more members to invoice than the system parameter
        ``umkm_joint_procurement.background_invoices`` (300) is queued for a background job
        instead, which creates its invoices in batches (a thousand invoices take half a
        minute on two cores, longer than a browser or a proxy should be kept waiting).
        """
        self._check_state(("allocated", "invoiced"), self.env._("invoice"))
        queued = self.browse()
        if not self.env.context.get("umkm_invoice_now"):
            threshold = self._int_param("background_invoices", BACKGROUND_INVOICES)
            to_invoice = self._members_to_invoice()
            queued = self.filtered(lambda r: to_invoice.get(r, 0) > threshold)
        (self - queued)._create_member_invoices()
        if not queued:
            return self.action_view_invoices() if len(self) == 1 else True
        queued.write({"invoicing_queued": True})
        self.env.ref("umkm_joint_procurement.ir_cron_member_invoices")._trigger()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "title": self.env._("Invoices are being created"),
                "message": self.env._(
                    "The member invoices of %(rounds)s are being created in the background "
                    "(%(count)s members). The round's chatter says when they are ready.",
                    rounds=", ".join(queued.mapped("name")),
                    count=sum(to_invoice[r] for r in queued),
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _int_param(self, key, default):
        """Integer system parameter ``umkm_joint_procurement.<key>``."""
        return int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(f"umkm_joint_procurement.{key}", default)
        )

    def _members_to_invoice(self):
        """Number of members with something to pay and no invoice yet, per round."""
        return dict(
            self.env["umkm.procurement.allocation"]._read_group(
                [
                    ("round_id", "in", self.ids),
                    ("invoice_id", "=", False),
                    ("amount_total", "!=", 0),
                ],
                ["round_id"],
                ["member_id:count_distinct"],
            )
        )

    @api.model
    def _cron_member_invoices(self):
        """Background job: create the member invoices of queued rounds, a batch per run."""
        batch = self._int_param("invoices_per_job", INVOICES_PER_JOB)
        rnd = self.search([("invoicing_queued", "=", True)], limit=1, order="id")
        if not rnd:
            return
        try:
            with self.env.cr.savepoint():
                created, left = rnd._create_member_invoices(limit=batch)
        except UserError as error:
            rnd.invoicing_queued = False
            rnd.message_post(
                body=self.env._(
                    "The member invoices could not be created: %(error)s", error=str(error)
                ),
                subtype_xmlid="mail.mt_comment",
            )
            return
        if not left:
            rnd.invoicing_queued = False
            rnd.message_post(
                body=self.env._(
                    "The member invoices are ready: %(count)s invoices.",
                    count=len(rnd.invoice_ids.filtered(lambda m: m.state != "cancel")),
                ),
                subtype_xmlid="mail.mt_comment",
            )
        others = self.search_count([("invoicing_queued", "=", True)])
        self.env["ir.cron"]._notify_progress(done=created, remaining=left + others)
        if left or others:
            self.env.ref("umkm_joint_procurement.ir_cron_member_invoices")._trigger()

    def _create_member_invoices(self, limit=None):
        """Create the missing member invoices of the rounds, at most ``limit`` of them.

        :return: ``(invoices created, members left to invoice)``; rounds with nobody left
            are set to invoiced.
        """
        fee_product = self.env.ref("umkm_joint_procurement.product_procurement_fee")
        cost_product = self.env.ref("umkm_joint_procurement.product_procurement_cost")
        move_vals, left = [], defaultdict(int)
        analytic = bool(
            self.env["account.analytic.distribution.model"].sudo().search_count([], limit=1)
        )
        for rnd in self:
            active_invoices = rnd.invoice_ids.filtered(lambda m: m.state != "cancel")
            if not active_invoices:
                rnd._compute_billing()
            invoiced = active_invoices.partner_id
            journal = self.env["account.journal"].search(
                [
                    *self.env["account.journal"]._check_company_domain(rnd.company_id),
                    ("type", "=", "sale"),
                ],
                limit=1,
            )
            if not journal:
                raise UserError(
                    self.env._(
                        "Company %(company)s has no sales journal: set up invoicing first.",
                        company=rnd.company_id.name,
                    )
                )
            rate = self.env["res.currency"]._get_conversion_rate(
                rnd.company_id.currency_id,
                rnd.currency_id,
                rnd.company_id,
                fields.Date.context_today(rnd),
            )
            for member, allocs in rnd.allocation_ids.grouped("member_id").items():
                if member.partner_id in invoiced:
                    continue
                total = sum(allocs.mapped("amount_total"))
                if currency_is_zero(rnd.currency_id, total):
                    continue
                if limit is not None and len(move_vals) >= limit:
                    left[rnd] += 1
                    continue
                move_vals.append(
                    rnd._prepare_member_invoice_vals(
                        member, allocs, journal, fee_product, cost_product, analytic, rate
                    )
                )
        self.env["account.move"]._umkm_create_untaxed_invoices(move_vals)
        self.filtered(lambda r: r.state == "allocated" and not left[r]).write({"state": "invoiced"})
        return len(move_vals), sum(left.values())

    def _prepare_member_invoice_vals(
        self, member, allocs, journal, fee_product, cost_product, analytic=True, rate=1.0
    ):
        """Values of the customer invoice of ``member`` for its ``allocs`` of this round.

        Every line has the same keys so that the lines of all invoices are inserted in one
        query (``account.move._umkm_create_untaxed_invoices``). ``analytic=False`` gives
        the lines no analytic distribution when the company has no distribution models
        (otherwise the ORM computes it from them).

        The lines carry no tax, so their accounting amounts are known here: they are given
        (``amount_currency``, and ``balance`` at the invoice's currency ``rate``) as Odoo's
        tax synchronisation would compute them. The receivable (payment term) lines are
        still computed by Odoo.
        """
        self.ensure_one()
        currency = self.currency_id
        company_currency = self.company_id.currency_id
        rounding = currency.rounding
        lines = []
        rounding_units = 0

        def line_vals(product, name, quantity, uom, price, alloc=False):
            amount = currency.round(quantity * price)  # Odoo's untaxed line total
            vals = {
                "product_id": product.id,
                "name": name,
                "quantity": quantity,
                "product_uom_id": uom.id,
                "price_unit": price,
                "tax_ids": [Command.clear()],
                "umkm_allocation_id": alloc and alloc.id,
                "amount_currency": -amount,
                "balance": -(
                    amount
                    if currency == company_currency
                    else company_currency.round(amount / rate)
                ),
            }
            if not analytic:
                vals["analytic_distribution"] = False
            return Command.create(vals)

        for alloc in allocs.sorted(lambda a: a.line_id.sequence):
            if (
                float_compare(alloc.qty_allocated, 0.0, precision_rounding=alloc.uom_id.rounding)
                <= 0
            ):
                continue
            line_units = to_units(currency.round(alloc.qty_allocated * alloc.unit_price), rounding)
            rounding_units += to_units(alloc.amount_material, rounding) - line_units
            lines.append(
                line_vals(
                    alloc.product_id,
                    self.env._(
                        "%(product)s (round %(round)s, collective price)",
                        product=alloc.product_id.display_name,
                        round=self.name,
                    ),
                    alloc.qty_allocated,
                    alloc.uom_id,
                    alloc.unit_price,
                    alloc,
                )
            )
        extra = [
            (
                cost_product,
                sum(allocs.mapped("cost_share")),
                self.env._(
                    "Share of shared costs (freight, handling) of round %(round)s",
                    round=self.name,
                ),
            ),
            (
                cost_product,
                from_units(rounding_units, rounding),
                self.env._("Rounding adjustment of round %(round)s", round=self.name),
            ),
            (
                fee_product,
                sum(allocs.mapped("fee_amount")),
                self.env._(
                    "Cooperative service fee %(percent)s%% of round %(round)s",
                    percent=self.fee_percent,
                    round=self.name,
                ),
            ),
        ]
        for product, amount, label in extra:
            if currency_is_zero(self.currency_id, amount):
                continue
            lines.append(
                line_vals(product, label, 1.0, product.uom_id, self.currency_id.round(amount))
            )
        return {
            "move_type": "out_invoice",
            "partner_id": member.partner_id.id,
            "journal_id": journal.id,
            "company_id": self.company_id.id,
            "currency_id": self.currency_id.id,
            "invoice_origin": self.name,
            "ref": self.name,
            "umkm_round_id": self.id,
            "invoice_line_ids": lines,
        }

    def action_done(self):
        """Finish the rounds once every member invoice is posted."""
        self._check_state(("invoiced",), self.env._("finish"))
        for rnd in self:
            invoices = rnd.invoice_ids.filtered(lambda m: m.state != "cancel")
            unposted = invoices.filtered(lambda m: m.state != "posted")
            if unposted:
                raise UserError(
                    self.env._(
                        "Post the member invoices of round %(name)s first (%(count)s still in "
                        "draft).",
                        name=rnd.name,
                        count=len(unposted),
                    )
                )
            billed = invoices.partner_id
            missing = rnd.allocation_ids.filtered(
                lambda a, billed=billed, rnd=rnd: (
                    a.member_id.partner_id not in billed
                    and not currency_is_zero(rnd.currency_id, a.amount_total)
                )
            )
            if missing:
                raise UserError(
                    self.env._(
                        "Members %(members)s of round %(name)s have no invoice: create the "
                        "member invoices again.",
                        members=", ".join(missing.member_id.mapped("display_name")),
                        name=rnd.name,
                    )
                )
        self.write({"state": "done"})
        return True

    def action_cancel(self):
        """Cancel the rounds while nothing irreversible exists (no receipt, no posted bill)."""
        self._check_state(("draft", "open", "closed", "ordered"), self.env._("cancel"))
        for rnd in self:
            orders = rnd.purchase_ids.filtered(lambda po: po.state != "cancel")
            received = orders.order_line.filtered(lambda pol: pol.qty_received > 0)
            if received or orders.invoice_ids.filtered(lambda m: m.state == "posted"):
                raise UserError(
                    self.env._(
                        "Round %(name)s cannot be cancelled: goods were already received or "
                        "vendor bills posted. Finish it instead.",
                        name=rnd.name,
                    )
                )
        orders = self.purchase_ids.filtered(lambda po: po.state != "cancel")
        if orders:
            orders.button_cancel()
        self.demand_ids.filtered(lambda d: d.state != "cancel").with_context(
            umkm_procurement_force=True
        ).write({"state": "cancel"})
        self.write({"state": "cancel"})
        return True

    def action_draft(self):
        """Set cancelled rounds back to draft."""
        self._check_state(("cancel",), self.env._("reset"))
        self.write({"state": "draft", "reminder_sent": False})
        return True

    def action_load_vendor_bill_costs(self):
        """Add the non-material lines of the round's vendor bills as shared costs."""
        self._check_state(("ordered", "allocated"), self.env._("load costs for"))
        vals_list = []
        for rnd in self:
            bills = rnd.purchase_ids.invoice_ids.filtered(
                lambda m: m.state == "posted" and m.move_type == "in_invoice"
            )
            known = rnd.cost_ids.move_line_id
            for aml in bills.invoice_line_ids:
                if aml.purchase_line_id or aml in known or aml.display_type != "product":
                    continue
                vals_list.append(
                    {
                        "round_id": rnd.id,
                        "name": aml.name or aml.product_id.display_name,
                        "amount": aml.currency_id._convert(
                            aml.price_subtotal, rnd.currency_id, rnd.company_id, aml.date
                        ),
                        "move_line_id": aml.id,
                        "partner_id": aml.partner_id.id,
                    }
                )
        self.env["umkm.procurement.cost"].create(vals_list)
        return True

    # ------------------------------------------------------------------ cron
    @api.model
    def _cron_procurement_rounds(self):
        """Daily: remind members without demand 2 days before the deadline; close past rounds."""
        now = fields.Datetime.now()
        to_remind = self.search(
            [
                ("state", "=", "open"),
                ("reminder_sent", "=", False),
                ("deadline", ">", now),
                ("deadline", "<=", now + timedelta(days=REMINDER_DAYS)),
            ]
        )
        if to_remind:
            members = to_remind._active_members()
            answered = self.env["umkm.procurement.demand"]._read_group(
                [("round_id", "in", to_remind.ids), ("state", "!=", "cancel")],
                ["round_id", "member_id"],
            )
            answered = {(r.id, m.id) for r, m in answered}
            silent = {
                rnd.id: members.filtered(
                    lambda m, rnd=rnd: (
                        m.cluster_id == rnd.cluster_id and (rnd.id, m.id) not in answered
                    )
                )
                for rnd in to_remind
            }
            to_remind._notify_members(
                "umkm_joint_procurement.mail_template_round_reminder", members_by_round=silent
            )
            to_remind.write({"reminder_sent": True})
        to_close = self.search([("state", "=", "open"), ("deadline", "<=", now)])
        for rnd in to_close:
            try:
                with self.env.cr.savepoint():
                    rnd.action_close()
            except UserError as error:
                _logger.warning("Could not close procurement round %s: %s", rnd.name, error)

    # ------------------------------------------------------------------ demo
    @api.model
    def _demo_run_full_flow(self, round_id):
        """Demo data: run a round through the whole flow (a short delivery included)."""
        rnd = self.browse(round_id).exists()
        if not rnd or rnd.state != "open":
            return
        rnd.action_close()
        rnd.action_create_purchase_orders()
        rnd.purchase_ids.button_confirm()
        for picking in rnd.picking_ids:
            for move in picking.move_ids:
                qty = move.product_uom_qty
                if "PW-NAP" in (move.product_id.default_code or ""):
                    qty = max(qty - 1.5, 0.0)  # the dye vendor delivered short
                move.quantity = qty
                move.picked = True
            picking.with_context(
                skip_backorder=True, picking_ids_not_to_backorder=picking.ids
            ).button_validate()
        rnd.action_allocate()
        rnd.action_create_member_invoices()
        rnd.invoice_ids.action_post()
        rnd.action_done()
        rnd.with_context(umkm_procurement_force=True).write(
            {
                "deadline": fields.Datetime.now() - timedelta(days=20),
                "expected_date": fields.Date.today() - timedelta(days=14),
            }
        )

    # ------------------------------------------------------------------ smart buttons
    def _action(self, xmlid, domain, context=None):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = domain
        action["context"] = context or {}
        return action

    def action_view_demands(self):
        self.ensure_one()
        return self._action(
            "umkm_joint_procurement.umkm_procurement_demand_action",
            [("round_id", "=", self.id)],
            {"default_round_id": self.id, "search_default_group_member": 1},
        )

    def action_view_purchases(self):
        self.ensure_one()
        action = self._action(
            "purchase.purchase_form_action", [("umkm_round_id", "=", self.id)], {"create": False}
        )
        if len(self.purchase_ids) == 1:
            action.update(views=[(False, "form")], res_id=self.purchase_ids.id)
        return action

    def action_view_pickings(self):
        self.ensure_one()
        return self._action(
            "stock.action_picking_tree_all",
            [("id", "in", self.picking_ids.ids)],
            {"create": False},
        )

    def action_view_allocations(self):
        self.ensure_one()
        return self._action(
            "umkm_joint_procurement.umkm_procurement_allocation_action",
            [("round_id", "=", self.id)],
            {"create": False},
        )

    def action_view_invoices(self):
        self.ensure_one()
        action = self._action(
            "account.action_move_out_invoice_type",
            [("umkm_round_id", "=", self.id)],
            {"create": False, "default_move_type": "out_invoice"},
        )
        return action

    def action_export_xlsx(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/umkm_procurement/xlsx/{self.id}",
            "target": "download",
        }

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Procurement %(name)s", name=self.name)


def currency_is_zero(currency, amount):
    return currency.is_zero(amount or 0.0)
