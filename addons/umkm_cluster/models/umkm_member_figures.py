from odoo import models

from ..tools.months import month_start, shift_months

# the figures a member sees of its own months, beside its cluster's median
MEMBER_FIGURES = (
    "amount_procured",
    "savings",
    "amount_subcontract",
    "amount_sales",
    "on_time_rate",
    "reject_rate",
)


# a member's figures over time, apart from the membership itself
# pylint: disable=consider-merging-classes-inherited
class UmkmMember(models.Model):
    _inherit = "umkm.member"

    def _umkm_twelve_months(self):
        """The member's last twelve taken months beside its cluster's median, oldest first:
        ``[{"month": date, "own": {field: value}, "median": {field: value}, "bar": %,
        "median_bar": %}]``; the bars compare the month's work and sales (subcontract work
        and joint sales paid to it) with the largest of the twelve. Two queries, whatever
        the number of members."""
        self.ensure_one()
        Snapshot = self.env["umkm.cluster.snapshot"].sudo()
        last = shift_months(month_start(Snapshot._umkm_today()), -1)
        first = shift_months(last, -11)
        domain = [
            ("cluster_id", "=", self.cluster_id.id),
            ("month", ">=", first),
            ("month", "<=", last),
        ]
        own = {
            line["month"]: line
            for line in Snapshot.search_read(
                domain + [("member_id", "=", self.id)], ["month", *MEMBER_FIGURES]
            )
        }
        cluster = {
            line["month"]: line["medians"] or {}
            for line in Snapshot.search_read(
                domain + [("member_id", "=", False)], ["month", "medians"]
            )
        }
        months = sorted(set(own) | set(cluster))
        rows = []
        for month in months:
            mine = {name: own.get(month, {}).get(name, 0.0) for name in MEMBER_FIGURES}
            # None where the cluster had too few members for a median that tells no one's
            median = {name: cluster.get(month, {}).get(name) for name in MEMBER_FIGURES}
            rows.append({"month": month, "own": mine, "median": median})

        def work(values):
            return (values["amount_subcontract"] or 0.0) + (values["amount_sales"] or 0.0)

        scale = max([work(row[key]) for row in rows for key in ("own", "median")] or [0.0])
        for row in rows:
            row["bar"] = round(100.0 * work(row["own"]) / scale) if scale else 0
            row["median_bar"] = round(100.0 * work(row["median"]) / scale) if scale else 0
        return rows
