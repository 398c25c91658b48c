from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_is_zero, float_round

from odoo.addons.umkm_cluster.tools.units import from_units, to_units

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
    lot_ids = fields.One2many(
        "umkm.subcontract.lot",
        "order_id",
        string="Delivery schedule",
        copy=True,
        help="The deliveries the firm expects: a quantity due on each date. An order with one "
        "date has one lot.",
    )
    lot_count = fields.Integer(compute="_compute_lot_count")
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
        default=lambda self: self.env.ref("uom.product_uom_unit", raise_if_not_found=False),
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
    material_ids = fields.One2many(
        "umkm.subcontract.material",
        "order_id",
        string="Materials from the firm",
        copy=True,
        help="What the firm supplies to make the work, per unit of output.",
    )
    material_picking_count = fields.Integer(compute="_compute_material_picking_count")
    sale_order_id = fields.Many2one(
        "sale.order", string="Sale order", readonly=True, copy=False, check_company=True
    )
    # the members' purchase orders carry member prices: cooperative only
    purchase_order_ids = fields.Many2many(
        "purchase.order",
        compute="_compute_purchase_orders",
        string="Purchase orders",
        groups="umkm_cluster.group_umkm_officer",
    )
    purchase_order_count = fields.Integer(
        compute="_compute_purchase_orders", groups="umkm_cluster.group_umkm_officer"
    )
    qty_assigned = fields.Float(
        string="Assigned quantity",
        compute="_compute_quantities",
        store=True,
        digits="Product Unit of Measure",
    )
    qty_open = fields.Float(
        string="Quantity to assign",
        compute="_compute_quantities",
        store=True,
        digits="Product Unit of Measure",
    )
    qty_done = fields.Float(
        string="Quantity made",
        compute="_compute_quantities",
        store=True,
        digits="Product Unit of Measure",
        help="Quantity the members reported as made.",
    )
    qty_delivered = fields.Float(
        string="Delivered quantity",
        compute="_compute_quantities",
        store=True,
        digits="Product Unit of Measure",
        help="Quantity that passed quality control and was delivered to the firm.",
    )
    qty_rejected = fields.Float(
        string="Rejected by QC",
        compute="_compute_quantities",
        store=True,
        digits="Product Unit of Measure",
    )
    progress = fields.Float(
        string="Progress (%)",
        compute="_compute_quantities",
        store=True,
        digits=(5, 1),
        aggregator="avg",
    )
    invoice_status = fields.Selection(related="sale_order_id.invoice_status")
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

    @api.depends("lot_ids.qty", "lot_ids.date_due")
    def _compute_from_lots(self):
        for order in self:
            lots = order.lot_ids.filtered(lambda lot: lot.date_due)
            if lots:
                order.qty = sum(lots.mapped("qty"))
                order.date_due = max(lots.mapped("date_due"))

    @api.depends("lot_ids")
    def _compute_lot_count(self):
        for order in self:
            order.lot_count = len(order.lot_ids)

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

    @api.depends(
        "qty",
        "uom_id",
        "assignment_ids.state",
        "assignment_ids.qty",
        "assignment_ids.qty_reported",
        "assignment_ids.qty_delivered",
        "assignment_ids.qty_rejected",
    )
    def _compute_quantities(self):
        for order in self:
            rounding = order.uom_id.rounding or 0.01
            assigned = done = delivered = rejected = 0.0
            for line in order.assignment_ids:
                if line.state not in COMMITTED_STATES:
                    continue
                # closed work only keeps what passed QC; the rest goes back to the pool
                assigned += line.qty_accepted if line.state == "done" else line.qty
                done += line.qty_reported
                delivered += line.qty_accepted
                rejected += line.qty_rejected
            order.qty_assigned = float_round(assigned, precision_rounding=rounding)
            order.qty_open = max(
                0.0, float_round(order.qty - assigned, precision_rounding=rounding)
            )
            order.qty_done = float_round(done, precision_rounding=rounding)
            order.qty_delivered = float_round(delivered, precision_rounding=rounding)
            order.qty_rejected = float_round(rejected, precision_rounding=rounding)
            order.progress = min(100.0, 100.0 * done / order.qty) if order.qty > 0 else 0.0

    @api.depends("assignment_ids.purchase_order_id")
    def _compute_purchase_orders(self):
        for order in self:
            pos = order.sudo().assignment_ids.purchase_order_id
            order.purchase_order_ids = pos
            order.purchase_order_count = len(pos)

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

    def write(self, vals):
        result = super().write(vals)
        if {"qty", "date_due", "lot_ids"} & set(vals):
            self._sync_single_lot()
        return result

    def _sync_single_lot(self):
        """An order with one date has one lot: create it, or keep it equal to the order."""
        Lot = self.env["umkm.subcontract.lot"].with_context(umkm_lot_sync=True)
        # (``umkm_lots_follow``: the lots are created right after the order, as in data files)
        missing = self.filtered(
            lambda o: (
                not o.lot_ids
                and o.date_due
                and o.qty > 0
                and not self.env.context.get("umkm_lots_follow")
            )
        )
        if missing:
            Lot.create([{"order_id": o.id, "date_due": o.date_due, "qty": o.qty} for o in missing])
        for order in self - missing:
            lot = order.lot_ids
            if len(lot) == 1 and (lot.qty != order.qty or lot.date_due != order.date_due):
                if lot.qty != order.qty:
                    lot._check_schedule_editable()
                lot.with_context(umkm_lot_sync=True).write(
                    {"qty": order.qty, "date_due": order.date_due}
                )

    @api.constrains("qty", "date_due", "lot_ids")
    def _check_lots(self):
        for order in self:
            lots = order.lot_ids
            if len(lots) < 2:
                continue  # one lot follows the order (see _sync_single_lot)
            rounding = order.uom_id.rounding or 0.01
            if float_compare(sum(lots.mapped("qty")), order.qty, precision_rounding=rounding):
                raise ValidationError(
                    self.env._(
                        "The delivery lots of %(order)s (%(lots)s) must sum to its quantity "
                        "(%(qty)s).",
                        order=order.name,
                        lots=order._umkm_format_number(sum(lots.mapped("qty"))),
                        qty=order._umkm_format_number(order.qty),
                    )
                )
            if order.date_due != max(lots.mapped("date_due")):
                raise ValidationError(
                    self.env._(
                        "The due date of %(order)s is the date of its last delivery lot.",
                        order=order.name,
                    )
                )

    @api.depends("name", "partner_id.name")
    def _compute_display_name(self):
        for order in self:
            order.display_name = order.name or ""

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Subcontract order %(name)s", name=self.name)

    # ------------------------------------------------------------------ helpers
    def _work_description(self):
        self.ensure_one()
        label = self.product_id.display_name or self.env._("Subcontract work")
        if self.description:
            label = f"{label}\n{self.description}"
        return f"[{self.name}] {label}"

    def _get_service_product(self):
        """The product used on the sale and purchase orders: the order's product when it is a
        service, otherwise the generic subcontract service (works with or without stock)."""
        self.ensure_one()
        if self.product_id and self.product_id.type == "service":
            return self.product_id
        return self.env.ref("umkm_partnership.product_subcontract_service")

    def _work_line_values(self, qty_field, qty, uom, price_unit):
        """Values of the sale line (to the firm) or the purchase line (to a member) of this
        work: the service product, the work description, ``qty`` in ``uom`` at ``price_unit``.
        ``qty_field`` is the line's quantity field (``product_uom_qty`` on a sale line,
        ``product_qty`` on a purchase line). A line's unit must measure its product: where
        ``uom`` cannot (the generic service is counted in units, the order in metres), the
        product's own unit is used."""
        self.ensure_one()
        product = self._get_service_product()
        if uom.category_id != product.uom_id.category_id:
            uom = product.uom_id
        return {
            "product_id": product.id,
            "name": self._work_description(),
            qty_field: qty,
            "product_uom": uom.id,
            "price_unit": price_unit,
        }

    def _member_unit_price(self):
        """The firm's price less the cooperative margin of the agreement."""
        self.ensure_one()
        margin = self.agreement_id.sudo().margin_percent or 0.0
        return self.currency_id.round(self.unit_price * (1.0 - margin / 100.0))

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
        sale_vals = []
        for order in self:
            line_vals = order._work_line_values(
                "product_uom_qty", order.qty, order.uom_id, order.unit_price
            )
            line_vals.update(order.company_id._umkm_tax_vals("tax_id"))
            sale_vals.append(
                {
                    "partner_id": order.partner_id.id,
                    "company_id": order.company_id.id,
                    "origin": order.name,
                    "client_order_ref": order.name,
                    "commitment_date": fields.Datetime.to_datetime(order.date_due),
                    "order_line": [Command.create(line_vals)],
                }
            )
        sales = self.env["sale.order"].sudo().create(sale_vals)
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

    def action_split(self):
        """Open the split wizard with a proposal for the open quantity."""
        self.ensure_one()
        self._check_state(
            ("confirmed", "assigned", "in_progress"), self.env._("split"), claim=False
        )
        if float_is_zero(self.qty_open, precision_rounding=self.uom_id.rounding):
            raise UserError(
                self.env._("The whole of %(order)s is already assigned.", order=self.name)
            )
        wizard = self.env["umkm.subcontract.split"].create({"order_id": self.id})
        wizard._propose()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Split %(order)s", order=self.name),
            "res_model": "umkm.subcontract.split",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_deliver(self):
        """Open the delivery / quality-control wizard."""
        self.ensure_one()
        self._check_state(("assigned", "in_progress"), self.env._("deliver"), claim=False)
        if not self.assignment_ids.filtered(lambda a: a.state in ("accepted", "in_progress")):
            raise UserError(
                self.env._("No member has accepted work on %(order)s yet.", order=self.name)
            )
        wizard = self.env["umkm.subcontract.delivery"].create({"order_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Delivery and quality control"),
            "res_model": "umkm.subcontract.delivery",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

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

    def _update_state_from_work(self):
        """Move orders along as their assignments progress."""
        for order in self:
            lines = order.assignment_ids
            if (
                order.state in ("confirmed", "assigned", "in_progress")
                and float_compare(
                    order.qty_delivered, order.qty, precision_rounding=order.uom_id.rounding
                )
                >= 0
            ):
                order.state = "delivered"
                order.message_post(
                    body=self.env._(
                        "All %(qty)s %(uom)s passed quality control and were delivered.",
                        qty=self._umkm_format_number(order.qty),
                        uom=order.uom_id.name,
                    ),
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                )
            elif order.state in ("confirmed", "assigned") and lines.filtered(
                lambda a: a.state in ("accepted", "in_progress", "done")
            ):
                order.state = "in_progress"
            elif order.state == "confirmed" and lines.filtered(lambda a: a.state == "proposed"):
                order.state = "assigned"

    def action_view_sale_order(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.sale_order_id.id,
            "view_mode": "form",
        }

    def action_view_purchase_orders(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Purchase orders"),
            "res_model": "purchase.order",
            "domain": [("id", "in", self.purchase_order_ids.ids)],
            "view_mode": "list,form",
        }

    def action_export_assignments_xlsx(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_url",
            "url": f"/umkm_partnership/order/{self.id}/assignments.xlsx",
            "target": "self",
        }

    # ------------------------------------------------------------------ firm's materials
    def _material_pickings(self):
        return (
            self.env["stock.move"]
            .sudo()
            .search([("umkm_material_id.order_id", "in", self.ids), ("picking_id", "!=", False)])
            .picking_id
        )

    def _compute_material_picking_count(self):
        for order in self:
            order.material_picking_count = len(order._material_pickings()) if order.id else 0

    def _check_materials(self, action):
        # the cooperative moves the firm's materials (the work below runs as superuser)
        self.check_access("write")
        self._check_state(("confirmed", "assigned", "in_progress", "delivered"), action)
        for order in self:
            if not order.material_ids:
                raise UserError(
                    self.env._("%(order)s lists no material from the firm.", order=order.name)
                )

    def action_receive_materials(self):
        """Prepare the receipt of the firm's materials (owned by the firm) and open it: the
        warehouse validates it with the quantities that really came."""
        self.ensure_one()
        self._check_materials(self.env._("receive materials for"))
        Material = self.env["umkm.subcontract.material"]
        warehouse = Material._warehouse(self.company_id)
        pending = self._material_pickings().filtered(
            lambda p: (
                p.picking_type_id == warehouse.in_type_id and p.state not in ("done", "cancel")
            )
        )
        if pending:
            return self._action_open_pickings(pending)
        moves = []
        for material in self.material_ids:
            rounding = material.uom_id.rounding or 0.01
            wanted = material.qty_required * (1 + material.loss_percent / 100.0)
            qty = from_units(
                max(0, to_units(wanted - material.qty_received, rounding, "UP")), rounding
            )
            if qty > 0:
                moves.append(
                    material._move_vals(
                        qty, "receive", material._firm_location(), warehouse.lot_stock_id
                    )
                )
        if not moves:
            raise UserError(
                self.env._("All the materials of %(order)s have been received.", order=self.name)
            )
        picking = (
            self.env["stock.picking"]
            .sudo()
            .create(
                {
                    "picking_type_id": warehouse.in_type_id.id,
                    "partner_id": self.partner_id.id,
                    "owner_id": self.partner_id.commercial_partner_id.id,
                    "location_id": moves[0]["location_id"],
                    "location_dest_id": warehouse.lot_stock_id.id,
                    "origin": self.name,
                    "company_id": self.company_id.id,
                    "move_ids": [Command.create(vals) for vals in moves],
                }
            )
        )
        picking.action_confirm()
        return self._action_open_pickings(picking)

    def _action_open_pickings(self, pickings):
        action = {
            "type": "ir.actions.act_window",
            "name": self.env._("Transfers of %(order)s", order=self.name),
            "res_model": "stock.picking",
            "view_mode": "list,form",
            "domain": [("id", "in", pickings.ids)],
        }
        if len(pickings) == 1:
            action.update(view_mode="form", res_id=pickings.id)
        return action

    def action_view_material_pickings(self):
        self.ensure_one()
        self.check_access("read")
        return self._action_open_pickings(self._material_pickings())

    def action_issue_materials(self):
        """Hand the firm's materials to the members who took the work, in proportion to their
        quantities: one transfer per member to its location, validated at once."""
        self._check_materials(self.env._("issue materials for"))
        for order in self:
            work = order.assignment_ids.filtered(lambda a: a.state in ("accepted", "in_progress"))
            if not work:
                raise UserError(
                    self.env._("No member has accepted work on %(order)s yet.", order=order.name)
                )
            plan = order.material_ids._issue_plan(work)
            if not plan:
                raise UserError(
                    self.env._(
                        "Nothing to issue for %(order)s: the members have their materials, or "
                        "none is at the cooperative.",
                        order=order.name,
                    )
                )
            Material = self.env["umkm.subcontract.material"]
            stock = Material._stock_location(order.company_id)
            locations = Material._member_locations(work.member_id, order.company_id)
            warehouse = Material._warehouse(order.company_id)
            by_member = defaultdict(list)
            for (material, line), qty in plan.items():
                by_member[line.member_id].append(
                    material._move_vals(
                        qty, "issue", stock, locations[line.member_id], assignment=line
                    )
                )
            pickings = (
                self.env["stock.picking"]
                .sudo()
                .create(
                    [
                        {
                            "picking_type_id": warehouse.int_type_id.id,
                            "partner_id": member.partner_id.id,
                            "owner_id": order.partner_id.commercial_partner_id.id,
                            "location_id": stock.id,
                            "location_dest_id": locations[member].id,
                            "origin": order.name,
                            "company_id": order.company_id.id,
                            "move_ids": [Command.create(vals) for vals in moves],
                        }
                        for member, moves in by_member.items()
                    ]
                )
            )
            pickings.action_confirm()
            pickings.action_assign()
            Material._check_fully_reserved(pickings.move_ids)
            pickings.move_ids.picked = True
            pickings._action_done()
            if order.agreement_id.sudo()._is_inputs_on_credit():
                order._invoice_inputs_on_credit(plan)
            order.message_post(
                body=self.env._("Materials issued to %(count)s members.", count=len(by_member)),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_return_materials(self):
        """Open the wizard recording what goes back to the firm and what was lost."""
        self.ensure_one()
        self.check_access("write")
        self._check_state(
            ("confirmed", "assigned", "in_progress", "delivered", "done", "cancel"),
            self.env._("return materials of"),
            claim=False,
        )
        wizard = self.env["umkm.subcontract.material.return"].create({"order_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Materials back to the firm"),
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_print_material_reconciliation(self):
        self.ensure_one()
        self.check_access("read")
        return self.env.ref("umkm_partnership.action_report_material_reconciliation").report_action(
            self
        )

    def action_export_materials_xlsx(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_url",
            "url": f"/umkm_partnership/order/{self.id}/materials.xlsx",
            "target": "self",
        }

    def _material_rows(self):
        """The reconciliation of this order's materials: one row per material with its
        figures, and per member (``lines``) issued, consumed, returned, lost, at member."""
        self.ensure_one()
        figures = self.material_ids._figures_by_assignment()
        rows = []
        for material in self.material_ids:
            lines = []
            for line in self.assignment_ids.sorted("id"):
                row = figures.get((material.id, line.id))
                if row and row["issued"]:
                    lines.append((line, row))
            rows.append((material, lines))
        return rows

    def _invoice_inputs_on_credit(self, plan):
        """Inti-plasma: charge each member the value of the firm's inputs just issued to it
        (``plan``: ``{(material, assignment): qty}``), one posted invoice per assignment;
        it is netted against the member's bill for its work."""
        self.ensure_one()
        no_value = self.material_ids.filtered(lambda m: m.currency_id.is_zero(m.price_unit))
        if no_value:
            raise UserError(
                self.env._(
                    "Set the value per unit of %(materials)s: under the inti-plasma agreement "
                    "the inputs are charged to the members on credit.",
                    materials=", ".join(no_value.product_id.mapped("display_name")),
                )
            )
        by_line = defaultdict(list)
        for (material, line), qty in plan.items():
            by_line[line].append((material, qty))
        invoices = (
            self.env["account.move"]
            .sudo()
            .with_company(self.company_id)
            .create(
                [
                    {
                        "move_type": "out_invoice",
                        "partner_id": line.member_id.partner_id.id,
                        "company_id": self.company_id.id,
                        "invoice_origin": self.name,
                        "ref": self.env._("Inputs on credit for %(work)s", work=line.display_name),
                        "umkm_assignment_id": line.id,
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "product_id": material.product_id.id,
                                    "name": self.env._(
                                        "%(product)s supplied by %(firm)s on credit",
                                        product=material.product_id.display_name,
                                        firm=self.partner_id.name,
                                    ),
                                    "quantity": qty,
                                    "product_uom_id": material.uom_id.id,
                                    "price_unit": material.price_unit,
                                    # the firm's inputs passed on at their value, no PPN
                                    "tax_ids": [Command.clear()],
                                }
                            )
                            for material, qty in materials
                        ],
                    }
                    for line, materials in by_line.items()
                ]
            )
        )
        invoices.action_post()
        self.env["umkm.subcontract.assignment"].browse(
            [line.id for line in by_line]
        )._net_input_credit()
        return invoices
