from datetime import date

from odoo import api, fields, models


class UmkmStakeholder(models.Model):
    """What an institution's support achieved over a period: the report for those who give
    (portal page, PDF, XLSX)."""

    _inherit = "umkm.stakeholder"

    @api.model
    def _umkm_report_period(self, date_from=None, date_to=None):
        """The period of a report: the dates given (``date`` or ``YYYY-MM-DD``), else this
        year (WIB). A wrong or reversed date falls back to the year's."""
        today = self.env["umkm.cluster.snapshot"]._umkm_today()

        def parse(value, default):
            if isinstance(value, date):
                return value
            try:
                return fields.Date.to_date(value) or default
            except (TypeError, ValueError):
                return default

        first = parse(date_from, date(today.year, 1, 1))
        last = parse(date_to, date(today.year, 12, 31))
        if last < first:
            first, last = date(today.year, 1, 1), date(today.year, 12, 31)
        return first, last

    def _umkm_support_report(self, date_from, date_to):
        """Per provider of ``self``: its support given in the period and what came of it —
        members reached, attendance, outcomes and value. Superuser reads of the providers'
        own support (the caller checked the providers). Two queries whatever the size."""
        supports = (
            self.env["umkm.partnership.support"]
            .sudo()
            .search(
                [
                    ("provider_id", "in", self.ids),
                    ("state", "=", "done"),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                ],
                order="date, id",
            )
        )
        participants = (
            self.env["umkm.support.participant"]
            .sudo()
            .search_fetch(
                [("support_id", "in", supports.ids)],
                ["support_id", "member_id", "attended", "outcome"],
            )
        )
        outcome_labels = {
            key: label
            for key, label in self.env["umkm.support.participant"]
            ._fields["outcome"]
            ._description_selection(self.env)
            if key != "none"
        }
        by_support = {}
        for participant in participants:
            by_support.setdefault(participant.support_id.id, []).append(participant)
        reports = {}
        for provider in self:
            rows, reached = [], set()
            totals = {"invited": 0, "attended": 0, "value": 0.0, "count": 0}
            totals["outcomes"] = dict.fromkeys(outcome_labels, 0)
            for support in supports.filtered(lambda s, p=provider: s.provider_id == p):
                lines = by_support.get(support.id, [])
                attended = [p for p in lines if p.attended]
                outcomes = dict.fromkeys(outcome_labels, 0)
                for p in attended:
                    if p.outcome in outcomes:
                        outcomes[p.outcome] += 1
                rows.append(
                    {
                        "support": support,
                        "invited": len(lines),
                        "attended": len(attended),
                        "outcomes": outcomes,
                        "value": support.value,
                    }
                )
                reached.update(p.member_id.id for p in attended)
                totals["count"] += 1
                totals["invited"] += len(lines)
                totals["attended"] += len(attended)
                totals["value"] += support.value
                for key, count in outcomes.items():
                    totals["outcomes"][key] += count
            totals["members"] = len(reached)
            totals["attendance_rate"] = (
                round(100.0 * totals["attended"] / totals["invited"], 1)
                if totals["invited"]
                else 0.0
            )
            reports[provider.id] = {"rows": rows, "totals": totals}
        return {
            "date_from": date_from,
            "date_to": date_to,
            "outcome_labels": outcome_labels,
            "reports": reports,
        }
