"""The member statement PDF: A4, Odoo's external layout, one heading per column, in the
member's language."""

from odoo.tests import tagged

from odoo.addons.umkm_cluster.tests.common import load_indonesian

from .common import ProcurementCase


@tagged("post_install", "-at_install")
class TestMemberStatement(ProcurementCase):
    def test_statement_is_a4_with_distinct_headings(self):
        report = self.env.ref("umkm_joint_procurement.action_report_procurement_statement")
        self.assertEqual(report.get_paperformat().format, "A4")
        load_indonesian(self.env, "umkm_joint_procurement")
        self.member_1.partner_id.lang = "id_ID"  # the statement is in the member's language
        rnd = self._create_round(products=self.kain)
        rnd.action_open()
        self._demand(rnd, self.member_1, self.kain, 100)
        self._close_and_receive(rnd)
        rnd.action_allocate()
        html, _kind = report.with_context(lang="id_ID")._render_qweb_html(report, rnd.ids)
        html = html.decode()
        headings = [
            h.split(">", 1)[1].split("</th", 1)[0].strip()
            for h in html.split("<th")[1:]
            if "</th" in h
        ]
        self.assertIn("Bahan", headings)
        self.assertIn("Nilai bahan", headings)
        self.assertEqual(len(headings), len(set(headings)), headings)
        self.assertIn("article", html)  # web.external_layout's article wrapper
