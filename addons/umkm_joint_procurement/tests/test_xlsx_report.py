"""The round workbook is an XLSX report of OCA's report_xlsx: listed under Print of a round for
the cooperative, rendered as the user with Odoo's access checks, and the portal's download of
a member's part renders the same report."""

import io
import json
import zipfile
from urllib.parse import urlencode

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import ROUND_XLSX, ProcurementCase


@tagged("post_install", "-at_install")
class TestRoundXlsxReport(ProcurementCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = cls.env.ref(ROUND_XLSX)
        cls.round = cls._create_round(products=cls.kain)
        cls.round.action_open()
        cls._demand(cls.round, cls.member_1, cls.kain, 60)
        cls._demand(cls.round, cls.member_2, cls.kain, 40)
        cls.round_b = cls._create_round(cluster_id=cls.cluster_b.id, products=cls.kain)
        cls.round_b.action_open()

    def _render(self, user, rnd, data=None):
        content, kind = (
            self.env["ir.actions.report"].with_user(user)._render_xlsx(ROUND_XLSX, rnd.ids, data)
        )
        self.assertEqual(kind, "xlsx")
        return openpyxl.load_workbook(io.BytesIO(content))

    def test_listed_under_print_for_the_cooperative(self):
        self.assertEqual(self.report.report_type, "xlsx")
        self.assertEqual(self.report.binding_model_id.model, "umkm.procurement.round")
        self.assertEqual(self.report.binding_type, "report")
        Actions = self.env["ir.actions.actions"]
        for user in (self.manager_a, self.officer_a):
            prints = Actions.with_user(user).get_bindings("umkm.procurement.round")["report"]
            self.assertIn(self.report.id, [action["id"] for action in prints], user.name)
        prints = Actions.with_user(self.portal_1).get_bindings("umkm.procurement.round")
        self.assertNotIn(self.report.id, [action["id"] for action in prints.get("report", [])])
        # the form's button is the same report
        action = self.round.with_user(self.manager_a).action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_type"], "xlsx")
        self.assertEqual(action["report_name"], "umkm_joint_procurement.round_xlsx")
        self.assertEqual(action["context"]["active_ids"], self.round.ids)

    def test_rendered_for_who_may_read_the_round(self):
        for user in (self.manager_a, self.officer_a):
            book = self._render(user, self.round)
            self.assertEqual(len(book.worksheets), 5)
            members = {row[0] for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)}
            self.assertLessEqual(
                {self.member_1.display_name, self.member_2.display_name}, members, user.name
            )
        # the member's part only, when asked for it
        book = self._render(self.manager_a, self.round, {"member_id": self.member_1.id})
        names = {row[0] for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)}
        self.assertIn(self.member_1.display_name, names)
        self.assertNotIn(self.member_2.display_name, names)

    def test_refused_to_who_may_not(self):
        # a manager of another cluster; a member's portal user (it reads its rounds on the
        # portal, where its own part is its download); with or without the member's part
        for user, data in (
            (self.manager_b, None),
            (self.portal_1, None),
            (self.portal_1, {"member_id": self.member_1.id}),
        ):
            with self.subTest(user=user.name, data=data), self.assertRaises(AccessError):
                self._render(user, self.round, data)
        with self.assertRaises(AccessError):
            self._render(self.manager_a, self.round_b)

    def test_print_download_over_http(self):
        """What the web client's Print does (report_xlsx's /report/download): the file under
        the round's name, for the manager; Odoo's refusal for the other cluster's manager."""
        url = f"/report/xlsx/umkm_joint_procurement.round_xlsx/{self.round.id}"
        self.authenticate(self.manager_a.login, self.manager_a.login)
        query = urlencode({"data": json.dumps([url, "xlsx"]), "context": "{}"})
        response = self.url_open(f"/report/download?{query}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            f"{self.round.name.replace('/', '-')}.xlsx", response.headers["Content-Disposition"]
        )
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            self.assertIn(
                self.member_2.partner_id.name, archive.read("xl/sharedStrings.xml").decode()
            )
        self.authenticate(self.manager_b.login, self.manager_b.login)
        self.assertEqual(self.url_open(url).status_code, 403)

    def test_portal_download_is_the_members_part_of_the_report(self):
        self.authenticate(self.portal_1.login, "proc_portal_1_pw")
        response = self.url_open(f"/my/procurement/{self.round.id}/xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            f"{self.round.name.replace('/', '-')}-member.xlsx",
            response.headers["Content-Disposition"],
        )
        self.assertEqual(
            response.headers["Content-Type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertEqual(len(book.worksheets), 5)
        names = {row[0] for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)}
        self.assertIn(self.member_1.display_name, names)
        self.assertNotIn(self.member_2.display_name, names)
        # another cluster's round: refused as before (back to /my, which says so)
        response = self.url_open(f"/my/procurement/{self.round_b.id}/xlsx", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("umkm_refused=1", response.headers["Location"])
