import io

import openpyxl
from lxml import etree
from PyPDF2 import PdfReader

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .catalogue_common import UmkmCatalogueCase

CATALOGUE_XLSX = "umkm_cluster.action_report_umkm_catalogue_xlsx"

G = "{http://base.google.com/ns/1.0}"
# Google Merchant Center: required attributes of every item, and allowed availability values
REQUIRED_ITEM_FIELDS = ("id", "title", "description", "link", "image_link", "availability", "price")
AVAILABILITY = {"in_stock", "out_of_stock", "preorder", "backorder"}


@tagged("post_install", "-at_install")
class TestCatalogueCuration(UmkmCatalogueCase):
    def test_states_and_reasons(self):
        self.assertEqual(self.line_proposed.state, "proposed")
        self.assertEqual(self.line_rejected.state, "rejected")
        self.assertEqual(self.line_rejected.reject_reason, "Photo too dark")
        self.assertEqual(self.catalogue.approved_count, 2)
        self.assertEqual(self.catalogue.proposed_count, 1)
        # the member follows its proposal and is told why it was rejected
        self.assertIn(self.sme_2, self.line_rejected.message_partner_ids)
        self.assertIn("Photo too dark", self.line_rejected.message_ids[0].body)
        # a rejected product can be approved after all; reason cleared
        self.line_rejected.action_approve()
        self.assertEqual(self.line_rejected.state, "approved")
        self.assertFalse(self.line_rejected.reject_reason)

    def test_reject_asks_for_a_reason(self):
        action = self.line_proposed.action_reject()
        self.assertEqual(action["res_model"], "umkm.catalogue.line.reject")
        self.assertEqual(self.line_proposed.state, "proposed")
        wizard = (
            self.env["umkm.catalogue.line.reject"]
            .with_context(**action["context"])
            .create({"reason": "Price too high"})
        )
        wizard.action_confirm()
        self.assertEqual(self.line_proposed.state, "rejected")
        self.assertEqual(self.line_proposed.reject_reason, "Price too high")

    def test_out_of_order_curation_is_refused(self):
        with self.assertRaises(UserError):
            self.line_approved_1.action_approve()
        with self.assertRaises(UserError):
            self.line_rejected._action_reject("again")
        with self.assertRaises(UserError):
            self.line_approved_1._member_update({"wholesale_price": 1})
        self.assertEqual(self.line_approved_1.wholesale_price, 150000)

    def test_only_products_of_the_cluster_members(self):
        outsider = self.env["product.template"].create({"name": "No member"})
        with self.assertRaises(ValidationError):
            self.env["umkm.catalogue.line"].create(
                {
                    "catalogue_id": self.catalogue.id,
                    "product_tmpl_id": outsider.id,
                    "wholesale_price": 10,
                }
            )
        other_cluster = self.env["product.template"].create(
            {"name": "Cluster B product", "umkm_member_id": self.member_b3.id}
        )
        with self.assertRaises(ValidationError):
            self.env["umkm.catalogue.line"].create(
                {
                    "catalogue_id": self.catalogue.id,
                    "product_tmpl_id": other_cluster.id,
                    "wholesale_price": 10,
                }
            )

    def test_slug_generated_unique_and_validated(self):
        self.assertEqual(self.catalogue.slug, "katalog-uji")
        twin = self.env["umkm.catalogue"].create(
            {"name": "Katalog Uji", "cluster_id": self.cluster_a.id}
        )
        self.assertEqual(twin.slug, "katalog-uji-2")
        with self.assertRaises(ValidationError):
            twin.slug = "Not A Slug!"

    def test_catalogues_created_together(self):
        """Several catalogues in one create (an import of a province's clusters): each gets
        its own web address, even under the same name, and its own private link token."""
        catalogues = self.env["umkm.catalogue"].create(
            [
                {"name": "Katalog Batch", "cluster_id": self.cluster_a.id},
                {"name": "Katalog Batch", "cluster_id": self.cluster_a.id},
                {"name": "Katalog Uji", "cluster_id": self.cluster_a.id},
            ]
        )
        self.assertEqual(
            catalogues.mapped("slug"), ["katalog-batch", "katalog-batch-2", "katalog-uji-2"]
        )
        tokens = catalogues.mapped("access_token")
        self.assertTrue(all(tokens))
        self.assertEqual(len(set(tokens)), 3)

    def test_private_link_token(self):
        self.assertFalse(self.private.is_published)
        self.assertTrue(self.private.access_token)
        self.assertIn(f"access_token={self.private.access_token}", self.private.public_url)
        old = self.private.access_token
        self.private.action_regenerate_token()
        self.assertTrue(self.private.access_token)
        self.assertNotEqual(old, self.private.access_token)
        self.assertTrue(self.private._check_public_access(self.private.access_token))
        self.assertFalse(self.private._check_public_access(old))
        self.assertFalse(self.private._check_public_access(None))
        self.assertTrue(self.catalogue._check_public_access(None))


