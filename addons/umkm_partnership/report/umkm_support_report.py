from datetime import datetime, time

from odoo import api, models
from odoo.exceptions import AccessError

from odoo.addons.umkm_cluster.tools.xlsx import XlsxWorkbook


def _check_provider_access(stakeholders):
    """The cooperative's officers, or the provider's own users (record rules decide);
    a route that checked access renders as superuser."""
    if stakeholders.env.su:
        return
    stakeholders.check_access("read")
    user = stakeholders.env.user
    if not user.has_group("umkm_cluster.group_umkm_officer") and any(
        s.partner_id != user.commercial_partner_id for s in stakeholders
    ):
        raise AccessError(stakeholders.env._("This report is not yours."))


class ReportUmkmSupport(models.AbstractModel):
    """What an institution's support achieved over a period (PDF, A4, in the reader's
    language): per activity the members invited and attending, the outcomes and the value."""

    _name = "report.umkm_partnership.report_support"
    _description = "Support report for a provider"

    @api.model
    def _get_report_values(self, docids, data=None):
        providers = self.env["umkm.stakeholder"].browse(docids)
        _check_provider_access(providers)
        data = data or {}
        first, last = providers._umkm_report_period(data.get("date_from"), data.get("date_to"))
        return {
            "doc_ids": docids,
            "doc_model": "umkm.stakeholder",
            "docs": providers,
            **providers.sudo()._umkm_support_report(first, last),
        }


class ReportUmkmSupportXlsx(models.AbstractModel):
    _name = "report.umkm_partnership.support_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Support report for a provider (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        _check_provider_access(objs)
        data = data or {}
        first, last = objs._umkm_report_period(data.get("date_from"), data.get("date_to"))
        report = objs.sudo()._umkm_support_report(first, last)
        book = XlsxWorkbook(workbook)
        labels = report["outcome_labels"]
        for provider in objs:
            money = book.money(provider.currency_id.decimal_places)
            titles = [
                (self.env._("Date"), 12),
                (self.env._("Activity"), 36),
                (self.env._("Cluster"), 28),
                (self.env._("Invited"), 10),
                (self.env._("Attended"), 10),
                *[(label, 14) for label in labels.values()],
                (self.env._("Value"), 16),
            ]
            sheet = book.add_sheet(provider.name[:31], titles)
            row = 1
            for line in report["reports"][provider.id]["rows"]:
                support = line["support"]
                sheet.write_datetime(row, 0, datetime.combine(support.date, time()), book.date())
                sheet.write(row, 1, support.display_name)
                sheet.write(row, 2, support.cluster_id.name)
                sheet.write_number(row, 3, line["invited"])
                sheet.write_number(row, 4, line["attended"])
                for col, key in enumerate(labels, start=5):
                    sheet.write_number(row, col, line["outcomes"][key])
                sheet.write_number(row, 5 + len(labels), line["value"], money)
                row += 1
            totals = report["reports"][provider.id]["totals"]
            sheet.write(row, 1, self.env._("Total"), book.bold)
            sheet.write_number(row, 3, totals["invited"], book.bold)
            sheet.write_number(row, 4, totals["attended"], book.bold)
            for col, key in enumerate(labels, start=5):
                sheet.write_number(row, col, totals["outcomes"][key], book.bold)
            sheet.write_number(row, 5 + len(labels), totals["value"], money)
            sheet.write(row + 1, 1, self.env._("Members reached"))
            sheet.write_number(row + 1, 4, totals["members"])
