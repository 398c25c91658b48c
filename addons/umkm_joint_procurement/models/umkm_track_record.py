from odoo import api, models


class UmkmTrackRecord(models.Model):
    _inherit = "umkm.track.record"

    @api.model
    def _umkm_track_record_figures(self, member, date_from, date_to, values):
        """What buying together saved it over the period, against buying alone."""
        rows = super()._umkm_track_record_figures(member, date_from, date_to, values)
        rows.append(
            {
                "key": "savings",
                "label": self.env._("Saved by buying together"),
                "value": values.get("savings", 0.0),
                "kind": "money",
                "sequence": 31,
            }
        )
        return rows
