from . import sale_order, umkm_partnership_agreement
