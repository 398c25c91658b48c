from datetime import timedelta

from odoo import api, fields, models
from odoo.tools.misc import format_datetime

# a close at the exact end that still collided with a member's last raise (its gate could not
# go first, see _umkm_close_due; PostgreSQL's serialization failure: the cron's transaction is
# rolled back) is tried again this much later
CLOSE_RETRY_MINUTES = 5


# one concern of the round per file (the round itself in umkm_procurement_round.py)
# pylint: disable=consider-merging-classes-inherited
class UmkmProcurementRound(models.Model):
    """The window to reach the next tier: after the deadline, for ``window_hours``, members may
    only raise the demand they entered (see ``umkm.procurement.demand``), the portal tells them
    per material how much more reaches the next price tier, and at the window's end the round
    closes by itself (the rounds' job, triggered at that moment)."""

    _inherit = "umkm.procurement.round"

    window_hours = fields.Integer(
        string="Window to reach the next tier (hours)",
        default=0,
        tracking=True,
        help="After the deadline, for this many hours, members may only raise their demand to "
        "reach the vendor's next price tier; the round then closes by itself. 0: no window, "
        "the round closes at the deadline.",
    )
    date_window_end = fields.Datetime(
        string="Window ends",
        compute="_compute_date_window_end",
        store=True,
        copy=False,
        help="The end of the window to reach the next tier (empty: none): the deadline plus "
        "the window's hours.",
    )
    in_window = fields.Boolean(
        compute="_compute_in_window",
        string="In the window to reach the next tier",
    )
    window_announced = fields.Boolean(
        string="Window announced",
        copy=False,
        readonly=True,
        help="The members were told that the window opened.",
    )

    _sql_constraints = [
        (
            "window_hours_positive",
            "CHECK(window_hours >= 0)",
            "The window to reach the next tier cannot last a negative number of hours.",
        ),
    ]

    @api.depends("deadline", "window_hours")
    def _compute_date_window_end(self):
        for rnd in self:
            rnd.date_window_end = (
                rnd.deadline + timedelta(hours=rnd.window_hours)
                if rnd.deadline and rnd.window_hours > 0
                else False
            )

    @api.depends("state", "deadline", "date_window_end")
    def _compute_in_window(self):
        now = fields.Datetime.now()
        for rnd in self:
            rnd.in_window = rnd._umkm_in_window(now)

    def _umkm_in_window(self, now):
        """Whether the round is open, past its deadline and before its window's end."""
        self.ensure_one()
        return bool(
            self.state == "open"
            and self.deadline
            and self.date_window_end
            and self.deadline < now < self.date_window_end
        )

    def _umkm_announce_windows(self, now):
        """Tell the active members of the rounds whose window to reach the next tier opened
        (the deadline passed, the window runs) how much more of each material brings everyone
        a lower price; once per round."""
        rounds = self.search(
            [
                ("state", "=", "open"),
                ("window_announced", "=", False),
                ("deadline", "<=", now),
                ("date_window_end", ">", now),
            ]
        )
        if rounds:
            rounds._aggregate()  # the totals as the deadline left them, not as last refreshed
            rounds._notify_members("umkm_joint_procurement.mail_template_round_window")
            rounds.write({"window_announced": True})
        return rounds

    def _umkm_format_datetime(self, value):
        """A moment in the reader's language and time zone (a form error, a message)."""
        return format_datetime(self.env, value, tz=self.env.context.get("tz"), dt_format="short")

    def _umkm_due_to_close(self, now):
        """Domain of the open rounds whose demand is over at ``now``: the deadline passed and
        the window, if any, ended. A round in its window is not due at its deadline."""
        return [
            ("state", "=", "open"),
            ("deadline", "<=", now),
            "|",
            ("date_window_end", "=", False),
            ("date_window_end", "<=", now),
        ]

    def _umkm_schedule_close(self):
        """Have the rounds' job run when the open rounds' demand ends (the window's end, or the
        deadline without window), and once more a few minutes later in case that run collided
        with a member's last change."""
        moments = set()
        for rnd in self.filtered(lambda r: r.state == "open" and r.deadline):
            end = rnd.date_window_end or rnd.deadline
            moments |= {end, end + timedelta(minutes=CLOSE_RETRY_MINUTES)}
            if rnd.date_window_end:
                moments.add(rnd.deadline)  # the window opens: the members are told
        if not moments:
            return
        cron = self.env.ref(
            "umkm_joint_procurement.ir_cron_procurement_rounds", raise_if_not_found=False
        )
        if cron:
            cron.sudo()._trigger_list(sorted(moments))

    def write(self, vals):
        if {"deadline", "window_hours"} & set(vals) and "window_announced" not in vals:
            vals = dict(vals, window_announced=False)  # a new window is announced again
        res = super().write(vals)
        if {"state", "deadline", "window_hours"} & set(vals):
            self._umkm_schedule_close()
        return res
