from odoo import models


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    def _load(self, template_code, company, install_demo, force_create=True):
        res = super()._load(template_code, company, install_demo, force_create=force_create)
        # a company that gets its chart gets the savings' and the surplus' accounts with it
        company._umkm_cooperative_setup()
        return res
