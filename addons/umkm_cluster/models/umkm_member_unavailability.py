from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class UmkmMemberUnavailability(models.Model):
    """A period when a member cannot take subcontract work (holiday, machine repair): the
    split of an order counts only the member's available days before the due date."""

    _name = "umkm.member.unavailability"
    _description = "Member Unavailable Period"
    _order = "member_id, date_from"
    _rec_name = "reason"

    member_id = fields.Many2one("umkm.member", required=True, ondelete="cascade", index=True)
    cluster_id = fields.Many2one(related="member_id.cluster_id", store=True)
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    reason = fields.Char(required=True, help="Holiday, machine repair, ...")

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for period in self:
            if period.date_to < period.date_from:
                raise ValidationError(
                    self.env._("The period %(reason)s ends before it starts.", reason=period.reason)
                )
            if (period.date_to - period.date_from).days > 366:
                raise ValidationError(
                    self.env._(
                        "The period %(reason)s is longer than a year: record it as leaving "
                        "or suspension instead.",
                        reason=period.reason,
                    )
                )

    @api.model
    def _unavailable_days(self, member_ids, date_from, date_to):
        """Days of ``[date_from, date_to)`` each member is unavailable (overlapping periods
        counted once): one query whatever the number of members. ``{member_id: days}``"""
        days = {member_id: set() for member_id in member_ids}
        if date_to <= date_from:
            return dict.fromkeys(member_ids, 0)
        periods = self.sudo().search_fetch(
            [
                ("member_id", "in", list(member_ids)),
                ("date_to", ">=", date_from),
                ("date_from", "<", date_to),
            ],
            ["member_id", "date_from", "date_to"],
        )
        for period in periods:
            start = max(period.date_from, date_from)
            end = min(period.date_to, date_to - timedelta(days=1))
            days[period.member_id.id].update(
                start.toordinal() + i for i in range((end - start).days + 1)
            )
        return {member_id: len(ordinals) for member_id, ordinals in days.items()}
