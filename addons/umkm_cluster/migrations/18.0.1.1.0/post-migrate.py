"""The NPWP of a membership is the partner's ``vat`` (one source of truth since 18.0.1.1.0).

A number kept on the membership only is copied to its partner where the partner has none
(through the ORM, so that the partner's own checks run). The old column is only read.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    cr.execute(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = 'umkm_member' AND column_name = 'vat'"
    )
    if not cr.fetchone():
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    cr.execute(
        "SELECT partner_id, vat FROM umkm_member WHERE vat IS NOT NULL AND vat != '' ORDER BY id"
    )
    Partner = env["res.partner"]
    for partner_id, vat in cr.fetchall():
        partner = Partner.browse(partner_id)
        if not partner.vat:
            partner.vat = vat
    env.flush_all()
