"""The suite's XLSX workbooks: one in-memory xlsxwriter workbook with the formats every export
shares (header, money in the currency's decimals, quantities without needless decimals,
dates), so that the round workbook, the subcontract export and the catalogue look alike."""

import io

import xlsxwriter

from odoo.http import content_disposition, request
from odoo.tools import float_is_zero

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

HEADER = {"bold": True, "bg_color": "#DDEBF7", "border": 1}
DATE_FORMAT = "yyyy-mm-dd"


def money_pattern(digits):
    """Number format of amounts in a currency of ``digits`` decimals (none for the rupiah)."""
    return "#,##0" + ("." + "0" * digits if digits else "")


def qty_pattern(value, digits):
    """Number format of a quantity: no decimals for a whole number, at most ``digits``."""
    if float_is_zero(value - round(value), precision_digits=digits):
        return "#,##0"
    return "#,##0." + "#" * digits


class XlsxWorkbook:
    """An in-memory workbook; formats are made once per set of properties."""

    def __init__(self):
        self._buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(self._buffer, {"in_memory": True})
        self._formats = {}

    def format(self, **props):
        key = tuple(sorted(props.items()))
        if key not in self._formats:
            self._formats[key] = self.book.add_format(props)
        return self._formats[key]

    @property
    def bold(self):
        return self.format(bold=True)

    @property
    def header(self):
        return self.format(**HEADER)

    def money(self, digits, **props):
        return self.format(num_format=money_pattern(digits), **props)

    def qty(self, value, digits, **props):
        return self.format(num_format=qty_pattern(value, digits), **props)

    def date(self, **props):
        return self.format(num_format=DATE_FORMAT, **props)

    def add_sheet(self, name, columns, row=0):
        """A worksheet named ``name`` (cut to Excel's 31 characters) with a header row at
        ``row`` of ``columns`` (``(title, width)`` pairs), frozen below it."""
        sheet = self.book.add_worksheet(name[:31])
        for col, (title, width) in enumerate(columns):
            sheet.write(row, col, title, self.header)
            sheet.set_column(col, col, width)
        sheet.freeze_panes(row + 1, 0)
        return sheet

    def to_bytes(self):
        self.book.close()
        return self._buffer.getvalue()


def xlsx_response(content, filename):
    """The HTTP answer that downloads a workbook's ``content`` as ``filename`` (every XLSX
    route of the suite answers with it)."""
    return request.make_response(
        content,
        headers=[
            ("Content-Type", XLSX_MIME),
            ("Content-Disposition", content_disposition(filename)),
        ],
    )
