import re

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, tagged

from odoo.addons.umkm_cluster.tests.common import load_indonesian
from odoo.addons.umkm_joint_procurement.tests.common import ProcurementCase
from odoo.addons.umkm_joint_procurement.tests.test_recurring import RecurringCase


@tagged("post_install", "-at_install")
class TestBuyFromSavings(ProcurementCase, HttpCase):
    """A cluster may ask that a member's demand is covered by its voluntary savings less its
    demand not invoiced yet; a member may have its round invoices paid from them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company._umkm_cooperative_setup()
        cls.cluster_a.demand_needs_balance = True
        cls.Saving = cls.env["umkm.member.saving"]
        for member, amount in ((cls.member_1, 2000), (cls.member_2, 5000)):
            cls.Saving.create(
                {"member_id": member.id, "type": "sukarela", "amount": amount}
            ).action_post()

    def _token(self, url):
        page = self.url_open(url)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _sukarela(self, member):
        return self.Saving._balances(member, types=["sukarela"])[member.id, "sukarela"]

    def test_demand_beyond_the_savings_is_refused(self):
        rnd = self._create_round(products=self.kain)
        rnd.action_open()
        # 60 alone: 60 x 29 = 1.740 of 2.000
        demand = self._demand(rnd, self.member_1, self.kain, 60)
        self.assertEqual(self.member_1._umkm_savings_available()[self.member_1.id], 260)
        # 80 at 29 = 2.320: 320 missing
        with self.assertRaisesRegex(ValidationError, "320"):
            demand.qty = 80
        self.assertEqual(demand.qty, 60)
        # another member's demand reaches the 100 tier (27): the same 60 hold less
        self._demand(rnd, self.member_2, self.kain, 40)
        self.assertEqual(self.member_1._umkm_savings_available()[self.member_1.id], 380)
        demand.qty = 70  # 70 x 27 = 1.890
        # a cluster that does not ask for it: no limit
        self.cluster_a.demand_needs_balance = False
        demand.qty = 200
        self.assertEqual(demand.qty, 200)

    def test_portal_refusal_in_indonesian(self):
        load_indonesian(self.env, "umkm_cooperative_procurement")
        self.portal_1.lang = "id_ID"
        rnd = self._create_round(products=self.kain)
        rnd.action_open()
        self.authenticate("proc_portal_1", "proc_portal_1_pw")
        token = self._token(f"/my/procurement/{rnd.id}")
        response = self.url_open(
            f"/my/procurement/{rnd.id}/demand",
            data={
                "product_id": str(self.kain.id),
                "qty": "80",
                "uom_id": str(self.kain.uom_po_id.id),
                "csrf_token": token,
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("simpanan sukarela", response.text)
        self.assertIn("320", response.text)
        self.assertFalse(rnd.demand_ids)

    def test_round_invoice_paid_from_savings(self):
        self.member_1.pay_rounds_from_savings = True
        rnd = self._create_round(products=self.kain)
        rnd.action_open()
        self._demand(rnd, self.member_1, self.kain, 60)
        self._demand(rnd, self.member_2, self.kain, 40)
        self._close_and_receive(rnd)
        rnd.action_allocate()
        rnd._create_member_invoices()
        invoices = rnd.invoice_ids
        mine = invoices.filtered(lambda m: m.partner_id == self.member_1.partner_id)
        other = invoices - mine
        invoices.invoice_date = fields.Date.context_today(mine)
        invoices.action_post()
        self.assertEqual(mine.amount_total, 1620)  # 60 x 27
        self.assertEqual(mine.payment_state, "paid")
        self.assertEqual(self._sukarela(self.member_1), 2000 - 1620)
        withdrawal = self.Saving.search([("umkm_invoice_id", "=", mine.id)])
        self.assertEqual(withdrawal.amount, -1620)
        self.assertEqual(withdrawal.state, "posted")
        # the other member did not choose it: its invoice and savings are as they were
        self.assertEqual(other.payment_state, "not_paid")
        self.assertEqual(self._sukarela(self.member_2), 5000)

    def test_savings_pay_what_they_can(self):
        self.member_1.pay_rounds_from_savings = True
        self.cluster_a.demand_needs_balance = False
        rnd = self._create_round(products=self.kain)
        rnd.action_open()
        self._demand(rnd, self.member_1, self.kain, 100)  # 100 x 27 = 2.700 > 2.000
        self._close_and_receive(rnd)
        rnd.action_allocate()
        rnd._create_member_invoices()
        invoice = rnd.invoice_ids
        invoice.invoice_date = fields.Date.context_today(invoice)
        invoice.action_post()
        self.assertEqual(invoice.payment_state, "partial")
        self.assertEqual(invoice.amount_residual, 700)
        self.assertEqual(self._sukarela(self.member_1), 0)

    def test_member_chooses_on_the_portal(self):
        self.authenticate("proc_portal_1", "proc_portal_1_pw")
        token = self._token("/my/savings")
        response = self.url_open(
            f"/my/savings/{self.member_1.id}/pay-rounds",
            data={"pay_rounds": "on", "csrf_token": token},
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(self.member_1.pay_rounds_from_savings)
        # not another member's membership
        self.url_open(
            f"/my/savings/{self.member_2.id}/pay-rounds",
            data={"pay_rounds": "on", "csrf_token": token},
        )
        self.assertFalse(self.member_2.pay_rounds_from_savings)


@tagged("post_install", "-at_install")
class TestStandingDemandFromSavings(RecurringCase):
    """Standing demand carried into a round of a cluster that asks for demand covered by
    savings: what a member's savings do not cover is not carried, and it is told."""

    def test_uncovered_standing_demand_is_not_carried(self):
        self.company._umkm_cooperative_setup()
        self.cluster_a.demand_needs_balance = True
        Saving = self.env["umkm.member.saving"]
        for member, amount in ((self.member_1, 2000), (self.member_2, 5000)):
            Saving.create(
                {"member_id": member.id, "type": "sukarela", "amount": amount}
            ).action_post()
        template = self._create_template(products=self.kain)
        self._standing(template, self.member_1, self.kain, 100)  # 100 x 27 = 2.700 > 2.000
        self._standing(template, self.member_2, self.kain, 40)  # 40 x 27 = 1.080 of 5.000
        rnd = self._run_cron(self.months[0])
        self.assertFalse(self._demand_of(rnd, self.member_1, self.kain))
        self.assertEqual(self._demand_of(rnd, self.member_2, self.kain).qty, 40)
        self.assertEqual(rnd.line_ids.qty_demand, 40)
        told = self.member_1.message_ids.filtered(lambda m: rnd.name in (m.body or ""))
        self.assertTrue(told)
