"""Where members deliver a joint sale and when they are paid: to the cooperative (billed when
the cooperative's delivery to the buyer is done) or straight to the buyer (the member's
dropship is the buyer's delivery); what the producer sees of the inquiry it answered."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .test_joint_marketing import JointMarketingCase


@tagged("post_install", "-at_install")
class TestMemberDelivery(JointMarketingCase):
    def _validate(self, picking, qty=None):
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty if qty is None else qty
            move.picked = True
        picking._action_done()

    def test_dropship_delivery_closes_both_sides_and_bills_the_member(self):
        self.buyer.write({"street": "Jl. Pemuda 1", "city": "Semarang"})
        sale = self.env["sale.order"].create(
            {
                "partner_id": self.buyer.id,
                "umkm_member_delivery": "buyer",
                "order_line": [
                    (0, 0, {"product_id": self.products[0].id, "product_uom_qty": 10}),
                    (0, 0, {"product_id": self.products[1].id, "product_uom_qty": 20}),
                ],
            }
        )
        sale.action_confirm()
        # the cooperative's warehouse ships nothing: the members do
        self.assertFalse(sale.picking_ids)
        purchases = sale.umkm_member_purchase_ids
        self.assertEqual(len(purchases), 2)
        self.assertEqual(set(purchases.mapped("picking_type_id.code")), {"dropship"})
        self.assertEqual(purchases.dest_address_id, self.buyer)
        purchase = sale.order_line[1].umkm_purchase_line_ids.order_id  # 20 at 135,000
        purchase._umkm_member_accept()
        dropship = purchase.picking_ids
        self.assertEqual(len(dropship), 1)
        self.assertEqual(dropship.location_dest_id.usage, "customer")
        self.assertEqual(dropship.sale_id, sale)
        self.assertFalse(purchase.invoice_ids)
        self._validate(dropship)
        # both sides closed by the one transfer
        self.assertEqual(sale.order_line[1].qty_delivered, 20)
        self.assertEqual(purchase.order_line.qty_received, 20)
        # the member is billed what it delivered at its price, and told so
        bill = purchase.invoice_ids
        self.assertEqual(len(bill), 1)
        self.assertEqual(bill.move_type, "in_invoice")
        self.assertEqual(bill.amount_untaxed, 20 * 135000)
        self.assertIn(bill.name or "", purchase.message_ids[0].body)
        # the other member has not delivered: not billed, its line not delivered
        self.assertEqual(sale.order_line[0].qty_delivered, 0)
        self.assertFalse((purchases - purchase).invoice_ids)
        self.assertExact(sale)

    def test_member_is_billed_when_the_buyer_has_the_goods(self):
        sale = self._sale((10, 20, 30))
        purchase = sale.order_line[0].umkm_purchase_line_ids.order_id  # 10 at 180,000
        purchase._umkm_member_accept()
        self._validate(purchase.picking_ids, qty=8)  # 8 of 10 reach the cooperative
        self.assertFalse(purchase.invoice_ids)  # not paid before the buyer has them
        delivery = sale.picking_ids.filtered(lambda p: p.location_dest_id.usage == "customer")
        self.assertEqual(len(delivery), 1)
        delivery.move_ids.filtered(lambda m: m.product_id == self.products[0]).write(
            {"quantity": 8, "picked": True}
        )
        for move in delivery.move_ids.filtered(lambda m: m.product_id != self.products[0]):
            move.write({"quantity": 0, "picked": False})
        delivery.with_context(cancel_backorder=False)._action_done()
        self.assertEqual(purchase.invoice_ids.amount_untaxed, 8 * 180000)
        # a second delivery bills nothing twice
        sale._umkm_bill_members()
        self.assertEqual(len(purchase.invoice_ids), 1)

    def test_dropship_needs_the_company_dropship_operation(self):
        self.env["stock.picking.type"].search(
            [("code", "=", "dropship"), ("company_id", "=", self.env.company.id)]
        ).active = False
        sale = self.env["sale.order"].create(
            {
                "partner_id": self.buyer.id,
                "umkm_member_delivery": "buyer",
                "order_line": [(0, 0, {"product_id": self.products[0].id, "product_uom_qty": 1})],
            }
        )
        with self.assertRaises(UserError):
            sale.action_confirm()
        self.assertEqual(sale.state, "draft")

    def test_producer_sees_what_became_of_its_inquiry(self):
        line = self.catalogue.line_ids.filtered(lambda c: c.member_id == self.member_1)
        inquiry = self.env["umkm.catalogue.inquiry"].create(
            {
                "catalogue_id": self.catalogue.id,
                "line_id": line.id,
                "name": "Ibu Pembeli",
                "email": "ibu@example.com",
                "qty": 10,
                "message": "Harga?",
            }
        )
        as_member = inquiry.with_user(self.portal_member_1)
        self.assertEqual(as_member.member_outcome, "open")
        inquiry._umkm_producer_answer(10, 7, 170000, "")
        inquiry.action_create_quotation()
        inquiry.invalidate_recordset()
        self.assertEqual(as_member.member_outcome, "quoted")
        inquiry.sale_order_id.action_confirm()
        inquiry.invalidate_recordset()
        self.assertEqual(as_member.member_outcome, "ordered")
        self.assertEqual(as_member.member_ordered_qty, 10)
        self.authenticate(self.portal_member_1.login, self.portal_member_1.login)
        page = self.url_open(f"/my/inquiries/{inquiry.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_umkm_inquiry_outcome", page.text)
        listing = self.url_open("/my/inquiries")
        self.assertIn("o_umkm_inquiry_outcome", listing.text)
