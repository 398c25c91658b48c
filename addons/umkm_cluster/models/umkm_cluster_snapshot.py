import logging
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.months import (
    median,
    month_end,
    month_start,
    months_between,
    shift_months,
    weighted_rate,
)
from ..tools.sql_batch import insert_rows

_logger = logging.getLogger(__name__)

# figures of a member that add up to the cluster's
SUM_FIELDS = (
    "savings",
    "amount_procured",
    "amount_subcontract",
    "amount_sales",
    "capacity_used",
    "capacity_offered",
    "employees",
    "qty_delivered",
)
# rates of the members' deliveries: the cluster's is weighted by the quantity delivered
RATE_FIELDS = ("on_time_rate", "reject_rate")
# a member took part in the month when one of these is above zero
ACTIVITY_FIELDS = ("amount_procured", "amount_subcontract", "amount_sales", "capacity_used")
# the cluster's line keeps the median of its active members for each of these
MEDIAN_FIELDS = (
    "amount_procured",
    "savings",
    "amount_subcontract",
    "amount_sales",
    "on_time_rate",
    "reject_rate",
)
# the fewest members a median is shown of
MEDIAN_MIN_MEMBERS = 3
# how far back figures are taken from the documents when a cluster has none yet
BACKFILL_MONTHS = 36


