from odoo import models

from odoo.addons.umkm_cluster.tools.xlsx import XlsxWorkbook, check_report_access
from odoo.addons.umkm_partnership.report.subcontract_assignments_xlsx import write_order_header


class ReportMaterialReconciliationXlsx(models.AbstractModel):
    """The material reconciliation of a subcontract order as a workbook (XLSX report under
    Print of an order, for the cooperative; the firm downloads the same on its portal): one
    block per material, then one row per member by its member number."""

    _name = "report.umkm_partnership_material.material_reconciliation_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Material reconciliation (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        check_report_access(objs)
        book = XlsxWorkbook(workbook)
        for order in objs:
            self._write_materials(book, order)

    def _write_materials(self, book, order):
        env = self.env
        order = order.with_context(lang=order.partner_id.lang or env.lang)
        bold = book.bold
        num = book.format(num_format="#,##0.00")
        sheet = book.book.add_worksheet(env._("Materials"))
        write_order_header(env, sheet, order, bold, num)
        headers = [
            env._("Material"),
            env._("Unit"),
            env._("Member no."),
            env._("Required"),
            env._("Received"),
            env._("Issued"),
            env._("Consumed"),
            env._("Returned"),
            env._("Lost"),
            env._("Loss allowed"),
            env._("Loss above allowance"),
            env._("Still held"),
        ]
        row = 4
        book.header_row(sheet, row, headers)
        for material, lines in order._material_rows():
            row += 1
            sheet.write(row, 0, material.product_id.display_name, bold)
            sheet.write(row, 1, material.uom_id.name)
            sheet.write(row, 2, env._("Total"))
            for col, value in enumerate(
                (
                    material.qty_required,
                    material.qty_received,
                    material.qty_issued,
                    material.qty_consumed,
                    material.qty_returned,
                    material.qty_lost,
                    material.qty_loss_allowed,
                    material.qty_loss_excess,
                    material.qty_at_members + material.qty_in_stock,
                ),
                start=3,
            ):
                sheet.write_number(row, col, value, num)
            for line, figures in lines:
                row += 1
                sheet.write(row, 0, material.product_id.display_name)
                sheet.write(row, 1, material.uom_id.name)
                sheet.write(row, 2, line.member_id.number or "")
                for col, key in enumerate(("issued", "consumed", "returned", "lost"), start=5):
                    sheet.write_number(row, col, figures[key], num)
                sheet.write_number(row, 11, figures["at_member"], num)
        sheet.set_column(0, 0, 32)
        sheet.set_column(1, 11, 13)
