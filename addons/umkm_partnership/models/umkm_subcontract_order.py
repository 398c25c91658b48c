from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

ORDER_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("confirmed", "Confirmed"),
    ("assigned", "Assigned"),
    ("in_progress", "In progress"),
    ("delivered", "Delivered"),
    ("done", "Done"),
    ("rejected", "Rejected"),
    ("cancel", "Cancelled"),
]
# Assignment states whose quantity is taken out of the order's open quantity.
COMMITTED_STATES = ("proposed", "accepted", "in_progress", "done")
# Assignment states whose work a member has received (accepted or later).
RECEIVED_STATES = ("accepted", "in_progress", "done")
SPLIT_POLICIES = [
    ("performance", "By performance"),
    ("rotation", "Rotation"),
    ("capacity", "By capacity share"),
]


class UmkmSubcontractOrder(models.Model):
    """An order of a partner firm, made by the cluster's members."""

    _name = "umkm.subcontract.order"
    _description = "Subcontract Order"
    _inherit = [
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "umkm.state.mixin",
        "umkm.number.mixin",
    ]
    _order = "date_due, id desc"
    _check_company_auto = True

    name = fields.Char(readonly=True, copy=False, default="/", index="trigram")
    agreement_id = fields.Many2one(
        "umkm.partnership.agreement",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
        domain="[('state', '=', 'active')]",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Partner firm",
        compute="_compute_from_agreement",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    cluster_id = fields.Many2one(
        "umkm.cluster",
        compute="_compute_from_agreement",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        index=True,
        ondelete="restrict",
    )
    company_id = fields.Many2one(related="cluster_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user if not self.env.user.share else False,
        tracking=True,
    )
    product_id = fields.Many2one("product.product", check_company=True, tracking=True)
    description = fields.Text(help="What has to be made, when there is no product.")
    capability_id = fields.Many2one(
        "umkm.capability", string="Required capability", required=True, tracking=True
    )
    qty = fields.Float(
        string="Quantity",
        digits="Product Unit of Measure",
        tracking=True,
        compute="_compute_from_lots",
        store=True,
        precompute=True,
        readonly=False,
    )
    uom_id = fields.Many2one(
        "uom.uom",
        string="Unit",
        required=True,
        default=lambda self: self.env["ir.model.data"]._xmlid_to_res_id(
            "uom.product_uom_unit", raise_if_not_found=False
        ),
        # the product's category; any unit while no product is named
        domain="[('category_id', '=', product_uom_category_id)] if product_uom_category_id else []",
        context={"umkm_reference_uom_first": True},
    )
    product_uom_category_id = fields.Many2one(related="product_id.uom_id.category_id")
    unit_price = fields.Monetary(
        currency_field="currency_id",
        tracking=True,
        help="Price per unit agreed with the firm (the firm's target price when ordered).",
    )
    amount_total = fields.Monetary(
        string="Amount", compute="_compute_amount_total", store=True, currency_field="currency_id"
    )
    date_order = fields.Date(string="Order date", default=fields.Date.context_today, copy=False)
    date_due = fields.Date(
        string="Due date",
        required=True,
        tracking=True,
        index=True,
        compute="_compute_from_lots",
        store=True,
        precompute=True,
        readonly=False,
        help="The date of the last delivery lot.",
    )
    min_lot = fields.Float(
        string="Minimum lot",
        digits="Product Unit of Measure",
        compute="_compute_min_lot",
        store=True,
        precompute=True,
        readonly=False,
        groups="umkm_cluster.group_umkm_officer",
    )
    attachment_ids = fields.One2many(
        "ir.attachment",
        "res_id",
        string="Documents",
        domain=[("res_model", "=", "umkm.subcontract.order")],
        help="Drawings, specifications and samples from the firm.",
    )
    state = fields.Selection(
        ORDER_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    reject_reason = fields.Text(string="Rejection reason", readonly=True, copy=False)
    assignment_ids = fields.One2many(
        "umkm.subcontract.assignment", "order_id", string="Assignments", copy=False
    )
    color = fields.Integer()

    _sql_constraints = [
        ("qty_positive", "CHECK(qty > 0)", "The ordered quantity must be positive."),
        ("price_positive", "CHECK(unit_price >= 0)", "The unit price cannot be negative."),
    ]

    def _umkm_documents(self, audience):
        """The documents of these orders shown to ``audience`` (``"firm"`` or ``"members"``),
        as superuser: ``{order: attachments}``. Files marked for the other audience are left
        out, and so are the files of the cooperative's internal notes, unless marked
        *Members only* for the members. Three queries for any number of orders."""
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("umkm_audience", "in", ("all", audience)),
                ],
                order="id",
            )
        )
        internal = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("res_id", "in", self.ids),
                    "|",
                    ("is_internal", "=", True),
                    ("subtype_id.internal", "=", True),
                ]
            )
            .attachment_ids
        )
        if audience == "members":
            internal = internal.filtered(lambda a: a.umkm_audience != "members")
        attachments -= internal
        by_order = attachments.grouped("res_id")
        return {order: by_order.get(order.id, attachments.browse()) for order in self}

    @api.depends("agreement_id")
    def _compute_from_agreement(self):
        for order in self:
            if order.agreement_id:
                order.partner_id = order.agreement_id.partner_id
                order.cluster_id = order.agreement_id.cluster_id

    @api.depends("agreement_id")
    def _compute_min_lot(self):
        for order in self:
            order.min_lot = order.agreement_id.sudo().min_lot

    @api.depends("qty", "unit_price", "currency_id")
    def _compute_amount_total(self):
        for order in self:
            amount = order.qty * order.unit_price
            # a new order has no currency until its agreement is chosen
            order.amount_total = order.currency_id.round(amount) if order.currency_id else amount

    def _compute_access_url(self):
        for order in self:
            order.access_url = f"/my/subcontracts/{order.id}"

    @api.constrains("partner_id", "agreement_id", "cluster_id")
    def _check_agreement(self):
        for order in self:
            agreement = order.agreement_id
            if agreement.partner_id.commercial_partner_id != order.partner_id.commercial_partner_id:
                raise ValidationError(
                    self.env._(
                        "The order %(order)s must belong to the firm of its agreement (%(firm)s).",
                        order=order.name,
                        firm=agreement.partner_id.display_name,
                    )
                )
            if agreement.cluster_id != order.cluster_id:
                raise ValidationError(
                    self.env._(
                        "The order %(order)s must be made by the cluster of its agreement.",
                        order=order.name,
                    )
                )

    @api.constrains("uom_id", "product_id")
    def _check_uom(self):
        for order in self.filtered("product_id"):
            if order.product_id.uom_id.category_id != order.uom_id.category_id:
                raise ValidationError(
                    self.env._(
                        "The unit %(uom)s cannot measure %(product)s.",
                        uom=order.uom_id.name,
                        product=order.product_id.display_name,
                    )
                )

    @api.onchange("agreement_id")
    def _onchange_agreement_guaranteed_price(self):
        agreement = self.agreement_id.sudo()
        if agreement.pattern == "inti_plasma" and agreement.guaranteed_price:
            self.unit_price = max(self.unit_price, agreement.guaranteed_price)

    @api.onchange("product_id")
    def _onchange_product_id(self):
        if self.product_id:
            self.uom_id = self.product_id.uom_id

    @api.model_create_multi
    def create(self, vals_list):
        agreements = (
            self.env["umkm.partnership.agreement"]
            .browse({vals["agreement_id"] for vals in vals_list if vals.get("agreement_id")})
            .sudo()
        )
        for vals in vals_list:
            agreement = agreements.browse(vals.get("agreement_id"))
            if agreement.pattern == "inti_plasma" and not vals.get("unit_price"):
                # the firm buys the output at the price it guaranteed
                vals["unit_price"] = agreement.guaranteed_price
            if vals.get("lot_ids"):
                # the schedule gives the quantity and the last date
                vals.pop("qty", None)
                vals.pop("date_due", None)
        orders = super().create(vals_list)
        orders._sync_single_lot()
        for order in orders:
            if not order.name or order.name == "/":
                order.name = (
                    self.env["ir.sequence"]
                    .with_company(order.company_id)
                    .next_by_code("umkm.subcontract.order")
                    or "/"
                )
        return orders

    @api.depends("name", "partner_id.name")
    def _compute_display_name(self):
        for order in self:
            order.display_name = order.name or ""

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Subcontract order %(name)s", name=self.name)

    def _validate_for_submit(self):
        today = fields.Date.context_today(self)
        for order in self:
            if float_compare(order.qty, 0.0, precision_rounding=order.uom_id.rounding) <= 0:
                raise ValidationError(
                    self.env._("The quantity of %(order)s must be positive.", order=order.name)
                )
            if order.date_due < today:
                raise ValidationError(
                    self.env._("The due date of %(order)s is in the past.", order=order.name)
                )
            if not order.agreement_id._is_valid_on(today):
                raise ValidationError(
                    self.env._(
                        "The agreement %(agreement)s is not active: no order can be placed "
                        "under it.",
                        agreement=order.agreement_id.name,
                    )
                )

    # ------------------------------------------------------------------ actions
    def action_submit(self):
        self._check_state(("draft",), self.env._("submit"))
        self._validate_for_submit()
        self.write({"state": "submitted"})
        return True

    def action_confirm(self):
        """Accept the firm's order: creates and confirms the sale order to the firm."""
        self._check_state(("submitted",), self.env._("confirm"))
        self._validate_for_submit()
        below = self.filtered(
            lambda o: (
                o.agreement_id.sudo().pattern == "inti_plasma"
                and o.currency_id.compare_amounts(
                    o.unit_price, o.agreement_id.sudo().guaranteed_price
                )
                < 0
            )
        )
        if below:
            raise UserError(
                self.env._(
                    "%(orders)s are priced below the price the firm guaranteed in its "
                    "inti-plasma agreement.",
                    orders=", ".join(below.mapped("name")),
                )
            )
        no_price = self.filtered(lambda o: o.currency_id.is_zero(o.unit_price))
        if no_price:
            raise UserError(
                self.env._(
                    "Set the agreed unit price of %(orders)s before confirming.",
                    orders=", ".join(no_price.mapped("name")),
                )
            )
        sales = (
            self.env["sale.order"]
            .sudo()
            .create([order._prepare_sale_order_vals() for order in self])
        )
        sales.action_confirm()
        for order, sale in zip(self, sales, strict=True):
            order.write({"state": "confirmed", "sale_order_id": sale.id})
            # written for the firm: in its language, figures and dates as it reads them
            lang, _tz = order._umkm_reader(order.partner_id)
            text = order.with_context(lang=lang)
            order.message_post(
                body=text.env._(
                    "Order confirmed by the cooperative: %(qty)s %(uom)s due on %(date)s.",
                    qty=text._umkm_format_number(order.qty),
                    uom=order.uom_id.with_context(lang=lang).name,
                    date=text._umkm_format_date(order.date_due),
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_reject(self):
        """Open the wizard asking for the reason the firm will see."""
        self._check_state(("draft", "submitted"), self.env._("reject"), claim=False)
        return self.env["umkm.subcontract.reason"]._action_ask(
            self, "reject", self.env._("Reject order")
        )

    def _action_reject(self, reason):
        """Refuse the order for ``reason``, which the firm sees."""
        self._check_state(("draft", "submitted"), self.env._("reject"))
        self.write({"state": "rejected", "reject_reason": reason})
        for order in self:
            order.message_post(
                body=self.env._("Order rejected: %(reason)s", reason=reason),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_done(self):
        self._check_state(("delivered",), self.env._("close"))
        for order in self:
            if order.sale_order_id and order.sale_order_id.sudo().invoice_status != "invoiced":
                raise UserError(
                    self.env._(
                        "%(order)s is delivered but not fully invoiced yet (sale order %(sale)s).",
                        order=order.name,
                        sale=order.sale_order_id.name,
                    )
                )
        self.assignment_ids.filtered(lambda a: a.state in ("accepted", "in_progress")).write(
            {"state": "done"}
        )
        self.write({"state": "done"})
        return True

    def action_cancel(self):
        self._check_state(
            ("draft", "submitted", "confirmed", "assigned", "in_progress"),
            self.env._("cancel"),
        )
        delivered = self.filtered(lambda o: o.qty_delivered or o.qty_rejected)
        if delivered:
            raise UserError(
                self.env._(
                    "%(orders)s already have deliveries and cannot be cancelled.",
                    orders=", ".join(delivered.mapped("name")),
                )
            )
        live = self.assignment_ids.filtered(
            lambda a: a.state in ("proposed", "accepted", "in_progress")
        )
        live.sudo().purchase_order_id.filtered(lambda p: p.state != "cancel").button_cancel()
        live.write({"state": "cancel"})
        sales = self.sudo().sale_order_id.filtered(lambda s: s.state != "cancel")
        if sales:
            sales._action_cancel()
        self.write({"state": "cancel"})
        return True

    def action_draft(self):
        self._check_state(("rejected", "cancel"), self.env._("reset"))
        self.write({"state": "draft", "reject_reason": False, "sale_order_id": False})
        return True
