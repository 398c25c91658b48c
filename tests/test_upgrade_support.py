"""A database installed with the layout before support came from any institution (issue 31) is
updated with ``-u``: a firm's support under its agreement gets the firm as its provider (one
institution per firm), the members it reached become participants who attended (its figures
unchanged), and the certifications a membership held become certificate lines, so that what
the cluster's public page counts is kept. Without demo data (one install, one update)."""

from .upgrade import upgrade_old_layout

# the last commit before issue 31 (support only under an agreement, certifications as tags)
OLD_LAYOUT = "9245323c7c9100a5c111a2a19e073ceec07f414a"

CREATE = """
from datetime import timedelta
from odoo import Command, fields
today = fields.Date.context_today(env.user)
cluster = env["umkm.cluster"].create({"name": "Klaster Lama", "code": "LAMA"})
partners = env["res.partner"].create(
    [{"name": f"Pembatik Lama {i}", "is_company": True} for i in range(3)]
)
members = env["umkm.member"].create(
    [{"partner_id": p.id, "cluster_id": cluster.id} for p in partners]
)
members.action_activate()
halal = env["umkm.certification"].create({"name": "Halal lama"})
sni = env["umkm.certification"].create({"name": "SNI lama"})
members[0].certification_ids = halal | sni
members[1].certification_ids = halal
firm = env["res.partner"].create({"name": "PT CSR Lama", "is_company": True})
agreements = env["umkm.partnership.agreement"].create([
    {"name": f"Subkontrak lama {i}", "partner_id": firm.id, "cluster_id": cluster.id,
     "pattern": "subkontrak", "date_start": today - timedelta(days=30)}
    for i in range(2)
])
supports = env["umkm.partnership.support"].create([
    {"agreement_id": agreements[0].id, "type": "training", "value": 3000000,
     "member_ids": [Command.set(members.ids)]},
    {"agreement_id": agreements[1].id, "type": "raw_material", "value": 500000,
     "member_ids": [Command.set(members[:1].ids)]},
])
env.cr.commit()
print("UMKM_RESULT " + json.dumps({
    "members": members.ids, "supports": supports.ids, "firm": firm.id,
    "certifications": [halal.id, sni.id],
    "figures": [[s.member_count, s.value_per_member] for s in supports],
}))
"""

CHECK = """
ids = json.loads(os.environ["UMKM_IDS"])
members = env["umkm.member"].browse(ids["members"])
supports = env["umkm.partnership.support"].browse(ids["supports"])
print("UMKM_RESULT " + json.dumps({
    "providers": [[s.provider_id.partner_id.id, s.provider_id.kind] for s in supports],
    "provider_count": len(supports.provider_id),
    "partner": [s.partner_id.id for s in supports],
    "participants": [
        sorted([p.member_id.id, p.attended] for p in s.participant_ids) for s in supports
    ],
    "reached": [sorted(s.member_ids.ids) for s in supports],
    "figures": [[s.member_count, s.value_per_member] for s in supports],
    "types": [s.type for s in supports],
    "certifications": [sorted(m.certification_ids.ids) for m in members],
    "lines": [sorted(m.certificate_ids.certification_id.ids) for m in members],
}))
"""


def test_update_gives_old_support_its_provider_and_participants(tmp_path):
    ids, result = upgrade_old_layout(
        tmp_path, OLD_LAYOUT, ["umkm_cluster", "umkm_partnership"], CREATE, CHECK
    )
    firm = ids["firm"]
    assert result["providers"] == [[firm, "firm"], [firm, "firm"]], result
    assert result["provider_count"] == 1, result
    assert result["partner"] == [firm, firm], result
    m1, m2, m3 = ids["members"]
    assert result["participants"] == [
        [[m1, True], [m2, True], [m3, True]],
        [[m1, True]],
    ], result
    assert result["reached"] == [sorted(ids["members"]), [m1]], result
    assert result["figures"] == ids["figures"] == [[3, 1000000.0], [1, 500000.0]], result
    assert result["types"] == ["training", "raw_material"], result
    halal, sni = ids["certifications"]
    assert result["certifications"] == [sorted([halal, sni]), [halal], []], result
    assert result["lines"] == result["certifications"], result
