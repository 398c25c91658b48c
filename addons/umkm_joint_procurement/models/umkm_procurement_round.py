from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.umkm_cluster.tools.retry import RETRYABLE_ERRORS

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
    demand_date = fields.Datetime(
        string="Last demand change",
        readonly=True,
        copy=False,
        help="When a member without a place in the round (active since it opened) last entered, "
        "changed or removed demand in it: such a change writes the round's row, which the "
        "close writes too, so it is either counted by the close or refused after it. The "
        "others write their places (see the members' places).",
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
        if locked & set(vals):
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

    def _aggregate(self):
        """(Re)compute the materials of the rounds from their current demand."""
        self.line_ids._aggregate()

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
            no_vendor = rnd.line_ids.filtered(lambda line: not line._price_tiers())
            if no_vendor:
                raise UserError(
                    self.env._(
                        "These materials have no valid vendor price list: %(products)s. Add "
                        "their vendors and price tiers on the product (Purchase tab).",
                        products=", ".join(no_vendor.product_id.mapped("display_name")),
                    )
                )
        self.write({"state": "open"})
        self._umkm_make_places()
        self._aggregate()
        self._notify_members("umkm_joint_procurement.mail_template_round_open")
        return True

    def action_close(self):
        """Freeze the demand and compute the collective quantities, vendors and prices."""
        # before the rounds' rows are claimed: the gate first, if the transaction can begin
        # again after it (nothing written)
        self._check_state(("open",), self.env._("close"), claim=False)
        gated = self._umkm_close_gate_first()
        try:
            self._check_state(("open",), self.env._("close"))
            self.write({"state": "closed"})
            self._umkm_count_places()
            self.env["umkm.procurement.demand"].search(
                [("round_id", "in", self.ids), ("state", "=", "submitted")]
            )._set_state_by_round("confirmed")
            self._aggregate()
        except Exception as exc:
            # a refusal: the round stays open, its members may save again at once (a
            # transaction that failed to serialize is retried and keeps the gate closed)
            if gated and not isinstance(exc, RETRYABLE_ERRORS):
                self._umkm_open_gate()
            raise
        return True

    def action_reopen(self):
        """Back from closed to open (e.g. to extend the deadline), before any order."""
        self._check_state(("closed",), self.env._("reopen"))
        self.demand_ids.filtered(lambda d: d.state == "confirmed")._set_state_by_round("submitted")
        self.sudo().place_ids._reopen()
        self.write({"state": "open"})
        return True

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
        self.env["umkm.procurement.allocation"]._allocate_rounds(self)
        self.write({"state": "allocated"})
        return True

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
                    and not rnd.currency_id.is_zero(a.amount_total)
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
        self.demand_ids.filtered(lambda d: d.state != "cancel")._set_state_by_round("cancel")
        self.write({"state": "cancel"})
        return True

    def action_draft(self):
        """Set cancelled rounds back to draft."""
        self._check_state(("cancel",), self.env._("reset"))
        self.write({"state": "draft", "reminder_sent": False})
        return True

    # ------------------------------------------------------------------ smart buttons
    def _action(self, xmlid, domain, context=None):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = domain
        action["context"] = context or {}
        return action

    def action_view_demands(self):
        self.ensure_one()
        self.check_access("read")
        return self._action(
            "umkm_joint_procurement.umkm_procurement_demand_action",
            [("round_id", "=", self.id)],
            {"default_round_id": self.id, "search_default_group_member": 1},
        )

    def action_view_purchases(self):
        self.ensure_one()
        self.check_access("read")
        action = self._action(
            "purchase.purchase_form_action", [("umkm_round_id", "=", self.id)], {"create": False}
        )
        if len(self.purchase_ids) == 1:
            action.update(views=[(False, "form")], res_id=self.purchase_ids.id)
        return action

    def action_view_pickings(self):
        self.ensure_one()
        self.check_access("read")
        return self._action(
            "stock.action_picking_tree_all",
            [("id", "in", self.picking_ids.ids)],
            {"create": False},
        )

    def action_view_allocations(self):
        self.ensure_one()
        self.check_access("read")
        return self._action(
            "umkm_joint_procurement.umkm_procurement_allocation_action",
            [("round_id", "=", self.id)],
            {"create": False},
        )

    def action_view_invoices(self):
        self.ensure_one()
        self.check_access("read")
        action = self._action(
            "account.action_move_out_invoice_type",
            [("umkm_round_id", "=", self.id)],
            {"create": False, "default_move_type": "out_invoice"},
        )
        return action

    def action_export_xlsx(self):
        self.ensure_one()
        self.check_access("read")
        return self.env.ref(
            "umkm_joint_procurement.action_report_procurement_round_xlsx"
        ).report_action(self)

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Procurement %(name)s", name=self.name)
