import logging

from odoo import api, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model
    def _umkm_demo_use_idr(self):
        """Demo data: run the demo company in rupiah when nothing is booked in another currency."""
        company = self.env.ref("base.main_company")
        idr = self.env.ref("base.IDR")
        if company.currency_id == idr:
            return
        idr.write({"active": True, "rounding": 1.0})  # no cents in practice
        try:
            with self.env.cr.savepoint():
                company.currency_id = idr
        except UserError:
            _logger.info("Demo company keeps %s: entries exist already", company.currency_id.name)
