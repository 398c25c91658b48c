from . import umkm_catalogue_xlsx
