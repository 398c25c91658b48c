from odoo import api, models


class UmkmTrackRecord(models.Model):
    _inherit = "umkm.track.record"

    @api.model
    def _umkm_track_record_figures(self, member, date_from, date_to, values):
        """The member's transactions with the cooperative over the period, from the documents
        the flows stamped (as the cluster's monthly figures read them), and what the
        cooperative paid it on its bills."""
        rows = super()._umkm_track_record_figures(member, date_from, date_to, values)
        paid = self.env["account.move"]._umkm_member_paid(member, date_from, date_to)
        rows += [
            {
                "key": "amount_subcontract",
                "label": self.env._("Subcontract work delivered (value)"),
                "value": values.get("amount_subcontract", 0.0),
                "kind": "money",
                "sequence": 10,
            },
            {
                "key": "amount_procured",
                "label": self.env._("Raw materials bought through joint procurement"),
                "value": values.get("amount_procured", 0.0),
                "kind": "money",
                "sequence": 30,
            },
            {
                "key": "amount_sales",
                "label": self.env._("Joint sales of its products"),
                "value": values.get("amount_sales", 0.0),
                "kind": "money",
                "sequence": 40,
            },
            {
                "key": "amount_paid",
                "label": self.env._("Paid to the member by the cooperative"),
                "value": round(paid.get(member.id, 0.0), 2),
                "kind": "money",
                "sequence": 50,
            },
        ]
        return rows
