from . import (
    sale_order,
    sale_order_line,
    purchase_order,
    account_move,
    purchase_order_line,
    stock_picking,
    umkm_catalogue,
    umkm_catalogue_line,
    umkm_catalogue_inquiry,
    umkm_member,
)
