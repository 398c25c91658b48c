from . import umkm_member_workload
