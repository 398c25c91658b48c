from contextlib import contextmanager
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.umkm_cluster.tests.common import chart_company_env, umkm_test_env

# the round workbook: an XLSX report (OCA report_xlsx) under Print of a round
ROUND_XLSX = "umkm_joint_procurement.action_report_procurement_round_xlsx"
PROCUREMENT_GROUPS = (
    "umkm_cluster.group_umkm_manager,purchase.group_purchase_user,"
    "account.group_account_invoice,stock.group_stock_user"
)


class ProcurementCase(TransactionCase):
    """Two clusters, managers, members with portal users, materials with vendor tiers.

    Nothing here relies on demo data.
    """

    member_count = 3
    # a chart of accounts (``"id"``: Odoo's Indonesian): the test runs in a new company on it
    chart_template = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = umkm_test_env(cls.env)
        if cls.chart_template:
            cls.env = chart_company_env(cls.env, cls.chart_template)
        cls.company = cls.env.company
        cls.currency = cls.company.currency_id
        cls.manager_a = new_test_user(
            cls.env, "proc_mgr_a", groups=PROCUREMENT_GROUPS, name="Procurement Manager A"
        )
        cls.manager_b = new_test_user(
            cls.env, "proc_mgr_b", groups=PROCUREMENT_GROUPS, name="Procurement Manager B"
        )
        cls.officer_a = new_test_user(
            cls.env,
            "proc_off_a",
            groups="umkm_cluster.group_umkm_officer,stock.group_stock_user",
            name="Procurement Officer A",
        )
        Cluster = cls.env["umkm.cluster"]
        cls.cluster_a = Cluster.create(
            {
                "name": "Proc Cluster A",
                "code": "PRC-A",
                "sector": "batik",
                "manager_ids": [Command.set(cls.manager_a.ids)],
                "officer_ids": [Command.set(cls.officer_a.ids)],
            }
        )
        cls.cluster_b = Cluster.create(
            {
                "name": "Proc Cluster B",
                "code": "PRC-B",
                "manager_ids": [Command.set(cls.manager_b.ids)],
            }
        )
        cls.members = cls._create_members(cls.cluster_a, cls.member_count, "SME A")
        cls.member_1, cls.member_2 = cls.members[0], cls.members[1]
        cls.member_b = cls._create_members(cls.cluster_b, 1, "SME B")
        cls.portal_1 = new_test_user(
            cls.env,
            "proc_portal_1",
            password="proc_portal_1_pw",
            groups="base.group_portal",
            name="Portal Satu",
        )
        cls.portal_1.partner_id.parent_id = cls.member_1.partner_id
        cls.portal_2 = new_test_user(
            cls.env,
            "proc_portal_2",
            password="proc_portal_2_pw",
            groups="base.group_portal",
            name="Portal Dua",
        )
        cls.portal_2.partner_id.parent_id = cls.member_2.partner_id

        Partner = cls.env["res.partner"]
        cls.vendor_1 = Partner.create({"name": "PT Kain Jaya", "is_company": True})
        cls.vendor_2 = Partner.create({"name": "CV Malam Abadi", "is_company": True})
        cls.uom_unit = cls.env.ref("uom.product_uom_unit")
        cls.uom_kg = cls.env.ref("uom.product_uom_kgm")
        cls.uom_gram = cls.env.ref("uom.product_uom_gram")
        cls.uom_meter = cls.env.ref("uom.product_uom_meter")
        Product = cls.env["product.product"]
        # kain: two vendors; the cheapest tier changes vendor with the quantity
        cls.kain = Product.create(
            {
                "name": "Test kain mori",
                "is_storable": True,
                "uom_id": cls.uom_meter.id,
                "uom_po_id": cls.uom_meter.id,
                "seller_ids": [
                    Command.create({"partner_id": cls.vendor_1.id, "min_qty": 0, "price": 30.0}),
                    Command.create({"partner_id": cls.vendor_1.id, "min_qty": 100, "price": 27.0}),
                    Command.create({"partner_id": cls.vendor_1.id, "min_qty": 500, "price": 25.0}),
                    Command.create({"partner_id": cls.vendor_2.id, "min_qty": 0, "price": 29.0}),
                    Command.create({"partner_id": cls.vendor_2.id, "min_qty": 200, "price": 26.0}),
                ],
            }
        )
        # malam (wax): one vendor, MOQ 10 kg, sold in 5 kg bags
        cls.malam = Product.create(
            {
                "name": "Test malam",
                "is_storable": True,
                "uom_id": cls.uom_kg.id,
                "uom_po_id": cls.uom_kg.id,
                "seller_ids": [
                    Command.create({"partner_id": cls.vendor_2.id, "min_qty": 10, "price": 50.0}),
                    Command.create({"partner_id": cls.vendor_2.id, "min_qty": 50, "price": 45.0}),
                ],
                "packaging_ids": [Command.create({"name": "Bag 5 kg", "qty": 5.0})],
            }
        )
        # canting: by unit, one vendor
        cls.canting = Product.create(
            {
                "name": "Test canting",
                "is_storable": True,
                "uom_id": cls.uom_unit.id,
                "uom_po_id": cls.uom_unit.id,
                "seller_ids": [
                    Command.create({"partner_id": cls.vendor_1.id, "min_qty": 0, "price": 8.0}),
                    Command.create({"partner_id": cls.vendor_1.id, "min_qty": 20, "price": 6.0}),
                ],
            }
        )

    @classmethod
    def _create_members(cls, cluster, count, prefix):
        partners = cls.env["res.partner"].create(
            [{"name": f"{prefix} {i}", "is_company": True} for i in range(count)]
        )
        members = cls.env["umkm.member"].create(
            [{"partner_id": p.id, "cluster_id": cluster.id} for p in partners]
        )
        members.action_activate()
        return members

    @classmethod
    def _create_round(cls, products=None, **values):
        products = products or (cls.kain | cls.malam | cls.canting)
        vals = {
            "cluster_id": cls.cluster_a.id,
            "deadline": fields.Datetime.now() + timedelta(days=5),
            "expected_date": fields.Date.today() + timedelta(days=10),
            "line_ids": [Command.create({"product_id": p.id}) for p in products],
        }
        vals.update(values)
        return cls.env["umkm.procurement.round"].create(vals)

    @classmethod
    def _demand(cls, rnd, member, product, qty, uom=None):
        return cls.env["umkm.procurement.demand"].create(
            {
                "round_id": rnd.id,
                "member_id": member.id,
                "product_id": product.id,
                "qty": qty,
                "uom_id": (uom or product.uom_po_id).id,
            }
        )

    @contextmanager
    def assertRaisesRegex(self, exception, regex):  # pylint: disable=arguments-differ
        """Like unittest's, but inside a savepoint as Odoo's ``assertRaises``."""
        with self.assertRaises(exception) as context:
            yield context
        self.assertRegex(str(context.exception), regex)

    def _line(self, rnd, product):
        return rnd.line_ids.filtered(lambda line: line.product_id == product)

    def _refresh_totals(self):
        """Run the job that stores the open rounds' totals after the members' saves (a save
        triggers it; the cron does not run in tests). Returns the rounds refreshed."""
        return self.env["umkm.procurement.round"]._cron_refresh_totals()

    @classmethod
    def _receive(cls, orders, quantities=None, backorder=True):
        """Receive ``quantities`` ({product: qty}) or everything of the orders' receipts."""
        pickings = orders.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        for picking in pickings:
            for move in picking.move_ids:
                qty = move.product_uom_qty
                if quantities is not None:
                    qty = quantities.get(move.product_id, 0.0)
                move.quantity = qty
                move.picked = True
            ctx = {"skip_backorder": True}
            if not backorder:
                ctx["picking_ids_not_to_backorder"] = picking.ids
            picking.with_context(**ctx).button_validate()
        return pickings

    @classmethod
    def _close_and_receive(cls, rnd, quantities=None, backorder=True):
        """Close the round, order, confirm and receive ``quantities`` (or everything)."""
        rnd.action_close()
        rnd.action_create_purchase_orders()
        rnd.purchase_ids.button_confirm()
        return cls._receive(rnd.purchase_ids, quantities, backorder)

    def _allocation(self, rnd, member, product):
        return rnd.allocation_ids.filtered(
            lambda a: a.member_id == member and a.product_id == product
        )
