from odoo import models

from odoo.addons.umkm_cluster.report.umkm_cluster_year import _report_year
from odoo.addons.umkm_cluster.tools.xlsx import XlsxWorkbook


class ReportUmkmClusterYearXlsx(models.AbstractModel):
    """The year's workbook gets a sheet of the support received, by source."""

    _inherit = "report.umkm_cluster.cluster_year_xlsx"

    def generate_xlsx_report(self, workbook, data, objs):
        result = super().generate_xlsx_report(workbook, data, objs)
        book = XlsxWorkbook(workbook)
        year = _report_year(self.env, data)
        Snapshot = self.env["umkm.cluster.snapshot"]
        for cluster in objs:
            figures = Snapshot._umkm_year(cluster, year)
            money = book.money(cluster.currency_id.decimal_places)
            sheet = book.add_sheet(
                f"{cluster.code} {year} {self.env._('support')}",
                [
                    (self.env._("Source"), 36),
                    (self.env._("Activities"), 12),
                    (self.env._("Members reached"), 16),
                    (str(year), 18),
                    (str(year - 1), 18),
                ],
            )
            row = 1
            for line in figures["support"]:
                sheet.write(row, 0, line["label"])
                sheet.write_number(row, 1, line["count"])
                sheet.write_number(row, 2, line["members"])
                sheet.write_number(row, 3, line["value"], money)
                sheet.write_number(row, 4, line["value_previous"], money)
                row += 1
            total = figures["support_total"]
            sheet.write(row, 0, self.env._("Total"), book.bold)
            sheet.write_number(row, 1, total["count"], book.bold)
            sheet.write_number(row, 2, total["members"], book.bold)
            sheet.write_number(row, 3, total["value"], money)
            sheet.write_number(row, 4, total["value_previous"], money)
        return result