class UmkmClusterSnapshot(models.Model):
    """The figures of a cluster and of each of its members for one month, taken from the
    documents when the month is over and kept: a later edit of a document does not rewrite
    a taken month; taking a month again is an explicit, logged action of a manager.

    The flows add their figures by extending ``_umkm_figures``."""

    _name = "umkm.cluster.snapshot"
    _description = "Cluster figures of a month"
    _order = "month desc, cluster_id, member_id"
    _rec_names_search = ["cluster_id", "member_id"]

    cluster_id = fields.Many2one("umkm.cluster", required=True, index=True, ondelete="cascade")
    member_id = fields.Many2one(
        "umkm.member",
        index=True,
        ondelete="cascade",
        help="Empty on the cluster's own line, which adds up its members' lines.",
    )
    month = fields.Date(required=True, index=True, help="The first day of the month.")
    company_id = fields.Many2one(related="cluster_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    state_id = fields.Many2one(related="cluster_id.state_id", store=True, string="Province")
    sector = fields.Selection(related="cluster_id.sector", store=True)
    savings = fields.Monetary(
        string="Saved buying together",
        help="What the members paid less in the month's procurement rounds than each would "
        "have paid buying alone.",
    )
    amount_procured = fields.Monetary(string="Bought together")
    amount_subcontract = fields.Monetary(string="Subcontract work")
    amount_sales = fields.Monetary(string="Joint sales paid")
    on_time_rate = fields.Float(string="On time (%)", aggregator="avg", digits=(5, 2))
    reject_rate = fields.Float(string="Rejects (%)", aggregator="avg", digits=(5, 2))
    qty_delivered = fields.Float(string="Quantity delivered", digits="Product Unit of Measure")
    capacity_offered = fields.Float(digits="Product Unit of Measure")
    capacity_used = fields.Float(digits="Product Unit of Measure")
    # summed over months a count of members means nothing: grouped, the highest month shows
    members_active = fields.Integer(string="Active members", aggregator="max")
    members_participating = fields.Integer(string="Members taking part", aggregator="max")
    employees = fields.Integer(aggregator="max")
    medians = fields.Json(
        readonly=True, help="On the cluster's line: the median of its active members' figures."
    )

    def init(self):
        # one line per cluster, member (none for the cluster's own) and month, whoever takes it
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS umkm_cluster_snapshot_month_uniq "
            "ON umkm_cluster_snapshot (cluster_id, COALESCE(member_id, 0), month)"
        )

    @api.depends("cluster_id", "member_id", "month")
    def _compute_display_name(self):
        for line in self:
            who = line.member_id.display_name or line.cluster_id.display_name
            month = line.month.strftime("%m/%Y") if line.month else ""
            line.display_name = f"{who} — {month}"

    # --- the figures of a month -------------------------------------------------------

    @api.model
    def _umkm_figures(self, clusters, first, last):
        """The figures of the month from ``first`` to ``last`` (dates), per
        ``(cluster id, member id)``: ``{key: {field: value}}``. Here the memberships: each
        member active at the month's end with its employees and its weekly capacity over
        the month. The flows add theirs (super() first, then add to the dict)."""
        figures = defaultdict(dict)
        # the two columns read, in the search's own query: reading them afterwards would
        # fetch every column of the members 1,000 at a time (100 queries at 100,000 members)
        members = (
            self.env["umkm.member"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [
                    ("cluster_id", "in", clusters.ids),
                    ("state", "=", "active"),
                    ("date_join", "<=", last),
                ],
                ["cluster_id", "employee_count"],
            )
        )
        capacity = dict(
            self.env["umkm.member.capacity"]
            .sudo()
            ._read_group([("member_id", "in", members.ids)], ["member_id"], ["qty_per_week:sum"])
        )
        weeks = ((last - first).days + 1) / 7.0
        for member in members:
            figures[(member.cluster_id.id, member.id)].update(
                members_active=1,
                employees=member.employee_count,
                capacity_offered=round(capacity.get(member, 0.0) * weeks, 2),
            )
        return figures

    @api.model
    def _umkm_lines_vals(self, clusters, first):
        """The lines of the month starting on ``first`` for ``clusters``: every member with
        a figure and the cluster's own line adding them up."""
        figures = self._umkm_figures(clusters, first, month_end(first))
        by_cluster = defaultdict(list)
        for (cluster_id, member_id), values in figures.items():
            values = dict(values)
            values["members_participating"] = int(
                any(values.get(name, 0) > 0 for name in ACTIVITY_FIELDS)
            )
            by_cluster[cluster_id].append(
                dict(values, cluster_id=cluster_id, member_id=member_id, month=first)
            )
        vals_list = []
        for cluster in clusters:
            lines = by_cluster.get(cluster.id, [])
            vals_list.extend(lines)
            vals_list.append(self._umkm_cluster_line_vals(cluster, first, lines))
        return vals_list

    @api.model
    def _umkm_cluster_line_vals(self, cluster, first, lines):
        """The cluster's own line from its members' lines of the month."""
        vals = {"cluster_id": cluster.id, "member_id": False, "month": first}
        for name in SUM_FIELDS:
            vals[name] = sum(line.get(name, 0) for line in lines)
        for name in RATE_FIELDS:
            vals[name] = weighted_rate(
                [(line.get(name, 0.0), line.get("qty_delivered", 0.0)) for line in lines]
            )
        vals["members_active"] = sum(line.get("members_active", 0) for line in lines)
        vals["members_participating"] = sum(line["members_participating"] for line in lines)
        active = [line for line in lines if line.get("members_active")]
        delivering = [line for line in active if line.get("qty_delivered", 0) > 0]
        # a median of fewer than three members would tell a member the other's figure
        vals["medians"] = {}
        for name in MEDIAN_FIELDS:
            group = delivering if name in RATE_FIELDS else active
            if len(group) >= MEDIAN_MIN_MEMBERS:
                vals["medians"][name] = median(line.get(name, 0) for line in group)
        return vals

    # --- taking months ----------------------------------------------------------------

    @api.model
    def _umkm_take(self, clusters, months, retake=False):
        """Take the figures of ``months`` (first days) for ``clusters``, as superuser.
        Months already taken are kept unless ``retake``, which writes them again from the
        documents. Returns the lines made."""
        Snapshot = self.sudo()
        made = Snapshot.browse()
        for first in sorted(set(months)):
            taken = Snapshot.search([("cluster_id", "in", clusters.ids), ("month", "=", first)])
            if retake:
                taken.unlink()
                todo = clusters
            else:
                todo = clusters - taken.cluster_id
            if todo:
                made |= Snapshot._umkm_insert(todo, Snapshot._umkm_lines_vals(todo, first))
        return made

    @api.model
    def _umkm_insert(self, clusters, vals_list):
        """Insert the lines in one query (a month of 1,000 members is 1,001 lines), with the
        cluster's stored related values, through the suite's raw-SQL layer."""
        clusters.fetch(["company_id", "state_id", "sector"])  # one query for all clusters
        related = {
            cluster.id: {
                "company_id": cluster.company_id.id,
                "state_id": cluster.state_id.id,
                "sector": cluster.sector,
            }
            for cluster in clusters
        }
        columns = sorted(
            {name for vals in vals_list for name in vals} | {"company_id", "state_id", "sector"}
        )
        rows = []
        for vals in vals_list:
            row = dict(related[vals["cluster_id"]], **vals)
            rows.append(tuple(row.get(name) for name in columns))
        return insert_rows(self, columns, rows)

    @api.model
    def _umkm_today(self):
        """Today in the cooperative's time zone (WIB unless the user says otherwise)."""
        return fields.Date.context_today(
            self.with_context(tz=self.env.context.get("tz") or "Asia/Jakarta")
        )

    @api.model
    def _umkm_first_month(self, clusters):
        """The first month of figures of each cluster: its first member's joining, at most
        ``BACKFILL_MONTHS`` back. ``{cluster: first day}``."""
        joined = dict(
            self.env["umkm.member"]
            .sudo()
            .with_context(active_test=False)
            ._read_group([("cluster_id", "in", clusters.ids)], ["cluster_id"], ["date_join:min"])
        )
        last_closed = shift_months(month_start(self._umkm_today()), -1)
        earliest = shift_months(last_closed, 1 - BACKFILL_MONTHS)
        return {
            cluster: max(
                earliest,
                month_start(joined.get(cluster) or cluster.create_date.date()),
            )
            for cluster in clusters
        }

    @api.model
    def _cron_take_snapshots(self):
        """Monthly: take every closed month not taken yet, of every cluster (a missed run
        is caught up by the next)."""
        clusters = self.env["umkm.cluster"].sudo().search([("member_ids", "!=", False)])
        last_closed = shift_months(month_start(self._umkm_today()), -1)
        latest = dict(
            self.sudo()._read_group(
                [("cluster_id", "in", clusters.ids), ("member_id", "=", False)],
                ["cluster_id"],
                ["month:max"],
            )
        )
        first_of = self._umkm_first_month(clusters)
        todo = defaultdict(lambda: self.env["umkm.cluster"])
        for cluster in clusters:
            start = shift_months(latest[cluster], 1) if cluster in latest else first_of[cluster]
            for first in months_between(start, last_closed) if start <= last_closed else []:
                todo[first] |= cluster
        for first, month_clusters in sorted(todo.items()):
            self._umkm_take(month_clusters, [first])
        return True

    @api.model
    def _umkm_backfill(self):
        """Take again every month of every cluster from the documents (when an addon that
        adds figures is installed): logged on each cluster."""
        clusters = self.env["umkm.cluster"].sudo().search([("member_ids", "!=", False)])
        if not clusters:
            return True
        last_closed = shift_months(month_start(self._umkm_today()), -1)
        first_of = self._umkm_first_month(clusters)
        start = min(first_of.values())
        if start > last_closed:
            return True
        for first in months_between(start, last_closed):
            self._umkm_take(
                clusters.filtered(lambda c, f=first: first_of[c] <= f), [first], retake=True
            )
        _logger.info("Cluster figures taken from the documents from %s to %s", start, last_closed)
        return True

    # --- a manager's explicit retake ----------------------------------------------------

    def action_retake(self):
        """Take the months of the selected lines again from the documents (a manager's
        choice: a document of a closed month was corrected). Logged on each cluster."""
        if not self.env.user.has_group("umkm_cluster.group_umkm_manager"):
            raise AccessError(
                self.env._("Only a cooperative manager may take a month's figures again.")
            )
        self.check_access("read")
        clusters = self.cluster_id
        clusters.check_access("write")
        months = sorted(set(self.mapped("month")))
        if not months:
            raise UserError(self.env._("Select the months to take again."))
        for first in months:
            month_clusters = self.filtered(lambda line, f=first: line.month == f).cluster_id
            self._umkm_take(month_clusters, [first], retake=True)
        labels = ", ".join(first.strftime("%m/%Y") for first in months)
        for cluster in clusters:
            cluster.message_post(
                body=self.env._(
                    "Figures of %(months)s taken again from the documents by %(user)s.",
                    months=labels,
                    user=self.env.user.name,
                )
            )
        return True

    # --- the passive-cluster / passive-member signal ------------------------------------

    @api.model
    def _umkm_passive(self, clusters):
        """The clusters and members without activity in each cluster's last
        ``passive_months`` taken months (a member only when it was active all those months):
        ``(set of cluster ids, set of member ids)``."""
        clusters = clusters.sudo()
        if not clusters:
            return set(), set()
        last_closed = shift_months(month_start(self._umkm_today()), -1)
        window = max(clusters.mapped("passive_months") or [1])
        rows = self.sudo()._read_group(
            [
                ("cluster_id", "in", clusters.ids),
                ("month", ">=", shift_months(last_closed, 1 - window)),
                ("month", "<=", last_closed),
            ],
            ["cluster_id", "member_id", "month:month"],
            ["members_participating:sum", "members_active:sum"],
        )
        since = {c.id: shift_months(last_closed, 1 - max(c.passive_months, 1)) for c in clusters}
        months = defaultdict(int)
        active = defaultdict(int)
        taking_part = defaultdict(int)
        for cluster, member, month, participating, members_active in rows:
            if month < since[cluster.id]:
                continue
            key = (cluster.id, member.id)
            months[key] += 1
            active[key] += int(bool(members_active))
            taking_part[key] += participating
        passive_clusters, passive_members = set(), set()
        for (cluster_id, member_id), count in months.items():
            needed = max(clusters.browse(cluster_id).passive_months, 1)
            if count < needed or taking_part[(cluster_id, member_id)]:
                continue
            if member_id:
                if active[(cluster_id, member_id)] >= needed:
                    passive_members.add(member_id)
            else:
                passive_clusters.add(cluster_id)
        return passive_clusters, passive_members

    # --- a year of figures (the yearly report and workbook) ----------------------------

    @api.model
    def _umkm_year_columns(self):
        """The figures a year's report shows: ``(field, kind)``, kind ``money`` (summed over
        the year), ``balance`` (an amount at the year's last month), ``rate`` (weighted by
        the quantity delivered) or ``count`` (at the year's last month)."""
        return [
            ("amount_procured", "money"),
            ("savings", "money"),
            ("amount_subcontract", "money"),
            ("amount_sales", "money"),
            ("on_time_rate", "rate"),
            ("reject_rate", "rate"),
            ("members_active", "count"),
            ("members_participating", "count"),
            ("employees", "count"),
        ]

    @api.model
    def _umkm_year(self, cluster, year):
        """The cluster's months of ``year`` and the year's totals beside the year before's:
        ``{"columns": [(field, kind, label)], "months": [line], "total": {field: value},
        "previous": {field: value}, "change": {field: % or None}}`` (superuser reads: the
        caller checked the cluster)."""
        columns = [
            (name, kind, self._fields[name].get_description(self.env)["string"])
            for name, kind in self._umkm_year_columns()
        ]
        lines = self.sudo().search(
            [
                ("cluster_id", "=", cluster.id),
                ("member_id", "=", False),
                ("month", ">=", f"{year - 1}-01-01"),
                ("month", "<=", f"{year}-12-01"),
            ],
            order="month",
        )
        this = lines.filtered(lambda line: line.month.year == year)
        before = lines - this

        def totals(months):
            total = {}
            for name, kind, _label in columns:
                if kind == "money":
                    total[name] = sum(months.mapped(name))
                elif kind == "rate":
                    total[name] = weighted_rate([(m[name], m.qty_delivered) for m in months])
                else:
                    total[name] = months[-1:][name] if months else 0
            return total

        total, previous = totals(this), totals(before)
        change = {
            name: round(100.0 * (total[name] - previous[name]) / previous[name], 1)
            if kind == "money" and previous[name]
            else None
            for name, kind, _label in columns
        }
        return {
            "columns": columns,
            "months": this,
            "total": total,
            "previous": previous,
            "change": change,
        }
