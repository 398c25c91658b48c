from odoo import models
from odoo.exceptions import UserError


class ResCompany(models.Model):
    _inherit = "res.company"

    def _umkm_sale_journal(self):
        """The company's sales journal, where the suite's invoices to members go; a clear
        error when invoicing is not set up."""
        self.ensure_one()
        Journal = self.env["account.journal"]
        journal = Journal.search(
            [*Journal._check_company_domain(self), ("type", "=", "sale")], limit=1
        )
        if not journal:
            raise UserError(
                self.env._(
                    "Company %(company)s has no sales journal: set up invoicing first.",
                    company=self.name,
                )
            )
        return journal
