"""Indonesian books: a round's member invoices and the firm's invoice on Odoo's Indonesian
chart (``l10n_id``), with PPN as ``l10n_id`` defines it and their Coretax e-Faktur XML."""

from lxml import etree

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.umkm_cluster.tools.identifiers import npwp16
from odoo.addons.umkm_joint_procurement.tests import test_invoices
from odoo.addons.umkm_partnership.tests import common as partnership_common

COMPANY_NPWP = "09.254.294.3-617.000"
# two NPWPs of businesses as they are typed (15 digits, separators) and the NIK of a person
MEMBER_NPWPS = ("001.037.911.3-617.000", "002.074.822.4-617.000", "3515014107850002")


def efaktur_of(invoices):
    """The Coretax XML of the e-Faktur document of ``invoices``, parsed."""
    document = invoices.l10n_id_coretax_document
    return etree.fromstring(document.ensure_one().attachment_id.raw)


def text(node, tag):
    return node.findtext(tag)


class IndonesianBooksMixin:
    """The company of the test is a PKP cooperative in rupiah without cents, on l10n_id."""

    chart_template = "id"

    @classmethod
    def _setup_pkp_company(cls):
        cls.env.ref("base.IDR").rounding = 1.0
        cls.env.company.write({"vat": COMPANY_NPWP, "umkm_charges_vat": True})
        # l10n_id's PPN of a sale: 12% on a DPP of 11/12 (11% of the price), e-Faktur
        # transaction code 04 ("nilai lain")
        return cls.env["account.chart.template"].with_company(cls.env.company).ref("tax_ST1")

    def _check_coretax_invoice(self, node, invoice):
        """One ``TaxInvoice`` of the XML against the posted ``invoice``."""
        partner = invoice.partner_id.commercial_partner_id
        self.assertEqual(text(node, "RefDesc"), invoice.name)
        self.assertEqual(text(node, "TrxCode"), "04")
        self.assertEqual(text(node, "BuyerDocument"), "TIN")
        self.assertEqual(text(node, "BuyerTin"), npwp16(partner.vat))
        self.assertRegex(text(node, "BuyerTin"), r"^\d{16}$")
        self.assertEqual(text(node, "BuyerIDTKU"), npwp16(partner.vat) + "000000")
        self.assertEqual(text(node, "SellerIDTKU"), "0092542943617000000000")
        taxed = invoice.invoice_line_ids.filtered("tax_ids")
        goods = node.findall("ListOfGoodService/GoodService")
        self.assertEqual(len(goods), len(taxed))
        vat_total = 0
        rp = self.env.ref("base.IDR").round  # half up, as Odoo and DJP round
        for good, line in zip(goods, taxed, strict=True):
            self.assertEqual(text(good, "Name"), line.product_id.name)
            self.assertEqual(text(good, "Opt"), "B" if line.product_id.type == "service" else "A")
            self.assertEqual(text(good, "Code"), line.product_id.l10n_id_product_code.code)
            self.assertEqual(text(good, "Unit"), line.product_uom_id.l10n_id_uom_code.code)
            dpp = rp(line.price_subtotal)
            self.assertEqual(float(text(good, "TaxBase")), dpp)
            self.assertEqual(float(text(good, "OtherTaxBase")), rp(dpp * 11 / 12))
            self.assertEqual(text(good, "VATRate"), "12")
            vat = float(text(good, "VAT"))
            self.assertEqual(vat, rp(rp(dpp * 11 / 12) * 0.12))
            vat_total += vat
        # Coretax's PPN per line and the invoice's 11% differ by rounding only
        self.assertLessEqual(abs(vat_total - invoice.amount_tax), len(taxed))


