from collections import defaultdict

from odoo import fields, models


class UmkmMember(models.Model):
    _inherit = "umkm.member"

    subcontract_assignment_ids = fields.One2many(
        "umkm.subcontract.assignment", "member_id", string="Subcontract work"
    )

    def _update_subcontract_performance(self):
        """Recompute on-time and reject rates from all deliveries of the members.

        One grouped read, then one write per distinct pair of rates.
        """
        if not self:
            return
        groups = (
            self.env["umkm.subcontract.assignment"]
            .sudo()
            ._read_group(
                [("member_id", "in", self.ids), ("qty_delivered", ">", 0)],
                ["member_id"],
                ["qty_delivered:sum", "qty_rejected:sum", "qty_late:sum"],
            )
        )
        by_rates = defaultdict(list)
        for member, delivered, rejected, late in groups:
            if delivered <= 0:
                continue
            on_time = round(100.0 * (delivered - late) / delivered, 2)
            reject = round(100.0 * rejected / delivered, 2)
            by_rates[(max(0.0, on_time), min(100.0, reject))].append(member.id)
        for (on_time, reject), member_ids in by_rates.items():
            self.browse(member_ids).sudo().write({"on_time_rate": on_time, "reject_rate": reject})
