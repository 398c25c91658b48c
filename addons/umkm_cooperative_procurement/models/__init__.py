from . import umkm_cluster
from . import umkm_member
from . import umkm_member_saving
from . import umkm_procurement_demand
from . import umkm_procurement_standing_demand
from . import account_move
