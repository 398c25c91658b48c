from . import subcontract_assignments_xlsx
from . import umkm_member_workload
