from odoo import api, models


class UmkmTrackRecord(models.Model):
    _inherit = "umkm.track.record"

    @api.model
    def _umkm_track_record_figures(self, member, date_from, date_to, values):
        """The subcontract work it delivered over the period, by the work's due dates (as the
        cluster's figures count it): pieces, and of them the share on time and rejected (none
        when nothing was delivered)."""
        rows = super()._umkm_track_record_figures(member, date_from, date_to, values)
        # rates of nothing delivered are no rates: shown as "-", not as 0 % on time
        delivered = values.get("qty_delivered", 0.0) > 0
        rows += [
            {
                "key": "qty_delivered",
                "label": self.env._("Subcontract work delivered (pieces)"),
                "value": values.get("qty_delivered", 0.0),
                "kind": "qty",
                "sequence": 11,
            },
            {
                "key": "on_time_rate",
                "label": self.env._("Delivered on time"),
                "value": values.get("on_time_rate", 0.0) if delivered else None,
                "kind": "percent",
                "sequence": 12,
            },
            {
                "key": "reject_rate",
                "label": self.env._("Rejected at quality control"),
                "value": values.get("reject_rate", 0.0) if delivered else None,
                "kind": "percent",
                "sequence": 13,
            },
        ]
        return rows
