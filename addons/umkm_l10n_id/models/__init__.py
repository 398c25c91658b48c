from . import account_move
from . import l10n_id_efaktur_coretax_document
from . import umkm_procurement_round
