from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, TransactionCase, new_test_user

from odoo.addons.umkm_cluster.tests.common import (
    UmkmMemberFixtures,
    chart_company_env,
    umkm_test_env,
)

# a minimal PDF (drawings and specifications in the tests)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class PartnershipCase(UmkmMemberFixtures, TransactionCase):
    """A cluster with capable members, two partner firms with portal users, one active
    subcontracting agreement for firm A. Nothing here relies on demo data."""

    # a chart of accounts (``"id"``: Odoo's Indonesian): the test runs in a new company on it
    chart_template = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = umkm_test_env(cls.env)
        if cls.chart_template:
            cls.env = chart_company_env(cls.env, cls.chart_template)
        cls.today = fields.Date.context_today(cls.env.user)
        cls.unit = cls.env.ref("uom.product_uom_unit")
        cls.currency = cls.env.company.currency_id
        cls.manager = new_test_user(
            cls.env,
            "part_mgr",
            groups="umkm_cluster.group_umkm_manager,sales_team.group_sale_salesman,purchase.group_purchase_user",
            name="Part Manager",
        )
        cls.officer_other = new_test_user(
            cls.env,
            "part_off_other",
            groups="umkm_cluster.group_umkm_officer",
            name="Other Officer",
        )
        cls.cluster = cls.env["umkm.cluster"].create(
            {"name": "Klaster Uji", "code": "UJI", "manager_ids": [(6, 0, cls.manager.ids)]}
        )
        cls.cluster_other = cls.env["umkm.cluster"].create(
            {"name": "Klaster Lain", "code": "LAIN", "officer_ids": [(6, 0, cls.officer_other.ids)]}
        )
        category = cls.env["umkm.capability.category"].create({"name": "Uji"})
        Capability = cls.env["umkm.capability"]
        cls.cap_sew = Capability.create({"name": "Uji jahit", "category_id": category.id})
        cls.cap_carve = Capability.create({"name": "Uji ukir", "category_id": category.id})
        Partner = cls.env["res.partner"]
        cls.firm_a = Partner.create({"name": "PT Firma A", "is_company": True})
        cls.firm_b = Partner.create({"name": "PT Firma B", "is_company": True})
        cls.firm_c = Partner.create({"name": "PT Tanpa Perjanjian", "is_company": True})
        cls.members = cls._make_members(cls.cluster, cls.cap_sew, [(10, 95), (10, 90), (10, 80)])
        cls.member_1, cls.member_2, cls.member_3 = cls.members
        Agreement = cls.env["umkm.partnership.agreement"]
        cls.agreement_a = Agreement.create(
            {
                "name": "Subkontrak A",
                "partner_id": cls.firm_a.id,
                "cluster_id": cls.cluster.id,
                "pattern": "subkontrak",
                "margin_percent": 10.0,
                "date_start": cls.today - timedelta(days=30),
                "date_end": cls.today + timedelta(days=365),
            }
        )
        cls.agreement_b = Agreement.create(
            {
                "name": "Subkontrak B",
                "partner_id": cls.firm_b.id,
                "cluster_id": cls.cluster.id,
                "pattern": "subkontrak",
                "date_start": cls.today - timedelta(days=30),
            }
        )
        (cls.agreement_a | cls.agreement_b).action_activate()
        cls.portal_firm_a = cls._portal_user("part_firm_a", cls.firm_a)
        cls.portal_firm_b = cls._portal_user("part_firm_b", cls.firm_b)
        cls.portal_firm_c = cls._portal_user("part_firm_c", cls.firm_c)
        cls.portal_member_1 = cls._portal_user("part_member_1", cls.member_1.partner_id)
        cls.portal_member_2 = cls._portal_user("part_member_2", cls.member_2.partner_id)

    def _order(self, qty=30, weeks=2, agreement=None, price=100000.0, capability=None):
        order = self.env["umkm.subcontract.order"].create(
            {
                "agreement_id": (agreement or self.agreement_a).id,
                "capability_id": (capability or self.cap_sew).id,
                "description": "Kemeja batik",
                "qty": qty,
                "uom_id": self.unit.id,
                "unit_price": price,
                "date_due": self.today + timedelta(days=7 * weeks),
            }
        )
        return order

    def _confirmed_order(self, **kw):
        order = self._order(**kw)
        order.action_submit()
        order.action_confirm()
        return order

    def _split(self, order, edits=None):
        action = order.action_split()
        wizard = order.env["umkm.subcontract.split"].browse(action["res_id"])
        for line in wizard.line_ids:
            if edits and line.member_id in edits:
                line.qty = edits[line.member_id]
        wizard.action_confirm()
        return wizard


class SubcontractPortalCase(PartnershipCase, HttpCase):
    """Portal fixtures: order A of firm A split between members 1 and 2, order B of firm B
    submitted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order_a = cls._make_order(cls.agreement_a, 50)
        cls.order_b = cls._make_order(cls.agreement_b, 40)
        cls.order_a.action_confirm()
        action = cls.order_a.action_split()
        cls.env["umkm.subcontract.split"].browse(action["res_id"]).action_confirm()
        lines = cls.order_a.assignment_ids
        cls.line_1 = lines.filtered(lambda a: a.member_id == cls.member_1)
        cls.line_2 = lines.filtered(lambda a: a.member_id == cls.member_2)

    @classmethod
    def _make_order(cls, agreement, qty):
        order = cls.env["umkm.subcontract.order"].create(
            {
                "agreement_id": agreement.id,
                "capability_id": cls.cap_sew.id,
                "description": f"Kemeja {agreement.name}",
                "qty": qty,
                "unit_price": 50000,
                "date_due": cls.today + timedelta(days=28),
            }
        )
        order.action_submit()
        return order

    def _login(self, user):
        self.authenticate(user.login, user.login)
