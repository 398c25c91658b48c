import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

REMINDER_DAYS = 2


# one concern of the round per file (the round itself in umkm_procurement_round.py)
# pylint: disable=consider-merging-classes-inherited
class UmkmProcurementRound(models.Model):
    """Messages to the members of a round, and the daily job that reminds the silent ones
    before the deadline and closes the rounds whose deadline has passed."""

    _inherit = "umkm.procurement.round"

    def _notify_members(self, template_xmlid, members_by_round=None):
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if members_by_round is None:
            # the active members of each cluster, grouped once for all the rounds
            of_cluster = self._active_members().grouped("cluster_id")
            members_by_round = {rnd.id: of_cluster.get(rnd.cluster_id) for rnd in self}
        for rnd in self:
            partners = members_by_round.get(rnd.id) or self.env["umkm.member"]
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

    def _umkm_demo_move_back(self, days):
        """Demo data: rounds run through today are shown as run ``days`` ago. Their dates and
        their history move back, and their announcement is posted again with the deadline the
        round now has (its text is the round's, never an old date)."""
        delta = timedelta(days=days)
        comment = self.env.ref("mail.mt_comment")
        for rnd in self:
            rnd.write(
                {"deadline": rnd.deadline - delta, "expected_date": rnd.expected_date - delta}
            )
            messages = rnd.message_ids
            announcements = messages.filtered(lambda m: m.subtype_id == comment and m.partner_ids)
            opened = min(announcements.mapped("date"), default=fields.Datetime.now()) - delta
            for message in messages - announcements:
                message.date -= delta
            partners = announcements.partner_ids
            announcements.unlink()
            rnd._notify_members(
                "umkm_joint_procurement.mail_template_round_open",
                {rnd.id: self.env["umkm.member"].search([("partner_id", "in", partners.ids)])},
            )
            (rnd.message_ids - messages).write({"date": opened})

    @api.model
    def _cron_procurement_rounds(self):
        """Daily, and when a round's demand ends (see ``_umkm_schedule_close``): close the
        rounds whose deadline passed and whose window to reach the next tier, if any, ended
        (never one still in its window); remind members without demand 2 days before the
        deadline; tell them when a window to reach the next tier opens."""
        now = fields.Datetime.now()
        self._umkm_close_due(now)
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
        self._umkm_announce_windows(now)

    def _umkm_close_due(self, now):
        """Close the rounds whose demand ended (deadline passed, window ended). While this
        job's transaction has written nothing (the closes come first in the job), each round
        is closed in a transaction of its own, its gate first (see
        ``_umkm_close_gate_first``): the members' saves in flight at the deadline are counted
        by this run, instead of colliding with the close and leaving the round open until the
        job's next trigger. Otherwise, and in tests, in a savepoint of this transaction."""
        to_close = self.search(self._umkm_due_to_close(now))
        own = to_close and not self.env.registry.in_test_mode() and not self._umkm_wrote_already()
        for rnd in to_close:
            try:
                if own:
                    with self.env.registry.cursor() as cr:
                        rnd.with_env(rnd.env(cr=cr)).with_context(
                            umkm_close_gate_first=True
                        ).action_close()
                else:
                    with self.env.cr.savepoint():
                        rnd.action_close()
            except UserError as error:
                _logger.warning("Could not close procurement round %s: %s", rnd.name, error)
