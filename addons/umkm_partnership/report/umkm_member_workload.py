from odoo import fields, models, tools


class UmkmMemberWorkload(models.Model):
    """Accepted work not done yet per member, capability and due week, against the weekly
    capacity of the member for that capability."""

    _name = "umkm.member.workload"
    _description = "Member Workload"
    _auto = False
    _order = "week_start, member_id"
    # what the view reads: a search flushes these first, so pending writes are seen
    _depends = {
        "umkm.subcontract.assignment": [
            "member_id",
            "cluster_id",
            "company_id",
            "capability_id",
            "uom_id",
            "qty",
            "qty_accepted",
            "date_due",
            "state",
        ],
        "umkm.member.capacity": ["member_id", "capability_id", "qty_per_week", "uom_id"],
        "uom.uom": ["category_id", "factor"],
    }

    member_id = fields.Many2one("umkm.member", readonly=True)
    cluster_id = fields.Many2one("umkm.cluster", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    capability_id = fields.Many2one("umkm.capability", readonly=True)
    uom_id = fields.Many2one("uom.uom", string="Unit", readonly=True)
    week_start = fields.Date(string="Week", readonly=True)
    qty_load = fields.Float(string="Accepted work", digits="Product Unit of Measure", readonly=True)
    qty_capacity = fields.Float(
        string="Weekly capacity",
        digits="Product Unit of Measure",
        readonly=True,
        aggregator="max",
    )
    load_percent = fields.Float(
        string="Load (% of capacity)", digits=(5, 1), readonly=True, aggregator="max"
    )
    assignment_count = fields.Integer(string="Assignments", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # the work left on each accepted assignment is spread evenly over the weeks from the
        # current week to its due week (overdue work weighs on the current week)
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                WITH work AS (
                    SELECT a.id, a.member_id, a.cluster_id, a.company_id, a.capability_id,
                           a.uom_id,
                           a.qty - COALESCE(a.qty_accepted, 0) AS remaining,
                           date_trunc('week', CURRENT_DATE)::date AS week_from,
                           date_trunc('week', GREATEST(a.date_due, CURRENT_DATE))::date AS week_to
                      FROM umkm_subcontract_assignment a
                     WHERE a.state IN ('accepted', 'in_progress')
                ), spread AS (
                    SELECT w.*, gs::date AS week_start,
                           w.remaining / ((w.week_to - w.week_from) / 7 + 1) AS qty_week
                      FROM work w,
                           generate_series(w.week_from, w.week_to, interval '1 week') gs
                ), load AS (
                    SELECT member_id, cluster_id, company_id, capability_id, uom_id, week_start,
                           SUM(qty_week) AS qty_load, COUNT(id) AS assignment_count
                      FROM spread
                  GROUP BY member_id, cluster_id, company_id, capability_id, uom_id, week_start
                ), capacity AS (
                    -- the weekly capacity converted into the unit of the work
                    SELECT c.member_id, c.capability_id, wu.id AS uom_id,
                           c.qty_per_week / cu.factor * wu.factor AS qty_per_week
                      FROM umkm_member_capacity c
                      JOIN uom_uom cu ON cu.id = c.uom_id
                      JOIN uom_uom wu ON wu.category_id = cu.category_id
                )
                SELECT row_number() OVER (
                           ORDER BY l.week_start, l.member_id, l.capability_id, l.uom_id
                       ) AS id,
                       l.member_id, l.cluster_id, l.company_id, l.capability_id, l.uom_id,
                       l.week_start,
                       l.qty_load, l.assignment_count,
                       COALESCE(c.qty_per_week, 0) AS qty_capacity,
                       CASE WHEN COALESCE(c.qty_per_week, 0) > 0
                            THEN 100.0 * l.qty_load / c.qty_per_week ELSE 0 END AS load_percent
                  FROM load l
             LEFT JOIN capacity c
                    ON c.member_id = l.member_id AND c.capability_id = l.capability_id
                   AND c.uom_id = l.uom_id
            )
            """
        )
