"""Members pay from the phone: an invoice of a round, a savings due and a voluntary deposit
paid through Odoo's payment flow (a test provider: no network) and reconciled."""

import json
from datetime import date
from unittest.mock import patch

from odoo.tests import HttpCase, tagged

from odoo.addons.umkm_cooperative.tests.common import CooperativeCase


@tagged("post_install", "-at_install")
class TestPayFromThePhone(CooperativeCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_1.password = "umkm_portal_1_pw"
        (cls.member_a1 | cls.member_a2).action_activate()
        # a provider of no real code, in test mode, as Odoo's own payment tests make one (no
        # network, no provider module needed)
        cls.method = cls.env.ref("payment.payment_method_unknown")
        journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1
        )
        cls.provider = cls.env["payment.provider"].create(
            {
                "name": "Penyedia uji",
                "code": "none",
                "state": "test",
                "is_published": True,
                "company_id": cls.company.id,
                "payment_method_ids": [(6, 0, cls.method.ids)],
                "available_currency_ids": [(6, 0, cls.company.currency_id.ids)],
            }
        )
        cls.method.write({"active": True})
        # its payments' method on the bank journal, as Odoo's own account_payment tests set it
        Method = cls.env.registry["account.payment.method"]
        info = Method._get_payment_method_information

        def with_none(self):
            return {**info(self), "none": {"mode": "electronic", "type": ("bank",)}}

        with patch.object(Method, "_get_payment_method_information", with_none):
            cls.env["account.payment.method"].sudo().create(
                {"name": "Metode uji", "code": "none", "payment_type": "inbound"}
            )
            cls.provider.journal_id = journal
        cls.Tx = cls.env["payment.transaction"]

    def _json(self, url, **params):
        response = self.url_open(
            url,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    def _pay_on_portal(self, url, amount):
        """What Odoo's payment form posts, as the member on its phone."""
        result = self._json(
            url,
            provider_id=self.provider.id,
            payment_method_id=self.method.id,
            token_id=None,
            amount=amount,
            flow="direct",
            tokenization_requested=False,
            landing_route="/my/savings",
            is_validation=False,
        )
        return result

    def _done(self, tx):
        tx._set_done()
        tx._post_process()
        self.assertEqual(tx.state, "done")
        self.assertTrue(tx.payment_id)
        return tx

    def test_round_invoice_paid_and_reconciled(self):
        invoice = self._member_document(self.member_a1, "procurement", 240000)
        self.authenticate(self.portal_1.login, "umkm_portal_1_pw")
        page = self.url_open(f"/my/invoices/{invoice.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f"/invoice/transaction/{invoice.id}", page.text)
        result = self._json(
            f"/invoice/transaction/{invoice.id}",
            provider_id=self.provider.id,
            payment_method_id=self.method.id,
            token_id=None,
            amount=invoice.amount_residual,
            flow="direct",
            tokenization_requested=False,
            landing_route=invoice.get_portal_url(),
            is_validation=False,
            access_token=invoice._portal_ensure_token(),
        )
        tx = self.Tx.search([("reference", "=", result["result"]["reference"])])
        self._done(tx)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(invoice.amount_residual, 0)
        self.assertEqual(tx.payment_id.partner_id, self.sme_1)

    def test_sukarela_deposit_creates_the_saving_and_its_entry(self):
        self.authenticate(self.portal_1.login, "umkm_portal_1_pw")
        page = self.url_open(f"/my/savings/deposit/{self.member_a1.id}?amount=75000")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f"/my/savings/transaction/deposit/{self.member_a1.id}", page.text)
        result = self._pay_on_portal(f"/my/savings/transaction/deposit/{self.member_a1.id}", 75000)
        tx = self.Tx.search([("reference", "=", result["result"]["reference"])])
        self.assertEqual(tx.umkm_deposit_member_id, self.member_a1)
        self.assertFalse(self.member_a1.saving_ids.filtered(lambda s: s.type == "sukarela"))
        self._done(tx)
        saving = self.member_a1.saving_ids.filtered(lambda s: s.type == "sukarela")
        self.assertEqual(len(saving), 1)
        self.assertEqual((saving.amount, saving.state), (75000, "posted"))
        self.assertEqual(saving.move_id.state, "posted")
        self.assertTrue(saving.move_line_id.reconciled)
        self.assertEqual(saving.amount_open, 0)
        self.assertEqual(tx.umkm_saving_ids, saving)
        self.assertEqual(self.member_a1.saving_sukarela, 75000)
        # processed again (a second notification): still one saving
        tx._post_process()
        self.assertEqual(
            self.Saving.search_count(
                [("member_id", "=", self.member_a1.id), ("type", "=", "sukarela")]
            ),
            1,
        )

    def test_wajib_due_paid(self):
        wajib = self.Saving._raise_wajib(self.cluster_a, date.today())
        due = wajib.filtered(lambda s: s.member_id == self.member_a1)
        self.assertEqual(due.amount_open, 25000)
        self.authenticate(self.portal_1.login, "umkm_portal_1_pw")
        savings_page = self.url_open("/my/savings")
        self.assertIn(f"/my/savings/pay/{due.id}", savings_page.text)
        self.assertEqual(self.url_open(f"/my/savings/pay/{due.id}").status_code, 200)
        # the amount is the due's, whatever the form sends
        result = self._pay_on_portal(f"/my/savings/transaction/due/{due.id}", 1)
        tx = self.Tx.search([("reference", "=", result["result"]["reference"])])
        self.assertEqual(tx.amount, 25000)
        self._done(tx)
        due.invalidate_recordset()
        self.assertEqual(due.amount_open, 0)
        self.assertTrue(due.move_line_id.reconciled)
        other = wajib - due
        self.assertEqual(other.amount_open, 25000)

    def test_only_its_own_and_typed_amounts(self):
        wajib = self.Saving._raise_wajib(self.cluster_a, date.today())
        other_due = wajib.filtered(lambda s: s.member_id == self.member_a2)
        self.authenticate(self.portal_1.login, "umkm_portal_1_pw")
        refused = self.url_open(f"/my/savings/pay/{other_due.id}", allow_redirects=False)
        self.assertIn("umkm_refused=1", refused.headers["Location"])
        refused = self.url_open(
            f"/my/savings/deposit/{self.member_a2.id}?amount=10000", allow_redirects=False
        )
        self.assertIn("umkm_refused=1", refused.headers["Location"])
        result = self._pay_on_portal(f"/my/savings/transaction/due/{other_due.id}", 25000)
        self.assertIn("error", result)
        result = self._pay_on_portal(f"/my/savings/transaction/deposit/{self.member_a2.id}", 5)
        self.assertIn("error", result)
        result = self._pay_on_portal(f"/my/savings/transaction/deposit/{self.member_a1.id}", -5)
        self.assertIn("error", result)
        self.assertFalse(self.Tx.search([("partner_id", "=", self.portal_1.partner_id.id)]))
        # typed in the member's language, refused with a message in the form
        page = self.url_open(f"/my/savings/deposit/{self.member_a1.id}?amount=abc")
        self.assertEqual(page.status_code, 400)
        self.assertIn("is-invalid", page.text)
