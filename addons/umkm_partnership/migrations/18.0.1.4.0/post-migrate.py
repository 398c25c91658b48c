"""Support from any institution (18.0.1.4.0): a support under an agreement gets its firm as
provider (an institution of kind ``firm``, made once per firm), and each member it reached
becomes a participant who attended, so that ``member_ids`` (now following the participants)
keeps what it held. The relation table is only read; everything is written through the ORM."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    cr.execute(
        "SELECT rel.support_id, rel.member_id FROM umkm_partnership_support_member_rel rel "
        "WHERE NOT EXISTS (SELECT 1 FROM umkm_support_participant p "
        "WHERE p.support_id = rel.support_id AND p.member_id = rel.member_id) ORDER BY 1, 2"
    )
    reached = cr.fetchall()
    Support = env["umkm.partnership.support"]
    supports = Support.search([("agreement_id", "!=", False), ("provider_id", "=", False)])
    for company in supports.company_id:
        mine = supports.filtered(lambda s, c=company: s.company_id == c)
        firms = mine.agreement_id.partner_id
        providers = env["umkm.stakeholder"]._umkm_for_partners(firms, company)
        for support in mine:
            support.provider_id = providers[support.agreement_id.partner_id.id]
    if reached:
        env["umkm.support.participant"].create(
            [
                {"support_id": support, "member_id": member, "invited": True, "attended": True}
                for support, member in reached
            ]
        )
    env.flush_all()
