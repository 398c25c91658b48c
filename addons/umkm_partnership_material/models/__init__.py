from . import (
    umkm_subcontract_material,
    umkm_subcontract_order_material,
    umkm_subcontract_order_credit,
    umkm_subcontract_assignment_material,
    umkm_subcontract_assignment_credit,
    umkm_partnership_agreement,
    umkm_member,
    stock_location,
    stock_move,
    stock_warehouse,
    purchase_order_line,
    account_move,
)
