# Pure helpers of the suite: no models, no environment (upgrade.py takes the migration's
# environment, as Odoo's formatLang does). Import the module you use
# (``from odoo.addons.umkm_cluster.tools.numbers import parse_number``).
