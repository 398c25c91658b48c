from . import (
    umkm_subcontract_delivery,
    umkm_subcontract_progress,
    umkm_subcontract_reason,
    umkm_subcontract_split,
    umkm_subcontract_split_line,
    umkm_service_request_group,
)
