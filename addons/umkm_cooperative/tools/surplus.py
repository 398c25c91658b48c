"""The surplus shared back (SHU): pure functions on integers of the currency's smallest unit.

Every split is exact (largest remainder): the pools sum to the surplus, each member's shares
sum to its pool."""

from datetime import date as Date

from odoo.addons.umkm_cluster.tools.shares import largest_remainder


def to_units(amount, rounding):
    """``amount`` in integer units of ``rounding`` (the currency's smallest unit)."""
    return round(amount / rounding)


def split_pools(total_units, percents):
    """The surplus (integer units) shared over the rule's lines by their ``percents``."""
    return largest_remainder(total_units, percents)


def split_pool(pool_units, bases):
    """A pool (integer units) shared over the members by their ``bases`` (non-negative);
    nothing is shared when no member has a basis (the caller refuses that)."""
    if not any(bases):
        return [0] * len(bases)
    return largest_remainder(pool_units, [max(b, 0) for b in bases])


def year_end_basis(movements, date_to):
    """Savings held at ``date_to``: the sum of the movements ``(date, amount)`` up to it."""
    return sum(amount for day, amount in movements if day <= date_to)


def day_weighted_basis(movements, date_from, date_to):
    """Savings weighted by the days they were held in the year ``[date_from, date_to]``, as
    the average balance of the year: each movement counts for the days from its date (or the
    year's first day, for what was held before) to the year's last day, over the days of the
    year. A withdrawal (negative) takes away from the day it is made."""
    if date_to < date_from:
        raise ValueError("the year ends before it starts")
    days = (date_to - date_from).days + 1
    weighted = 0
    for day, amount in movements:
        if day > date_to:
            continue
        held = (date_to - max(day, date_from)).days + 1
        weighted += amount * held
    return weighted / days


def first_of_month(day):
    return Date(day.year, day.month, 1)
