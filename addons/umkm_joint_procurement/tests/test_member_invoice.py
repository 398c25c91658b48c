"""A member's round invoice as the member receives it: in its language, sent (not a pro
forma), due after the cooperative's payment terms, sold by the cooperative's salesperson, and
the statement and the round page showing the invoice's untaxed amount, PPN and total."""

import re
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged
from odoo.tools import format_amount

from odoo.addons.umkm_cluster.tests.common import load_indonesian

from .common import ProcurementCase


def cell_text(html, css, end):
    """The text of the element of class ``css`` in ``html`` (up to ``end``)."""
    cell = html.split(css, 1)[1].split(">", 1)[1].split(end, 1)[0]
    return re.sub(r"<[^>]+>", "", cell).replace("&nbsp;", "\xa0").strip()


@tagged("post_install", "-at_install")
class TestMemberRoundInvoice(ProcurementCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_indonesian(cls.env, "umkm_joint_procurement")
        cls.member_1.partner_id.lang = "id_ID"
        cls.company.umkm_charges_vat = True
        cls.ppn = cls.env["account.tax"].create(
            {"name": "PPN 12% (uji)", "amount": 12.0, "type_tax_use": "sale"}
        )
        fee = cls.env.ref("umkm_joint_procurement.product_procurement_fee")
        (cls.kain | fee).write({"taxes_id": [Command.set(cls.ppn.ids)]})
        cls.terms = cls.env["account.payment.term"].create(
            {
                "name": "30 hari (uji)",
                "line_ids": [
                    Command.create({"value": "percent", "value_amount": 100, "nb_days": 30})
                ],
            }
        )
        cls.company.umkm_payment_term_id = cls.terms

    def _invoiced_round(self):
        rnd = self._create_round(products=self.kain, fee_percent=2.0)
        rnd.action_open()
        self._demand(rnd, self.member_1, self.kain, 60)
        self._demand(rnd, self.member_2, self.kain, 40)
        self._close_and_receive(rnd)
        rnd.action_allocate()
        # the background job runs as the superuser (OdooBot): it is not the seller
        rnd.user_id = self.env.ref("base.user_root")
        rnd.with_user(self.env.ref("base.user_root"))._create_member_invoices()
        return rnd, rnd.invoice_ids.filtered(lambda m: m.partner_id == self.member_1.partner_id)

    def test_member_invoice_as_the_member_receives_it(self):
        rnd, invoice = self._invoiced_round()
        # in the member's language
        labels = invoice.invoice_line_ids.mapped("name")
        self.assertTrue(any("harga bersama" in label for label in labels), labels)
        self.assertTrue(any("Jasa layanan koperasi" in label for label in labels), labels)
        self.assertFalse([label for label in labels if "round" in label], labels)
        # sold by the cluster's manager, on the cooperative's payment terms
        self.assertEqual(invoice.invoice_user_id, self.manager_a)
        self.assertEqual(invoice.invoice_payment_term_id, self.terms)
        other = rnd.invoice_ids - invoice
        self.assertEqual(other.invoice_payment_term_id, self.terms)
        # posted, it is sent by Odoo's sending job: its PDF is made, the portal shows an
        # invoice, not a pro forma
        invoice.invoice_date = fields.Date.context_today(invoice)
        invoice.action_post()
        self.assertTrue(invoice.is_being_sent)  # Odoo's sending job takes it
        self.env["account.move"]._cron_account_move_send()
        self.assertEqual(invoice.invoice_date_due, invoice.invoice_date + timedelta(days=30))
        self.assertTrue(invoice.is_move_sent)
        self.assertTrue(invoice.invoice_pdf_report_id)
        self.authenticate("proc_portal_1", "proc_portal_1_pw")
        page = self.url_open(f"/my/invoices/{invoice.id}?report_type=html")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("PROFORMA", page.text)
        # the round page: the invoice's untaxed amount, PPN and total
        self.assertGreater(invoice.amount_tax, 0)
        amounts = {
            "o_umkm_untaxed": invoice.amount_untaxed,
            "o_umkm_tax": invoice.amount_tax,
            "o_umkm_total": invoice.amount_total,
        }

        def shown(amount, lang):
            return format_amount(invoice.with_context(lang=lang).env, amount, invoice.currency_id)

        page = self.url_open(f"/my/procurement/{rnd.id}")
        card = page.text.split("o_umkm_round_invoice", 1)[1]
        for css, amount in amounts.items():
            self.assertEqual(cell_text(card, css, "</dd>"), shown(amount, self.portal_1.lang))
        # the statement: the same three amounts
        report = self.env.ref("umkm_joint_procurement.action_report_procurement_statement")
        html, _kind = report._render_qweb_html(
            report, rnd.ids, data={"member_id": self.member_1.id}
        )
        html = html.decode().split("o_umkm_statement_invoice", 1)[1]
        for css, amount in amounts.items():
            self.assertEqual(cell_text(html, css, "</td>"), shown(amount, "id_ID"))
