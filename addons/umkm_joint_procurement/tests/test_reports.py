"""The exports a manager and a member read: the round workbook in the user's language with one
total per unit of measure, and the member statement with the currency's own decimals, on A4 in
Odoo's external layout, dated in the member's zone and language."""

import io
import re
from datetime import datetime

import openpyxl
from PyPDF2 import PdfReader

from odoo import fields
from odoo.tests import new_test_user, tagged

from odoo.addons.umkm_cluster.tests.common import load_indonesian

from .common import PROCUREMENT_GROUPS, ROUND_XLSX, ProcurementCase

REPORT = "umkm_joint_procurement.action_report_procurement_statement"


@tagged("post_install", "-at_install")
class TestProcurementReports(ProcurementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_indonesian(cls.env, "umkm_joint_procurement")
        cls.idr = cls.env.ref("base.IDR")
        cls.idr.write({"active": True, "rounding": 1.0})
        cls.manager_id = new_test_user(
            cls.env,
            "proc_mgr_id",
            groups=PROCUREMENT_GROUPS,
            name="Manajer Pengadaan",
            lang="id_ID",
        )
        cls.cluster_a.manager_ids |= cls.manager_id
        cls.member_1.partner_id.write({"lang": "id_ID", "tz": "Asia/Jakarta"})
        # kain in metres, malam in kilograms, canting in units
        cls.round = cls._create_round(currency_id=cls.idr.id)
        cls.round.action_open()
        cls._demand(cls.round, cls.member_1, cls.kain, 100)
        cls._demand(cls.round, cls.member_2, cls.kain, 50)
        cls._demand(cls.round, cls.member_1, cls.malam, 20)
        cls._demand(cls.round, cls.member_2, cls.canting, 30)
        cls.round.write(
            {
                "deadline": datetime(2026, 3, 5, 20, 0),  # 6 March, 03:00 in Jakarta
                "expected_date": fields.Date.to_date("2026-03-20"),
            }
        )

    def _workbook(self, data_only=False):
        # the report is rendered as the manager (Print): in the user's language, whatever the
        # request's (a website=True route carries the frontend language)
        content, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.manager_id)
            .with_context(lang="en_US")
            ._render_xlsx(ROUND_XLSX, self.round.ids, None)
        )
        return openpyxl.load_workbook(io.BytesIO(content), data_only=data_only)

    def test_workbook_in_the_users_language(self):
        book = self._workbook()
        self.assertEqual(
            book.sheetnames, ["Permintaan", "Pembelian", "Alokasi", "Penagihan", "Penghematan"]
        )
        headers = [cell.value for cell in book["Permintaan"][1]]
        self.assertIn("Anggota", headers)
        self.assertIn("Bahan", headers)
        self.assertIn("Dalam satuan pembelian", headers)
        for sheet in book.worksheets:
            row = [cell.value for cell in sheet[1] if cell.value]
            self.assertEqual(len(row), len(set(row)), f"{sheet.title}: {row}")

    def test_demand_sheet_totals_per_unit(self):
        sheet = self._workbook()["Permintaan"]
        values = self._workbook(data_only=True)["Permintaan"]
        headers = [cell.value for cell in sheet[1]]
        qty_col = headers.index("Dalam satuan pembelian") + 1
        totals = {}
        for row in range(2, sheet.max_row + 1):
            label = sheet.cell(row, 1).value or ""
            if not label.startswith("Total"):
                continue
            formula = sheet.cell(row, qty_col).value
            # never a plain SUM over rows of different units
            self.assertNotRegex(str(formula), r"^=SUM\(")
            totals[label] = values.cell(row, qty_col).value
        self.assertEqual(
            totals,
            {
                f"Total ({uom.with_context(lang='id_ID').name})": total
                for uom, total in ((self.uom_meter, 150), (self.uom_kg, 20), (self.uom_unit, 30))
            },
        )

    def test_workbook_number_formats(self):
        self.round.action_close()
        book = self._workbook()
        savings = book["Penghematan"]
        headers = [cell.value for cell in savings[1]]
        price = savings.cell(2, headers.index("Harga satuan bersama") + 1)
        self.assertEqual(price.number_format, "#,##0")
        demand = book["Permintaan"]
        headers = [cell.value for cell in demand[1]]
        qty = demand.cell(2, headers.index("Jumlah") + 1)
        self.assertEqual(qty.value, int(qty.value))
        self.assertNotIn(".00", qty.number_format)

    def _statement_html(self):
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            REPORT, self.round.ids, data={"member_id": self.member_1.id}
        )
        return html.decode()

    def test_statement_a4_external_layout(self):
        report = self.env.ref(REPORT)
        self.assertEqual(report.get_paperformat().format, "A4")
        html = self._statement_html()
        self.assertRegex(html, r'class="header o_company_\d+_layout')
        self.assertRegex(html, r'class="footer o_company_\d+_layout')

    def test_statement_in_rupiah_without_cents_in_members_language(self):
        self._close_and_receive(self.round)
        self.round.action_allocate()
        html = self._statement_html()
        body = html.split('class="page', 1)[1]
        headings = re.findall(r"<th(?:\s[^>]*)?>\s*(.*?)\s*</th>", body, re.S)
        self.assertIn("Bahan", headings)
        self.assertIn("Nilai bahan", headings)
        self.assertIn("Harga satuan", headings)
        self.assertEqual(len(headings), len(set(headings)), headings)
        self.assertIn(self.idr.symbol, body)
        self.assertNotRegex(body, r"\d[.,]00\b")
        self.assertIn("Laporan pembelian bersama", body)
        # the deadline in the member's zone (Asia/Jakarta) and language
        self.assertIn("06/03/2026", body)

    def test_statement_pdf_one_a4_page_per_member(self):
        self._close_and_receive(self.round)
        self.round.action_allocate()
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, self.round.ids)
        )
        self.assertEqual(kind, "pdf")
        reader = PdfReader(io.BytesIO(pdf))
        self.assertGreaterEqual(len(reader.pages), 2)  # member 1 and member 2
        box = reader.pages[0].mediabox
        # A4 is 595 x 842 points (Letter would be 612 x 792)
        self.assertAlmostEqual(float(box.width), 595, delta=2)
        self.assertAlmostEqual(float(box.height), 842, delta=2)
