from datetime import datetime, time, timedelta

import pytz

from odoo import api, models

# rounds whose demand is final
_CLOSED = ("closed", "ordered", "allocated", "invoiced", "done")


class UmkmClusterSnapshot(models.Model):
    _inherit = "umkm.cluster.snapshot"

    @api.model
    def _umkm_figures(self, clusters, first, last):
        """What each member saved in the rounds whose deadline fell in the month (WIB): the
        price at the vendor's tier for its own quantity against the collective price."""
        figures = super()._umkm_figures(clusters, first, last)
        tz = pytz.timezone(self.env.context.get("tz") or "Asia/Jakarta")

        def utc(day):
            local = tz.localize(datetime.combine(day, time.min))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        rounds = (
            self.env["umkm.procurement.round"]
            .sudo()
            .search(
                [
                    ("cluster_id", "in", clusters.ids),
                    ("state", "in", _CLOSED),
                    ("deadline", ">=", utc(first)),
                    ("deadline", "<", utc(last + timedelta(days=1))),
                ]
            )
        )
        cluster_of = {line.id: line.round_id.cluster_id.id for line in rounds.line_ids}
        for line, amounts in rounds.line_ids._member_amounts().items():
            for member_id, (_qty, _price, alone, together) in amounts.items():
                key = (cluster_of[line.id], member_id)
                figures[key]["savings"] = round(
                    figures[key].get("savings", 0.0) + alone - together, 2
                )
        return figures
