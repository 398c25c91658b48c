from . import umkm_catalogue_line_reject
