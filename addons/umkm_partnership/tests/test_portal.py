import io
import re
from datetime import timedelta

import lxml.html
import openpyxl

from odoo.tests import new_test_user, tagged

from .common import PDF, SubcontractPortalCase


@tagged("post_install", "-at_install")
class TestPortal(SubcontractPortalCase):
    def _csrf(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        self.assertTrue(match, "the form carries a CSRF token")
        return match.group(1)

    def _form(self, csrf, **overrides):
        data = {
            "csrf_token": csrf,
            "agreement_id": str(self.agreement_a.id),
            "capability_id": str(self.cap_sew.id),
            "uom_id": str(self.unit.id),
            "description": "Kemeja batik lengan panjang, ukuran M",
            "qty": "24",
            "unit_price": "85000",
            "date_due": str(self.today + timedelta(days=21)),
        }
        data.update(overrides)
        return data

    def _orders_of(self, partner):
        return self.env["umkm.subcontract.order"].search([("partner_id", "=", partner.id)])

    # ------------------------------------------------------------------ firm
    def test_firm_sees_only_its_orders_and_no_member_price(self):
        self._login(self.portal_firm_a)
        page = self.url_open("/my/subcontracts")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.order_a.name, page.text)
        self.assertNotIn(self.order_b.name, page.text)
        detail = self.url_open(f"/my/subcontracts/{self.order_a.id}")
        self.assertEqual(detail.status_code, 200)
        self.assertIn(self.order_a.name, detail.text)
        for text in ("45,000", "45.000", "Member price", self.member_1.partner_id.name):
            self.assertNotIn(text, detail.text)
        # a file attached to an internal note is not one of the firm's documents
        note_file = self.env["ir.attachment"].create(
            {
                "name": "kalkulasi-margin.pdf",
                "raw": PDF,
                "res_model": self.order_a._name,
                "res_id": self.order_a.id,
            }
        )
        self.order_a.message_post(
            body="Internal", subtype_xmlid="mail.mt_note", attachment_ids=note_file.ids
        )
        self.assertNotIn("kalkulasi-margin.pdf", self.url_open(detail.url).text)
        for forged in (self.order_b.id, 999999999):
            refused = self.url_open(f"/my/subcontracts/{forged}", allow_redirects=False)
            self.assertEqual(refused.status_code, 303)
            self.assertTrue(refused.headers["Location"].endswith("/my?umkm_refused=1"))
        # the members' pages are not the firm's
        refused = self.url_open(f"/my/assignments/{self.line_1.id}", allow_redirects=False)
        self.assertEqual(refused.status_code, 303)
        self.assertNotIn(self.order_a.name, self.url_open("/my/assignments").text)

    def _breadcrumb(self, url):
        """(texts, links) of the portal breadcrumb of ``url``, after the home entry."""
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        items = lxml.html.fromstring(page.content).xpath(
            "//ol[contains(concat(' ', @class, ' '), ' o_portal_submenu ')]/li"
        )
        self.assertTrue(items, f"{url} has a breadcrumb")
        texts = [" ".join(li.text_content().split()) for li in items[1:]]
        links = [a.get("href") for li in items for a in li.xpath(".//a")]
        return page, texts, links

    def test_order_pages_have_the_suites_breadcrumb(self):
        """The firm's order page is no purchase order: Odoo's purchase breadcrumb, which
        shows for any ``order`` of the page, must not appear."""
        self._login(self.portal_firm_a)
        new_order = self._make_order(self.agreement_a, 10)
        for order in (self.order_a, new_order):
            with self.subTest(state=order.state):
                page, texts, links = self._breadcrumb(f"/my/subcontracts/{order.id}")
                self.assertEqual(texts, ["Subcontract orders", order.name])
                self.assertEqual(links[1:], ["/my/subcontracts"])
                self.assertNotIn("/my/purchase", page.text)
                self.assertNotIn("/my/rfq", page.text)
        _page, texts, _links = self._breadcrumb("/my/subcontracts")
        self.assertEqual(texts, ["Subcontract orders"])
        _page, texts, links = self._breadcrumb("/my/subcontracts/new")
        self.assertEqual(texts, ["Subcontract orders", "New order"])
        self.assertEqual(links[1:], ["/my/subcontracts"])
        self._login(self.portal_member_1)
        page, texts, links = self._breadcrumb(f"/my/assignments/{self.line_1.id}")
        self.assertEqual(texts, ["Subcontract work", self.order_a.name])
        self.assertEqual(links[1:], ["/my/assignments"])
        self.assertNotIn("/my/purchase", page.text)

    def test_firm_places_an_order_with_attachment(self):
        self._login(self.portal_firm_a)
        csrf = self._csrf("/my/subcontracts/new")
        before = self._orders_of(self.firm_a)
        response = self.url_open(
            "/my/subcontracts/new",
            data=self._form(csrf),
            files={"attachments": ("pola-kemeja.pdf", PDF, "application/pdf")},
        )
        self.assertEqual(response.status_code, 200)
        order = self._orders_of(self.firm_a) - before
        self.assertEqual(len(order), 1)
        self.assertEqual(order.state, "submitted")
        self.assertEqual(order.agreement_id, self.agreement_a)
        self.assertEqual(order.qty, 24)
        self.assertEqual(order.unit_price, 85000)
        self.assertEqual(order.attachment_ids.mapped("name"), ["pola-kemeja.pdf"])
        self.assertIn(order.name, response.text)
        self.assertIn("pola-kemeja.pdf", response.text)

    def test_order_form_rejects_bad_input(self):
        self._login(self.portal_firm_a)
        csrf = self._csrf("/my/subcontracts/new")
        before = self._orders_of(self.firm_a)
        cases = {
            "forged agreement of another firm": self._form(
                csrf, agreement_id=str(self.agreement_b.id)
            ),
            "unknown capability": self._form(csrf, capability_id="999999999"),
            "zero quantity": self._form(csrf, qty="0"),
            "not a number": self._form(csrf, qty="dua puluh"),
            "past due date": self._form(csrf, date_due=str(self.today - timedelta(days=1))),
            "negative price": self._form(csrf, unit_price="-5"),
        }
        for label, data in cases.items():
            with self.subTest(label):
                response = self.url_open("/my/subcontracts/new", data=data)
                self.assertEqual(response.status_code, 400)
                self.assertIn("is-invalid", response.text)
        for label, upload in {
            "executable disguised as pdf": ("spec.pdf", b"MZ\x90\x00binary", "application/pdf"),
            "wrong extension": ("spec.exe", PDF, "application/octet-stream"),
            "too large": ("big.pdf", PDF + b"0" * (5 * 1024 * 1024), "application/pdf"),
        }.items():
            with self.subTest(label):
                response = self.url_open(
                    "/my/subcontracts/new", data=self._form(csrf), files={"attachments": upload}
                )
                self.assertEqual(response.status_code, 400)
                self.assertIn("is-invalid", response.text)
        self.assertEqual(self._orders_of(self.firm_a), before)
        # no CSRF token, no order
        data = self._form(csrf)
        del data["csrf_token"]
        response = self.url_open("/my/subcontracts/new", data=data)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._orders_of(self.firm_a), before)

    def test_order_form_offers_the_usual_units_first(self):
        self._login(self.portal_firm_a)
        page = lxml.html.fromstring(self.url_open("/my/subcontracts/new").text)
        offered = [int(v) for v in page.xpath("//select[@name='uom_id']/option/@value")]
        usual = [
            self.env.ref(x).id
            for x in (
                "uom.product_uom_unit",
                "uom.product_uom_dozen",
                "uom.product_uom_meter",
                "uom.product_uom_cm",
                "uom.product_uom_kgm",
                "uom.product_uom_gram",
            )
        ]
        self.assertEqual(offered[:6], usual)
        self.assertEqual(len(offered), len(set(offered)))
        # pieces, length and weight only
        categories = self.env["uom.uom"].browse(offered).category_id
        self.assertEqual(
            set(categories.ids),
            {
                self.env.ref("uom.product_uom_categ_unit").id,
                self.env.ref("uom.uom_categ_length").id,
                self.env.ref("uom.product_uom_categ_kgm").id,
            },
        )

    def test_firm_orders_in_two_deliveries(self):
        self._login(self.portal_firm_a)
        csrf = self._csrf("/my/subcontracts/new")
        before = self._orders_of(self.firm_a)
        first_date = self.today + timedelta(days=7)
        bad = {
            "quantity without date": {"first_qty": "10"},
            "date without quantity": {"first_date": str(first_date)},
            "all of it first": {"first_qty": "24", "first_date": str(first_date)},
            "negative": {"first_qty": "-4", "first_date": str(first_date)},
            "letters": {"first_qty": "sepuluh", "first_date": str(first_date)},
            "infinite": {"first_qty": "inf", "first_date": str(first_date)},
            "after the due date": {
                "first_qty": "10",
                "first_date": str(self.today + timedelta(days=30)),
            },
            "not a date": {"first_qty": "10", "first_date": "besok"},
        }
        for label, extra in bad.items():
            with self.subTest(label):
                response = self.url_open("/my/subcontracts/new", data=self._form(csrf, **extra))
                self.assertEqual(response.status_code, 400)
                self.assertIn("is-invalid", response.text)
        self.assertEqual(self._orders_of(self.firm_a), before)
        response = self.url_open(
            "/my/subcontracts/new",
            data=self._form(csrf, first_qty="10", first_date=str(first_date)),
        )
        self.assertEqual(response.status_code, 200)
        order = self._orders_of(self.firm_a) - before
        self.assertEqual(order.qty, 24)
        self.assertEqual(order.date_due, self.today + timedelta(days=21))
        lots = order.lot_ids.sorted("date_due")
        self.assertEqual(
            [(lot.qty, lot.date_due) for lot in lots],
            [(10, first_date), (14, self.today + timedelta(days=21))],
        )
        self.assertIn("o_umkm_schedule", response.text)
        # the cooperative splits it; the member sees which delivery its work is for
        order.action_confirm()
        wizard = self.env["umkm.subcontract.split"].browse(order.action_split()["res_id"])
        wizard.action_confirm()
        work = order.assignment_ids.filtered(
            lambda a: a.member_id == self.member_1 and a.lot_id == lots[0]
        )
        self.assertTrue(work)
        self._login(self.portal_member_1)
        page = self.url_open(f"/my/assignments/{work.id}")
        self.assertEqual(page.status_code, 200)
        self.assertRegex(page.text, r'o_umkm_lot">1 / 2<')

    def test_firm_without_agreement_cannot_order(self):
        self._login(self.portal_firm_c)
        page = self.url_open("/my/subcontracts/new")
        self.assertIn("o_umkm_no_agreement", page.text)
        self.assertNotIn("o_umkm_order_form", page.text)
        self.assertNotIn("/my/subcontracts/new", self.url_open("/my/subcontracts").text)
        csrf = re.search(r'csrf_token: "([^"]+)"', page.text) or re.search(
            r'name="csrf_token" value="([^"]+)"', page.text
        )
        token = csrf.group(1) if csrf else ""
        # even posting another firm's agreement id does not work
        response = self.url_open(
            "/my/subcontracts/new", data=self._form(token, agreement_id=str(self.agreement_a.id))
        )
        self.assertIn(response.status_code, (200, 400))
        self.assertFalse(self._orders_of(self.firm_c))
        self.assertEqual(self._orders_of(self.firm_a), self.order_a)

    def test_anonymous_is_sent_to_login(self):
        for url in ("/my/subcontracts", "/my/assignments", "/my/subcontracts/new"):
            response = self.url_open(url, allow_redirects=False)
            self.assertEqual(response.status_code, 303)
            self.assertIn("/web/login", response.headers["Location"])

    # ------------------------------------------------------------------ member
    def test_member_sees_only_its_assignments(self):
        # the member's portal user follows its work and was told about it
        self.assertIn(self.portal_member_1.partner_id, self.line_1.message_partner_ids)
        self.assertNotIn(self.portal_member_1.partner_id, self.line_2.message_partner_ids)
        self.assertIn(self.order_a.name, self.line_1.message_ids[:1].body)
        self._login(self.portal_member_1)
        page = self.url_open("/my/assignments")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f"/my/assignments/{self.line_1.id}", page.text)
        self.assertNotIn(f"/my/assignments/{self.line_2.id}", page.text)
        refused = self.url_open(f"/my/assignments/{self.line_2.id}", allow_redirects=False)
        self.assertEqual(refused.status_code, 303)
        self.assertEqual(self.url_open(f"/my/assignments/{self.line_1.id}").status_code, 200)
        # a member is not the firm: no access to the order page
        refused = self.url_open(f"/my/subcontracts/{self.order_a.id}", allow_redirects=False)
        self.assertEqual(refused.status_code, 303)

    def test_member_accepts_declines_reports(self):
        self._login(self.portal_member_1)
        csrf = self._csrf(f"/my/assignments/{self.line_1.id}")
        # forged: member 1 posts on member 2's assignment
        for action in ("accept", "decline", "progress"):
            response = self.url_open(
                f"/my/assignments/{self.line_2.id}/{action}",
                data={"csrf_token": csrf, "reason": "x", "qty_done": "1"},
                allow_redirects=False,
            )
            self.assertEqual(response.status_code, 303)
            self.assertTrue(response.headers["Location"].endswith("/my?umkm_refused=1"))
        self.assertEqual(self.line_2.state, "proposed")
        # decline needs a reason
        response = self.url_open(
            f"/my/assignments/{self.line_1.id}/decline", data={"csrf_token": csrf, "reason": " "}
        )
        self.assertIn("o_umkm_error", response.text)
        self.assertEqual(self.line_1.state, "proposed")
        response = self.url_open(
            f"/my/assignments/{self.line_1.id}/accept", data={"csrf_token": csrf}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.line_1.state, "accepted")
        self.assertEqual(self.line_1.purchase_order_id.state, "purchase")
        response = self.url_open(
            f"/my/assignments/{self.line_1.id}/progress",
            data={"csrf_token": csrf, "qty_done": "12"},
        )
        self.assertEqual(self.line_1.qty_reported, 12)
        self.assertEqual(self.line_1.state, "in_progress")
        # more than assigned: a clear error, nothing saved
        response = self.url_open(
            f"/my/assignments/{self.line_1.id}/progress",
            data={"csrf_token": csrf, "qty_done": "1000"},
        )
        self.assertIn("o_umkm_error", response.text)
        self.assertEqual(self.line_1.qty_reported, 12)
        pdf = self.url_open(f"/my/assignments/{self.line_1.id}?report_type=html")
        self.assertEqual(pdf.status_code, 200)
        self.assertIn(self.order_a.name, pdf.text)
        # member 2 declines with a reason; the firm's order page shows progress
        self._login(self.portal_member_2)
        csrf = self._csrf(f"/my/assignments/{self.line_2.id}")
        self.url_open(
            f"/my/assignments/{self.line_2.id}/decline",
            data={"csrf_token": csrf, "reason": "Penuh"},
        )
        self.assertEqual(self.line_2.state, "declined")
        self.assertEqual(self.line_2.decline_reason, "Penuh")
        self.assertEqual(self.order_a.qty_open, self.line_2.qty)

    # ------------------------------------------------------------------ exports
    def test_xlsx_export_of_assignments(self):
        # the XLSX report under Print of the order, fetched from its report_xlsx route
        url = f"/report/xlsx/umkm_partnership.subcontract_assignments_xlsx/{self.order_a.id}"
        self._login(self.portal_firm_a)
        self.assertEqual(self.url_open(url).status_code, 403)
        self.authenticate(self.manager.login, self.manager.login)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        sheet = workbook.active
        self.assertEqual(sheet["B1"].value, self.order_a.name)
        rows = {
            sheet.cell(row=r, column=1).value: sheet.cell(row=r, column=4).value
            for r in range(7, 7 + len(self.order_a.assignment_ids))
        }
        self.assertEqual(
            rows,
            {a.member_id.partner_id.name: a.qty for a in self.order_a.assignment_ids},
        )
        self.assertEqual(sheet.cell(row=7, column=5).value, 45000)
        # a manager of another cluster gets nothing
        self.authenticate(self.officer_other.login, self.officer_other.login)
        self.assertEqual(self.url_open(url).status_code, 403)

    # ------------------------------------------------------------------ whole flow over HTTP
    def test_portal_order_to_invoice(self):
        officer = new_test_user(
            self.env, "part_officer", groups="umkm_cluster.group_umkm_officer", name="Officer"
        )
        self.cluster.officer_ids = [(4, officer.id)]
        # the firm orders on the portal
        self._login(self.portal_firm_a)
        csrf = self._csrf("/my/subcontracts/new")
        before = self._orders_of(self.firm_a)
        self.url_open(
            "/my/subcontracts/new",
            data=self._form(
                csrf, qty="30", unit_price="100000", date_due=str(self.today + timedelta(days=14))
            ),
            files={"attachments": ("pola.pdf", PDF, "application/pdf")},
        )
        order = (self._orders_of(self.firm_a) - before).with_user(officer)
        self.assertEqual(order.state, "submitted")
        # the cooperative (an officer without sales or purchase rights) confirms and splits
        order.action_confirm()
        sale = order.sudo().sale_order_id
        self.assertEqual((sale.state, sale.partner_id), ("sale", self.firm_a))
        self.assertEqual(sale.amount_untaxed, 3000000)
        self._split(order)
        lines = order.sudo().assignment_ids
        free = {a.member_id: a for a in lines}
        self.assertEqual(
            {m: a.qty for m, a in free.items()}, {self.member_1: 20, self.member_2: 10}
        )
        # member 2 declines on the portal, the rest is split again to member 3
        self._login(self.portal_member_2)
        csrf = self._csrf(f"/my/assignments/{free[self.member_2].id}")
        self.url_open(
            f"/my/assignments/{free[self.member_2].id}/decline",
            data={"csrf_token": csrf, "reason": "Sedang penuh"},
        )
        self.assertEqual(free[self.member_2].state, "declined")
        self.assertEqual(order.qty_open, 10)
        self._split(order)
        line_3 = order.sudo().assignment_ids.filtered(lambda a: a.member_id == self.member_3)
        self.assertEqual(line_3.qty, 10)
        line_3.action_accept()
        # member 1 accepts and reports progress on the portal
        line_1 = free[self.member_1]
        self._login(self.portal_member_1)
        csrf = self._csrf(f"/my/assignments/{line_1.id}")
        self.url_open(f"/my/assignments/{line_1.id}/accept", data={"csrf_token": csrf})
        self.url_open(
            f"/my/assignments/{line_1.id}/progress", data={"csrf_token": csrf, "qty_done": "20"}
        )
        self.assertEqual((line_1.state, line_1.qty_reported), ("in_progress", 20))
        self.assertEqual(line_1.purchase_order_id.amount_untaxed, 1800000)
        self.assertEqual(line_3.purchase_order_id.amount_untaxed, 900000)
        # delivery with a QC rejection, then the remade pieces
        action = order.action_deliver()
        wizard = self.env["umkm.subcontract.delivery"].with_user(officer).browse(action["res_id"])
        for wl in wizard.line_ids:
            wl.qty_delivered = wl.assignment_id.qty
            wl.qty_rejected = 3 if wl.assignment_id == line_1 else 0
        wizard.action_apply()
        self.assertEqual(order.qty_delivered, 27)
        self.assertEqual(self.member_1.reject_rate, 15.0)
        self.assertEqual(line_1.purchase_order_id.order_line.qty_received, 17)
        line_1._record_delivery({line_1.id: (3, 0)})
        self.assertEqual(order.state, "delivered")
        self.assertEqual(sale.order_line.qty_delivered, 30)
        # the firm sees the delivered quantity and the progress
        self._login(self.portal_firm_a)
        page = self.url_open(f"/my/subcontracts/{order.id}")
        self.assertIn("100 %", page.text)
        self.assertIn("Delivered", page.text)
        # invoicing: the firm's invoice and the members' bills
        invoice = sale._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.amount_untaxed, 3000000)
        order.action_done()
        self.assertEqual(order.state, "done")
        bills = self.env["account.move"]
        for po in (line_1 | line_3).purchase_order_id:
            po.action_create_invoice()
            bills |= po.invoice_ids
        self.assertEqual(sum(bills.mapped("amount_untaxed")), 2700000)
        self.assertEqual(
            sorted(bills.mapped("partner_id").ids),
            sorted((self.member_1 | self.member_3).partner_id.ids),
        )

    def test_rejection_reason_is_shown_to_the_firm(self):
        self.order_b._action_reject("Kapasitas klaster penuh sampai Desember")
        self._login(self.portal_firm_b)
        page = self.url_open(f"/my/subcontracts/{self.order_b.id}")
        self.assertIn("Kapasitas klaster penuh sampai Desember", page.text)
