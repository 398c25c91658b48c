from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.umkm_cluster.tools.xlsx import XlsxWorkbook, xlsx_response


class UmkmPartnershipExport(http.Controller):
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

    @http.route(["/umkm_partnership/order/<int:order_id>/materials.xlsx"], type="http", auth="user")
    def export_materials(self, order_id, **kw):
        """XLSX of an order's material reconciliation, for the cooperative."""
        order = request.env["umkm.subcontract.order"].browse(order_id)
        try:
            order.check_access("read")
            if not request.env.user.has_group("umkm_cluster.group_umkm_officer"):
                raise AccessError(request.env._("Only the cooperative can export this."))
            if not order.exists():
                raise MissingError(request.env._("This order does not exist."))
        except (AccessError, MissingError):
            return request.not_found()
        return self._materials_response(order)

    @classmethod
    def _materials_response(cls, order):
        content = cls._materials_workbook(order)
        return xlsx_response(content, f"{order.name.replace('/', '-')}-materials.xlsx")

    @staticmethod
    def _materials_workbook(order):
        """The material reconciliation of ``order`` (read as superuser by the caller's
        check): one block per material, then one row per member by its member number."""
        env = request.env
        order = order.with_context(lang=order.partner_id.lang or env.lang)
        book = XlsxWorkbook()
        bold = book.bold
        num = book.format(num_format="#,##0.00")
        sheet = book.book.add_worksheet(env._("Materials"))
        UmkmPartnershipExport._order_header(sheet, order, bold, num)
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
        for col, title in enumerate(headers):
            sheet.write(row, col, title, book.header)
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
        return book.to_bytes()
