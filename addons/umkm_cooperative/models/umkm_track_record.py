from odoo import api, models


class UmkmTrackRecord(models.Model):
    _inherit = "umkm.track.record"

    @api.model
    def _umkm_track_record_figures(self, member, date_from, date_to, values):
        """Its savings with the cooperative on the last day, per kind, and the SHU of the
        years posted in the period (as the cluster's figures count it)."""
        rows = super()._umkm_track_record_figures(member, date_from, date_to, values)
        balances = self.env["umkm.member.saving"]._balances(member, date_to=date_to)
        labels = {
            "pokok": self.env._("Principal savings (pokok)"),
            "wajib": self.env._("Compulsory savings (wajib)"),
            "sukarela": self.env._("Voluntary savings (sukarela)"),
        }
        for sequence, kind in enumerate(("pokok", "wajib", "sukarela"), start=60):
            rows.append(
                {
                    "key": f"saving_{kind}",
                    "label": labels[kind],
                    "value": round(balances[member.id, kind], 2),
                    "kind": "money",
                    "sequence": sequence,
                }
            )
        rows.append(
            {
                "key": "surplus",
                "label": self.env._("Share of the surplus (SHU) received"),
                "value": values.get("surplus", 0.0),
                "kind": "money",
                "sequence": 70,
            }
        )
        return rows
