from odoo import fields, models


# a member's track records for a bank, apart from the membership itself
# pylint: disable=consider-merging-classes-inherited
class UmkmMember(models.Model):
    _inherit = "umkm.member"

    track_record_ids = fields.One2many("umkm.track.record", "member_id", string="Track records")
    track_record_count = fields.Integer(compute="_compute_track_record_count")

    def _compute_track_record_count(self):
        counts = dict(
            self.env["umkm.track.record"]._read_group(
                [("member_id", "in", self.ids)], ["member_id"], ["__count"]
            )
        )
        for member in self:
            member.track_record_count = counts.get(member, 0)

    def action_issue_track_record(self):
        """Issue a track record of each member (an officer at the member's request)."""
        records = self.env["umkm.track.record"]
        for member in self:
            records |= records._umkm_issue(member)
        return records._umkm_open()

    def action_view_track_records(self):
        self.ensure_one()
        return self.track_record_ids._umkm_open(self)
