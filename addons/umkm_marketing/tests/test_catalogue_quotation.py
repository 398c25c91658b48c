from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCatalogueQuotation(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cluster = cls.env["umkm.cluster"].create({"name": "Klaster Kutipan", "code": "KTP"})
        sme = cls.env["res.partner"].create({"name": "Perajin Kutipan", "is_company": True})
        cls.member = cls.env["umkm.member"].create(
            {"partner_id": sme.id, "cluster_id": cls.cluster.id}
        )
        cls.member.action_activate()
        product = cls.env["product.template"].create(
            {"name": "Kain kutipan", "umkm_member_id": cls.member.id}
        )
        catalogue = cls.env["umkm.catalogue"].create(
            {"name": "Katalog kutipan", "cluster_id": cls.cluster.id, "is_published": True}
        )
        cls.line = cls.env["umkm.catalogue.line"].create(
            {
                "catalogue_id": catalogue.id,
                "product_tmpl_id": product.id,
                "wholesale_price": 125000,
                "min_qty": 20,
            }
        )
        cls.line.action_approve()
        cls.inquiry = cls.env["umkm.catalogue.inquiry"].create(
            {
                "catalogue_id": catalogue.id,
                "line_id": cls.line.id,
                "name": "Ibu Pembeli",
                "company_name": "PT Pembeli Besar",
                "email": "pembeli@example.com",
                "qty": 250,
                "message": "Quote for 250 pieces, please",
            }
        )

    def test_inquiry_becomes_a_quotation_with_the_producer_on_the_line(self):
        action = self.inquiry.action_create_quotation()
        order = self.inquiry.sale_order_id
        self.assertEqual(action["res_id"], order.id)
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.partner_id.email, "pembeli@example.com")
        self.assertEqual(order.partner_id.parent_id.name, "PT Pembeli Besar")
        self.assertEqual(len(order.order_line), 1)
        line = order.order_line
        self.assertEqual(line.product_id.product_tmpl_id, self.line.product_tmpl_id)
        self.assertEqual(line.product_uom_qty, 250)
        self.assertEqual(line.price_unit, 125000)
        self.assertEqual(line.umkm_member_id, self.member)
        self.assertEqual(self.inquiry.state, "answered")
        # idempotent: the same quotation again, and a known buyer is not duplicated
        self.inquiry.action_create_quotation()
        self.assertEqual(self.inquiry.sale_order_id, order)
        self.assertEqual(
            self.env["res.partner"].search_count([("email", "=", "pembeli@example.com")]), 1
        )

    def test_typed_email_never_attaches_to_an_existing_customer(self):
        customer = self.env["res.partner"].create(
            {"name": "Pelanggan Lama", "email": "pembeli@example.com"}
        )
        self.inquiry.action_create_quotation()
        buyer = self.inquiry.sale_order_id.partner_id
        self.assertNotEqual(buyer, customer)
        self.assertEqual(buyer.name, "Ibu Pembeli")
        self.assertEqual(self.inquiry.buyer_id, buyer)
        self.assertFalse(customer.sale_order_ids)
        # an officer links the existing contact on purpose
        inquiry = self.inquiry.copy({"sale_order_id": False, "state": "new"})
        inquiry.buyer_id = customer
        inquiry.action_create_quotation()
        self.assertEqual(inquiry.sale_order_id.partner_id, customer)

    def test_quantity_below_minimum_order_is_raised_to_it(self):
        self.inquiry.qty = 5
        self.inquiry.action_create_quotation()
        self.assertEqual(self.inquiry.sale_order_id.order_line.product_uom_qty, 20)

    def test_general_question_cannot_become_a_quotation(self):
        self.inquiry.line_id = False
        with self.assertRaisesRegex(UserError, "Choose the catalogue product"):
            self.inquiry.action_create_quotation()
        self.assertFalse(self.inquiry.sale_order_id)

    def test_producer_follows_the_product_on_any_sale_line(self):
        partner = self.env["res.partner"].create({"name": "Walk-in buyer"})
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    (0, 0, {"product_id": self.line.product_tmpl_id.product_variant_id.id})
                ],
            }
        )
        self.assertEqual(order.order_line.umkm_member_id, self.member)
