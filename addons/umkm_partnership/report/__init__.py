from . import subcontract_assignments_xlsx
from . import umkm_member_workload
from . import umkm_support_report
from . import umkm_cluster_year
