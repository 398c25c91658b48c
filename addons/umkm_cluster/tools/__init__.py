# Pure helpers of the suite: no models, no environment. Import the module you use
# (``from odoo.addons.umkm_cluster.tools.numbers import parse_number``).
