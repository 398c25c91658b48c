"""Exact shares of an integer total (units of a rounding step), pure Python.

Used wherever a quantity or an amount is split: the parts always sum exactly.
"""

from math import lcm


def _integer_weights(weights):
    """The weights scaled to integers with the same ratios (exactly: floats are binary)."""
    if set(map(type, weights)) == {int}:
        return list(weights)
    # exact ratios of ints, floats and Fractions alike (a float's denominator is a power of 2)
    ratios = [w.as_integer_ratio() for w in weights]
    scale = lcm(*(d for _n, d in ratios)) if ratios else 1
    return [n * (scale // d) for n, d in ratios]


def largest_remainder(total, weights):
    """Split the integer ``total`` into integers proportional to ``weights``.

    Weights are non-negative numbers (int, float or Fraction). The parts sum exactly to
    ``total``; every part is the floor or the ceiling of its exact share; ties go to the
    earlier index. Zero weights get zero unless every weight is zero, which is an error
    when ``total`` is not zero.
    """
    # integer arithmetic: share i is total * w_i / wsum = parts[i] + remainders[i] / wsum
    weights = _integer_weights(weights)
    if weights and min(weights) < 0:
        raise ValueError("weights must not be negative")
    if total < 0:
        return [-part for part in largest_remainder(-total, weights)]
    wsum = sum(weights)
    if not wsum:
        if total:
            raise ValueError("cannot split a non-zero total over zero weights")
        return [0] * len(weights)
    parts = [total * w // wsum for w in weights]
    left = total - sum(parts)
    if left:
        remainders = [total * w - part * wsum for w, part in zip(weights, parts, strict=True)]
        # the largest remainders get one unit more; sorted() is stable, so ties keep index order
        order = sorted(range(len(weights)), key=remainders.__getitem__, reverse=True)
        for i in order[:left]:
            parts[i] += 1
    return parts


def allocate_proportional(available, demands):
    """Share ``available`` integer units proportionally to the integer ``demands``.

    Nobody gets more than its demand; the parts sum to ``min(available, sum(demands))``.
    """
    total = sum(demands)
    if available >= total:
        return list(demands)
    if available <= 0:
        return [0] * len(demands)
    return largest_remainder(available, demands)


def price_less_margin(currency, price, margin_percent):
    """What the member is paid of ``price`` when the cooperative keeps ``margin_percent``
    of it, rounded to ``currency`` (a catalogue's margin on a sale of the member's product,
    an agreement's margin on subcontract work)."""
    return currency.round(price * (1.0 - (margin_percent or 0.0) / 100.0))
