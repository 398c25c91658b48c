from . import (
    umkm_partnership_agreement,
    umkm_partnership_support,
    umkm_subcontract_order,
    umkm_subcontract_lot,
    umkm_subcontract_assignment,
    umkm_member,
    sale_order_line,
    umkm_catalogue_inquiry,
    ir_attachment,
)
