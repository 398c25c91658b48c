from . import umkm_capability_category
from . import umkm_capability
from . import umkm_cluster
from . import umkm_member
from . import umkm_member_capacity
from . import res_company
from . import res_partner
