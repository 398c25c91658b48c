from odoo import Command
from odoo.tests import TransactionCase, new_test_user
from odoo.tools.safe_eval import safe_eval


def umkm_test_env(env):
    """The env of the suite's test classes: no tracking, and one time zone for the test, its
    users (they take the zone of the env that creates them) and their portal requests, so a
    date computed in a test is the date every user of it sees, whatever the database admin's
    zone and the hour the suite runs at."""
    return env(context=dict(env.context, tracking_disable=True, tz="Asia/Jakarta"))


def chart_company_env(env, template):
    """``env`` in a new company on ``template``'s chart of accounts (``"id"``: Odoo's
    Indonesian), as Odoo's accounting tests set one up: users and records made in the returned
    env belong to it. Needs ``account`` and the chart's module installed."""
    country = env["res.country"].search([("code", "=", template.upper())])
    country.currency_id.active = True
    company = env["res.company"].create(
        {
            "name": f"Koperasi Uji ({template})",
            "country_id": country.id,
            "currency_id": country.currency_id.id,
        }
    )
    env["account.chart.template"].try_loading(template, company=company, install_demo=False)
    env.user.write({"company_ids": [Command.link(company.id)], "company_id": company.id})
    return env(context=dict(env.context, allowed_company_ids=company.ids))


def offered_units(record, fname):
    """The units the backend offers in ``record``'s unit field ``fname``, in the order its
    dropdown lists them: the field's domain as ``fields_get`` hands it to the web client,
    evaluated on the record's values, searched with the field's context."""
    field = record.fields_get([fname], ["domain", "context"])[fname]
    values = {
        name: record[name].id for name, spec in record._fields.items() if spec.type == "many2one"
    }
    domain = field["domain"]
    domain = safe_eval(domain, values) if isinstance(domain, str) else domain
    Uom = record.env["uom.uom"].with_context(**field.get("context", {}))
    return Uom.browse([uom_id for uom_id, _name in Uom.name_search("", domain)])


def load_indonesian(env, module):
    """Activate Indonesian and load ``module``'s translations into it (a test that reads what
    an Indonesian user reads)."""
    env["res.lang"]._activate_lang("id_ID")
    env["ir.module.module"].search([("name", "=", module)])._update_translations("id_ID")


class UmkmClusterCase(TransactionCase):
    """Two clusters (A, B) with their own managers, an officer, member SMEs and portal users.

    Nothing here relies on demo data.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = umkm_test_env(cls.env)
        cls.manager_a = new_test_user(
            cls.env, "umkm_mgr_a", groups="umkm_cluster.group_umkm_manager", name="Manager A"
        )
        cls.manager_b = new_test_user(
            cls.env, "umkm_mgr_b", groups="umkm_cluster.group_umkm_manager", name="Manager B"
        )
        cls.officer_a = new_test_user(
            cls.env, "umkm_off_a", groups="umkm_cluster.group_umkm_officer", name="Officer A"
        )
        cls.cluster_a = cls.env["umkm.cluster"].create(
            {
                "name": "Cluster A",
                "code": "TST-A",
                "sector": "batik",
                "manager_ids": [(6, 0, cls.manager_a.ids)],
                "officer_ids": [(6, 0, cls.officer_a.ids)],
            }
        )
        cls.cluster_b = cls.env["umkm.cluster"].create(
            {
                "name": "Cluster B",
                "code": "TST-B",
                "sector": "furniture",
                "manager_ids": [(6, 0, cls.manager_b.ids)],
            }
        )
        Partner = cls.env["res.partner"]
        cls.sme_1 = Partner.create({"name": "SME Satu", "is_company": True})
        cls.sme_2 = Partner.create({"name": "SME Dua", "is_company": True})
        cls.sme_3 = Partner.create({"name": "SME Tiga", "is_company": True})
        cls.category = cls.env["umkm.capability.category"].create({"name": "Test crafts"})
        cls.cap_tulis = cls.env["umkm.capability"].create(
            {"name": "Test batik tulis", "category_id": cls.category.id}
        )
        Member = cls.env["umkm.member"]
        cls.member_a1 = Member.create({"partner_id": cls.sme_1.id, "cluster_id": cls.cluster_a.id})
        cls.member_a2 = Member.create({"partner_id": cls.sme_2.id, "cluster_id": cls.cluster_a.id})
        cls.member_b3 = Member.create({"partner_id": cls.sme_3.id, "cluster_id": cls.cluster_b.id})
        cls.portal_1 = new_test_user(
            cls.env, "umkm_portal_1", groups="base.group_portal", name="Portal Satu"
        )
        cls.portal_1.partner_id.parent_id = cls.sme_1
        cls.portal_2 = new_test_user(
            cls.env, "umkm_portal_2", groups="base.group_portal", name="Portal Dua"
        )
        cls.portal_2.partner_id.parent_id = cls.sme_2


class UmkmMemberFixtures:
    """Makers of the test fixtures the flows share (mixed into their cases): active members
    with a weekly capacity and an on-time rate, and the portal user of a business."""

    @classmethod
    def _portal_user(cls, login, company):
        user = new_test_user(cls.env, login, password=login, groups="base.group_portal", name=login)
        user.partner_id.parent_id = company
        return user

    @classmethod
    def _make_members(cls, cluster, capability, specs, prefix="Anggota"):
        """specs: list of (weekly capacity, on-time rate)."""
        partners = cls.env["res.partner"].create(
            [
                {"name": f"{prefix} {cluster.code} {i}", "is_company": True}
                for i in range(len(specs))
            ]
        )
        members = cls.env["umkm.member"].create(
            [
                {
                    "partner_id": partner.id,
                    "cluster_id": cluster.id,
                    "capacity_ids": [
                        Command.create({"capability_id": capability.id, "qty_per_week": weekly})
                    ],
                }
                for partner, (weekly, _rate) in zip(partners, specs, strict=True)
            ]
        )
        members.action_activate()
        for member, (_weekly, rate) in zip(members, specs, strict=True):
            member.on_time_rate = rate
        return members
