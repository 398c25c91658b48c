from datetime import date

from odoo.tests import tagged

from .common import CooperativeCase

ISSUED = date(2026, 6, 30)  # the record's twelve months: 1 July 2025 to 30 June 2026


@tagged("post_install", "-at_install")
class TestTrackRecordFigures(CooperativeCase):
    """The figures of a track record are the member's documents of its twelve months: its
    purchases, work and sales with the cooperative, what it was paid, its savings."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.member_a1 | cls.member_a2).action_activate()
        cls.Track = cls.env["umkm.track.record"]

    def _row(self, vals, key):
        rows = {row["key"]: row["value"] for row in vals["figures"]["rows"]}
        return rows[key]

    def test_figures_equal_the_documents(self):
        member = self.member_a1
        inside = [
            self._member_document(member, "procurement", 100000, date(2026, 3, 10)),
            self._member_document(member, "procurement", 40000, date(2025, 7, 1)),
        ]
        work = self._member_document(member, "subcontract", 500000, date(2026, 4, 1))
        sales = self._member_document(member, "sales", 300000, date(2026, 5, 1))
        # outside the twelve months, or another member's: not counted
        self._member_document(member, "subcontract", 999000, date(2025, 6, 30))
        self._member_document(member, "procurement", 999000, date(2026, 7, 1))
        self._member_document(self.member_a2, "sales", 777000, date(2026, 5, 1))
        # the cooperative pays part of the work
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=work.ids
        ).create({"amount": 200000, "payment_date": date(2026, 4, 20)})._create_payments()
        self._saving(member, "sukarela", 50000, date(2026, 2, 1))
        self._saving(member, "sukarela", 70000, date(2026, 7, 5))  # after the issue
        self._saving(member, "wajib", 25000, date(2026, 6, 1))
        self._saving(self.member_a2, "sukarela", 880000, date(2026, 2, 1))
        pokok = sum(
            self.Saving.search(
                [
                    ("member_id", "=", member.id),
                    ("type", "=", "pokok"),
                    ("state", "=", "posted"),
                    ("date", "<=", ISSUED),
                ]
            ).mapped("amount")
        )

        vals = self.Track._prepare_track_record_vals(member, ISSUED)

        self.assertEqual(vals["date_from"], date(2025, 7, 1))
        self.assertEqual(self._row(vals, "amount_procured"), sum(m.amount_untaxed for m in inside))
        self.assertEqual(self._row(vals, "amount_subcontract"), work.amount_untaxed)
        self.assertEqual(self._row(vals, "amount_sales"), sales.amount_untaxed)
        paid = (work.amount_total - work.amount_residual) + (
            sales.amount_total - sales.amount_residual
        )
        self.assertGreaterEqual(paid, 200000)  # the payment, and any dues netted
        self.assertEqual(self._row(vals, "amount_paid"), paid)
        self.assertEqual(self._row(vals, "saving_sukarela"), 50000)
        self.assertEqual(self._row(vals, "saving_wajib"), 25000)
        self.assertEqual(self._row(vals, "saving_pokok"), pokok)
        self.assertEqual(self._row(vals, "surplus"), 0)

    def test_record_keeps_what_was_issued(self):
        member = self.member_a1
        self._member_document(member, "sales", 300000)
        record = self.Track._umkm_issue(member)
        before = {row["key"]: row["value"] for row in record.figures["rows"]}
        self.assertEqual(before["amount_sales"], 300000)
        # a later document does not change an issued record, nor its code
        checksum = record.checksum
        self._member_document(member, "sales", 100000)
        record.invalidate_recordset()
        self.assertEqual({r["key"]: r["value"] for r in record.figures["rows"]}, before)
        self.assertEqual(record.checksum, checksum)
        again = self.Track._umkm_issue(member)
        self.assertEqual(
            {r["key"]: r["value"] for r in again.figures["rows"]}["amount_sales"], 400000
        )
        self.assertNotEqual(again.checksum, checksum)
