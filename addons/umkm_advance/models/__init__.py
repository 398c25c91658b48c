from . import (
    account_move,
    purchase_order,
    umkm_advance,
    umkm_cluster,
    umkm_member,
    umkm_subcontract_assignment,
    umkm_track_record,
)
