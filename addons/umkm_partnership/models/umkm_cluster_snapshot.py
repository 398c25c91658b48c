from odoo import api, models

# assignments that are work a member took on
_TAKEN = ("accepted", "in_progress", "done")


class UmkmClusterSnapshot(models.Model):
    _inherit = "umkm.cluster.snapshot"

    @api.model
    def _umkm_figures(self, clusters, first, last):
        """The month's subcontract work of each member, by the due date of its work: the
        quantity it took on (capacity used) and, of what it delivered, the share on time and
        rejected (weighted by quantity, as the member's own rates)."""
        figures = super()._umkm_figures(clusters, first, last)
        for cluster, member, qty, delivered, rejected, late in (
            self.env["umkm.subcontract.assignment"]
            .sudo()
            ._read_group(
                [
                    ("cluster_id", "in", clusters.ids),
                    ("state", "in", _TAKEN),
                    ("date_due", ">=", first),
                    ("date_due", "<=", last),
                ],
                ["cluster_id", "member_id"],
                ["qty:sum", "qty_delivered:sum", "qty_rejected:sum", "qty_late:sum"],
            )
        ):
            line = figures[(cluster.id, member.id)]
            line["capacity_used"] = round(qty, 2)
            line["qty_delivered"] = round(delivered, 2)
            if delivered > 0:
                line["on_time_rate"] = round(max(0.0, 100.0 * (delivered - late) / delivered), 2)
                line["reject_rate"] = round(min(100.0, 100.0 * rejected / delivered), 2)
        return figures
