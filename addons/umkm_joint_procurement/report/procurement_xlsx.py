"""Round workbook (XLSX report): Demand, Purchase, Allocation, Billing and Savings sheets."""

from xlsxwriter.utility import xl_rowcol_to_cell

from odoo import models

from odoo.addons.umkm_cluster.tools.xlsx import XlsxWorkbook, check_report_access


class ReportProcurementRoundXlsx(models.AbstractModel):
    """The round workbook (XLSX report, under Print of a round, for the cooperative); the
    member's own part (``data["member_id"]``) is the one the portal's download renders."""

    _name = "report.umkm_joint_procurement.round_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Procurement round workbook (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        check_report_access(objs)
        member = self.env["umkm.member"].browse((data or {}).get("member_id") or [])
        book = XlsxWorkbook(workbook)
        for rnd in objs:
            write_round_workbook(book, rnd, member)


def _sum(sheet, row, col, first, last, fmt):
    if last < first:
        sheet.write_number(row, col, 0, fmt)
        return
    sheet.write_formula(
        row,
        col,
        f"=SUM({xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(last, col)})",
        fmt,
    )


def write_round_workbook(book, rnd, member=None):
    """The sheets of round ``rnd`` in ``book`` (an ``XlsxWorkbook``); only ``member``'s rows if
    given.

    The workbook is written in the language of the requesting user (``rnd.env.user``), not in
    the language of the request (a ``website=True`` route carries the frontend language).
    """
    env = rnd.env(context=dict(rnd.env.context, lang=rnd.env.user.lang or "en_US"))
    rnd = rnd.with_env(env)
    bold = book.bold
    qty_digits = env["decimal.precision"].precision_get("Product Unit of Measure")
    # money: the currency's decimal places (none for the rupiah, rounding 1)
    money = book.money(rnd.currency_id.decimal_places)
    money_bold = book.money(rnd.currency_id.decimal_places, bold=True)

    def qty(value, total=False):
        return book.qty(value, qty_digits, bold=True) if total else book.qty(value, qty_digits)

    def write_qty(sheet, row, col, value):
        sheet.write_number(row, col, value, qty(value))

    def sheet_with_header(name, headers, widths):
        return book.add_sheet(name, zip(headers, widths, strict=True))

    def totals_per_unit(sheet, row, last, unit_col, sums):
        """One "Total (<unit>)" row per unit of measure from ``row`` on: ``sums`` maps a unit
        name to {column: total}; each cell is a SUMIF over the rows of that unit only."""
        last = max(last, 1)
        units = f"{xl_rowcol_to_cell(1, unit_col)}:{xl_rowcol_to_cell(last, unit_col)}"
        for unit, columns in sums.items():
            sheet.write(row, 0, env._("Total (%(unit)s)", unit=unit), bold)
            sheet.write(row, unit_col, unit, bold)
            for col, value in columns.items():
                values = f"{xl_rowcol_to_cell(1, col)}:{xl_rowcol_to_cell(last, col)}"
                criteria = xl_rowcol_to_cell(row, unit_col)
                sheet.write_formula(
                    row,
                    col,
                    f"=SUMIF({units},{criteria},{values})",
                    qty(value, total=True),
                    value,
                )
            row += 1

    demands = rnd.demand_ids.filtered(lambda d: d.state != "cancel")
    allocations = rnd.allocation_ids
    if member:
        demands = demands.filtered(lambda d: d.member_id == member)
        allocations = allocations.filtered(lambda a: a.member_id == member)

    # Demand: quantities of different units are never added together, one total per unit
    sheet = sheet_with_header(
        env._("Demand"),
        [
            env._("Member"),
            env._("Material"),
            env._("Quantity"),
            env._("Unit"),
            env._("In purchase unit"),
            env._("Purchase unit"),
            env._("Status"),
        ],
        [30, 30, 12, 10, 16, 14, 12],
    )
    states = dict(demands._fields["state"]._description_selection(env))
    row = 0
    sums = {}
    for row, demand in enumerate(demands.sorted(lambda d: (d.member_id.id, d.id)), start=1):
        line = rnd.line_ids.filtered(lambda rl, d=demand: rl.product_id == d.product_id)[:1]
        purchase_uom = line.uom_id or demand.uom_id
        in_purchase_uom = demand._qty_in_uom(purchase_uom) if line else demand.qty
        sheet.write(row, 0, demand.member_id.display_name)
        sheet.write(row, 1, demand.product_id.display_name)
        write_qty(sheet, row, 2, demand.qty)
        sheet.write(row, 3, demand.uom_id.name)
        write_qty(sheet, row, 4, in_purchase_uom)
        sheet.write(row, 5, purchase_uom.name)
        sheet.write(row, 6, states.get(demand.state, ""))
        unit_sums = sums.setdefault(purchase_uom.name, {4: 0.0})
        unit_sums[4] += in_purchase_uom
    totals_per_unit(sheet, row + 1, row, 5, sums)

    # Purchase
    sheet = sheet_with_header(
        env._("Purchase"),
        [
            env._("Purchase order"),
            env._("Vendor"),
            env._("Material"),
            env._("Ordered"),
            env._("Received"),
            env._("Unit"),
            env._("Unit price"),
            env._("Amount"),
        ],
        [16, 28, 30, 12, 12, 10, 14, 16],
    )
    row = 0
    pols = rnd.purchase_ids.order_line.filtered(lambda p: p.state != "cancel")
    for row, pol in enumerate(pols, start=1):
        sheet.write(row, 0, pol.order_id.name)
        sheet.write(row, 1, pol.order_id.partner_id.display_name)
        sheet.write(row, 2, pol.product_id.display_name)
        write_qty(sheet, row, 3, pol.product_qty)
        write_qty(sheet, row, 4, pol.qty_received)
        sheet.write(row, 5, pol.product_uom.name)
        sheet.write_number(row, 6, pol.price_unit, money)
        sheet.write_formula(
            row,
            7,
            f"={xl_rowcol_to_cell(row, 3)}*{xl_rowcol_to_cell(row, 6)}",
            money,
            pol.price_subtotal,
        )
    sheet.write(row + 1, 0, env._("Total"), bold)
    _sum(sheet, row + 1, 7, 1, row, money_bold)

    # Allocation
    sheet = sheet_with_header(
        env._("Allocation"),
        [
            env._("Member"),
            env._("Material"),
            env._("Demand"),
            env._("Allocated"),
            env._("Short"),
            env._("Unit"),
        ],
        [30, 30, 12, 12, 12, 10],
    )
    row = 0
    sums = {}
    for row, alloc in enumerate(allocations, start=1):
        sheet.write(row, 0, alloc.member_id.display_name)
        sheet.write(row, 1, alloc.product_id.display_name)
        write_qty(sheet, row, 2, alloc.qty_demand)
        write_qty(sheet, row, 3, alloc.qty_allocated)
        sheet.write_formula(
            row,
            4,
            f"={xl_rowcol_to_cell(row, 2)}-{xl_rowcol_to_cell(row, 3)}",
            qty(alloc.qty_short),
            alloc.qty_short,
        )
        sheet.write(row, 5, alloc.uom_id.name)
        unit_sums = sums.setdefault(alloc.uom_id.name, {2: 0.0, 3: 0.0, 4: 0.0})
        unit_sums[2] += alloc.qty_demand
        unit_sums[3] += alloc.qty_allocated
        unit_sums[4] += alloc.qty_short
    totals_per_unit(sheet, row + 1, row, 5, sums)

    # Billing
    sheet = sheet_with_header(
        env._("Billing"),
        [
            env._("Member"),
            env._("Material"),
            env._("Allocated"),
            env._("Unit price"),
            env._("Material amount"),
            env._("Shared costs"),
            env._("Service fee"),
            env._("Total"),
            env._("Invoice"),
        ],
        [30, 30, 12, 14, 16, 16, 14, 16, 18],
    )
    row = 0
    for row, alloc in enumerate(allocations, start=1):
        sheet.write(row, 0, alloc.member_id.display_name)
        sheet.write(row, 1, alloc.product_id.display_name)
        write_qty(sheet, row, 2, alloc.qty_allocated)
        sheet.write_number(row, 3, alloc.unit_price, money)
        sheet.write_number(row, 4, alloc.amount_material, money)
        sheet.write_number(row, 5, alloc.cost_share, money)
        sheet.write_number(row, 6, alloc.fee_amount, money)
        sheet.write_formula(
            row,
            7,
            f"=SUM({xl_rowcol_to_cell(row, 4)}:{xl_rowcol_to_cell(row, 6)})",
            money,
            alloc.amount_total,
        )
        sheet.write(row, 8, alloc.invoice_id.name or "")
    sheet.write(row + 1, 0, env._("Total"), bold)
    for col in (4, 5, 6, 7):
        _sum(sheet, row + 1, col, 1, row, money_bold)
    # the member invoices: untaxed (what the rows above add up to), tax and total
    invoices = rnd.invoice_ids.filtered(lambda m: m.state != "cancel")
    if member:
        invoices = invoices.filtered(lambda m: m.partner_id == member.partner_id)
    if invoices:
        row += 3
        book.header_row(
            sheet,
            row,
            [
                env._("Member"),
                env._("Invoice"),
                env._("Untaxed amount"),
                env._("Tax (PPN)"),
                env._("Invoice total"),
            ],
        )
        first = row + 1
        for invoice in invoices.sorted(lambda m: (m.partner_id.name or "", m.id)):
            row += 1
            sheet.write(row, 0, invoice.partner_id.display_name)
            sheet.write(row, 1, invoice.name or "")
            sheet.write_number(row, 2, invoice.amount_untaxed, money)
            sheet.write_number(row, 3, invoice.amount_tax, money)
            sheet.write_number(row, 4, invoice.amount_total, money)
        sheet.write(row + 1, 0, env._("Total"), bold)
        for col in (2, 3, 4):
            _sum(sheet, row + 1, col, first, row, money_bold)

    # Savings
    sheet = sheet_with_header(
        env._("Savings"),
        [
            env._("Material"),
            env._("Total demand"),
            env._("Unit"),
            env._("Vendor"),
            env._("Collective unit price"),
            env._("Baseline cost"),
            env._("Collective cost"),
            env._("Savings"),
        ],
        [30, 14, 10, 28, 18, 16, 16, 16],
    )
    row = 0
    for row, line in enumerate(rnd.line_ids, start=1):
        sheet.write(row, 0, line.product_id.display_name)
        write_qty(sheet, row, 1, line.qty_demand)
        sheet.write(row, 2, line.uom_id.name)
        sheet.write(row, 3, line.vendor_id.display_name or "")
        sheet.write_number(row, 4, line.price_unit, money)
        sheet.write_number(row, 5, line.amount_baseline, money)
        sheet.write_number(row, 6, line.amount_collective, money)
        sheet.write_formula(
            row,
            7,
            f"={xl_rowcol_to_cell(row, 5)}-{xl_rowcol_to_cell(row, 6)}",
            money,
            line.savings,
        )
    sheet.write(row + 1, 0, env._("Total"), bold)
    for col in (5, 6, 7):
        _sum(sheet, row + 1, col, 1, row, money_bold)
