import logging

from psycopg2 import (
    IntegrityError,
    errors as pg_errors,
)

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.umkm_joint_procurement.tools.recurrence import (
    COOPERATIVE_TZ,
    deadline_day,
    local_to_utc,
    local_today,
    next_period_start,
    period_start,
)

_logger = logging.getLogger(__name__)

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]

# another job opening the same templates at the same moment: it opens them, this one not
CONCURRENT_ERRORS = (
    pg_errors.SerializationFailure,
    pg_errors.UniqueViolation,
    pg_errors.LockNotAvailable,
)


class UmkmProcurementRoundTemplate(models.Model):
    """A round that repeats: its materials, its cadence and deadline rule, the fee and methods
    of its rounds. A job opens the round of each period by itself, with the members' standing
    demand carried in as their demand."""

    _name = "umkm.procurement.round.template"
    _description = "Recurring Joint Procurement Round"
    _inherit = ["mail.thread", "mail.activity.mixin", "umkm.number.mixin", "umkm.state.mixin"]
    _order = "cluster_id, name, id"
    _check_company_auto = True

    name = fields.Char(
        required=True,
        tracking=True,
        help="Shown to members as the title of each round, e.g. 'Malam every month'.",
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
        related="cluster_id.company_id", store=True, index=True, precompute=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        tracking=True,
        help="Responsible of the rounds the template opens; told when a material is left out "
        "of a round (else the cluster's first manager).",
    )
    active = fields.Boolean(default=True, tracking=True)
    line_ids = fields.One2many(
        "umkm.procurement.round.template.line", "template_id", string="Materials", copy=True
    )
    standing_ids = fields.One2many(
        "umkm.procurement.standing.demand", "template_id", string="Standing demand"
    )
    standing_count = fields.Integer(compute="_compute_counts", string="Members' standing demand")
    round_ids = fields.One2many("umkm.procurement.round", "template_id", string="Rounds")
    round_count = fields.Integer(compute="_compute_counts")
    cadence = fields.Selection(
        [("weekly", "Every week"), ("monthly", "Every month")],
        required=True,
        default="monthly",
        tracking=True,
    )
    weekday = fields.Selection(
        WEEKDAYS,
        string="Opens on",
        default="0",
        help="Weekly rounds open on this day.",
    )
    month_day = fields.Integer(
        string="Opens on day",
        default=1,
        help="Monthly rounds open on this day of the month (a day the month does not have is "
        "its last day).",
    )
    deadline_weekday = fields.Selection(
        WEEKDAYS,
        string="Demand until",
        default="3",
        help="Weekly rounds: members enter demand until this day (after the opening day).",
    )
    deadline_days = fields.Integer(
        string="Demand for (days)",
        default=7,
        help="Monthly rounds: members enter demand until this many days after the opening day.",
    )
    deadline_hour = fields.Float(
        string="Deadline hour (WIB)",
        default=10.0,
        help="The hour of the deadline, in Western Indonesia Time (Asia/Jakarta).",
    )
    expected_days = fields.Integer(
        string="Arrival after (days)",
        default=0,
        help="Expected arrival of the materials, in days after the deadline (0: not set).",
    )
    allocation_method = fields.Selection(
        [("proportional", "Proportional to demand"), ("equal_share", "Equal share (max-min fair)")],
        required=True,
        default="proportional",
        tracking=True,
    )
    cost_split = fields.Selection(
        [("by_value", "By value"), ("by_quantity", "By quantity")],
        required=True,
        default="by_value",
        tracking=True,
    )
    fee_percent = fields.Float(string="Service fee (%)", digits=(5, 2), default=0.0, tracking=True)
    window_hours = fields.Integer(
        string="Window to reach the next tier (hours)",
        default=0,
        tracking=True,
        help="After each round's deadline, members may only raise their demand for this many "
        "hours (0: the round closes at its deadline).",
    )
    date_start = fields.Date(
        string="First round from",
        default=fields.Date.context_today,
        required=True,
        help="The job opens rounds of periods starting on or after this day.",
    )
    date_last_period = fields.Date(
        string="Last period opened",
        readonly=True,
        copy=False,
        help="The opening day of the last period whose round the template opened (or tried to).",
    )
    date_next = fields.Date(
        string="Next round",
        compute="_compute_next",
        help="The day the job opens the next round.",
    )
    deadline_next = fields.Datetime(string="Its deadline", compute="_compute_next")
    schedule_text = fields.Char(string="Schedule", compute="_compute_schedule_text")

    _sql_constraints = [
        (
            "month_day_range",
            "CHECK(month_day >= 1 AND month_day <= 31)",
            "Rounds open on a day of the month between 1 and 31.",
        ),
        (
            "deadline_days_range",
            "CHECK(deadline_days >= 0 AND deadline_days <= 27)",
            "The deadline of a monthly round falls 0 to 27 days after it opens.",
        ),
        (
            "deadline_hour_range",
            "CHECK(deadline_hour >= 0 AND deadline_hour < 24)",
            "The deadline hour is between 0:00 and 23:59.",
        ),
        (
            "expected_days_positive",
            "CHECK(expected_days >= 0)",
            "The expected arrival cannot be before the deadline.",
        ),
        (
            "fee_percent_range",
            "CHECK(fee_percent >= 0 AND fee_percent <= 100)",
            "The service fee is a percentage between 0 and 100.",
        ),
    ]

    # ------------------------------------------------------------------ computes
    def _compute_counts(self):
        rounds = dict(
            self.env["umkm.procurement.round"]._read_group(
                [("template_id", "in", self.ids)], ["template_id"], ["__count"]
            )
        )
        standing = dict(
            self.env["umkm.procurement.standing.demand"]._read_group(
                [("template_id", "in", self.ids)], ["template_id"], ["member_id:count_distinct"]
            )
        )
        for template in self:
            template.round_count = rounds.get(template, 0)
            template.standing_count = standing.get(template, 0)

    @api.depends(
        "cadence",
        "weekday",
        "month_day",
        "deadline_weekday",
        "deadline_days",
        "deadline_hour",
        "date_start",
        "date_last_period",
    )
    def _compute_next(self):
        today = local_today(fields.Datetime.now())
        for template in self:
            template.date_next = template.deadline_next = False
            if not template._umkm_rule_complete():
                continue
            start = template._umkm_period(today)
            # the current period when its round can still open, else the next one
            while (
                start < template.date_start
                or (template.date_last_period and start <= template.date_last_period)
                or template._umkm_deadline(start) <= fields.Datetime.now()
            ):
                start = template._umkm_next_period(start)
            template.date_next = start
            template.deadline_next = template._umkm_deadline(start)

    @api.depends("cadence", "weekday", "month_day", "deadline_weekday", "deadline_days")
    @api.depends_context("lang")
    def _compute_schedule_text(self):
        days = dict(self._fields["weekday"]._description_selection(self.env))
        for template in self:
            hour = "%02d:%02d" % divmod(round((template.deadline_hour or 0.0) * 60), 60)
            if not template._umkm_rule_complete():
                template.schedule_text = False
            elif template.cadence == "weekly":
                template.schedule_text = self.env._(
                    "Every %(weekday)s, demand until %(deadline)s %(hour)s WIB",
                    weekday=days[template.weekday],
                    deadline=days[template.deadline_weekday],
                    hour=hour,
                )
            else:
                template.schedule_text = self.env._(
                    "Every month on day %(day)s, demand for %(days)s days until %(hour)s WIB",
                    day=template.month_day,
                    days=template.deadline_days,
                    hour=hour,
                )

    # ------------------------------------------------------------------ constraints
    @api.constrains("cadence", "weekday", "deadline_weekday")
    def _check_weekly(self):
        for template in self:
            if template.cadence == "weekly" and not (
                template.weekday and template.deadline_weekday
            ):
                raise ValidationError(
                    self.env._(
                        "%(name)s: a weekly round needs the day it opens and the day of its "
                        "deadline.",
                        name=template.name,
                    )
                )

    # ------------------------------------------------------------------ the calendar
    def _umkm_rule_complete(self):
        self.ensure_one()
        if self.cadence == "weekly":
            return bool(self.weekday and self.deadline_weekday)
        return bool(self.month_day)

    def _umkm_period(self, today):
        """The opening day of the period ``today`` (a local date) is in."""
        self.ensure_one()
        return period_start(self.cadence, today, int(self.weekday or 0), self.month_day or 1)

    def _umkm_next_period(self, start):
        self.ensure_one()
        return next_period_start(self.cadence, start, int(self.weekday or 0), self.month_day or 1)

    def _umkm_deadline(self, start):
        """The deadline (naive UTC) of the round of the period opening on ``start``: its day
        at the template's hour in WIB."""
        self.ensure_one()
        day = deadline_day(
            self.cadence, start, int(self.deadline_weekday or 0), self.deadline_days or 0
        )
        return local_to_utc(day, self.deadline_hour or 0.0, COOPERATIVE_TZ)

    def _umkm_due(self, now, force=False):
        """``{template: opening day}`` of the templates whose round of the period of ``now``
        (naive UTC) is due: the period started, the template did not open it yet and its
        deadline is still ahead. ``force``: the period's round even before ``date_start``."""
        today = local_today(now, COOPERATIVE_TZ)
        due = {}
        for template in self:
            if not template._umkm_rule_complete():
                continue
            start = template._umkm_period(today)
            if (
                (not force and start < template.date_start)
                or (template.date_last_period and start <= template.date_last_period)
                or template._umkm_deadline(start) <= now
            ):
                continue
            due[template] = start
        return due

    # ------------------------------------------------------------------ opening rounds
    def _umkm_manager(self):
        self.ensure_one()
        return self.user_id or self.cluster_id.manager_ids[:1]

    def _prepare_round_vals(self, start, lines):
        """Values of the round of the period opening on ``start``, with the materials
        ``lines`` (template lines)."""
        self.ensure_one()
        deadline = self._umkm_deadline(start)
        expected = False
        if self.expected_days:
            expected = fields.Date.add(deadline.date(), days=self.expected_days)
        return {
            "title": self.name,
            "cluster_id": self.cluster_id.id,
            "company_id": self.company_id.id,
            "user_id": self._umkm_manager().id,
            "deadline": deadline,
            "expected_date": expected,
            "allocation_method": self.allocation_method,
            "cost_split": self.cost_split,
            "fee_percent": self.fee_percent,
            "window_hours": self.window_hours,
            "template_id": self.id,
            "template_period": start,
            "line_ids": [(0, 0, line._prepare_round_line_vals()) for line in lines],
        }

    def _umkm_open_rounds(self, due):
        """Open the rounds of ``due`` (``{template: opening day}``) in one batch: the rounds
        and their materials created together, opened (every active member told in its
        language, as any round), the standing demand carried in as the members' demand in
        one create, whatever the number of members. A material without a valid vendor price
        is left out of its round and the responsible is told which; a template with no
        priced material opens nothing and says so."""
        Round = self.env["umkm.procurement.round"]
        vals_list, left_out, nothing = [], {}, self.browse()
        for template in self:
            lines = template.line_ids
            # the tiers of every material at once, not one query per material
            lines.product_id.seller_ids.mapped("price")
            currency = template.company_id.currency_id
            priced = lines.filtered(
                lambda line, c=currency, t=template: line.product_id._umkm_price_tiers(
                    c, t.company_id
                )
            )
            if not priced:
                nothing |= template
                continue
            if lines - priced:
                left_out[template] = lines - priced
            vals_list.append(template._prepare_round_vals(due[template], priced))
        rounds = Round.create(vals_list)
        if rounds:
            rounds.action_open()
            self.env["umkm.procurement.standing.demand"]._umkm_carry(rounds)
            rounds._aggregate()  # the totals the carried demand makes
        for rnd in rounds:
            if rnd.template_id in left_out:
                rnd.template_id._umkm_tell_left_out(rnd, left_out[rnd.template_id])
        for template in nothing:
            template._umkm_tell_nothing_priced(due[template])
        for template in self:
            template.date_last_period = due[template]
        return rounds

    def _umkm_tell_left_out(self, rnd, lines):
        """Tell the responsible (in its language) which materials the round left out."""
        self.ensure_one()
        manager = self._umkm_manager()
        rnd = rnd.with_context(lang=manager.lang or self.env.lang)
        products = ", ".join(
            lines.product_id.with_context(lang=rnd.env.lang).mapped("display_name")
        )
        note = rnd.env._(
            "Round %(round)s of %(template)s opened without these materials, which have no "
            "valid vendor price: %(products)s. Add their vendors and price tiers on the "
            "product (Purchase tab); they are in the next round once priced.",
            round=rnd.name,
            template=self.name,
            products=products,
        )
        rnd.message_post(body=note, subtype_xmlid="mail.mt_note")
        if manager:
            rnd.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=rnd.env._("Materials left out: no vendor price"),
                note=note,
                user_id=manager.id,
            )

    def _umkm_tell_nothing_priced(self, start):
        self.ensure_one()
        manager = self._umkm_manager()
        template = self.with_context(lang=manager.lang or self.env.lang)
        note = template.env._(
            "The round of %(template)s of the period from %(date)s did not open: none of its "
            "materials has a valid vendor price (%(products)s).",
            template=self.name,
            date=template._umkm_format_date(start),
            products=", ".join(self.line_ids.product_id.mapped("display_name")),
        )
        template.message_post(body=note, subtype_xmlid="mail.mt_note")
        if manager:
            template.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=template.env._("No round opened: no vendor price"),
                note=note,
                user_id=manager.id,
            )

    def _umkm_open_due(self, now, force=False):
        """Open the due rounds of these templates, once per period even when two jobs run at
        once: the templates' rows are claimed first (a second job waits for the first and
        then fails to serialize, or finds them locked) and a round is unique per template and
        period (a second job's round is refused by the database). The job that loses leaves
        the rounds to the one that won and opens nothing."""
        due = self._umkm_due(now, force=force)
        if not due:
            return self.env["umkm.procurement.round"]
        templates = self.browse([t.id for t in due])
        try:
            with self.env.cr.savepoint():
                templates._claim_rows(nowait=True)
                return templates._umkm_open_rounds(
                    {templates.browse(t.id): start for t, start in due.items()}
                )
        except CONCURRENT_ERRORS as error:
            _logger.info(
                "Recurring rounds %s are being opened by another job: left to it (%s)",
                templates.ids,
                error.__class__.__name__,
            )
            self.env.invalidate_all()
            return self.env["umkm.procurement.round"]

    @api.model
    def _cron_open_rounds(self, now=None):
        """Hourly: open the round of every active template whose period has started (WIB),
        once per period."""
        now = now or fields.Datetime.now()
        templates = self.sudo().search([("cluster_id.active", "=", True)])
        try:
            with self.env.cr.savepoint():
                return templates._umkm_open_due(now)
        except (UserError, ValidationError, IntegrityError):
            # one template that cannot open (a material of another company...) does not keep
            # the others closed: each on its own, the failing one logged
            self.env.invalidate_all()
        rounds = self.env["umkm.procurement.round"]
        for template in templates:
            try:
                with self.env.cr.savepoint():
                    rounds |= template._umkm_open_due(now)
            except (UserError, ValidationError, IntegrityError) as error:
                self.env.invalidate_all()
                _logger.warning("Recurring round %s could not open: %s", template.name, error)
        return rounds

    # ------------------------------------------------------------------ buttons
    def action_open_round_now(self):
        """Open the round of the current period now (even before the first period), unless
        it is open already."""
        self.ensure_one()
        self.check_access("write")
        # opening a round is the managers' (officers may not create rounds)
        self.env["umkm.procurement.round"].check_access("create")
        if not self.line_ids:
            raise UserError(self.env._("Add the materials of %(name)s first.", name=self.name))
        now = fields.Datetime.now()
        if not self._umkm_due(now, force=True):
            raise UserError(
                self.env._(
                    "The round of this period is open already, or its deadline has passed: "
                    "the next round opens on %(date)s.",
                    date=self._umkm_format_date(self.date_next) if self.date_next else "-",
                )
            )
        rounds = self.sudo()._umkm_open_due(now, force=True)
        if not rounds:
            raise UserError(
                self.env._("No round opened: see the template's messages for the reason.")
            )
        return self.action_view_rounds()

    def action_view_rounds(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "umkm_joint_procurement.umkm_procurement_round_action"
        )
        action["domain"] = [("template_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def action_view_standing(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "umkm_joint_procurement.umkm_procurement_standing_demand_action"
        )
        action["domain"] = [("template_id", "=", self.id)]
        action["context"] = {"default_template_id": self.id}
        return action
