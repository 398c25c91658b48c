"""The member documents this flow made before the stamps (``account.move.umkm_cluster_id``,
``umkm_flow``, in the new bridge ``umkm_cluster_account``) are stamped with their cluster and
flow, so that the cooperative's figures and its surplus shared back (SHU) count them. Written
through the ORM, a write per cluster."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["account.move"]._umkm_stamp_member_documents()
