"""The suite's XLSX workbooks: the formats every workbook shares (header, money in the
currency's decimals, quantities without needless decimals, dates), so that the round workbook,
the subcontract exports and the catalogue look alike, written into the workbook of an XLSX
report (OCA's ``report_xlsx``) or into one of their own; and the download of those reports
from the portal and public routes."""

import io

import xlsxwriter

from odoo.exceptions import AccessError
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
    """The xlsxwriter workbook ``book`` (an XLSX report's) or, without it, an in-memory one of
    its own (``to_bytes`` closes it); formats are made once per set of properties."""

    def __init__(self, book=None):
        self._buffer = None
        if book is None:
            self._buffer = io.BytesIO()
            book = xlsxwriter.Workbook(self._buffer, {"in_memory": True})
        self.book = book
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
        columns = list(columns)
        self.header_row(sheet, row, [title for title, _width in columns])
        for col, (_title, width) in enumerate(columns):
            sheet.set_column(col, col, width)
        sheet.freeze_panes(row + 1, 0)
        return sheet

    def header_row(self, sheet, row, titles):
        """``titles`` in the header format on row ``row`` of ``sheet``, from the first column."""
        for col, title in enumerate(titles):
            sheet.write(row, col, title, self.header)

    def to_bytes(self):
        self.book.close()
        return self._buffer.getvalue()


def check_report_access(records):
    """Refuse (AccessError) an XLSX report of ``records`` to a user who may not read them or is
    not of the cooperative (the workbooks are the cooperative's; members and the public download
    theirs on the portal and public pages). A route that checked access itself renders the
    report as superuser (``render_xlsx_report`` of a sudo environment): nothing to check then."""
    if records.env.su:
        return
    records.check_access("read")
    if not records.env.user.has_group("umkm_cluster.group_umkm_officer"):
        raise AccessError(records.env._("Only the cooperative can download this workbook."))


def render_xlsx_report(env, report_ref, docids, data=None):
    """The bytes of the XLSX report ``report_ref`` (an ``ir.actions.report`` of type ``xlsx``)
    of records ``docids``, rendered in ``env`` as ``ir.actions.report._render_xlsx`` renders it,
    but as superuser when ``env`` is (``_render_xlsx`` renders as the user even then): the
    portal and public routes check access, then render the backend's report."""
    report = env["ir.actions.report"]._get_report(report_ref)
    content, _kind = (
        env[f"report.{report.report_name}"]
        .with_context(active_model=report.model)
        .create_xlsx_report(docids, data)
    )
    return content


def xlsx_report_response(env, report_ref, records, filename, data=None):
    """The HTTP answer that downloads the XLSX report ``report_ref`` of ``records`` as
    ``filename`` (see ``render_xlsx_report``)."""
    return xlsx_response(render_xlsx_report(env, report_ref, records.ids, data), filename)


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
