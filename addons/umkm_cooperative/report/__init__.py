from . import rat_pack_xlsx
