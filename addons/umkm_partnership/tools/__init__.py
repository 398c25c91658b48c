# Pure helpers of umkm_partnership: no models, no environment. Import the module you use
# (``from odoo.addons.umkm_partnership.tools.split import split_quantity``).
