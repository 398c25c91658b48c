from datetime import timedelta

from odoo.tests import tagged

from .common import PartnershipCase


@tagged("post_install", "-at_install")
class TestTrackRecordWork(PartnershipCase):
    """A track record counts the subcontract work a member delivered in its twelve months,
    by the work's due date, with its on-time and reject rates: the member's documents."""

    def test_work_delivered_on_time_and_rejected(self):
        order = self._confirmed_order(qty=30, weeks=2)
        self._split(order)
        one = order.assignment_ids.filtered(lambda a: a.member_id == self.member_1)
        two = order.assignment_ids.filtered(lambda a: a.member_id == self.member_2)
        (one | two).action_accept()
        # member 1 delivers 18, of which 2 are rejected, on time; member 2 late
        one._record_delivery({one.id: (18, 2)})
        two._record_delivery({two.id: (10, 0)}, date=order.date_due + timedelta(days=2))
        Track = self.env["umkm.track.record"]

        def rows(member, day):
            vals = Track._prepare_track_record_vals(member, day)
            return {row["key"]: row["value"] for row in vals["figures"]["rows"]}

        first = rows(self.member_1, order.date_due + timedelta(days=30))
        self.assertEqual(first["qty_delivered"], sum(one.mapped("qty_delivered")))
        self.assertEqual(first["qty_delivered"], 18)
        self.assertEqual(first["on_time_rate"], 100)
        self.assertAlmostEqual(first["reject_rate"], round(100 * 2 / 18, 2), places=2)
        second = rows(self.member_2, order.date_due + timedelta(days=30))
        self.assertEqual((second["qty_delivered"], second["on_time_rate"]), (10, 0))
        # a record issued a year and more after the work's due date no longer counts it
        later = rows(self.member_1, order.date_due + timedelta(days=400))
        self.assertEqual(later["qty_delivered"], 0)
        # nothing delivered: no rate, rather than 0 % on time
        self.assertIsNone(later["on_time_rate"])
        self.assertIsNone(later["reject_rate"])
