from odoo import fields, models
from odoo.exceptions import UserError


class UmkmProcurementRound(models.Model):
    _inherit = "umkm.procurement.round"

    efaktur_invoice_count = fields.Integer(
        string="Invoices for e-Faktur",
        compute="_compute_efaktur_invoice_count",
        help="Posted member invoices of the round that carry PPN.",
    )

    def _efaktur_invoices(self):
        return self.invoice_ids.filtered(
            lambda m: m.state == "posted" and m.move_type == "out_invoice" and m.line_ids.tax_ids
        )

    def _compute_efaktur_invoice_count(self):
        for rnd in self:
            rnd.efaktur_invoice_count = len(rnd._efaktur_invoices())

    def action_download_efaktur(self):
        """One Coretax e-Faktur XML of every posted member invoice of the round, through
        Odoo's own e-Faktur flow (its checks: the company's and the members' NPWP, the
        transaction codes; a document per set of invoices, downloaded again as it is)."""
        self.ensure_one()
        self.check_access("read")
        invoices = self._efaktur_invoices()
        if not invoices:
            raise UserError(
                self.env._(
                    "Round %(round)s has no posted member invoice with PPN: post the member "
                    "invoices first (a cooperative that is not a PKP issues no e-Faktur).",
                    round=self.name,
                )
            )
        return invoices.download_efaktur()
