from odoo import Command
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestNetting(TransactionCase):
    """The one netting rule: a member's bill settles what it owes, through one entry
    reconciled with both, partly where the smaller one is."""

    def _move(self, move_type, partner, amount):
        move = self.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "invoice_date": "2026-01-15",
                "invoice_line_ids": [
                    Command.create(
                        {"name": "x", "quantity": 1, "price_unit": amount, "tax_ids": []}
                    )
                ],
            }
        )
        move.action_post()
        return move

    def test_bill_settles_what_the_member_owes(self):
        Move = self.env["account.move"]
        member = self.env["res.partner"].create({"name": "Anggota Netting", "is_company": True})
        owed = self._move("out_invoice", member, 300000)
        bill = self._move("in_invoice", member, 1000000)
        payable = bill.line_ids.filtered(lambda x: x.account_id.account_type == "liability_payable")
        receivable = owed.line_ids.filtered(
            lambda x: x.account_id.account_type == "asset_receivable"
        )
        vals = Move._umkm_netting_vals(
            bill.company_id,
            member,
            300000,
            payable,
            receivable,
            "Netting",
            Move._umkm_general_journal(bill.company_id),
        )
        entry = Move._umkm_post_netting(vals, payable, receivable)
        self.assertEqual(entry.state, "posted")
        self.assertEqual(entry.journal_id.type, "general")
        self.assertEqual(sorted(entry.line_ids.mapped("balance")), [-300000, 300000])
        self.assertEqual(owed.payment_state, "paid")
        self.assertEqual(bill.amount_residual, 700000)
        self.assertTrue(all(entry.line_ids.mapped("reconciled")))
