from lxml import etree

from odoo import models
from odoo.tools import cleanup_xml_node

from odoo.addons.umkm_cluster.tools.identifiers import npwp16


class EfakturDocument(models.Model):
    _inherit = "l10n_id_efaktur_coretax.document"

    def _generate_efaktur_invoice(self):
        """Odoo's XML, with the seller's NPWP in the 16 digits Coretax reads (see
        ``account.move._l10n_id_coretax_build_invoice_vals``)."""
        invoice_data = self.invoice_ids.prepare_efaktur_vals()
        xml_content = self.env["ir.qweb"]._render(
            "l10n_id_efaktur_coretax.efaktur_coretax_template",
            {"data": invoice_data, "TIN": npwp16(self.company_id.vat)},
        )
        return etree.tostring(
            cleanup_xml_node(xml_content, remove_blank_text=False, remove_blank_nodes=False),
            xml_declaration=True,
            encoding="UTF-8",
        )
