from datetime import date

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CooperativeCase


@tagged("post_install", "-at_install")
class TestSavings(CooperativeCase):
    def test_pokok_raised_on_joining(self):
        self.member_a1.action_activate()
        pokok = self.Saving.search([("member_id", "=", self.member_a1.id)])
        self.assertEqual(pokok.mapped("type"), ["pokok"])
        self.assertEqual(pokok.amount, 100000)
        self.assertEqual(pokok.state, "posted")
        self.assertEqual(pokok.move_id.state, "posted")
        # the member owes it: a receivable on its business; equity for the cooperative
        self.assertEqual(pokok.move_line_id.partner_id, self.sme_1)
        self.assertEqual(pokok.move_line_id.account_id.account_type, "asset_receivable")
        equity = pokok.move_id.line_ids - pokok.move_line_id
        self.assertEqual(equity.account_id, self.company.umkm_pokok_account_id)
        self.assertEqual(equity.balance, -100000)
        self.assertEqual(self.member_a1.saving_pokok, 100000)
        self.assertEqual(self.member_a1.saving_dues_open, 100000)
        # suspended and active again: no second pokok
        self.member_a1.action_suspend()
        self.member_a1.action_activate()
        self.assertEqual(self.Saving.search_count([("member_id", "=", self.member_a1.id)]), 1)
        # cluster B asks for none
        self.member_b3.action_activate()
        self.assertFalse(self.Saving.search([("member_id", "=", self.member_b3.id)]))

    def test_wajib_one_batch_per_cluster_and_month(self):
        (self.member_a1 | self.member_a2 | self.member_b3).action_activate()
        self.cluster_b.saving_wajib_amount = 30000
        month = date(2026, 5, 17)
        wajib = self.Saving._raise_wajib(self.cluster_a | self.cluster_b, month)
        self.assertEqual(len(wajib), 3)
        self.assertEqual(set(wajib.mapped("period")), {date(2026, 5, 1)})
        # one entry per cluster, a receivable line per member
        self.assertEqual(len(wajib.move_id), 2)
        entry_a = wajib.filtered(lambda s: s.cluster_id == self.cluster_a).move_id
        receivables = entry_a.line_ids.filtered(
            lambda x: x.account_id.account_type == "asset_receivable"
        )
        self.assertEqual(receivables.partner_id, self.sme_1 | self.sme_2)
        self.assertEqual(
            entry_a.line_ids.filtered(
                lambda x: x.account_id == self.company.umkm_wajib_account_id
            ).balance,
            -50000,
        )
        # raised again (the job runs every day): nothing more
        self.assertFalse(self.Saving._raise_wajib(self.cluster_a | self.cluster_b, month))
        self.assertEqual(self.member_b3.saving_wajib, 30000)

    def test_queries_do_not_grow_with_members(self):
        """The monthly dues of 6 and of 24 members take the same number of queries, and so
        does the posting of a year's SHU shared among them."""

        def cluster_of(count, prefix):
            partners = self.env["res.partner"].create(
                [{"name": f"{prefix} {i}", "is_company": True} for i in range(count)]
            )
            cluster = self.env["umkm.cluster"].create(
                {"name": prefix, "code": prefix[:10], "saving_wajib_amount": 25000}
            )
            self.env["umkm.member"].create(
                [
                    {"partner_id": p.id, "cluster_id": cluster.id, "date_join": "2024-01-01"}
                    for p in partners
                ]
            ).action_activate()
            self._rule(cluster, [("reserve", 50), ("jasa_modal", 50)])
            return cluster

        def queries(fn):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            fn()
            self.env.flush_all()
            return self.cr.sql_log_count - before

        # a first cluster warms the caches up (journal, sequence, accounts): not compared
        sizes = ((2, "Pemanasan"), (6, "Kecil"), (24, "Besar"))
        clusters = [cluster_of(count, prefix) for count, prefix in sizes]
        # each measured from the same state: what one run leaves (a journal's sequence)
        # does not weigh on the next
        dues = []
        for cluster in clusters:
            savepoint = self.cr.savepoint()
            dues.append(queries(lambda c=cluster: self.Saving._raise_wajib(c, date(2025, 6, 1))))
            savepoint.close(rollback=cluster != clusters[0])
            self.env.invalidate_all()
        for cluster in clusters:
            self.Saving._raise_wajib(cluster, date(2025, 6, 1))
        for cluster, (count, _prefix) in zip(clusters, sizes, strict=True):
            self.assertEqual(
                self.Saving.search_count([("cluster_id", "=", cluster.id), ("type", "=", "wajib")]),
                count,
            )
        surpluses = self.env["umkm.surplus"].create(
            [
                {
                    "cluster_id": cluster.id,
                    "date_from": "2025-01-01",
                    "date_to": "2025-12-31",
                    "amount": 1000000,
                }
                for cluster in clusters
            ]
        )
        surpluses.action_compute()
        self.assertEqual([len(s.line_ids) for s in surpluses], [2, 6, 24])
        shares = []
        for surplus in surpluses:
            savepoint = self.cr.savepoint()
            shares.append(queries(surplus.action_post))
            savepoint.close(rollback=surplus != surpluses[0])
            self.env.invalidate_all()
        self.assertEqual(dues[1], dues[2], "the dues' queries grow with the members: %s" % dues)
        self.assertEqual(
            shares[1], shares[2], "the SHU's queries grow with the members: %s" % shares
        )

    def test_sukarela_never_below_zero(self):
        self.member_a1.action_activate()
        self._saving(self.member_a1, "sukarela", 200000)
        withdrawal = self.Saving.create(
            {"member_id": self.member_a1.id, "type": "sukarela", "amount": -250000}
        )
        with self.assertRaisesRegex(UserError, "cannot take out"):
            withdrawal.action_post()
        self.assertEqual(withdrawal.state, "draft")
        self.assertFalse(withdrawal.move_id)
        withdrawal.amount = -150000
        withdrawal.action_post()
        self.assertEqual(self.member_a1.saving_sukarela, 50000)
        # what goes back is a payable to the member
        self.assertEqual(withdrawal.move_line_id.account_id.account_type, "liability_payable")
        self.assertEqual(withdrawal.move_line_id.balance, -150000)
        # two withdrawals posted together count together
        both = self.Saving.create(
            [
                {"member_id": self.member_a1.id, "type": "sukarela", "amount": -30000},
                {"member_id": self.member_a1.id, "type": "sukarela", "amount": -30000},
            ]
        )
        with self.assertRaisesRegex(UserError, "cannot take out"):
            both.action_post()

    def test_pokok_wajib_back_only_on_leaving(self):
        self.member_a1.action_activate()
        self.Saving._raise_wajib(self.cluster_a, date(2026, 5, 1))
        early = self.Saving.create(
            {"member_id": self.member_a1.id, "type": "wajib", "amount": -25000}
        )
        with self.assertRaisesRegex(UserError, "only when it leaves"):
            early.action_post()
        early.unlink()
        self._saving(self.member_a1, "sukarela", 40000)
        self.member_a1.action_leave()
        refunds = self.Saving.search([("member_id", "=", self.member_a1.id), ("amount", "<", 0)])
        self.assertEqual(
            sorted(refunds.mapped(lambda s: (s.type, s.amount))),
            [("pokok", -100000), ("sukarela", -40000), ("wajib", -25000)],
        )
        self.assertEqual(self.member_a1.saving_total, 0)
        self.assertTrue(
            all(x.account_id.account_type == "liability_payable" for x in refunds.move_line_id)
        )
        # a member who left pays nothing in
        with self.assertRaisesRegex(UserError, "not an active member"):
            self._saving(self.member_a1, "sukarela", 1000)

    def test_posted_movement_locked(self):
        self.member_a1.action_activate()
        pokok = self.member_a1.saving_ids
        with self.assertRaises(UserError):
            pokok.amount = 1
        with self.assertRaises(UserError):
            pokok.unlink()

    def test_dues_netted_against_member_bill(self):
        """The member's open dues are netted against the cooperative's next bill for its work:
        the bill is left to pay less the dues, both reconciled through Odoo."""
        self.member_a1.action_activate()
        self.Saving._raise_wajib(self.cluster_a, date(2026, 5, 1))
        self.assertEqual(self.member_a1.saving_dues_open, 125000)
        bill = self._member_document(self.member_a1, "subcontract", 300000)
        self.assertEqual(bill.amount_residual, 175000)
        self.member_a1.invalidate_recordset()
        self.assertEqual(self.member_a1.saving_dues_open, 0)
        self.assertTrue(all(self.member_a1.saving_ids.move_line_id.mapped("reconciled")))
        # a bill smaller than the dues: nets what it can
        self.Saving._raise_wajib(self.cluster_a, date(2026, 6, 1))
        small = self._member_document(self.member_a1, "sales", 10000)
        self.assertEqual(small.amount_residual, 0)
        self.member_a1.invalidate_recordset()
        self.assertEqual(self.member_a1.saving_dues_open, 15000)
        # another member's bill nets nothing of these dues
        self.member_a2.action_activate()
        other = self._member_document(self.member_a2, "sales", 500000)
        self.assertEqual(other.amount_residual, 400000)

    def test_cron_raises_this_month(self):
        self.member_a1.action_activate()
        self.Saving._cron_raise_wajib()
        month = fields.Date.context_today(self.Saving.with_context(tz="Asia/Jakarta")).replace(
            day=1
        )
        wajib = self.Saving.search([("member_id", "=", self.member_a1.id), ("type", "=", "wajib")])
        self.assertEqual(wajib.period, month)
        self.Saving._cron_raise_wajib()
        self.assertEqual(
            self.Saving.search_count(
                [("member_id", "=", self.member_a1.id), ("type", "=", "wajib")]
            ),
            1,
        )

    def test_accounts_on_a_new_chart(self):
        """A company that gets its chart later gets the accounts with it."""
        company = self.env["res.company"].create({"name": "Koperasi Baru"})
        self.assertFalse(company.umkm_pokok_account_id)
        self.env["account.chart.template"].try_loading(
            "generic_coa", company=company, install_demo=False
        )
        self.assertEqual(company.umkm_pokok_account_id.account_type, "equity")
        self.assertEqual(company.umkm_sukarela_account_id.account_type, "liability_current")
        self.assertEqual(company.umkm_saving_journal_id.type, "general")
        self.assertEqual(company.umkm_surplus_account_id.account_type, "equity_unaffected")

    def test_dues_collected_by_payment(self):
        self.member_a1.action_activate()
        pokok = self.member_a1.saving_ids
        action = pokok.action_register_payment()
        wizard = self.env[action["res_model"]].with_context(**action["context"]).create({})
        self.assertEqual(wizard.amount, 100000)
        wizard._create_payments()
        self.assertEqual(pokok.amount_open, 0)
        self.member_a1.invalidate_recordset()
        self.assertEqual(self.member_a1.saving_dues_open, 0)
        with self.assertRaisesRegex(UserError, "left to settle"):
            pokok.action_register_payment()
