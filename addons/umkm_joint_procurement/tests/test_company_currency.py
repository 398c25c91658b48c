from odoo import Command
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCompanyCurrency(TransactionCase):
    """Installing the suite (its demo data included) never switches the currency of a company
    that keeps books: only an empty company is set to rupiah."""

    def _company(self, name):
        usd = self.env.ref("base.USD")
        usd.active = True
        company = self.env["res.company"].create({"name": name, "currency_id": usd.id})
        self.env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
        return company

    def test_company_with_entries_keeps_its_currency(self):
        company = self._company("Koperasi USD")
        env = self.env(context=dict(self.env.context, allowed_company_ids=company.ids))
        journal = env["account.journal"].search(
            [("company_id", "=", company.id), ("type", "=", "general")], limit=1
        )
        accounts = env["account.account"].search(
            [("company_ids", "in", company.ids), ("account_type", "=", "asset_current")], limit=2
        )
        move = env["account.move"].create(
            {
                "journal_id": journal.id,
                "line_ids": [
                    Command.create({"account_id": accounts[0].id, "debit": 100.0}),
                    Command.create({"account_id": accounts[1].id, "credit": 100.0}),
                ],
            }
        )
        move.action_post()
        self.env["res.company"]._umkm_demo_use_idr(company)
        self.assertEqual(company.currency_id, self.env.ref("base.USD"))
        self.assertEqual(move.currency_id, self.env.ref("base.USD"))

    def test_empty_company_is_set_to_rupiah_without_cents(self):
        company = self.env["res.company"].create(
            {"name": "Koperasi baru", "currency_id": self.env.ref("base.USD").id}
        )
        self.env["res.company"]._umkm_demo_use_idr(company)
        idr = self.env.ref("base.IDR")
        self.assertEqual(company.currency_id, idr)
        self.assertEqual(idr.rounding, 1.0)
