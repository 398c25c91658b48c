from lxml import etree

from odoo import models

from odoo.addons.umkm_cluster.tools.identifiers import npwp16


class EfakturDocument(models.Model):
    _inherit = "l10n_id_efaktur_coretax.document"

    def _generate_efaktur_invoice(self):
        """Odoo's XML, with the seller's NPWP in the 16 digits Coretax reads (see
        ``account.move._l10n_id_coretax_build_invoice_vals``)."""
        root = etree.fromstring(super()._generate_efaktur_invoice())
        root.find("TIN").text = npwp16(self.company_id.vat)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
