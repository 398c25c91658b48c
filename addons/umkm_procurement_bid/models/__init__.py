from . import purchase_order, umkm_procurement_round, umkm_procurement_round_line
