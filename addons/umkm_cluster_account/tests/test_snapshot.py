from datetime import date
from unittest.mock import patch

from odoo import Command, models
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.umkm_cluster.tests.common import UmkmClusterCase
from odoo.addons.umkm_cluster.tools.months import months_between, shift_months

TODAY = date(2026, 3, 15)  # the months before March 2026 are closed


@tagged("post_install", "-at_install")
class TestClusterSnapshot(UmkmClusterCase):
    """The cluster's figures of each month: taken from the documents the flows stamped, kept
    once taken, taken again only on a manager's logged request."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member_a3 = cls.env["umkm.member"].create(
            {
                "partner_id": cls.env["res.partner"].create({"name": "SME Empat"}).id,
                "cluster_id": cls.cluster_a.id,
            }
        )
        members = cls.member_a1 | cls.member_a2 | cls.member_a3 | cls.member_b3
        members.write({"date_join": date(2025, 1, 1)})
        members.action_activate()
        cls.member_a1.employee_count = 4
        cls.member_a2.employee_count = 2
        cls.env["umkm.member.capacity"].create(
            {"member_id": cls.member_a1.id, "capability_id": cls.cap_tulis.id, "qty_per_week": 70}
        )
        cls.Snapshot = cls.env["umkm.cluster.snapshot"]
        cls.today = patch.object(type(cls.Snapshot), "_umkm_today", lambda self: TODAY)
        cls.today.start()
        cls.addClassCleanup(cls.today.stop)

    def _document(self, flow, member, day, amount, move_type=None):
        move_type = move_type or ("out_invoice" if flow == "procurement" else "in_invoice")
        move = self.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": member.partner_id.id,
                "invoice_date": day,
                "date": day,
                "umkm_cluster_id": member.cluster_id.id,
                "umkm_flow": flow,
                "invoice_line_ids": [
                    Command.create(
                        {"name": flow, "quantity": 1, "price_unit": amount, "tax_ids": []}
                    )
                ],
            }
        )
        move.action_post()
        return move

    def _line(self, month, member=None, cluster=None):
        return self.Snapshot.search(
            [
                ("cluster_id", "=", (cluster or self.cluster_a).id),
                ("member_id", "=", member.id if member else False),
                ("month", "=", month),
            ]
        )

    def test_month_from_the_documents(self):
        jan = date(2026, 1, 1)
        self._document("procurement", self.member_a1, date(2026, 1, 10), 1500000)
        self._document("procurement", self.member_a1, date(2026, 1, 20), 200000, "out_refund")
        self._document("subcontract", self.member_a2, date(2026, 1, 31), 3000000)
        self._document("sales", self.member_a2, date(2026, 1, 5), 750000)
        self._document("sales", self.member_a2, date(2026, 2, 1), 999000)  # next month
        self._document("sales", self.member_b3, date(2026, 1, 5), 111000)  # other cluster
        self.Snapshot._umkm_take(self.cluster_a | self.cluster_b, [jan])

        one, two = self._line(jan, self.member_a1), self._line(jan, self.member_a2)
        self.assertEqual(one.amount_procured, 1300000)
        self.assertEqual((two.amount_subcontract, two.amount_sales), (3000000, 750000))
        self.assertEqual((one.employees, one.members_active, one.members_participating), (4, 1, 1))
        self.assertAlmostEqual(one.capacity_offered, 70 * 31 / 7, places=2)
        cluster = self._line(jan)
        self.assertEqual(cluster.amount_procured, 1300000)
        self.assertEqual(cluster.amount_subcontract + cluster.amount_sales, 3750000)
        self.assertEqual((cluster.members_active, cluster.members_participating), (3, 2))
        self.assertEqual(cluster.employees, 6)
        # the median of the three active members (0, 0, 750.000); none of cluster B's one
        self.assertEqual(cluster.medians["amount_sales"], 0)
        self.assertEqual(cluster.medians["amount_procured"], 0)
        self.assertNotIn("on_time_rate", cluster.medians)  # nobody delivered
        cluster_b = self._line(jan, cluster=self.cluster_b)
        self.assertEqual(cluster_b.amount_sales, 111000)
        self.assertFalse(cluster_b.medians)

    def test_taken_month_is_kept_and_retaken_on_request(self):
        jan = date(2026, 1, 1)
        self._document("subcontract", self.member_a1, date(2026, 1, 12), 1000000)
        self.Snapshot._cron_take_snapshots()
        self.assertEqual(self._line(jan).amount_subcontract, 1000000)
        lines = self.Snapshot.search_count([("cluster_id", "=", self.cluster_a.id)])

        # a bill of January posted late: the cron keeps January as it was taken
        self._document("subcontract", self.member_a2, date(2026, 1, 20), 500000)
        self.Snapshot._cron_take_snapshots()
        self.assertEqual(self._line(jan).amount_subcontract, 1000000)
        self.assertEqual(
            self.Snapshot.search_count([("cluster_id", "=", self.cluster_a.id)]), lines
        )

        # an officer may not take it again; the manager may, and it is logged
        with self.assertRaises(AccessError):
            self._line(jan).with_user(self.officer_a).action_retake()
        self._line(jan).with_user(self.manager_a).action_retake()
        self.assertEqual(self._line(jan).amount_subcontract, 1500000)
        self.assertIn("01/2026", self.cluster_a.message_ids[0].body)

    def test_take_reads_members_in_one_query_whatever_their_number(self):
        """The month's members and their businesses are read in one query each, never in
        the ORM's batches of 1,000 records (a national database of 100,000 members took 227
        queries, now 25): with batches of one record the take makes the same queries and the
        same lines as with the ORM's usual batches."""
        jan = date(2026, 1, 1)
        self._document("procurement", self.member_a1, date(2026, 1, 10), 1500000)
        self._document("sales", self.member_a2, date(2026, 1, 5), 750000)
        fields = ["member_id", "amount_procured", "amount_sales", "employees", "members_active"]
        fields += ["capacity_offered", "members_participating", "medians"]

        def take(batch):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            # the ORM's batch: the prefetch limit, bound as a default when Odoo is loaded
            in_cache_without = models.BaseModel._in_cache_without
            with (
                patch("odoo.models.PREFETCH_MAX", batch),
                patch.object(in_cache_without, "__defaults__", (batch,)),
            ):
                lines = self.Snapshot._umkm_take(self.cluster_a | self.cluster_b, [jan])
                self.env.flush_all()
            queries = self.env.cr.sql_log_count - before
            values = sorted(lines.read(fields, load=None), key=lambda v: v["member_id"] or 0)
            lines.unlink()
            return queries, [dict(v, id=None) for v in values]

        usual_queries, usual = take(1000)
        queries, values = take(1)
        self.assertEqual(values, usual)
        self.assertEqual(len(values), 6)  # four members and two clusters
        self.assertEqual(queries, usual_queries)

    def test_backfill_equals_monthly_runs(self):
        for month in range(1, 13):
            self._document("procurement", self.member_a1, date(2025, month, 9), 100000 * month)
            if month % 3 == 0:
                self._document("subcontract", self.member_a2, date(2025, month, 28), 50000)
        fields = ["amount_procured", "amount_subcontract", "members_participating", "employees"]

        def figures():
            return sorted(
                (line.month, line.member_id.id, *(line[f] for f in fields))
                for line in self.Snapshot.search([("cluster_id", "=", self.cluster_a.id)])
            )

        months = months_between(date(2025, 1, 1), date(2026, 2, 1))
        for first in months:
            self.Snapshot._umkm_take(self.cluster_a, [first])
        monthly = figures()
        self.Snapshot._umkm_backfill()
        self.assertEqual(figures(), monthly)
        self.assertEqual(len({row[0] for row in monthly}), len(months))
        self.assertEqual(self._line(date(2025, 7, 1), self.member_a1).amount_procured, 700000)

    def test_passive_members_and_clusters(self):
        self.cluster_a.passive_months = 2
        self._document("sales", self.member_a1, date(2026, 1, 15), 100000)
        self.Snapshot._cron_take_snapshots()
        # member 2 and cluster B did nothing in December and January
        self.assertFalse(self.member_a1.is_passive)
        self.assertTrue(self.member_a2.is_passive)
        self.assertFalse(self.cluster_a.is_passive)
        self.assertTrue(self.cluster_b.is_passive)
        Member = self.env["umkm.member"]
        passive = Member.search([("is_passive", "=", True), ("cluster_id", "=", self.cluster_a.id)])
        self.assertEqual(passive, self.member_a2 | self.member_a3)

    def test_who_sees_the_figures(self):
        self.Snapshot._umkm_take(self.cluster_a | self.cluster_b, [date(2026, 1, 1)])
        seen = self.Snapshot.with_user(self.officer_a).search([])
        self.assertEqual(seen.cluster_id, self.cluster_a)
        with self.assertRaises(AccessError):
            self.Snapshot.with_user(self.portal_1).search([])
        with self.assertRaises(AccessError):
            self.Snapshot.with_user(self.manager_a).create(
                {"cluster_id": self.cluster_a.id, "month": shift_months(TODAY, -1)}
            )

    def test_year_report_and_workbook(self):
        for month in (3, 6):
            self._document("subcontract", self.member_a1, date(2024, month, 10), 400000)
        for month in (2, 6, 11):
            self._document("subcontract", self.member_a1, date(2025, month, 10), 500000)
        self.env["umkm.member"].browse(self.member_a1.id).date_join = date(2024, 1, 1)
        self.Snapshot._cron_take_snapshots()
        year = self.Snapshot._umkm_year(self.cluster_a, 2025)
        self.assertEqual(len(year["months"]), 12)
        self.assertEqual(year["total"]["amount_subcontract"], 1500000)
        self.assertEqual(year["previous"]["amount_subcontract"], 800000)
        self.assertEqual(year["change"]["amount_subcontract"], 87.5)
        self.assertEqual(year["total"]["members_active"], 3)

        report = self.env.ref("umkm_cluster.action_report_cluster_year")
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.officer_a)
            ._render_qweb_html(report, self.cluster_a.ids, data={"year": 2025})
        )
        html = html.decode()
        self.assertIn("Cluster A — 2025", html)
        self.assertRegex(html, r"87[.,]5")
        self.assertIn("11/2025", html)
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.officer_a)._render_qweb_html(
                report, self.cluster_b.ids, data={"year": 2025}
            )

        workbook = self.env.ref("umkm_cluster.action_report_cluster_year_xlsx")
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.officer_a)
            ._render(workbook.report_name, self.cluster_a.ids, data={"year": 2025})
        )
        self.assertEqual(kind, "xlsx")
        self.assertTrue(content.startswith(b"PK"))
