from . import (
    purchase_order,
    purchase_order_line,
    umkm_procurement_bid_tier,
    umkm_procurement_round,
    umkm_procurement_round_demo,
    umkm_procurement_round_line,
)
