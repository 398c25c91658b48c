from . import account_move
from . import umkm_cluster_snapshot
from . import account_move_demo
from . import umkm_track_record
from . import res_company
