"""The calendar of recurring rounds: the day a template's round of a period opens, its
deadline, and the moment a wall-clock time of the cooperative's zone (WIB) is in UTC.

A period is a week (rounds open on a weekday) or a month (rounds open on a day of the month;
a day past the month's end is its last day: the 31st is the 30th in April). Dates are the
cooperative's local dates; datetimes returned are naive UTC, as Odoo stores them.
"""

import calendar
from datetime import date, datetime, time, timedelta

import pytz

COOPERATIVE_TZ = "Asia/Jakarta"  # WIB


def _day_in_month(year, month, day):
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def period_start(cadence, today, weekday=0, month_day=1):
    """The opening day of the period ``today`` is in: the last ``weekday`` (0: Monday) on or
    before ``today`` for ``weekly``, the last ``month_day`` on or before it for ``monthly``."""
    if cadence == "weekly":
        return today - timedelta(days=(today.weekday() - weekday) % 7)
    if cadence != "monthly":
        raise ValueError(f"unknown cadence {cadence!r}")
    this_month = _day_in_month(today.year, today.month, month_day)
    if this_month <= today:
        return this_month
    previous = today.replace(day=1) - timedelta(days=1)
    return _day_in_month(previous.year, previous.month, month_day)


def next_period_start(cadence, start, weekday=0, month_day=1):
    """The opening day of the period after the one that opens on ``start``."""
    if cadence == "weekly":
        return period_start(cadence, start + timedelta(days=7), weekday)
    following = start.replace(day=1) + timedelta(days=32)
    return _day_in_month(following.year, following.month, month_day)


def deadline_day(cadence, start, deadline_weekday=0, deadline_days=0):
    """The day of the deadline of a round opening on ``start``: the first ``deadline_weekday``
    after ``start`` (one to seven days later) for ``weekly``; ``deadline_days`` after it for
    ``monthly``."""
    if cadence == "weekly":
        return start + timedelta(days=(deadline_weekday - start.weekday()) % 7 or 7)
    return start + timedelta(days=deadline_days)


def local_to_utc(day, hour, tz=COOPERATIVE_TZ):
    """``day`` at ``hour`` (hours as a float: 10.5 is 10:30) in the zone ``tz``, as a naive UTC
    datetime (10:00 WIB is 03:00 UTC)."""
    minutes = round(hour * 60)
    local = datetime.combine(day, time()) + timedelta(minutes=minutes)
    return pytz.timezone(tz).localize(local).astimezone(pytz.utc).replace(tzinfo=None)


def local_today(now, tz=COOPERATIVE_TZ):
    """The local date in ``tz`` at the naive UTC datetime ``now``."""
    return pytz.utc.localize(now).astimezone(pytz.timezone(tz)).date()
