"""Calendar months and the figures of a month, pure Python (used by the cluster's snapshots)."""

from datetime import date, timedelta


def month_start(day):
    """The first day of the month of ``day``."""
    return day.replace(day=1)


def month_end(first):
    """The last day of the month starting on ``first``."""
    return next_month(first) - timedelta(days=1)


def next_month(first):
    """The first day of the month after the one starting on ``first``."""
    return date(first.year + (first.month == 12), first.month % 12 + 1, 1)


def months_between(first, last):
    """Every month start from ``first``'s month to ``last``'s month, both included."""
    month, end = month_start(first), month_start(last)
    months = []
    while month <= end:
        months.append(month)
        month = next_month(month)
    return months


def shift_months(first, count):
    """The month start ``count`` months after (negative: before) ``first``'s month."""
    index = first.year * 12 + first.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def median(values):
    """The median of ``values`` (0.0 for none): the middle one, or the mean of the two."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2.0


def weighted_rate(pairs):
    """A rate of rates: ``pairs`` of (rate, weight); 0.0 when no weight."""
    total = sum(weight for _rate, weight in pairs)
    if total <= 0:
        return 0.0
    return round(sum(rate * weight for rate, weight in pairs) / total, 2)
