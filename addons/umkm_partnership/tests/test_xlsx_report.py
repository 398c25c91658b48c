"""The assignments workbook of a subcontract order is an XLSX report of OCA's report_xlsx:
under Print of an order for the cooperative, rendered as the user with Odoo's access checks."""

import io

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PartnershipCase

ASSIGNMENTS_XLSX = "umkm_partnership.action_report_subcontract_assignments_xlsx"


@tagged("post_install", "-at_install")
class TestAssignmentsXlsxReport(PartnershipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = cls.env.ref(ASSIGNMENTS_XLSX)
        cls.order = PartnershipCase._order(cls, qty=20)
        cls.order.action_submit()
        cls.order.action_confirm()
        PartnershipCase._split(cls, cls.order)

    def _render(self, user):
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_xlsx(ASSIGNMENTS_XLSX, self.order.ids, None)
        )
        self.assertEqual(kind, "xlsx")
        return openpyxl.load_workbook(io.BytesIO(content)).active

    def test_listed_under_print_and_behind_the_button(self):
        self.assertEqual(self.report.report_type, "xlsx")
        self.assertEqual(self.report.binding_model_id.model, "umkm.subcontract.order")
        Actions = self.env["ir.actions.actions"]
        prints = Actions.with_user(self.manager).get_bindings("umkm.subcontract.order")
        self.assertIn(self.report.id, [action["id"] for action in prints["report"]])
        prints = Actions.with_user(self.portal_firm_a).get_bindings("umkm.subcontract.order")
        self.assertNotIn(self.report.id, [action["id"] for action in prints.get("report", [])])
        action = self.order.with_user(self.manager).action_export_assignments_xlsx()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_type"], "xlsx")
        self.assertEqual(action["report_name"], self.report.report_name)
        self.assertEqual(action["context"]["active_ids"], self.order.ids)

    def test_rendered_for_the_clusters_manager(self):
        sheet = self._render(self.manager)
        self.assertEqual(sheet["B1"].value, self.order.name)
        rows = {
            sheet.cell(row=r, column=1).value: sheet.cell(row=r, column=4).value
            for r in range(7, 7 + len(self.order.assignment_ids))
        }
        self.assertEqual(
            rows, {a.member_id.partner_id.name: a.qty for a in self.order.assignment_ids}
        )

    def test_refused_to_who_may_not(self):
        # another cluster's officer; the firm's portal user (it reads its order on the portal)
        for user in (self.officer_other, self.portal_firm_a):
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                self._render(user)
