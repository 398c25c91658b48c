"""The calendar of recurring rounds (tools/recurrence.py): pure functions."""

from datetime import date, datetime

from odoo.tests import BaseCase, tagged

from odoo.addons.umkm_joint_procurement.tools.recurrence import (
    deadline_day,
    local_to_utc,
    local_today,
    next_period_start,
    period_start,
)


@tagged("post_install", "-at_install")
class TestRecurrenceMath(BaseCase):
    def test_weekly_period(self):
        # Friday 11 December 2026: the week's round opened on Monday the 7th
        self.assertEqual(period_start("weekly", date(2026, 12, 11), 0), date(2026, 12, 7))
        self.assertEqual(period_start("weekly", date(2026, 12, 7), 0), date(2026, 12, 7))
        # opening on Saturday: the last Saturday
        self.assertEqual(period_start("weekly", date(2026, 12, 11), 5), date(2026, 12, 5))
        self.assertEqual(next_period_start("weekly", date(2026, 12, 7), 0), date(2026, 12, 14))

    def test_monthly_period_and_short_months(self):
        self.assertEqual(period_start("monthly", date(2027, 1, 15), 1, 1), date(2027, 1, 1))
        self.assertEqual(period_start("monthly", date(2027, 1, 15), 1, 20), date(2026, 12, 20))
        # the 31st is the month's last day in February and April
        self.assertEqual(period_start("monthly", date(2027, 3, 5), 1, 31), date(2027, 2, 28))
        self.assertEqual(next_period_start("monthly", date(2027, 1, 31), 1, 31), date(2027, 2, 28))
        self.assertEqual(next_period_start("monthly", date(2027, 2, 28), 1, 31), date(2027, 3, 31))
        self.assertEqual(next_period_start("monthly", date(2026, 12, 1), 1, 1), date(2027, 1, 1))
        with self.assertRaises(ValueError):
            period_start("yearly", date(2027, 1, 1))

    def test_deadline_day(self):
        # opens Monday 7 December, demand until Thursday: the 10th
        self.assertEqual(deadline_day("weekly", date(2026, 12, 7), 3), date(2026, 12, 10))
        # the same weekday: a week later, never the opening day
        self.assertEqual(deadline_day("weekly", date(2026, 12, 7), 0), date(2026, 12, 14))
        self.assertEqual(deadline_day("monthly", date(2027, 1, 1), 0, 7), date(2027, 1, 8))

    def test_wib_to_utc(self):
        self.assertEqual(local_to_utc(date(2027, 1, 8), 10.0), datetime(2027, 1, 8, 3, 0))
        self.assertEqual(local_to_utc(date(2027, 1, 8), 6.5), datetime(2027, 1, 7, 23, 30))
        # 23:00 UTC on the 31st is already the 1st in Jakarta
        self.assertEqual(local_today(datetime(2026, 12, 31, 23, 0)), date(2027, 1, 1))
        self.assertEqual(local_today(datetime(2026, 12, 31, 16, 59)), date(2026, 12, 31))
