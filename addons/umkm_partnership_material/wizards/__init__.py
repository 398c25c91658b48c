from . import umkm_subcontract_material_return