@tagged("post_install", "-at_install")
class TestIndonesianRound(IndonesianBooksMixin, test_invoices.TestMemberInvoiceTaxes):
    """Every member-invoice test (batched = Odoo's one-by-one invoices field by field, exact
    untaxed sums for thirds and a short delivery, PPN per line and globally rounded, non-PKP),
    run again on an l10n_id company with l10n_id's PPN; then the round's e-Faktur."""

    @classmethod
    def _sales_ppn(cls):
        ppn = cls._setup_pkp_company()
        cls.env.company.umkm_charges_vat = False  # each test says whether it is a PKP
        return ppn

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        country = cls.env.ref("base.id")
        for member, npwp in zip(cls.members, MEMBER_NPWPS, strict=True):
            member.partner_id.write({"country_id": country.id, "vat": npwp})

    def test_sales_tax_is_l10n_id_ppn(self):
        self.assertEqual(self.ppn.amount, 11.0)
        self.assertEqual(self.company.account_sale_tax_id, self.ppn)
        # a new material takes it, as the suite's service products did when installed there
        product = self.env["product.product"].create({"name": "Pewarna uji"})
        self.assertEqual(
            product.taxes_id.filtered(lambda t: t.company_id == self.company), self.ppn
        )
        self.assertEqual(self.company.currency_id, self.env.ref("base.IDR"))

    def _posted_pkp_round(self):
        self.company.umkm_charges_vat = True
        self.kain.l10n_id_product_code = self.env.ref(
            "l10n_id_efaktur_coretax.product_code_520800_goods"
        )
        rnd = self._allocated_round()
        rnd.action_create_member_invoices()
        rnd.invoice_ids.action_post()
        return rnd

    def test_round_efaktur_lists_every_posted_member_invoice(self):
        rnd = self._posted_pkp_round()
        self.assertEqual(rnd.efaktur_invoice_count, 3)
        action = rnd.with_user(self.manager_a).action_download_efaktur()
        invoices = rnd.invoice_ids
        self.assertEqual(len(invoices.l10n_id_coretax_document), 1)
        self.assertIn(str(invoices.l10n_id_coretax_document.attachment_id.id), action["url"])
        root = efaktur_of(invoices)
        self.assertEqual(text(root, "TIN"), "0092542943617000")
        nodes = root.findall("ListOfTaxInvoice/TaxInvoice")
        self.assertEqual(len(nodes), 3)
        by_name = {text(node, "RefDesc"): node for node in nodes}
        for invoice in invoices:
            self._check_coretax_invoice(by_name[invoice.name], invoice)
        # the person among the members is reported by its NIK
        self.assertIn("3515014107850002", {text(node, "BuyerTin") for node in nodes})
        # the exempt material is not on the e-Faktur; the kain line has its HS-based code
        codes = {text(g, "Name"): text(g, "Code") for g in root.iter("GoodService")}
        self.assertNotIn(self.canting.name, codes)
        self.assertEqual(codes[self.kain.name], "520800")
        # asked again, the same document is downloaded again
        rnd.action_download_efaktur()
        self.assertEqual(len(invoices.l10n_id_coretax_document), 1)

    def test_round_efaktur_needs_posted_invoices_with_ppn(self):
        rnd = self._allocated_round()
        rnd.action_create_member_invoices()
        self.assertFalse(self.company.umkm_charges_vat)
        rnd.invoice_ids.action_post()
        self.assertEqual(rnd.efaktur_invoice_count, 0)
        with self.assertRaisesRegex(UserError, "no posted member invoice with PPN"):
            rnd.action_download_efaktur()

    def test_round_efaktur_names_the_member_without_npwp(self):
        self.member_2.vat = False
        rnd = self._posted_pkp_round()
        with self.assertRaisesRegex(ValidationError, self.member_2.partner_id.name):
            rnd.action_download_efaktur()
        self.assertFalse(rnd.invoice_ids.l10n_id_coretax_document)


@tagged("post_install", "-at_install")
class TestIndonesianFirmInvoice(IndonesianBooksMixin, partnership_common.PartnershipCase):
    """The cooperative's invoice of subcontract work to the firm: PPN on the service, Coretax
    XML through Odoo's own flow."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ppn = cls._setup_pkp_company()
        service = cls.env.ref("umkm_partnership.product_subcontract_service")
        service.taxes_id = [Command.set(cls.ppn.ids)]
        cls.firm_a.write({"country_id": cls.env.ref("base.id").id, "vat": "01.074.822.6-611.000"})

    def test_firm_invoice_efaktur(self):
        self.assertTrue(self.firm_a.l10n_id_pkp)
        order = self._confirmed_order(qty=30, price=100000.0)
        self._split(order)
        order.assignment_ids.action_accept()
        order.assignment_ids._record_delivery({a.id: (a.qty, 0) for a in order.assignment_ids})
        sale = order.sale_order_id.sudo()
        invoice = sale._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.amount_untaxed, 3000000)
        self.assertEqual(invoice.amount_tax, 330000)
        invoice.download_efaktur()
        root = efaktur_of(invoice)
        node = root.find("ListOfTaxInvoice/TaxInvoice")
        self._check_coretax_invoice(node, invoice)
        good = node.find("ListOfGoodService/GoodService")
        self.assertEqual(text(good, "Opt"), "B")  # a service
        self.assertEqual(float(text(good, "TaxBase")), 3000000)
        self.assertEqual(float(text(good, "OtherTaxBase")), 2750000)
        self.assertEqual(float(text(good, "VAT")), 330000)
        self.assertEqual(text(node, "BuyerTin"), "0010748226611000")
