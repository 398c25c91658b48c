from odoo import api, models

from odoo.addons.umkm_cluster.tools.xlsx import XlsxWorkbook, check_report_access


def _report_year(env, data):
    """The year a report is of: ``data["year"]``, else the last full year (WIB)."""
    year = (data or {}).get("year")
    if isinstance(year, int) and 2000 <= year <= 2100:
        return year
    return env["umkm.cluster.snapshot"]._umkm_today().year - 1


class ReportUmkmClusterYear(models.AbstractModel):
    """The cluster's year in figures (PDF, in the reader's language) for its members, its
    funders and the local government: each month, the year's totals and the change on the
    year before."""

    _name = "report.umkm_cluster.report_cluster_year"
    _description = "Cluster yearly report"

    @api.model
    def _get_report_values(self, docids, data=None):
        clusters = self.env["umkm.cluster"].browse(docids)
        check_report_access(clusters)
        year = _report_year(self.env, data)
        Snapshot = self.env["umkm.cluster.snapshot"]
        return {
            "doc_ids": docids,
            "doc_model": "umkm.cluster",
            "docs": clusters,
            "year": year,
            "figures": {cluster.id: Snapshot._umkm_year(cluster, year) for cluster in clusters},
        }


class ReportUmkmClusterYearXlsx(models.AbstractModel):
    """The same year as a workbook: the cluster's months, then each member's."""

    _name = "report.umkm_cluster.cluster_year_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Cluster figures workbook (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        check_report_access(objs)
        book = XlsxWorkbook(workbook)
        year = _report_year(self.env, data)
        Snapshot = self.env["umkm.cluster.snapshot"]
        for cluster in objs:
            figures = Snapshot._umkm_year(cluster, year)
            money = book.money(cluster.currency_id.decimal_places)
            styles = {"money": money, "balance": money, "rate": book.format(num_format="0.0")}
            columns = figures["columns"]
            titles = [(self.env._("Month"), 10), (self.env._("Member"), 30)]
            titles += [(label, 16) for _name, _kind, label in columns]
            sheet = book.add_sheet(f"{cluster.code} {year}", titles)
            members = Snapshot.sudo().search(
                [
                    ("cluster_id", "=", cluster.id),
                    ("member_id", "!=", False),
                    ("month", ">=", f"{year}-01-01"),
                    ("month", "<=", f"{year}-12-01"),
                ],
                order="month, member_id",
            )
            row = 1
            for line in figures["months"] | members:
                sheet.write(row, 0, line.month.strftime("%m/%Y"))
                sheet.write(row, 1, line.member_id.display_name or cluster.name)
                for col, (name, kind, _label) in enumerate(columns, start=2):
                    sheet.write_number(row, col, line[name] or 0, styles.get(kind))
                row += 1
            sheet.autofilter(0, 0, max(row - 1, 1), len(titles) - 1)
