"""One buyer order, many producers: confirming a sale of members' products orders each
member's part from it, line by line; declined parts show as a gap and move to another
producer; quantities stay exact."""

import re
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.umkm_cluster.tests.common import load_indonesian

from .common import MarketingCase


class JointMarketingCase(MarketingCase, HttpCase):
    """Three members' products in an approved catalogue (10% cooperative margin)."""


@tagged("post_install", "-at_install")
class TestJointMarketing(JointMarketingCase):
    def test_three_producers_three_member_orders(self):
        sale = self._sale()
        purchases = sale.umkm_member_purchase_ids
        self.assertEqual(len(purchases), 3)
        self.assertEqual(
            purchases.partner_id,
            (self.member_1 | self.member_2 | self.member_3).partner_id,
        )
        self.assertEqual(set(purchases.mapped("state")), {"sent"})
        self.assertEqual(set(purchases.mapped("umkm_member_answer")), {"pending"})
        # the member's contact: the sale made as the superuser has no real salesperson, so
        # the cluster's manager buys (never OdooBot)
        self.assertEqual(purchases.user_id, self.manager)
        for line in sale.order_line:
            po_line = line.umkm_purchase_line_ids
            self.assertEqual(len(po_line), 1)
            self.assertEqual(po_line.product_qty, line.product_uom_qty)
            self.assertEqual(po_line.order_id.partner_id, line.umkm_member_id.partner_id)
        prices = sorted(purchases.order_line.mapped("price_unit"))
        self.assertEqual(prices, [81000, 135000, 180000])  # wholesale less 10%
        self.assertFalse(sale.umkm_has_gap)
        self.assertExact(sale)
        # confirming again orders nothing more
        self.assertFalse(sale._umkm_order_from_members())

    def test_price_answered_by_the_member_is_used(self):
        inquiry = self.env["umkm.catalogue.inquiry"].create(
            {
                "catalogue_id": self.catalogue.id,
                "line_id": self.catalogue.line_ids.filtered(
                    lambda c: c.member_id == self.member_1
                ).id,
                "name": "Ibu Pembeli",
                "email": "ibu@example.com",
                "qty": 10,
                "message": "Harga?",
            }
        )
        inquiry._umkm_producer_answer(10, 7, 170000, "")
        inquiry.action_create_quotation()
        sale = inquiry.sale_order_id
        sale.action_confirm()
        self.assertEqual(sale.umkm_member_purchase_ids.order_line.price_unit, 170000)

    def test_member_price_outside_the_catalogue_takes_the_clusters_margin(self):
        """A member's product sold without a catalogue line: its price less the margin of
        the member's cluster's catalogue (no margin written in the code)."""
        self.catalogue.margin_percent = 20.0
        template = self.env["product.template"].create(
            {"name": "Taplak Anggota 1", "umkm_member_id": self.member_1.id}
        )
        sale = self.env["sale.order"].create(
            {
                "partner_id": self.buyer.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": template.product_variant_id.id,
                            "product_uom_qty": 3,
                            "price_unit": 125000,
                        }
                    )
                ],
            }
        )
        self.assertEqual(sale.order_line.umkm_member_price, 100000)
        # a member whose cluster has no catalogue: the margin a new catalogue would have
        outsider = self._make_members(self.cluster_other, self.cap_sew, [(10, 90)], "Luar")
        self.assertFalse(outsider._umkm_catalogue())
        default = self.env["umkm.catalogue"].default_get(["margin_percent"])["margin_percent"]
        self.assertEqual(outsider._umkm_catalogue()._umkm_margin_percent(), default)

    def test_cluster_manager_works_the_sale(self):
        # a manager with the cooperative's group only: it implies sales and purchase rights
        manager = new_test_user(
            self.env, "jm_mgr_only", groups="umkm_cluster.group_umkm_manager", name="Manajer"
        )
        self.assertTrue(manager.has_group("sales_team.group_sale_salesman_all_leads"))
        self.assertTrue(manager.has_group("purchase.group_purchase_user"))
        officer = new_test_user(
            self.env, "jm_off_only", groups="umkm_cluster.group_umkm_officer", name="Petugas"
        )
        # officers handle demand, receipts and work, not sales: a salesperson reads every
        # delivery of the company, other clusters' included (the access matrix checks it)
        self.assertFalse(officer.has_group("sales_team.group_sale_salesman"))
        sale = self._sale()
        sale.user_id = manager
        # the manager opens the sale from the suite's menu, and its members' orders
        action = self.env.ref("umkm_marketing.umkm_member_sale_action")
        found = self.env["sale.order"].with_user(manager).search(safe_eval(action.domain))
        self.assertIn(sale, found)
        self.assertEqual(sale.with_user(manager).order_line.mapped("umkm_member_id"), self.members)
        purchase = sale.order_line[0].umkm_purchase_line_ids.order_id
        self.assertTrue(purchase.with_user(manager).name)
        # a member declines: the salesperson gets a to-do on the sale
        purchase._umkm_member_decline("Mesin rusak")
        activity = sale.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, manager)
        self.assertIn("Mesin rusak", activity.note)

    def test_joint_sale_carries_ppn_only_for_a_pkp_cooperative(self):
        """Issue 24, item 13: the company's PKP switch rules the sales of members' products
        as it rules member invoices and subcontract sales (res.company._umkm_tax_vals)."""
        ppn = self.env["account.tax"].create(
            {"name": "PPN 12% (uji penjualan bersama)", "amount": 12.0, "type_tax_use": "sale"}
        )
        self.products.product_tmpl_id.taxes_id = [Command.set(ppn.ids)]
        no_tax = self.env["account.tax"]
        for pkp, taxes in ((False, no_tax), (True, ppn)):
            with self.subTest(pkp=pkp):
                self.env.company.umkm_charges_vat = pkp
                sale = self._sale()
                self.assertEqual(sale.order_line.tax_id, taxes)
                self.assertEqual(sale.amount_tax, round(sale.amount_untaxed * 0.12) if pkp else 0)
                # a member's order keeps following the member's own PKP status
                self.assertEqual(sale.umkm_member_purchase_ids.order_line.taxes_id, no_tax)

    def test_decline_then_move_to_another_producer(self):
        sale = self._sale()
        first = sale.order_line[0]
        purchase = first.umkm_purchase_line_ids.order_id
        purchase._umkm_member_decline("Mesin rusak")
        self.assertEqual(purchase.state, "cancel")
        self.assertEqual(first.umkm_qty_gap, 10)
        self.assertTrue(sale.umkm_has_gap)
        self.assertExact(sale)
        self.assertIn("Mesin rusak", sale.message_ids[0].body)
        action = first.action_umkm_reassign()
        wizard = (
            self.env["umkm.sale.reassign"]
            .with_context(**action["context"])
            .create({"member_id": self.member_3.id, "price_unit": 175000})
        )
        wizard.action_apply()
        self.assertEqual(first.umkm_qty_gap, 0)
        moved = first.umkm_purchase_line_ids.filtered(lambda pl: pl.state != "cancel")
        self.assertEqual(moved.order_id.partner_id, self.member_3.partner_id)
        self.assertEqual((moved.product_qty, moved.price_unit), (10, 175000))
        self.assertFalse(sale.umkm_has_gap)
        self.assertExact(sale)
        # nothing left to move
        with self.assertRaises(UserError):
            wizard.action_apply()

    def test_member_is_billed_what_it_delivered_at_its_price(self):
        sale = self._sale()
        purchase = sale.order_line[1].umkm_purchase_line_ids.order_id  # 20 at 135,000
        purchase._umkm_member_accept()
        self.assertEqual(purchase.state, "purchase")
        receipt = purchase.picking_ids
        self.assertEqual(len(receipt), 1)
        receipt.move_ids.quantity = 15  # 15 of 20 came
        receipt.move_ids.picked = True
        receipt._action_done()
        self.assertEqual(purchase.order_line.qty_received, 15)
        purchase.action_create_invoice()
        bill = purchase.invoice_ids
        self.assertEqual(bill.amount_untaxed, 15 * 135000)

    def _csrf(self):
        return re.search(r'csrf_token: "([^"]+)"', self.url_open("/my").text).group(1)

    def test_member_answers_on_its_portal(self):
        sale = self._sale()
        purchase_1 = sale.order_line[0].umkm_purchase_line_ids.order_id
        purchase_2 = sale.order_line[1].umkm_purchase_line_ids.order_id
        self._login_member(self.portal_member_1)
        page = self.url_open(f"/my/purchase/{purchase_1.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_umkm_member_answer", page.text)
        csrf = self._csrf()
        # another member's order: not its business
        response = self.url_open(
            f"/my/purchase/{purchase_2.id}/umkm_accept",
            data={"csrf_token": csrf},
            allow_redirects=False,
        )
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(purchase_2.umkm_member_answer, "pending")
        # a date in the past, an empty reason: form errors, nothing changes
        response = self.url_open(
            f"/my/purchase/{purchase_1.id}/umkm_propose",
            data={"csrf_token": csrf, "date": "2020-01-01"},
        )
        self.assertEqual(response.status_code, 400)
        response = self.url_open(
            f"/my/purchase/{purchase_1.id}/umkm_decline", data={"csrf_token": csrf, "reason": " "}
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(purchase_1.umkm_member_answer, "pending")
        # it proposes a later date; the cooperative agrees
        later = fields.Date.today() + timedelta(days=20)
        response = self.url_open(
            f"/my/purchase/{purchase_1.id}/umkm_propose",
            data={"csrf_token": csrf, "date": str(later)},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(purchase_1.umkm_date_proposed, later)
        purchase_1.action_umkm_accept_proposed_date()
        self.assertEqual(purchase_1.state, "purchase")
        self.assertEqual(purchase_1.order_line.date_planned.date(), later)
        # member 2 accepts its own on the portal
        self._login_member(self.portal_member_2)
        response = self.url_open(
            f"/my/purchase/{purchase_2.id}/umkm_accept", data={"csrf_token": self._csrf()}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            (purchase_2.umkm_member_answer, purchase_2.state), ("accepted", "purchase")
        )
        # and cannot answer twice
        response = self.url_open(
            f"/my/purchase/{purchase_2.id}/umkm_decline",
            data={"csrf_token": self._csrf(), "reason": "berubah pikiran"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(purchase_2.state, "purchase")

    def _login_member(self, user):
        self.authenticate(user.login, user.login)


@tagged("post_install", "-at_install")
class TestMemberOrderFromASale(JointMarketingCase):
    """Issue 24, item 6: the member's order shows its price and the date it answered, comes
    from the cooperative's buyer, speaks the member's language and confirms the answer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_indonesian(cls.env, "umkm_marketing")
        cls.member_1.partner_id.lang = "id_ID"
        cls.portal_member_1.partner_id.lang = "id_ID"

    def _answered_sale(self, lead_days=21, price=170000):
        inquiry = self.env["umkm.catalogue.inquiry"].create(
            {
                "catalogue_id": self.catalogue.id,
                "line_id": self.catalogue.line_ids.filtered(
                    lambda c: c.member_id == self.member_1
                ).id,
                "name": "Ibu Pembeli",
                "email": "ibu@example.com",
                "qty": 40,
                "message": "Harga?",
            }
        )
        inquiry._umkm_producer_answer(40, lead_days, price, "")
        inquiry.action_create_quotation()
        return inquiry.sale_order_id

    def test_date_from_the_answered_lead_time_and_the_cooperatives_buyer(self):
        sale = self._answered_sale()
        sale.user_id = False
        # confirmed by the superuser (a background job, the portal): not the buyer
        self.assertTrue(self.env.user._is_superuser())
        sale.action_confirm()
        purchase = sale.umkm_member_purchase_ids
        self.assertEqual(purchase.user_id, self.manager)  # the cluster's manager, not OdooBot
        planned = fields.Datetime.now() + timedelta(days=21)
        self.assertEqual(purchase.order_line.date_planned.date(), planned.date())
        # the member reads the date in its time zone (WIB: the next day after 17:00 UTC)
        expected = fields.Datetime.context_timestamp(self.portal_member_1, planned).date()
        self.assertEqual(purchase.order_line.price_unit, 170000)
        # told in its language, with what it is paid and when it delivers
        body = purchase.message_ids.filtered(lambda m: m.message_type == "comment")[:1].body
        self.assertIn("Koperasi menjual produk Anda", body)
        self.assertIn("6.800.000", body)  # 40 × 170.000
        self.assertIn(expected.strftime("%d/%m/%Y"), body)
        self.assertNotIn("The cooperative", body)

    def test_date_from_the_commitment_then_the_catalogue_lead_time(self):
        salesman = new_test_user(
            self.env, "jm_sales", groups="sales_team.group_sale_salesman", name="Penjual"
        )
        committed = fields.Datetime.now().replace(microsecond=0) + timedelta(days=30)
        sale = self.env["sale.order"].create(
            {
                "partner_id": self.buyer.id,
                "user_id": salesman.id,
                "commitment_date": committed,
                "order_line": [Command.create({"product_id": self.products[0].id})],
            }
        )
        sale.action_confirm()
        purchase = sale.umkm_member_purchase_ids
        self.assertEqual(purchase.user_id, salesman)
        self.assertEqual(purchase.order_line.date_planned, committed)
        # no answer, no commitment: the catalogue's lead time, never today
        self.catalogue.line_ids.lead_time_days = 14
        sale = self.env["sale.order"].create(
            {
                "partner_id": self.buyer.id,
                "order_line": [Command.create({"product_id": self.products[1].id})],
            }
        )
        sale.action_confirm()
        expected = (fields.Datetime.now() + timedelta(days=14)).date()
        self.assertEqual(sale.umkm_member_purchase_ids.order_line.date_planned.date(), expected)

    def _csrf(self):
        return re.search(r'csrf_token: "([^"]+)"', self.url_open("/my").text).group(1)

    def test_member_sees_price_and_date_then_a_confirmation(self):
        sale = self._answered_sale()
        sale.action_confirm()
        purchase = sale.umkm_member_purchase_ids
        # read in the member's time zone (WIB: the next day after 17:00 UTC)
        expected = fields.Datetime.context_timestamp(
            self.portal_member_1, fields.Datetime.now() + timedelta(days=21)
        ).date()
        self.authenticate(self.portal_member_1.login, self.portal_member_1.login)
        page = self.url_open(f"/my/purchase/{purchase.id}")
        self.assertEqual(page.status_code, 200)
        card = page.text[page.text.index("o_umkm_member_order") :]
        self.assertIn("170.000", card)  # the unit price, shown at every width
        self.assertIn(expected.strftime("%d/%m/%Y"), card)
        self.assertIn("Saya kerjakan", page.text)
        self.assertNotIn("o_umkm_member_answer_message", page.text)
        # a message in the URL is no code the server knows: nothing shown
        page = self.url_open(f"/my/purchase/{purchase.id}?umkm_message=Akun+diblokir")
        self.assertNotIn("o_umkm_member_answer_message", page.text)
        self.assertNotIn("Akun diblokir", page.text)
        response = self.url_open(
            f"/my/purchase/{purchase.id}/umkm_accept", data={"csrf_token": self._csrf()}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(purchase.state, "purchase")
        self.assertIn("o_umkm_member_answer_message", response.text)
        self.assertIn("Terima kasih, Anda menerima pesanan ini.", response.text)


@tagged("post_install", "-at_install")
class TestMemberSalesButtons(JointMarketingCase):
    """Issue 24, item 2: the sales of members' products open from the member, the catalogue
    line and the inquiry."""

    def test_smart_buttons_lead_to_the_members_sales(self):
        sale_1 = self._sale()
        # a sale of member 1's product only, and a sale of no member's product
        sale_2 = self.env["sale.order"].create(
            {
                "partner_id": self.buyer.id,
                "order_line": [
                    Command.create({"product_id": self.products[0].id, "product_uom_qty": 5})
                ],
            }
        )
        other = self.env["sale.order"].create(
            {
                "partner_id": self.buyer.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.env["product.product"]
                            .create({"name": "Bukan produk anggota"})
                            .id
                        }
                    )
                ],
            }
        )
        Sale = self.env["sale.order"].with_user(self.manager)

        def opened(action):
            self.assertEqual(action["res_model"], "sale.order")
            return Sale.search(action["domain"])

        member_1 = self.member_1.with_user(self.manager)
        self.assertEqual(opened(member_1.action_view_umkm_sales()), sale_1 | sale_2)
        self.assertEqual(member_1.umkm_sale_count, 2)
        member_3 = self.member_3.with_user(self.manager)
        self.assertEqual(opened(member_3.action_view_umkm_sales()), sale_1)
        self.assertEqual(member_3.umkm_sale_count, 1)
        line_1, line_2 = (
            self.catalogue.line_ids.filtered(lambda c, m=m: c.member_id == m).with_user(
                self.manager
            )
            for m in (self.member_1, self.member_2)
        )
        self.assertEqual(opened(line_1.action_view_umkm_sales()), sale_1 | sale_2)
        self.assertEqual((line_1.umkm_sale_count, line_2.umkm_sale_count), (2, 1))
        self.assertEqual(opened(line_2.action_view_umkm_sales()), sale_1)
        self.assertNotIn(other, opened(line_1.action_view_umkm_sales()))
        # a cancelled sale is not counted
        sale_2._action_cancel()
        self.member_1.invalidate_recordset()
        self.assertEqual(self.member_1.with_user(self.manager).umkm_sale_count, 1)
        # the inquiry opens the sale it became
        inquiry = self.env["umkm.catalogue.inquiry"].create(
            {
                "catalogue_id": self.catalogue.id,
                "line_id": line_2.id,
                "name": "Ibu Pembeli",
                "email": "ibu@example.com",
                "qty": 10,
                "message": "Harga?",
            }
        )
        inquiry.action_create_quotation()
        action = inquiry.with_user(self.manager).action_view_umkm_sale()
        self.assertEqual(opened(action), inquiry.sale_order_id)
        # the buttons are on the forms
        for model, view in (
            ("umkm.member", "umkm_marketing.umkm_member_view_form_sales"),
            ("umkm.catalogue.line", "umkm_marketing.umkm_catalogue_line_view_form_sales"),
            ("umkm.catalogue.inquiry", "umkm_marketing.umkm_catalogue_inquiry_view_form_sale"),
        ):
            arch = self.env[model].with_user(self.manager).get_view(view_type="form")["arch"]
            self.assertIn("action_view_umkm_sale", arch, view)
