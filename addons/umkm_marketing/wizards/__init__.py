from . import umkm_sale_reassign
