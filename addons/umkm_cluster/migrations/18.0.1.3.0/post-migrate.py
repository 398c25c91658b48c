"""Certificates get their own lines (number, validity, copy) in 18.0.1.3.0: every kind a
membership held becomes a line, so that ``certification_ids`` (now following the lines)
keeps what it held. The relation table is only read; the lines are made through the ORM."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    cr.execute(
        "SELECT rel.umkm_member_id, rel.umkm_certification_id "
        "FROM umkm_certification_umkm_member_rel rel "
        "WHERE NOT EXISTS (SELECT 1 FROM umkm_member_certification line "
        "WHERE line.member_id = rel.umkm_member_id "
        "AND line.certification_id = rel.umkm_certification_id) "
        "ORDER BY 1, 2"
    )
    rows = cr.fetchall()
    if rows:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["umkm.member.certification"].create(
            [{"member_id": member, "certification_id": cert} for member, cert in rows]
        )
        env.flush_all()
