"""The firm's materials on the portal: the firm downloads its reconciliation, the member sees
what it holds; nobody else gets either."""

from odoo import Command
from odoo.tests import tagged

from odoo.addons.umkm_cluster.tests.common import load_indonesian
from odoo.addons.umkm_partnership.tests.common import SubcontractPortalCase


@tagged("post_install", "-at_install")
class TestMaterialsPortal(SubcontractPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        metre = cls.env.ref("uom.product_uom_meter")
        cls.kain = cls.env["product.product"].create(
            {
                "name": "Kain mori portal",
                "is_storable": True,
                "uom_id": metre.id,
                "uom_po_id": metre.id,
            }
        )
        cls.order_a.material_ids = [
            Command.create({"product_id": cls.kain.id, "qty_per_unit": 2.0, "loss_percent": 5})
        ]
        (cls.line_1 | cls.line_2).action_accept()
        action = cls.order_a.action_receive_materials()
        picking = cls.env["stock.picking"].browse(action["res_id"])
        picking.move_ids.quantity = 105
        picking.move_ids.picked = True
        picking._action_done()
        cls.order_a.action_issue_materials()

    def test_firm_downloads_its_material_reconciliation(self):
        self._login(self.portal_firm_a)
        page = self.url_open(f"/my/subcontracts/{self.order_a.id}")
        self.assertIn("o_umkm_materials", page.text)
        self.assertIn("Kain mori portal", page.text)
        # no member's name in what the firm sees
        self.assertNotIn(self.member_1.partner_id.name, page.text)
        pdf = self.url_open(f"/my/subcontracts/{self.order_a.id}/materials.pdf")
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        # (under test, Odoo renders reports as HTML instead of calling wkhtmltopdf)
        self.assertIn(b"Kain mori portal", pdf.content)
        self.assertIn(self.order_a.name.encode(), pdf.content)
        self.assertNotIn(self.member_1.partner_id.name.encode(), pdf.content)
        self.assertIn(self.member_1.number.encode(), pdf.content)
        xlsx = self.url_open(f"/my/subcontracts/{self.order_a.id}/materials.xlsx")
        self.assertEqual(xlsx.status_code, 200)
        self.assertTrue(xlsx.content.startswith(b"PK"))
        self.assertIn("materials.xlsx", xlsx.headers["Content-Disposition"])
        self.assertEqual(
            self.url_open(f"/my/subcontracts/{self.order_a.id}/materials.html").status_code, 404
        )

    def test_others_get_no_reconciliation(self):
        for user in (self.portal_firm_b, self.portal_member_1):
            self._login(user)
            for ext in ("pdf", "xlsx"):
                response = self.url_open(
                    f"/my/subcontracts/{self.order_a.id}/materials.{ext}", allow_redirects=False
                )
                self.assertIn(response.status_code, (303, 302, 404), (user.login, ext))
                self.assertNotIn(b"Kain mori portal", response.content)
        self._login(self.portal_firm_b)
        # an order without materials has no reconciliation
        response = self.url_open(f"/my/subcontracts/{self.order_b.id}/materials.pdf")
        self.assertEqual(response.status_code, 404)

    def test_member_sees_what_it_holds(self):
        self._login(self.portal_member_1)
        page = self.url_open(f"/my/assignments/{self.line_1.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_umkm_member_materials", page.text)
        self.assertIn("Kain mori portal", page.text)
        figures = self.order_a.material_ids._figures_by_assignment()
        held = figures[(self.order_a.material_ids.id, self.line_1.id)]["at_member"]
        self.assertGreater(held, 0)
        self.assertIn(self.line_1._umkm_format_number(held), page.text)

    def test_member_sees_its_inputs_on_credit(self):
        self.agreement_a.write({"pattern": "inti_plasma", "inputs_on_credit": True})
        material = self.order_a.material_ids
        material.price_unit = 15000
        self.order_a._invoice_inputs_on_credit({(material, self.line_1): 10.0})
        self.assertEqual(self.line_1.input_credit_amount, 150000)
        self._login(self.portal_member_1)
        page = self.url_open(f"/my/assignments/{self.line_1.id}")
        self.assertIn("o_umkm_input_credit", page.text)
        self.assertRegex(page.text, r"150[.,]000")
        # the other member has no credit and sees none
        self._login(self.portal_member_2)
        page = self.url_open(f"/my/assignments/{self.line_2.id}")
        self.assertNotIn("o_umkm_input_credit", page.text)

    def test_member_sees_the_materials_before_accepting(self):
        self.order_b.material_ids = [
            Command.create({"product_id": self.kain.id, "qty_per_unit": 1.5, "loss_percent": 2})
        ]
        self.order_b.action_confirm()
        work = self.env["umkm.subcontract.assignment"].create(
            {"order_id": self.order_b.id, "member_id": self.member_1.id, "qty": 5}
        )
        self.assertEqual(work.state, "proposed")
        self._login(self.portal_member_1)
        page = self.url_open(f"/my/assignments/{work.id}")
        self.assertIn("o_umkm_materials_supplied", page.text)
        # 5 pieces × 1.5 m + 2% allowed loss
        self.assertRegex(page.text, r"<strong>7[.,]65 m</strong> for this work")

    def _work_in_progress(self):
        """Order B with the firm's material, a member's work reported in progress before
        any material was issued."""
        self.order_b.material_ids = [
            Command.create({"product_id": self.kain.id, "qty_per_unit": 1.5, "loss_percent": 2})
        ]
        self.order_b.action_confirm()
        work = self.env["umkm.subcontract.assignment"].create(
            {"order_id": self.order_b.id, "member_id": self.member_1.id, "qty": 5}
        )
        work.action_accept()
        work._action_report_progress(2)
        self.assertEqual(work.state, "in_progress")
        return work

    def test_member_still_sees_the_material_while_working(self):
        """Issue 24, item 13: in progress, the assignment still shows the firm's material
        (portal and backend)."""
        work = self._work_in_progress()
        self._login(self.portal_member_1)
        page = self.url_open(f"/my/assignments/{work.id}")
        self.assertIn("o_umkm_materials_supplied", page.text)
        self.assertRegex(page.text, r"<strong>7[.,]65 m</strong> for this work")
        self.assertIn("Kain mori portal", work.material_needs)
        self.assertRegex(work.material_needs, r"7[.,]65 m")
        form = self.env["umkm.subcontract.assignment"].get_view(view_type="form")["arch"]
        self.assertIn('name="material_needs"', form)

    def test_work_order_pdf_lists_the_material_and_the_description_once(self):
        """Issue 24, item 13: the work order (report read back as HTML) names the firm's
        material for the work and states the description once."""
        work = self._work_in_progress()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("umkm_partnership.report_work_order", work.ids)[0]
            .decode()
        )
        self.assertIn("o_umkm_work_order_materials", html)
        self.assertIn("Kain mori portal", html)
        self.assertRegex(html, r"7[.,]65</span> <span>m")
        self.assertEqual(html.count(self.order_b.description), 1, html)
        # a product on the order: its name is the work, the description its specification
        self.order_b.product_id = self.env["product.product"].create({"name": "Kemeja jadi"})
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("umkm_partnership.report_work_order", work.ids)[0]
            .decode()
        )
        self.assertEqual(html.count(self.order_b.description), 1, html)

    def test_phone_lists_keep_their_key_columns(self):
        # at 390 px in Indonesian (the longer labels): the member's work with its status, the
        # firm's orders with delivered / progress / status, the firm's materials with "lost"
        self.browser_size = "390x844"
        load_indonesian(self.env, "umkm_partnership")
        load_indonesian(self.env, "umkm_partnership_material")
        (self.portal_member_1 | self.portal_firm_a).lang = "id_ID"
        self.order_b.action_confirm()
        self.env["umkm.subcontract.assignment"].create(
            {"order_id": self.order_b.id, "member_id": self.member_1.id, "qty": 5}
        )
        self.order_a.description = "Kemeja batik tulis lengan panjang, kerah shanghai, ukuran L"
        self.start_tour(
            "/my/assignments", "umkm_partnership_member_phone", login=self.portal_member_1.login
        )
        self.start_tour(
            "/my/subcontracts", "umkm_partnership_firm_phone", login=self.portal_firm_a.login
        )
