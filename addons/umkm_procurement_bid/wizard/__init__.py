from . import umkm_procurement_bid_call