@tagged("post_install", "-at_install")
class TestCatalogueAccess(UmkmCatalogueCase):
    def test_member_sees_and_edits_only_its_own_proposals(self):
        Line = self.env["umkm.catalogue.line"].with_user(self.portal_1)
        self.assertEqual(Line.search([]), self.line_approved_1 | self.line_proposed)
        with self.assertRaises(AccessError):
            self.line_approved_2.with_user(self.portal_1).read(["wholesale_price"])
        with self.assertRaises(AccessError):
            self.line_proposed.with_user(self.portal_1).write({"wholesale_price": 1})
        with self.assertRaises(AccessError):
            self.line_proposed.with_user(self.portal_1).action_approve()

    def test_other_cluster_manager_sees_no_catalogue(self):
        Catalogue = self.env["umkm.catalogue"].with_user(self.manager_b)
        self.assertFalse(Catalogue.search([("id", "in", (self.catalogue | self.private).ids)]))
        with self.assertRaises(AccessError):
            self.catalogue.with_user(self.manager_b).read(["name"])
        with self.assertRaises(AccessError):
            self.line_proposed.with_user(self.manager_b).action_approve()

    def test_officer_curates_own_cluster(self):
        self.line_proposed.with_user(self.officer_a).action_approve()
        self.assertEqual(self.line_proposed.state, "approved")


@tagged("post_install", "-at_install")
class TestCatalogueExports(UmkmCatalogueCase):
    def _xlsx(self, user, catalogue=None):
        """The catalogue's XLSX report (under Print) rendered as ``user``."""
        content, _kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_xlsx(CATALOGUE_XLSX, (catalogue or self.catalogue).ids, None)
        )
        return content

    def test_xlsx_read_back(self):
        workbook = openpyxl.load_workbook(io.BytesIO(self._xlsx(self.officer_a)))
        sheet = workbook.active
        header = [c.value for c in sheet[1]]
        self.assertEqual(header[1], "Product")
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertTrue(sheet.auto_filter.ref.startswith("A1:K"))
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        self.assertEqual(len(rows), 2, "only approved products are exported")
        names = {r[1] for r in rows}
        self.assertEqual(names, {"Kain Uji & <Motif>", "Kemeja Uji"})
        by_name = {r[1]: r for r in rows}
        self.assertEqual(by_name["Kemeja Uji"][4], 210000)
        self.assertIsInstance(by_name["Kemeja Uji"][4], (int, float))
        self.assertEqual(by_name["Kemeja Uji"][3], "SME Dua")
        self.assertEqual(len(sheet._images), 2, "one embedded thumbnail per product")

    def test_xlsx_report_under_print_for_the_clusters_users_only(self):
        report = self.env.ref(CATALOGUE_XLSX)
        self.assertEqual(report.report_type, "xlsx")
        self.assertEqual(report.binding_model_id.model, "umkm.catalogue")
        Actions = self.env["ir.actions.actions"]
        prints = Actions.with_user(self.officer_a).get_bindings("umkm.catalogue")["report"]
        self.assertIn(report.id, [action["id"] for action in prints])
        prints = Actions.with_user(self.portal_1).get_bindings("umkm.catalogue")
        self.assertNotIn(report.id, [action["id"] for action in prints.get("report", [])])
        # the form's "Excel" button is the same report
        action = self.catalogue.with_user(self.officer_a).action_download_xlsx()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_name"], report.report_name)
        self.assertEqual(action["context"]["active_ids"], self.catalogue.ids)
        # a private catalogue too: the backend needs no token
        self.assertEqual(self._xlsx(self.manager_a, self.private)[:2], b"PK")
        # refused to another cluster's manager and to a member's portal user
        for user in (self.manager_b, self.portal_1):
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                self._xlsx(user)

    def test_merchant_feed_has_required_elements_and_escapes(self):
        root = etree.fromstring(self.catalogue._render_feed())
        self.assertEqual(root.tag, "rss")
        self.assertEqual(root.get("version"), "2.0")
        channel = root.find("channel")
        for tag in ("title", "link", "description"):
            self.assertTrue(channel.findtext(tag), f"channel {tag} is required")
        items = channel.findall("item")
        self.assertEqual(len(items), 2)
        currency = self.catalogue.currency_id.name
        for item in items:
            for field in REQUIRED_ITEM_FIELDS:
                self.assertTrue(item.findtext(G + field), f"item {field} is required")
            self.assertIn(item.findtext(G + "availability"), AVAILABILITY)
            self.assertRegex(item.findtext(G + "price"), rf"^\d+(\.\d+)? {currency}$")
            self.assertTrue(item.findtext(G + "brand") or item.findtext(G + "identifier_exists"))
        titles = {i.findtext(G + "title") for i in items}
        self.assertIn("Kain Uji & <Motif>", titles, "special characters survive escaping")
        self.assertNotIn(b"Produk Ditolak", self.catalogue._render_feed())

    def test_feed_availability_follows_capacity(self):
        self.line_approved_2.capacity_monthly = 0
        root = etree.fromstring(self.catalogue._render_feed())
        availability = {
            i.findtext(G + "title"): i.findtext(G + "availability") for i in root.iter("item")
        }
        self.assertEqual(availability["Kemeja Uji"], "out_of_stock")
        self.assertEqual(availability["Kain Uji & <Motif>"], "in_stock")

    def test_pdf_text(self):
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("umkm_cluster.action_report_umkm_catalogue", self.catalogue.ids)
        )
        self.assertEqual(kind, "pdf")
        reader = PdfReader(io.BytesIO(pdf))
        text = " ".join(page.extract_text() for page in reader.pages)
        text = " ".join(text.split())
        self.assertIn("Katalog Uji", text)
        self.assertIn("Kemeja Uji", text)
        self.assertIn("SME Dua", text)
        self.assertNotIn("Produk Ditolak", text)
        self.assertNotIn("Produk Usulan", text)
