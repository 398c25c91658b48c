from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user
from odoo.tools import float_compare

from odoo.addons.umkm_cluster.tests.common import UmkmMemberFixtures, umkm_test_env


class MarketingCatalogueMixin:
    """Three members' products in an approved catalogue (10% cooperative margin) and a buyer:
    mixed into any case that has ``cluster`` and ``member_1`` … ``member_3``."""

    @classmethod
    def _setup_catalogue(cls):
        cls.catalogue = cls.env["umkm.catalogue"].create(
            {"name": "Katalog Pasar", "cluster_id": cls.cluster.id, "margin_percent": 10.0}
        )
        cls.products = cls.env["product.product"]
        for member, name, price in (
            (cls.member_1, "Kain tulis Anggota 1", 200000),
            (cls.member_2, "Kemeja Anggota 2", 150000),
            (cls.member_3, "Selendang Anggota 3", 90000),
        ):
            template = cls.env["product.template"].create(
                {"name": name, "umkm_member_id": member.id, "list_price": price * 1.3}
            )
            line = cls.env["umkm.catalogue.line"].create(
                {
                    "catalogue_id": cls.catalogue.id,
                    "product_tmpl_id": template.id,
                    "wholesale_price": price,
                    "min_qty": 1,
                }
            )
            line.action_approve()
            cls.products |= template.product_variant_id
        cls.buyer = cls.env["res.partner"].create({"name": "Toko Pembeli"})

    def _sale(self, quantities=(10, 20, 30)):
        sale = self.env["sale.order"].create(
            {
                "partner_id": self.buyer.id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": qty})
                    for product, qty in zip(self.products, quantities, strict=True)
                ],
            }
        )
        sale.action_confirm()
        return sale

    def assertExact(self, sale):
        """Each sale line equals the sum of its member purchase lines still held."""
        for line in sale.order_line:
            held = sum(
                po_line.product_qty
                for po_line in line.umkm_purchase_line_ids
                if po_line.state != "cancel"
            )
            self.assertEqual(
                float_compare(held + line.umkm_qty_gap, line.product_uom_qty, precision_digits=6),
                0,
            )


class MarketingCase(UmkmMemberFixtures, MarketingCatalogueMixin, TransactionCase):
    """A cluster of three active members with portal users, a cluster manager who sells and
    buys, another cluster, and the catalogue of the members' products. Nothing here relies on
    demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = umkm_test_env(cls.env)
        cls.today = fields.Date.context_today(cls.env.user)
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
            {"name": "Klaster Uji", "code": "UJI", "manager_ids": [Command.set(cls.manager.ids)]}
        )
        cls.cluster_other = cls.env["umkm.cluster"].create(
            {
                "name": "Klaster Lain",
                "code": "LAIN",
                "officer_ids": [Command.set(cls.officer_other.ids)],
            }
        )
        category = cls.env["umkm.capability.category"].create({"name": "Uji"})
        cls.cap_sew = cls.env["umkm.capability"].create(
            {"name": "Uji jahit", "category_id": category.id}
        )
        cls.members = cls._make_members(cls.cluster, cls.cap_sew, [(10, 95), (10, 90), (10, 80)])
        cls.member_1, cls.member_2, cls.member_3 = cls.members
        cls.portal_member_1 = cls._portal_user("part_member_1", cls.member_1.partner_id)
        cls.portal_member_2 = cls._portal_user("part_member_2", cls.member_2.partner_id)
        cls._setup_catalogue()
