from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.umkm_cluster.tools.xlsx import XlsxWorkbook, xlsx_response


class UmkmPartnershipExport(http.Controller):
    @http.route(
        ["/umkm_partnership/order/<int:order_id>/assignments.xlsx"], type="http", auth="user"
    )
    def export_assignments(self, order_id, **kw):
        """XLSX of an order's assignments, for backend users who can read them."""
        order = request.env["umkm.subcontract.order"].browse(order_id)
        try:
            order.check_access("read")
            order.assignment_ids.check_access("read")
            if not request.env.user.has_group("umkm_cluster.group_umkm_officer"):
                raise AccessError(request.env._("Only the cooperative can export assignments."))
            if not order.exists():
                raise MissingError(request.env._("This order does not exist."))
        except (AccessError, MissingError):
            return request.not_found()
        content = self._workbook(order)
        return xlsx_response(content, f"{order.name.replace('/', '-')}-assignments.xlsx")

    @staticmethod
    def _order_header(sheet, order, bold, num):
        """The order, its firm and its quantity at the top of a sheet."""
        env = request.env
        sheet.write(0, 0, env._("Order"), bold)
        sheet.write(0, 1, order.name)
        sheet.write(1, 0, env._("Partner firm"), bold)
        sheet.write(1, 1, order.partner_id.name)
        sheet.write(2, 0, env._("Quantity"), bold)
        sheet.write_number(2, 1, order.qty, num)
        sheet.write(2, 2, order.uom_id.name)

    def _workbook(self, order):
        env = request.env
        book = XlsxWorkbook()
        bold = book.bold
        num = book.format(num_format="#,##0.00")
        money = book.money(order.currency_id.decimal_places)
        date_fmt = book.date()
        sheet = book.book.add_worksheet(env._("Assignments"))
        UmkmPartnershipExport._order_header(sheet, order, bold, num)
        sheet.write(3, 0, env._("Due date"), bold)
        sheet.write_datetime(3, 1, order.date_due, date_fmt)
        headers = [
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
        row = 5
        for col, title in enumerate(headers):
            sheet.write(row, col, title, book.header)
        states = dict(
            request.env["umkm.subcontract.assignment"]
            ._fields["state"]
            ._description_selection(request.env)
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
        return book.to_bytes()
