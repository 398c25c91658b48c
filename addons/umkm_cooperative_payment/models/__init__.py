from . import payment_transaction, umkm_member_saving
