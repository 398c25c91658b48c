from . import umkm_catalogue_xlsx
from . import umkm_cluster_year
