"""The firm's drawings and specifications reach the members with live work on the order, on
the portal and in the backend; files for one audience never reach the other."""

import base64

from odoo.tests import tagged

from .common import PDF, SubcontractPortalCase


@tagged("post_install", "-at_install")
class TestWorkPackage(SubcontractPortalCase):
    """On the fixtures of the portal tests: order A split between members 1 and 2, order B
    of firm B not split."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Attachment = cls.env["ir.attachment"]

        def attach(order, name, audience="all"):
            return Attachment.create(
                {
                    "name": name,
                    "datas": base64.b64encode(PDF),
                    "res_model": order._name,
                    "res_id": order.id,
                    "umkm_audience": audience,
                }
            )

        cls.drawing = attach(cls.order_a, "gambar-kemeja.pdf")
        cls.members_only = attach(cls.order_a, "petunjuk-jahit.pdf", "members")
        cls.firm_only = attach(cls.order_a, "kontrak-harga.pdf", "firm")
        cls.other_order_file = attach(cls.order_b, "gambar-firma-b.pdf")
        # a file of the cooperative's internal note: nobody outside sees it
        cls.note_file = attach(cls.order_a, "kalkulasi-internal.pdf")
        cls.order_a.message_post(
            body="Internal", subtype_xmlid="mail.mt_note", attachment_ids=cls.note_file.ids
        )

    def _document_url(self, line, attachment):
        return f"/my/assignments/{line.id}/documents/{attachment.id}"

    def test_member_sees_and_downloads_the_work_package_of_its_live_work(self):
        self.assertEqual(self.line_1.work_package_ids, self.drawing | self.members_only)
        self._login(self.portal_member_1)
        page = self.url_open(f"/my/assignments/{self.line_1.id}")
        self.assertIn("gambar-kemeja.pdf", page.text)
        self.assertIn("petunjuk-jahit.pdf", page.text)
        for hidden in ("kontrak-harga.pdf", "kalkulasi-internal.pdf", "gambar-firma-b.pdf"):
            self.assertNotIn(hidden, page.text)
        download = self.url_open(self._document_url(self.line_1, self.drawing))
        self.assertEqual(download.status_code, 200)
        self.assertEqual(download.content, PDF)
        self.assertIn("attachment", download.headers["Content-Disposition"])

    def test_member_gets_nothing_of_another_order_or_audience(self):
        self._login(self.portal_member_1)
        for attachment in (self.firm_only, self.note_file, self.other_order_file):
            with self.subTest(attachment=attachment.name):
                response = self.url_open(self._document_url(self.line_1, attachment))
                self.assertEqual(response.status_code, 404)
                # Odoo's own download by id: the member has no access to the order's files
                response = self.url_open(f"/web/content/{attachment.id}?download=true")
                self.assertIn(response.status_code, (403, 404))
        # another member's assignment, with or without a forged token
        for url in (
            self._document_url(self.line_2, self.drawing),
            self._document_url(self.line_2, self.drawing) + "?access_token=forged",
        ):
            self.assertEqual(self.url_open(url).status_code, 404)
        response = self.url_open(f"/web/content/{self.drawing.id}?access_token=forged")
        self.assertIn(response.status_code, (403, 404))

    def test_nothing_once_the_work_is_declined(self):
        self.line_1.with_context(lang="en_US")._action_decline("Mesin rusak")
        self.assertFalse(self.line_1.work_package_ids)
        self._login(self.portal_member_1)
        page = self.url_open(f"/my/assignments/{self.line_1.id}")
        self.assertNotIn("gambar-kemeja.pdf", page.text)
        response = self.url_open(self._document_url(self.line_1, self.drawing))
        self.assertEqual(response.status_code, 404)

    def test_firm_sees_its_files_not_the_members_or_internal_ones(self):
        self._login(self.portal_firm_a)
        page = self.url_open(f"/my/subcontracts/{self.order_a.id}")
        self.assertIn("gambar-kemeja.pdf", page.text)
        self.assertIn("kontrak-harga.pdf", page.text)
        self.assertNotIn("petunjuk-jahit.pdf", page.text)
        self.assertNotIn("kalkulasi-internal.pdf", page.text)
        # a member's question on its assignment never reaches the firm
        self.line_1.with_user(self.portal_member_1).message_post(
            body="Ukuran kancing berapa?", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertFalse(
            self.env["mail.message"]
            .with_user(self.portal_firm_a)
            .search([("model", "=", self.line_1._name), ("res_id", "=", self.line_1.id)])
        )

    def test_documents_of_many_orders_in_three_queries(self):
        orders = self.order_a | self.order_b
        orders.invalidate_recordset()
        with self.assertQueryCount(3):  # files, internal notes, their files
            documents = orders._umkm_documents("members")
        self.assertEqual(documents[self.order_a], self.drawing | self.members_only)
        self.assertEqual(documents[self.order_b], self.other_order_file)
