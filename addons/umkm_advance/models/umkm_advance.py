from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_round
from odoo.tools.misc import formatLang

ADVANCE_STATES = [
    ("requested", "Requested"),
    ("approved", "Approved"),
    ("paid", "Paid"),
    ("netted", "Netted"),
    ("refused", "Refused"),
    ("due", "Due"),
]
# what still counts against a member's limits (a refused or netted advance does not)
LIVE_STATES = ("requested", "approved", "paid", "due")
# paid out and not yet netted or repaid
OPEN_STATES = ("paid", "due")
AGEING = [
    ("not_due", "Not due yet"),
    ("1_30", "1-30 days overdue"),
    ("31_60", "31-60 days overdue"),
    ("61_90", "61-90 days overdue"),
    ("over_90", "Over 90 days overdue"),
]


def ageing_bucket(date_due, today):
    """The ageing bucket of an outstanding amount due on ``date_due`` (see ``AGEING``)."""
    if not date_due or date_due >= today:
        return "not_due"
    days = (today - date_due).days
    if days <= 30:
        return "1_30"
    if days <= 60:
        return "31_60"
    if days <= 90:
        return "61_90"
    return "over_90"


class UmkmAdvance(models.Model):
    """An advance (*uang muka*) the cooperative gives a member on accepted work: asked by the
    member, approved by an officer, paid through Odoo's payments and netted against the
    member's bill for that work when it is posted (Odoo's reconciliation of the payment with
    the bill). What the bill does not cover once the work is closed is the member's debt."""

    _name = "umkm.advance"
    _description = "Advance on accepted work"
    _inherit = ["mail.thread", "mail.activity.mixin", "umkm.state.mixin", "umkm.number.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    member_id = fields.Many2one(
        "umkm.member", required=True, index=True, ondelete="restrict", check_company=True
    )
    partner_id = fields.Many2one(related="member_id.partner_id", string="Member business")
    cluster_id = fields.Many2one(related="member_id.cluster_id", store=True, index=True)
    company_id = fields.Many2one(related="member_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    assignment_id = fields.Many2one(
        "umkm.subcontract.assignment",
        string="Subcontract work",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        help="The accepted subcontract work the advance is given on.",
    )
    purchase_order_id = fields.Many2one(
        "purchase.order",
        string="Member's order",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        help="The cooperative's purchase order to the member for the work: its bill nets the "
        "advance.",
    )
    amount_work = fields.Monetary(
        string="Value of the work", readonly=True, help="The order's total when asked."
    )
    amount = fields.Monetary(required=True, tracking=True)
    date = fields.Date(
        string="Asked on", default=fields.Date.context_today, required=True, readonly=True
    )
    date_due = fields.Date(
        string="Due date",
        tracking=True,
        help="When the advance must be netted or repaid: the work's due date plus the "
        "cluster's repayment days, or, once it is the member's debt, the date it is due.",
    )
    state = fields.Selection(
        ADVANCE_STATES,
        default="requested",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    refuse_reason = fields.Text(string="Why refused", readonly=True, copy=False)
    payment_id = fields.Many2one(
        "account.payment", readonly=True, copy=False, check_company=True, index="btree_not_null"
    )
    amount_open = fields.Monetary(
        string="Outstanding",
        compute="_compute_amounts",
        store=True,
        compute_sudo=True,
        help="Paid and not yet netted against the member's bill nor repaid.",
    )
    amount_netted = fields.Monetary(
        string="Deducted from the bill",
        compute="_compute_amounts",
        store=True,
        compute_sudo=True,
        help="What was deducted from the member's bills for the work.",
    )
    ageing = fields.Selection(
        AGEING,
        compute="_compute_ageing",
        store=True,
        help="How long the outstanding amount is overdue (refreshed every day).",
    )

    _umkm_number_bounds = {"amount": (0.0, 1e12), "amount_work": (0.0, 1e12)}

    _sql_constraints = [
        ("amount_positive", "CHECK(amount > 0)", "An advance needs a positive amount."),
    ]

    # ------------------------------------------------------------------ computes
    def _umkm_payment_lines(self):
        """The payment's line on the member's payable: what the bills net."""
        self.ensure_one()
        payment = self.payment_id
        return payment.move_id.line_ids.filtered(
            lambda x: x.account_id == payment.destination_account_id
        )

    @api.depends(
        "state",
        "amount",
        "payment_id.move_id.line_ids.amount_residual",
        "payment_id.move_id.line_ids.matched_credit_ids",
    )
    def _compute_amounts(self):
        for advance in self:
            lines = advance._umkm_payment_lines() if advance.payment_id else False
            if not lines:
                advance.amount_open = 0.0
                advance.amount_netted = 0.0
                continue
            advance.amount_open = sum(lines.mapped("amount_residual"))
            advance.amount_netted = sum(
                partial.amount
                for partial in lines.matched_credit_ids
                if partial.credit_move_id.move_id.move_type == "in_invoice"
            )

    @api.depends("state", "date_due")
    def _compute_ageing(self):
        today = fields.Date.context_today(self)
        for advance in self:
            advance.ageing = (
                ageing_bucket(advance.date_due, today) if advance.state in OPEN_STATES else False
            )

    def _umkm_bills(self):
        """The member's posted bills that netted this advance."""
        self.ensure_one()
        if not self.payment_id:
            return self.env["account.move"]
        return self._umkm_payment_lines().matched_credit_ids.credit_move_id.move_id.filtered(
            lambda m: m.move_type == "in_invoice"
        )

    # ------------------------------------------------------------------ limits
    @api.model
    def _umkm_maximum(self, purchase, exclude=None):
        """What the member may still get as an advance on ``purchase`` (its accepted work):
        ``(amount, refusal)``, ``refusal`` the reason (in the user's language) when nothing
        can be advanced. See :meth:`_umkm_maximums`."""
        if len(purchase) != 1:
            return 0.0, self._umkm_not_accepted_message()
        return self._umkm_maximums(purchase, exclude=exclude)[purchase.id]

    def _umkm_not_accepted_message(self):
        return self.env._(
            "Advances are given only on accepted work of a member: subcontract work or an "
            "order of a joint sale it accepted."
        )

    @api.model
    def _umkm_maximums(self, purchases, exclude=None):
        """``{purchase id: (amount, refusal)}``: what each work's member may still get on it.
        One home for the limits: the cluster's maximum % of the work's value (less what was
        already advanced or asked on it), its maximum outstanding per member, none to a member
        that is not active or has an overdue advance. One search of the members' advances,
        whatever the number of works (a member's portal page lists all of its works)."""
        purchases = purchases.sudo()
        exclude = exclude or self.browse()
        members = {purchase: purchase._umkm_advance_member() for purchase in purchases}
        all_members = self.env["umkm.member"].union(*members.values())
        advances = (
            self.sudo().search([("member_id", "in", all_members.ids), ("state", "!=", "refused")])
            - exclude
            if all_members
            else self.browse()
        )
        by_member = advances.grouped("member_id")
        by_work = advances.grouped("purchase_order_id")
        today = fields.Date.context_today(self)
        result = {}
        for purchase, member in members.items():
            live = by_member.get(member, self.browse()).filtered(lambda a: a.state in LIVE_STATES)
            result[purchase.id] = self._umkm_work_maximum(
                purchase, member, live, by_work.get(purchase, self.browse()), today
            )
        return result

    def _umkm_work_maximum(self, purchase, member, live, on_work, today):
        """``(amount, refusal)`` of ``purchase`` for ``member`` with its ``live`` advances
        (asked, approved, paid, due) and the advances ``on_work`` (not refused)."""
        if not member:
            return 0.0, self._umkm_not_accepted_message()
        if purchase._umkm_advance_work_closed():
            return 0.0, self.env._("This work is closed: no advance can be given on it.")
        cluster = member.cluster_id
        currency = cluster.currency_id
        if member.state != "active":
            return 0.0, self.env._(
                "%(member)s is not an active member: no advance can be given.",
                member=member.display_name,
            )
        if not cluster.advance_max_percent:
            return 0.0, self.env._(
                "The cluster %(cluster)s gives no advances.", cluster=cluster.display_name
            )
        overdue = live.filtered(
            lambda a: a.state in OPEN_STATES and a.date_due and a.date_due < today
        )
        if overdue:
            return 0.0, self.env._(
                "%(member)s has an overdue advance (%(advances)s): no new advance before it is "
                "repaid.",
                member=member.display_name,
                advances=", ".join(overdue.mapped("name")),
            )
        limits = [
            purchase.amount_total * cluster.advance_max_percent / 100.0
            - sum(on_work.mapped("amount"))
        ]
        if cluster.advance_max_outstanding:
            outstanding = sum(a.amount_open if a.state in OPEN_STATES else a.amount for a in live)
            limits.append(cluster.advance_max_outstanding - outstanding)
        maximum = float_round(
            max(min(limits), 0.0), precision_rounding=currency.rounding, rounding_method="DOWN"
        )
        if currency.is_zero(maximum):
            if len(limits) > 1 and limits[1] < limits[0]:
                return 0.0, self.env._(
                    "Nothing more can be advanced: %(member)s already has %(outstanding)s in "
                    "advances not yet netted, the most the cluster allows per member.",
                    member=member.display_name,
                    outstanding=formatLang(
                        self.env, cluster.advance_max_outstanding, currency_obj=currency
                    ),
                )
            return 0.0, self.env._(
                "Nothing more can be advanced on this work: %(percent)s%% of its value is "
                "advanced or asked already.",
                percent=self._umkm_format_number(cluster.advance_max_percent),
            )
        return maximum, None

    @api.model
    def _umkm_check_amount(self, purchase, amount, exclude=None):
        """Refuse ``amount`` on ``purchase`` above what its member may get on it."""
        maximum, refusal = self._umkm_maximum(purchase, exclude=exclude)
        if refusal:
            raise ValidationError(refusal)
        currency = purchase.company_id.currency_id
        if currency.compare_amounts(amount, maximum) > 0:
            raise ValidationError(
                self.env._(
                    "At most %(maximum)s can be advanced on this work now: the advance asked, "
                    "%(amount)s, is above it.",
                    maximum=formatLang(self.env, maximum, currency_obj=currency),
                    amount=formatLang(self.env, amount, currency_obj=currency),
                )
            )

    def _umkm_check_limits(self):
        """Refuse advances above what their member may get on their work."""
        for advance in self:
            self._umkm_check_amount(advance.purchase_order_id, advance.amount, exclude=advance)

    @api.constrains("member_id", "purchase_order_id", "assignment_id")
    def _check_work(self):
        for advance in self:
            purchase = advance.purchase_order_id.sudo()
            if purchase._umkm_advance_member() != advance.member_id:
                raise ValidationError(
                    self.env._(
                        "%(order)s is not accepted work of %(member)s.",
                        order=purchase.name,
                        member=advance.member_id.display_name,
                    )
                )
            if advance.assignment_id and advance.assignment_id.purchase_order_id != purchase:
                raise ValidationError(
                    self.env._("The advance's order must be the one of its subcontract work.")
                )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        Purchase = self.env["purchase.order"].sudo()
        Assignment = self.env["umkm.subcontract.assignment"].sudo()
        for vals in vals_list:
            if vals.get("assignment_id") and not vals.get("purchase_order_id"):
                vals["purchase_order_id"] = Assignment.browse(
                    vals["assignment_id"]
                ).purchase_order_id.id
            purchase = Purchase.browse(vals.get("purchase_order_id"))
            if purchase and not vals.get("member_id"):
                vals["member_id"] = purchase._umkm_advance_member().id
            if purchase and not vals.get("assignment_id"):
                vals["assignment_id"] = purchase.umkm_assignment_ids[:1].id
            if len(purchase) == 1:
                vals.setdefault("amount_work", purchase.amount_total)
                vals.setdefault("date_due", purchase._umkm_advance_date_due())
        # the same advance asked twice at once gives one: both requests write the member's
        # row first, so the second waits, fails to serialize, and is run
        # again by Odoo in a new snapshot, where the first advance counts against the limits
        # (every advance on a work is its member's: the member's row is the one to claim)
        self.env["umkm.member"].sudo().browse(
            [vals["member_id"] for vals in vals_list if vals.get("member_id")]
        )._claim_rows()
        sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            # the limits before anything is written (one request at a time per member)
            if vals.get("state", "requested") == "requested":
                self._umkm_check_amount(
                    Purchase.browse(vals.get("purchase_order_id")), vals.get("amount") or 0.0
                )
            if vals.get("name", "/") == "/":
                vals["name"] = sequence.next_by_code("umkm.advance") or "/"
        return super().create(vals_list)

    def write(self, vals):
        result = super().write(vals)
        if {"amount", "purchase_order_id", "member_id"} & set(vals):
            self.filtered(lambda a: a.state == "requested")._umkm_check_limits()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_requested(self):
        if self.filtered(lambda a: a.state not in ("requested", "refused")):
            raise UserError(self.env._("Only an advance that is asked or refused can be deleted."))

    # ------------------------------------------------------------------ request (portal)
    @api.model
    def _umkm_request(self, purchase, amount):
        """The member asks for ``amount`` on ``purchase``, its accepted work (called by the
        portal after checking the work is the user's): the limits of ``_umkm_maximum``
        apply; the officers of the cluster get a to-do."""
        amount = purchase.company_id.currency_id.round(amount)
        advance = self.sudo().create({"purchase_order_id": purchase.id, "amount": amount})
        advance._umkm_schedule_review()
        return advance

    def _umkm_schedule_review(self):
        for advance in self.sudo():
            cluster = advance.cluster_id
            officer = (cluster.officer_ids | cluster.manager_ids)[:1]
            if officer:
                advance.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=officer.id,
                    summary=self.env._("Advance to review"),
                    note=self.env._(
                        "%(member)s asks for an advance of %(amount)s on %(order)s.",
                        member=advance.member_id.display_name,
                        amount=formatLang(
                            self.env, advance.amount, currency_obj=advance.currency_id
                        ),
                        order=advance.purchase_order_id.name,
                    ),
                )

    # ------------------------------------------------------------------ actions
    def action_approve(self):
        """The officer agrees to the advance (the limits are checked again: the member may
        have been suspended or fallen overdue since it asked)."""
        self._check_state(("requested",), self.env._("approve"))
        self._umkm_check_limits()
        self.write({"state": "approved"})
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_refuse(self, reason=None):
        """The officer refuses the advance (asked or approved, not yet paid)."""
        self._check_state(("requested", "approved"), self.env._("refuse"))
        self.write(
            {
                "state": "refused",
                "refuse_reason": reason or self.env._("Refused by the cooperative."),
            }
        )
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def _umkm_payment_journal(self):
        self.ensure_one()
        journal = (
            self.env["account.journal"]
            .sudo()
            .search(
                [("company_id", "=", self.company_id.id), ("type", "in", ("bank", "cash"))],
                order="type, sequence, id",
                limit=1,
            )
        )
        if not journal:
            raise UserError(
                self.env._(
                    "The company %(company)s has no bank or cash journal to pay advances from.",
                    company=self.company_id.name,
                )
            )
        return journal

    def _prepare_payment_vals(self):
        """Values of the outbound payment of the advance to the member's business."""
        self.ensure_one()
        return {
            "payment_type": "outbound",
            "partner_type": "supplier",
            "partner_id": self.member_id.partner_id.commercial_partner_id.id,
            "amount": self.amount,
            "currency_id": self.currency_id.id,
            "date": fields.Date.context_today(self),
            "journal_id": self._umkm_payment_journal().id,
            "company_id": self.company_id.id,
            "memo": self.env._(
                "Advance %(name)s on %(order)s",
                name=self.name,
                order=self.purchase_order_id.name,
            ),
        }

    def action_pay(self):
        """Pay the approved advances: one posted outbound payment each (Odoo's payments),
        netted at once against a bill of the work already posted."""
        self._check_state(("approved",), self.env._("pay"))
        for advance in self:
            payment = (
                self.env["account.payment"]
                .sudo()
                .with_company(advance.company_id)
                .create(advance._prepare_payment_vals())
            )
            payment.action_post()
            advance.write({"state": "paid", "payment_id": payment.id})
        self._umkm_net()
        return True

    def action_view_payment(self):
        self.ensure_one()
        self.check_access("read")
        return self.payment_id._get_records_action(name=self.env._("Payment"))

    def _umkm_net(self):
        """Net each paid advance against the member's posted bills for its work: the payment's
        open line on the member's payable reconciled with the bills' open payable lines, as
        Odoo's *outstanding debits* of a bill do (the bill's residual is the bill less the
        advance); then the states follow (``_umkm_settle``)."""
        for advance in self.sudo().filtered(lambda a: a.state in OPEN_STATES and a.payment_id):
            debit = advance._umkm_payment_lines().filtered(lambda x: not x.reconciled)
            if not debit:
                continue
            bills = advance.purchase_order_id.invoice_ids.filtered(
                lambda m: m.state == "posted" and m.move_type == "in_invoice"
            )
            payable = bills.line_ids.filtered(
                lambda x, d=debit: x.account_id == d.account_id and not x.reconciled
            )
            if not payable:
                continue
            before = advance.amount_open
            (debit | payable).reconcile()
            advance.invalidate_recordset(["amount_open", "amount_netted"])
            netted = before - advance.amount_open
            if not advance.currency_id.is_zero(netted):
                advance.message_post(
                    body=self.env._(
                        "%(amount)s of the advance deducted from the bill %(bills)s.",
                        amount=formatLang(self.env, netted, currency_obj=advance.currency_id),
                        bills=", ".join(bills.mapped("name")),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        self._umkm_settle()

    def _umkm_settle(self):
        """Move each advance to where its work leaves it: an advance not yet paid on work
        cancelled is refused; a paid one fully netted (or repaid) is netted; one still open
        when the work is closed (declined, cancelled, delivered short and billed) becomes the
        member's debt, due after the cluster's repayment days."""
        today = fields.Date.context_today(self)
        for advance in self.sudo():
            purchase = advance.purchase_order_id
            if advance.state in ("requested", "approved"):
                if purchase.state == "cancel" or (
                    advance.assignment_id.state in ("cancel", "declined")
                ):
                    advance.write(
                        {
                            "state": "refused",
                            "refuse_reason": self.env._("The work was cancelled."),
                        }
                    )
                    advance.activity_unlink(["mail.mail_activity_data_todo"])
                continue
            if advance.state not in OPEN_STATES:
                continue
            if advance.currency_id.is_zero(advance.amount_open):
                advance.write({"state": "netted"})
            elif advance.state == "paid" and purchase._umkm_advance_work_closed():
                date_due = today + timedelta(days=advance.cluster_id.advance_repay_days)
                advance.write({"state": "due", "date_due": date_due})
                advance.message_post(
                    body=self.env._(
                        "The work is closed and its bills do not cover the advance: "
                        "%(amount)s is the member's debt, due on %(date)s.",
                        amount=formatLang(
                            self.env, advance.amount_open, currency_obj=advance.currency_id
                        ),
                        date=self._umkm_format_date(date_due),
                    ),
                    subtype_xmlid="mail.mt_note",
                )

    def action_check_repaid(self):
        """Check the debts again (after the member repaid one, reconciled with the payment)."""
        self.check_access("write")
        self._umkm_settle()
        return True

    @api.model
    def _cron_refresh_ageing(self):
        """Daily: the ageing of outstanding advances moves with the date (one write per
        bucket)."""
        today = fields.Date.context_today(self)
        advances = self.search([("state", "in", OPEN_STATES)])
        for bucket, group in advances.grouped(lambda a: ageing_bucket(a.date_due, today)).items():
            group.filtered(lambda a, b=bucket: a.ageing != b).write({"ageing": bucket})
        return True
