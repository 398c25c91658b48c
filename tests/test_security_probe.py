"""Security probes across the suite: every model of the suite is closed to outsiders."""

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

# reference data that anyone logged in may read: what members can make, its categories, the
# certifications members hold
PUBLIC_TO_USERS = {"umkm.capability", "umkm.capability.category", "umkm.certification"}


@tagged("post_install", "-at_install")
class TestSecurityProbe(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.models = sorted(
            name
            for name, model in cls.env.registry.items()
            if name.startswith("umkm.") and not model._abstract and not model._transient
        )
        outsider = cls.env["res.partner"].create({"name": "Outsider SME", "is_company": True})
        cls.portal = new_test_user(cls.env, "probe_portal", groups="base.group_portal")
        cls.portal.partner_id.parent_id = outsider
        cls.employee = new_test_user(cls.env, "probe_employee", groups="base.group_user")
        # one record in each model of the foundation, so the probes are never vacuous
        cluster = cls.env["umkm.cluster"].create({"name": "Probe cluster", "code": "PRB"})
        sme = cls.env["res.partner"].create({"name": "Probe SME", "is_company": True})
        capability = cls.env["umkm.capability"].create({"name": "Probe weaving"})
        member = cls.env["umkm.member"].create(
            {
                "partner_id": sme.id,
                "cluster_id": cluster.id,
                "capacity_ids": [(0, 0, {"capability_id": capability.id, "qty_per_week": 5})],
            }
        )
        member.action_activate()
        product = cls.env["product.template"].create(
            {"name": "Probe product", "umkm_member_id": member.id}
        )
        catalogue = cls.env["umkm.catalogue"].create(
            {"name": "Probe catalogue", "cluster_id": cluster.id, "is_published": True}
        )
        line = cls.env["umkm.catalogue.line"].create(
            {"catalogue_id": catalogue.id, "product_tmpl_id": product.id, "wholesale_price": 10}
        )
        line.action_approve()
        cls.env["umkm.catalogue.inquiry"].create(
            {"catalogue_id": catalogue.id, "name": "B", "email": "b@example.com", "message": "?"}
        )
        cls.seeded = [
            "umkm.cluster",
            "umkm.member",
            "umkm.member.capacity",
            "umkm.catalogue",
            "umkm.catalogue.line",
            "umkm.catalogue.inquiry",
        ]

    def test_suite_has_models_and_each_has_access_rights(self):
        self.assertGreaterEqual(len(self.models), 15)
        Access = self.env["ir.model.access"]
        for name in self.models:
            with self.subTest(model=name):
                self.assertTrue(
                    Access.search_count([("model_id.model", "=", name)]),
                    f"{name} has no line in an access CSV",
                )

    def _visible(self, user, name):
        """Records of ``name`` the user can find, or None when access is denied outright."""
        try:
            return self.env[name].with_user(user).search_count([])
        except AccessError:
            return None

    def test_probes_are_not_vacuous(self):
        for name in self.seeded:
            with self.subTest(model=name):
                self.assertGreater(self.env[name].search_count([]), 0)
                self.assertGreater(
                    self.env[name].with_user(self.env.ref("base.user_admin")).search_count([]), 0
                )

    def test_portal_user_of_no_member_sees_nothing(self):
        for name in self.models:
            if name in PUBLIC_TO_USERS:
                continue
            with self.subTest(model=name):
                self.assertIn(self._visible(self.portal, name), (None, 0))

    def test_employee_without_a_umkm_role_sees_nothing(self):
        for name in self.models:
            if name in PUBLIC_TO_USERS:
                continue
            with self.subTest(model=name):
                self.assertIn(self._visible(self.employee, name), (None, 0))

    def test_nobody_outside_writes_reference_data(self):
        capability = self.env["umkm.capability"].create({"name": "Probe capability"})
        for user in (self.portal, self.employee):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                capability.with_user(user).write({"name": "Hijacked"})
