from . import (
    umkm_partnership_agreement,
    umkm_partnership_support,
    umkm_subcontract_order,
    umkm_subcontract_order_lot,
    umkm_subcontract_order_work,
    umkm_subcontract_order_documents,
    umkm_subcontract_order_price,
    umkm_subcontract_order_split,
    umkm_subcontract_lot,
    umkm_subcontract_assignment,
    umkm_subcontract_assignment_delivery,
    umkm_subcontract_assignment_purchase,
    umkm_subcontract_assignment_split,
    umkm_member,
    ir_attachment,
    purchase_order,
    account_move,
    umkm_partnership_request,
    umkm_cluster,
)
from . import umkm_cluster_snapshot
from . import umkm_track_record
