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

    @api.model
    def _umkm_year(self, cluster, year):
        """The year's support received, by source (the provider's kind): activities given,
        members reached (each counted once per source) and value, beside the year before:
        ``figures["support"] = [{"kind", "label", "count", "members", "value",
        "value_previous"}]`` and ``figures["support_total"]``."""
        figures = super()._umkm_year(cluster, year)
        Participant = self.env["umkm.support.participant"].sudo()
        Support = self.env["umkm.partnership.support"].sudo()
        domain = [("cluster_id", "=", cluster.id), ("state", "=", "done")]
        this = [("date", ">=", f"{year}-01-01"), ("date", "<=", f"{year}-12-31")]
        before = [("date", ">=", f"{year - 1}-01-01"), ("date", "<=", f"{year - 1}-12-31")]
        values = {
            (kind, "this"): (count, value)
            for kind, count, value in Support._read_group(
                domain + this, ["provider_kind"], ["__count", "value:sum"]
            )
        }
        values.update(
            ((kind, "before"), (count, value))
            for kind, count, value in Support._read_group(
                domain + before, ["provider_kind"], ["__count", "value:sum"]
            )
        )
        reached = [
            ("cluster_id", "=", cluster.id),
            ("support_id.state", "=", "done"),
            ("attended", "=", True),
            ("date", ">=", f"{year}-01-01"),
            ("date", "<=", f"{year}-12-31"),
        ]
        members = dict(
            Participant._read_group(reached, ["provider_kind"], ["member_id:count_distinct"])
        )
        labels = dict(self.env["umkm.stakeholder"]._fields["kind"]._description_selection(self.env))
        rows = []
        for kind in sorted({kind for kind, _when in values}, key=lambda k: str(k)):
            count, value = values.get((kind, "this"), (0, 0.0))
            rows.append(
                {
                    "kind": kind,
                    "label": labels.get(kind) or self.env._("Other"),
                    "count": count,
                    "members": members.get(kind, 0),
                    "value": value,
                    "value_previous": values.get((kind, "before"), (0, 0.0))[1],
                }
            )
        figures["support"] = rows
        figures["support_total"] = {
            "count": sum(row["count"] for row in rows),
            "value": sum(row["value"] for row in rows),
            "value_previous": sum(row["value_previous"] for row in rows),
            "members": Participant._read_group(reached, [], ["member_id:count_distinct"])[0][0],
        }
        return figures
