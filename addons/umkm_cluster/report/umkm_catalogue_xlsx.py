import base64
import io

from odoo import models
from odoo.tools import html2plaintext

from odoo.addons.umkm_cluster.tools.xlsx import XlsxWorkbook, check_report_access


class ReportUmkmCatalogueXlsx(models.AbstractModel):
    """The catalogue as a workbook (XLSX report, under Print of a catalogue; the public
    catalogue page's "Excel" link renders it too): one row per approved product."""

    _name = "report.umkm_cluster.catalogue_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Catalogue workbook (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        """In the catalogue's language (the public page passes the visitor's as ``lang``)."""
        check_report_access(objs)
        book = XlsxWorkbook(workbook)
        installed = dict(self.env["res.lang"].get_installed())
        for catalogue in objs:
            lang = (data or {}).get("lang")
            if lang not in installed:
                lang = catalogue.lang if catalogue.lang in installed else self.env.lang
            self._write_catalogue(book, catalogue.with_context(lang=lang))

    def _write_catalogue(self, book, catalogue):
        """Thumbnail, prices as numbers, autofilter, frozen header."""
        env = catalogue.env
        lines = catalogue._public_lines()
        wrap = book.format(text_wrap=True, valign="top")
        top = book.format(valign="top")
        money = book.money(catalogue.currency_id.decimal_places, valign="top")
        number = book.format(num_format="#,##0.##", valign="top")
        headers = [
            (env._("Photo"), 12),
            (env._("Product"), 32),
            (env._("Category"), 20),
            (env._("Producer"), 26),
            (env._("Wholesale price"), 16),
            (env._("Currency"), 9),
            (env._("Minimum order"), 14),
            (env._("Unit"), 10),
            (env._("Lead time (days)"), 14),
            (env._("Monthly capacity"), 16),
            (env._("Description"), 50),
        ]
        sheet = book.add_sheet(env._("Catalogue"), headers)
        row = 0
        for line in lines:
            row += 1
            sheet.set_row(row, 60)
            image = line.product_tmpl_id.image_128
            if image:
                sheet.insert_image(
                    row,
                    0,
                    f"product-{line.id}.png",
                    {
                        "image_data": io.BytesIO(base64.b64decode(image)),
                        "x_scale": 0.6,
                        "y_scale": 0.6,
                        "object_position": 1,
                    },
                )
            sheet.write_string(row, 1, line.product_tmpl_id.name or "", top)
            sheet.write_string(row, 2, line.categ_id.complete_name or "", top)
            sheet.write_string(row, 3, line.member_id.partner_id.name or "", top)
            sheet.write_number(row, 4, line.wholesale_price, money)
            sheet.write_string(row, 5, catalogue.currency_id.name, top)
            sheet.write_number(row, 6, line.min_qty, number)
            sheet.write_string(row, 7, line.uom_id.name or "", top)
            sheet.write_number(row, 8, line.lead_time_days, number)
            sheet.write_number(row, 9, line.capacity_monthly, number)
            sheet.write_string(
                row, 10, html2plaintext(line.product_tmpl_id.description_sale or ""), wrap
            )
        sheet.autofilter(0, 0, max(row, 1), len(headers) - 1)
