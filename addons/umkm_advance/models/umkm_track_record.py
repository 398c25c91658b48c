from odoo import api, models

# advances that money went out for: paid, then netted on a bill or due as a debt
PAID_STATES = ("paid", "netted", "due")


class UmkmTrackRecord(models.Model):
    """A member's track record shows the advances it took in the period and how they were
    repaid (deducted from its bills or paid back)."""

    _inherit = "umkm.track.record"

    @api.model
    def _umkm_track_record_figures(self, member, date_from, date_to, values):
        rows = super()._umkm_track_record_figures(member, date_from, date_to, values)
        advances = (
            self.env["umkm.advance"]
            .sudo()
            .search(
                [
                    ("member_id", "=", member.id),
                    ("state", "in", PAID_STATES),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                ]
            )
        )
        taken = sum(advances.mapped("amount"))
        open_amount = sum(advances.mapped("amount_open"))
        rows += [
            {
                "key": "advance_taken",
                "label": self.env._("Advances on accepted work taken"),
                "value": round(taken, 2),
                "kind": "money",
                "sequence": 80,
            },
            {
                "key": "advance_repaid",
                "label": self.env._("Advances repaid (deducted from bills or paid back)"),
                "value": round(taken - open_amount, 2),
                "kind": "money",
                "sequence": 81,
            },
            {
                "key": "advance_overdue",
                "label": self.env._("Advances overdue"),
                "value": round(
                    sum(
                        advances.filtered(lambda a: a.ageing not in (False, "not_due")).mapped(
                            "amount_open"
                        )
                    ),
                    2,
                ),
                "kind": "money",
                "sequence": 82,
            },
        ]
        return rows
