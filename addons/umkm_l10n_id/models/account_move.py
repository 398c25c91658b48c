from odoo import models

from odoo.addons.umkm_cluster.tools.identifiers import npwp16


class AccountMove(models.Model):
    _inherit = "account.move"

    def _l10n_id_coretax_build_invoice_vals(self, vals):
        """Coretax reads 16-digit NPWPs without separators: the suite keeps NPWPs as typed
        (``01.234.567.8-901.000``) and the 15-digit ones of before 2024, so the seller's and
        the buyer's are written as DJP converts them (digits, a ``0`` in front of 15)."""
        res = super()._l10n_id_coretax_build_invoice_vals(vals)
        partner = self.partner_id.commercial_partner_id
        company_tin = npwp16(self.company_id.vat)
        vals["TIN"] = company_tin
        vals["SellerIDTKU"] = company_tin + (self.company_id.partner_id.l10n_id_tku or "")
        if partner.l10n_id_buyer_document_type == "TIN":
            vals["BuyerTin"] = npwp16(partner.vat)
        vals["BuyerIDTKU"] = npwp16(partner.vat) + (partner.l10n_id_tku or "")
        return res
