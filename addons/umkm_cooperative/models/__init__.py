from . import (
    res_company,
    res_partner,
    account_chart_template,
    umkm_cluster,
    umkm_member_saving,
    umkm_member_saving_dues,
    umkm_member,
    account_move,
    account_move_line,
    umkm_surplus_rule,
    umkm_surplus_rule_line,
    umkm_surplus,
    umkm_surplus_bases,
    umkm_surplus_posting,
    umkm_surplus_pool,
    umkm_surplus_line,
)
from . import umkm_cluster_snapshot
from . import umkm_track_record
