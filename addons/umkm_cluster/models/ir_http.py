from odoo import models
from odoo.http import request


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_default_lang(cls):
        """As ``http_routing``'s, with the default language of partners read from the cache
        rather than with two queries at every request of a member's page (or demand save)."""
        lang_code = request.env["ir.default"]._umkm_get_global("res.partner", "lang")
        if lang_code:
            return request.env["res.lang"]._get_data(code=lang_code)
        return super()._get_default_lang()
