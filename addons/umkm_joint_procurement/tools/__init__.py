# Pure helpers of the suite: no models, no environment. Import the module you use
# (``from odoo.addons.umkm_joint_procurement.tools.procurement_math import allocate``).
