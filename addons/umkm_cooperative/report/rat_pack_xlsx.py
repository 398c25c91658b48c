from odoo import models

from odoo.addons.umkm_cluster.tools.xlsx import XlsxWorkbook, check_report_access


class ReportRatPackXlsx(models.AbstractModel):
    """The RAT pack for the annual members' meeting (XLSX report under Print of a year's SHU):
    the members' register with their savings, the rule, each member's SHU and the funds."""

    _name = "report.umkm_cooperative.rat_pack_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "RAT pack (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        check_report_access(objs)
        book = XlsxWorkbook(workbook)
        for surplus in objs.sudo() if self.env.su else objs:
            self._write_register(book, surplus)
            self._write_rule(book, surplus)
            self._write_shares(book, surplus)
            self._write_funds(book, surplus)

    def _write_register(self, book, surplus):
        env = self.env
        money = book.money(surplus.currency_id.decimal_places)
        members = surplus.sudo()._members()
        balances = env["umkm.member.saving"]._balances(members, date_to=surplus.date_to)
        states = dict(members._fields["state"]._description_selection(env))
        sheet = book.add_sheet(
            env._("Members"),
            [
                (env._("Member no."), 16),
                (env._("Member"), 32),
                (env._("Joined on"), 12),
                (env._("Status"), 12),
                (env._("Principal savings"), 16),
                (env._("Compulsory savings"), 16),
                (env._("Voluntary savings"), 16),
                (env._("Savings"), 16),
            ],
        )
        row = 0
        for member in members:
            row += 1
            amounts = [balances[member.id, kind] for kind in ("pokok", "wajib", "sukarela")]
            sheet.write(row, 0, member.number or "")
            sheet.write(row, 1, member.partner_id.name)
            if member.date_join:
                sheet.write_datetime(row, 2, member.date_join, book.date())
            sheet.write(row, 3, states[member.state])
            for col, amount in enumerate([*amounts, sum(amounts)], start=4):
                sheet.write_number(row, col, amount, money)
        if members:
            for col in range(4, 8):
                letter = chr(ord("A") + col)
                sheet.write_formula(row + 1, col, f"=SUM({letter}2:{letter}{row + 1})", money)
            sheet.write(row + 1, 1, env._("Total"), book.bold)

    def _write_rule(self, book, surplus):
        env = self.env
        rule = surplus.rule_id
        bold = book.bold
        sheet = book.book.add_worksheet(env._("SHU rule")[:31])
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, 2, 18)
        rows = [
            (env._("SHU rule"), rule.name or ""),
            (env._("Effective from"), rule.date_effective),
            (env._("Date of the RAT"), rule.rat_date),
            (env._("Members present"), rule.rat_members_present),
            (env._("Members of the cooperative"), rule.rat_members_total),
            (
                env._("Capital measured by"),
                dict(rule._fields["modal_method"]._description_selection(env)).get(
                    rule.modal_method, ""
                ),
            ),
            (
                env._("Savings counted as capital"),
                dict(rule._fields["modal_savings"]._description_selection(env)).get(
                    rule.modal_savings, ""
                ),
            ),
        ]
        for row, (label, value) in enumerate(rows):
            sheet.write(row, 0, label, bold)
            if hasattr(value, "year"):
                sheet.write_datetime(row, 1, value, book.date())
            else:
                sheet.write(row, 1, value)
        row = len(rows) + 1
        book.header_row(sheet, row, [env._("Share"), env._("Share (%)")])
        for line in rule.line_ids:
            row += 1
            sheet.write(row, 0, line.name)
            sheet.write_number(row, 1, line.percent, book.format(num_format="0.00"))

    def _write_shares(self, book, surplus):
        env = self.env
        money = book.money(surplus.currency_id.decimal_places)
        payouts = dict(env["umkm.surplus.line"]._fields["payout"]._description_selection(env))
        sheet = book.add_sheet(
            env._("SHU per member"),
            [
                (env._("Member no."), 16),
                (env._("Member"), 32),
                (env._("Transactions"), 16),
                (env._("For its transactions"), 16),
                (env._("Capital"), 16),
                (env._("For its capital"), 16),
                (env._("SHU"), 16),
                (env._("Received as"), 24),
            ],
        )
        row = 0
        for line in surplus.line_ids:
            row += 1
            sheet.write(row, 0, line.member_id.number or "")
            sheet.write(row, 1, line.member_id.partner_id.name)
            for col, amount in enumerate(
                (
                    line.basis_usaha,
                    line.amount_usaha,
                    line.basis_modal,
                    line.amount_modal,
                    line.amount_total,
                ),
                start=2,
            ):
                sheet.write_number(row, col, amount, money)
            sheet.write(row, 7, payouts[line.payout])
        if surplus.line_ids:
            for col in range(2, 7):
                letter = chr(ord("A") + col)
                sheet.write_formula(row + 1, col, f"=SUM({letter}2:{letter}{row + 1})", money)
            sheet.write(row + 1, 1, env._("Total"), book.bold)

    def _write_funds(self, book, surplus):
        env = self.env
        money = book.money(surplus.currency_id.decimal_places)
        sheet = book.add_sheet(
            env._("Shares"),
            [(env._("Share"), 36), (env._("Share (%)"), 12), (env._("Amount"), 18)],
        )
        row = 0
        for pool in surplus.pool_ids:
            row += 1
            sheet.write(row, 0, pool.name)
            sheet.write_number(row, 1, pool.percent, book.format(num_format="0.00"))
            sheet.write_number(row, 2, pool.amount, money)
        sheet.write(row + 1, 0, env._("Surplus shared"), book.bold)
        sheet.write_number(row + 1, 2, surplus.amount, money)
