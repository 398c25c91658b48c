"""The sale line to the firm (on confirmation) and the purchase lines to the members (on
acceptance) describe the same work: service product, description, quantity and unit."""

from odoo import Command
from odoo.tests import tagged

from .common import PartnershipCase


@tagged("post_install", "-at_install")
class TestWorkLines(PartnershipCase):
    def _accept_all(self, order):
        self._split(order)
        order.assignment_ids.action_accept()
        return order.assignment_ids.sudo().purchase_order_id.order_line

    def test_lines_in_the_orders_unit(self):
        dozen = self.env.ref("uom.product_uom_dozen")
        service = self.env.ref("umkm_partnership.product_subcontract_service")
        order = self._order(qty=2, price=600000.0)
        order.uom_id = dozen
        self.members.capacity_ids.write({"uom_id": dozen.id, "qty_per_week": 1})
        order.action_submit()
        order.action_confirm()
        sale_line = order.sale_order_id.sudo().order_line
        self.assertEqual(
            (sale_line.product_id, sale_line.product_uom, sale_line.product_uom_qty),
            (service, dozen, 2),
        )
        self.assertEqual(sale_line.price_unit, 600000)
        self.assertIn(order.name, sale_line.name)
        self.assertIn("Kemeja batik", sale_line.name)
        purchase_lines = self._accept_all(order)
        self.assertEqual(purchase_lines.product_id, service)
        self.assertEqual(purchase_lines.product_uom, dozen)
        self.assertEqual(sum(purchase_lines.mapped("product_qty")), 2)
        # the members' price: the firm's less the agreement's 10% margin, without taxes
        self.assertEqual(set(purchase_lines.mapped("price_unit")), {540000})
        self.assertFalse(purchase_lines.taxes_id)
        self.assertEqual(set(purchase_lines.mapped("name")), {sale_line.name})

    def test_unit_that_cannot_measure_the_service(self):
        metre = self.env.ref("uom.product_uom_meter")
        unit = self.env.ref("uom.product_uom_unit")
        order = self._order(qty=30)
        order.uom_id = metre
        self.members.capacity_ids.write({"uom_id": metre.id})
        order.action_submit()
        order.action_confirm()
        # the generic service is counted in units: the quantity stays, in the service's unit
        sale_line = order.sale_order_id.sudo().order_line
        self.assertEqual((sale_line.product_uom, sale_line.product_uom_qty), (unit, 30))
        purchase_lines = self._accept_all(order)
        self.assertEqual(purchase_lines.product_uom, unit)
        self.assertEqual(
            sorted(purchase_lines.mapped("product_qty")),
            sorted(order.assignment_ids.mapped("qty")),
        )

    def test_sale_to_the_firm_carries_ppn_only_for_a_pkp_cooperative(self):
        service = self.env.ref("umkm_partnership.product_subcontract_service")
        ppn = self.env["account.tax"].create(
            {"name": "PPN 12% (test)", "amount": 12.0, "type_tax_use": "sale"}
        )
        service.taxes_id = [Command.set(ppn.ids)]
        company = self.env.company
        for pkp, taxes in ((False, self.env["account.tax"]), (True, ppn)):
            company.umkm_charges_vat = pkp
            order = self._order(qty=10, price=100000.0)
            order.action_submit()
            order.action_confirm()
            sale = order.sale_order_id.sudo()
            self.assertEqual(sale.order_line.tax_id, taxes)
            self.assertEqual(sale.amount_untaxed, 1000000.0)
            self.assertEqual(sale.amount_tax, 120000.0 if pkp else 0.0)

    def test_purchase_orders_carry_input_ppn_only_for_a_pkp_member(self):
        service = self.env.ref("umkm_partnership.product_subcontract_service")
        ppn_in = self.env["account.tax"].create(
            {"name": "PPN masukan 12% (test)", "amount": 12.0, "type_tax_use": "purchase"}
        )
        service.supplier_taxes_id = [Command.set(ppn_in.ids)]
        pkp_member = self.members[0]
        # the flag is the business's, kept on its contact and edited from the membership
        pkp_member.with_user(self.manager).pkp = True
        self.assertTrue(pkp_member.partner_id.umkm_pkp)
        order = self._confirmed_order(qty=30)
        purchase_lines = self._accept_all(order)
        self.assertGreater(len(purchase_lines), 1)
        for line in purchase_lines:
            pkp = line.order_id.partner_id == pkp_member.partner_id
            self.assertEqual(line.taxes_id, ppn_in if pkp else self.env["account.tax"])
            self.assertEqual(line.price_tax, round(line.price_subtotal * 0.12, 2) if pkp else 0)
        self.assertIn(pkp_member.partner_id, purchase_lines.order_id.partner_id)
