from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

ASSIGNMENT_STATES = [
    ("proposed", "Proposed"),
    ("accepted", "Accepted"),
    ("declined", "Declined"),
    ("in_progress", "In progress"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
]


class UmkmSubcontractAssignment(models.Model):
    """The share of a subcontract order proposed to (and made by) one member."""

    _name = "umkm.subcontract.assignment"
    _description = "Subcontract Assignment"
    _inherit = ["portal.mixin", "mail.thread", "umkm.state.mixin", "umkm.number.mixin"]
    _order = "date_due, id"
    _check_company_auto = True

    order_id = fields.Many2one(
        "umkm.subcontract.order", required=True, index=True, ondelete="cascade"
    )
    member_id = fields.Many2one(
        "umkm.member", required=True, index=True, ondelete="restrict", check_company=True
    )
    lot_id = fields.Many2one(
        "umkm.subcontract.lot",
        string="Delivery lot",
        index=True,
        ondelete="restrict",
        help="The delivery of the order this work belongs to; the work is due on its date.",
    )
    partner_id = fields.Many2one(related="member_id.partner_id", string="Member business")
    cluster_id = fields.Many2one(related="order_id.cluster_id", store=True, index=True)
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="order_id.currency_id")
    capability_id = fields.Many2one(related="order_id.capability_id", store=True, index=True)
    uom_id = fields.Many2one(related="order_id.uom_id", store=True)
    order_name = fields.Char(related="order_id.name", string="Order reference")
    order_description = fields.Text(related="order_id.description", string="Work description")
    work_package_ids = fields.Many2many(
        "ir.attachment",
        string="Work package",
        compute="_compute_work_package_ids",
        compute_sudo=True,
        help="The order's drawings, specifications and sample photos the member sees while "
        "its work is live (not once declined or cancelled).",
    )
    product_id = fields.Many2one(related="order_id.product_id")
    firm_id = fields.Many2one(related="order_id.partner_id", string="For firm")
    qty = fields.Float(string="Quantity", digits="Product Unit of Measure", tracking=True)
    date_due = fields.Date(string="Due date", required=True, tracking=True)
    date_response = fields.Date(
        string="Answer before",
        help="The member must accept or decline before this date; unanswered proposals then "
        "return to the pool.",
    )
    unit_price = fields.Monetary(
        string="Member price",
        currency_field="currency_id",
        help="Price per unit paid to the member: the firm's price less the cooperative margin.",
    )
    amount = fields.Monetary(compute="_compute_amount", store=True, currency_field="currency_id")
    state = fields.Selection(
        ASSIGNMENT_STATES,
        default="proposed",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    decline_reason = fields.Text(readonly=True, copy=False)
    date_accepted = fields.Datetime(readonly=True, copy=False)
    qty_reported = fields.Float(
        string="Quantity made",
        digits="Product Unit of Measure",
        readonly=True,
        copy=False,
        tracking=True,
    )
    qty_delivered = fields.Float(
        string="Delivered quantity",
        digits="Product Unit of Measure",
        readonly=True,
        copy=False,
        help="Quantity handed over to the cooperative, including what failed quality control.",
    )
    qty_rejected = fields.Float(
        string="Rejected quantity",
        digits="Product Unit of Measure",
        readonly=True,
        copy=False,
        help="Quantity that failed quality control.",
    )
    qty_late = fields.Float(
        string="Delivered late",
        digits="Product Unit of Measure",
        readonly=True,
        copy=False,
        help="Quantity delivered after the due date.",
    )
    qty_accepted = fields.Float(
        string="Accepted by QC",
        compute="_compute_qty_accepted",
        store=True,
        digits="Product Unit of Measure",
    )
    progress = fields.Float(string="Progress (%)", compute="_compute_qty_accepted", store=True)

    _sql_constraints = [
        ("qty_positive", "CHECK(qty > 0)", "An assignment needs a positive quantity."),
        (
            "qty_figures",
            "CHECK(qty_reported >= 0 AND qty_delivered >= 0 AND qty_rejected >= 0 "
            "AND qty_rejected <= qty_delivered)",
            "Reported, delivered and rejected quantities cannot be negative, and no more can be "
            "rejected than was delivered.",
        ),
    ]

    @api.depends("order_id", "state")
    def _compute_work_package_ids(self):
        live = self.filtered(lambda a: a.state not in ("declined", "cancel"))
        documents = live.order_id._umkm_documents("members")
        for line in self:
            line.work_package_ids = (
                documents[line.order_id] if line in live else self.env["ir.attachment"]
            )

    def _umkm_work_label(self):
        """``(label, specification)`` of the work on its work order: the product, else the
        description's first line; below it, only what the description says more."""
        self.ensure_one()
        lines = (self.order_description or "").strip().splitlines()
        if self.product_id:
            return self.product_id.display_name, "\n".join(lines)
        if not lines:
            return self.order_id.name, ""
        return lines[0], "\n".join(lines[1:]).strip()

    @api.depends("qty", "unit_price")
    def _compute_amount(self):
        for line in self:
            line.amount = line.currency_id.round(line.qty * line.unit_price)

    @api.depends("qty", "qty_delivered", "qty_rejected", "qty_reported")
    def _compute_qty_accepted(self):
        for line in self:
            line.qty_accepted = line.qty_delivered - line.qty_rejected
            line.progress = min(100.0, 100.0 * line.qty_reported / line.qty) if line.qty else 0.0

    @api.depends("order_id.name", "member_id.partner_id.name", "lot_id.date_due")
    def _compute_display_name(self):
        for line in self:
            parts = [line.order_id.name or ""]
            if line.lot_id and len(line.order_id.lot_ids) > 1:
                parts.append(self.env._("Lot %(number)s", number=line.lot_id._lot_number()))
            parts.append(line.member_id.partner_id.name or "")
            line.display_name = " — ".join(parts)

    def _compute_access_url(self):
        for line in self:
            line.access_url = f"/my/assignments/{line.id}"

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Work order %(name)s", name=self.display_name)

    @api.constrains("member_id", "order_id")
    def _check_member(self):
        for line in self:
            member = line.member_id
            if member.cluster_id != line.order_id.cluster_id:
                raise ValidationError(
                    self.env._(
                        "%(member)s is not a member of %(cluster)s.",
                        member=member.display_name,
                        cluster=line.order_id.cluster_id.display_name,
                    )
                )
            if line.state == "proposed" and member.state != "active":
                raise ValidationError(
                    self.env._(
                        "%(member)s is not an active member: no work can be proposed to it.",
                        member=member.display_name,
                    )
                )
            if line.state == "proposed" and line.order_id.capability_id not in (
                member.capability_ids
            ):
                raise ValidationError(
                    self.env._(
                        "%(member)s does not have the capability %(capability)s.",
                        member=member.display_name,
                        capability=line.order_id.capability_id.display_name,
                    )
                )

    @api.constrains("lot_id", "order_id")
    def _check_lot(self):
        for line in self:
            if line.lot_id and line.lot_id.order_id != line.order_id:
                raise ValidationError(
                    self.env._(
                        "The work of %(name)s must belong to a delivery lot of its own order.",
                        name=line.display_name,
                    )
                )

    @api.constrains("qty", "qty_delivered", "qty_rejected")
    def _check_accepted_qty(self):
        for line in self:
            if (
                float_compare(line.qty_accepted, line.qty, precision_rounding=line.uom_id.rounding)
                > 0
            ):
                raise ValidationError(
                    self.env._(
                        "%(name)s: more passed quality control (%(accepted)s) than was "
                        "assigned (%(qty)s).",
                        name=line.display_name,
                        accepted=line.qty_accepted,
                        qty=line.qty,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        orders = self.env["umkm.subcontract.order"].browse(
            {vals["order_id"] for vals in vals_list if vals.get("order_id")}
        )
        orders.fetch(["date_due", "unit_price", "agreement_id", "company_id", "lot_ids"])
        lots = self.env["umkm.subcontract.lot"].browse(
            {vals["lot_id"] for vals in vals_list if vals.get("lot_id")}
        )
        for vals in vals_list:
            order = orders.browse(vals.get("order_id"))
            if not order:
                continue
            if not vals.get("lot_id"):
                if len(order.lot_ids) > 1:
                    raise ValidationError(
                        self.env._(
                            "%(order)s is delivered in several lots: say which lot the work "
                            "belongs to.",
                            order=order.name,
                        )
                    )
                vals["lot_id"] = order.lot_ids.id
            lot = lots.browse(vals["lot_id"]) if vals["lot_id"] else lots.browse()
            vals.setdefault("date_due", lot.date_due or order.date_due)
            if "unit_price" not in vals:
                vals["unit_price"] = order._member_unit_price()
            if "date_response" not in vals:
                vals["date_response"] = fields.Date.context_today(self) + timedelta(days=3)
        return super().create(vals_list)

    # ------------------------------------------------------------------ helpers
    def _notify_members_proposed(self):
        """Tell each member (its business and its portal users) that work is proposed."""
        partners = self.member_id.partner_id
        users = (
            self.env["res.users"]
            .sudo()
            .search(
                [("share", "=", True), ("partner_id.commercial_partner_id", "in", partners.ids)]
            )
        )
        for line in self.sudo():
            business = line.member_id.partner_id
            recipients = (
                business
                | users.filtered(lambda u, b=business: u.commercial_partner_id == b).partner_id
            )
            line.message_subscribe(partner_ids=recipients.ids)
            # written for the member: in its language, figures and dates as it reads them
            lang, _tz = line._umkm_reader(business)
            text = line.with_context(lang=lang)
            line.message_post(
                body=text.env._(
                    "New work proposed to %(member)s: %(qty)s %(uom)s for %(order)s, due on "
                    "%(date)s. Please accept or decline before %(deadline)s.",
                    member=business.name,
                    qty=text._umkm_format_number(line.qty),
                    uom=line.uom_id.with_context(lang=lang).name,
                    order=line.order_id.name,
                    date=text._umkm_format_date(line.date_due),
                    deadline=text._umkm_format_date(line.date_response),
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    # ------------------------------------------------------------------ actions
    def action_accept(self):
        """The member takes the work: creates and confirms the purchase order to the member."""
        self._check_state(("proposed",), self.env._("accept"))
        today = fields.Date.context_today(self)
        late = self.filtered(lambda a: a.date_response and a.date_response < today)
        if late:
            raise UserError(
                self.env._(
                    "The answer deadline of %(lines)s has passed: the work went back to the "
                    "cooperative.",
                    lines=", ".join(late.mapped("display_name")),
                )
            )
        inactive = self.filtered(lambda a: a.member_id.state != "active")
        if inactive:
            raise UserError(
                self.env._(
                    "%(members)s are not active members.",
                    members=", ".join(inactive.member_id.mapped("display_name")),
                )
            )
        bad_order = self.filtered(
            lambda a: a.order_id.state not in ("confirmed", "assigned", "in_progress")
        )
        if bad_order:
            raise UserError(
                self.env._(
                    "The orders %(orders)s no longer take work.",
                    orders=", ".join(bad_order.order_id.mapped("name")),
                )
            )
        purchases = (
            self.env["purchase.order"]
            .sudo()
            .create([line._prepare_purchase_order_vals() for line in self])
        )
        purchases.button_confirm()
        now = fields.Datetime.now()
        for line, purchase in zip(self, purchases, strict=True):
            line.write(
                {"state": "accepted", "purchase_order_id": purchase.id, "date_accepted": now}
            )
        self.order_id._update_state_from_work()
        return True

    def action_decline(self):
        """Open the wizard asking the member why it declines the work."""
        self._check_state(("proposed",), self.env._("decline"), claim=False)
        return self.env["umkm.subcontract.reason"]._action_ask(
            self, "decline", self.env._("Decline work")
        )

    def _action_decline(self, reason):
        """The member refuses the work for ``reason``; its quantity returns to the order's
        pool."""
        self._check_state(("proposed",), self.env._("decline"))
        self.write({"state": "declined", "decline_reason": reason})
        for line in self:
            line.order_id.message_post(
                body=self.env._(
                    "%(member)s declined %(qty)s %(uom)s: %(reason)s",
                    member=line.member_id.display_name,
                    qty=self._umkm_format_number(line.qty),
                    uom=line.uom_id.name,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_done(self):
        """Close the work: what did not pass quality control returns to the order's pool."""
        self._check_state(("accepted", "in_progress"), self.env._("close"))
        self.write({"state": "done"})
        self.member_id._update_subcontract_performance()
        self.order_id._update_state_from_work()
        return True

    def action_cancel(self):
        self._check_state(("proposed", "accepted", "in_progress"), self.env._("cancel"))
        if self.filtered("qty_delivered"):
            raise UserError(self.env._("Work already delivered cannot be cancelled."))
        self.sudo().purchase_order_id.filtered(lambda p: p.state != "cancel").button_cancel()
        self.write({"state": "cancel"})
        return True

    @api.model
    def _cron_expire_proposals(self):
        """Unanswered proposals past their deadline return to the pool (one write)."""
        today = fields.Date.context_today(self)
        expired = self.search([("state", "=", "proposed"), ("date_response", "<", today)])
        expired.write(
            {
                "state": "declined",
                "decline_reason": self.env._("No answer before the deadline."),
            }
        )
        return expired
