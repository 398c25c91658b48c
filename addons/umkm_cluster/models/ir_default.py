from odoo import models, tools


class IrDefault(models.Model):
    _inherit = "ir.default"

    @tools.ormcache("model_name", "field_name")
    def _umkm_get_global(self, model_name, field_name):
        """The default of a field for every user and company, cached (``ir.default`` clears
        the cache whenever a default is created, changed or removed): read at every request of
        the members' pages (the frontend's default language)."""
        return self.sudo()._get(model_name, field_name)
