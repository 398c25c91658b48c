from odoo import models

from odoo.addons.umkm_cluster.tools.xlsx import XlsxWorkbook, check_report_access


def write_order_header(env, sheet, order, bold, num):
    """The order, its firm and its quantity at the top of a sheet (labels in ``env``'s
    language): the assignments' and the materials' workbooks."""
    sheet.write(0, 0, env._("Order"), bold)
    sheet.write(0, 1, order.name)
    sheet.write(1, 0, env._("Partner firm"), bold)
    sheet.write(1, 1, order.partner_id.name)
    sheet.write(2, 0, env._("Quantity"), bold)
    sheet.write_number(2, 1, order.qty, num)
    sheet.write(2, 2, order.uom_id.name)


class ReportSubcontractAssignmentsXlsx(models.AbstractModel):
    """The assignments of a subcontract order as a workbook (XLSX report, under Print of an
    order and behind its "Export assignments" button, for the cooperative)."""

    _name = "report.umkm_partnership.subcontract_assignments_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Subcontract order assignments (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        check_report_access(objs)
        if not self.env.su:
            objs.assignment_ids.check_access("read")
        book = XlsxWorkbook(workbook)
        for order in objs:
            self._write_assignments(book, order)

    def _write_assignments(self, book, order):
        env = self.env
        bold = book.bold
        num = book.format(num_format="#,##0.00")
        money = book.money(order.currency_id.decimal_places)
        date_fmt = book.date()
        sheet = book.book.add_worksheet(env._("Assignments"))
        write_order_header(env, sheet, order, bold, num)
        sheet.write(3, 0, env._("Due date"), bold)
        sheet.write_datetime(3, 1, order.date_due, date_fmt)
        row = 5
        titles = [
            env._("Member"),
            env._("Member no."),
            env._("Status"),
            env._("Quantity"),
            env._("Member price"),
            env._("Amount"),
            env._("Due date"),
            env._("Quantity made"),
            env._("Delivered quantity"),
            env._("Rejected quantity"),
            env._("Accepted by QC"),
            env._("Purchase order"),
        ]
        book.header_row(sheet, row, titles)
        states = dict(
            env["umkm.subcontract.assignment"]._fields["state"]._description_selection(env)
        )
        for line in order.assignment_ids:
            row += 1
            sheet.write(row, 0, line.member_id.partner_id.name)
            sheet.write(row, 1, line.member_id.number or "")
            sheet.write(row, 2, states.get(line.state, line.state))
            sheet.write_number(row, 3, line.qty, num)
            sheet.write_number(row, 4, line.unit_price, money)
            sheet.write_number(row, 5, line.amount, money)
            sheet.write_datetime(row, 6, line.date_due, date_fmt)
            sheet.write_number(row, 7, line.qty_reported, num)
            sheet.write_number(row, 8, line.qty_delivered, num)
            sheet.write_number(row, 9, line.qty_rejected, num)
            sheet.write_number(row, 10, line.qty_accepted, num)
            sheet.write(row, 11, line.sudo().purchase_order_id.name or "")
        if order.assignment_ids:
            total_row = row + 1
            sheet.write(total_row, 0, env._("Total"), bold)
            sheet.write_formula(total_row, 3, f"=SUM(D7:D{row + 1})", num)
            sheet.write_formula(total_row, 5, f"=SUM(F7:F{row + 1})", money)
        sheet.set_column(0, 0, 32)
        sheet.set_column(1, 11, 14)
