"""Quantities and amounts as whole numbers of a rounding step ("units").

A UoM rounding (0.01 kg) or a currency rounding (Rp1) is a step; a value is handled as the
integer number of steps in it, so that a split of it sums exactly. Pure Python, no ORM.
"""

from fractions import Fraction
from functools import lru_cache
from math import ceil, floor

ROUNDING_METHODS = ("HALF-UP", "UP", "DOWN")


def to_units(value, rounding, method="HALF-UP"):
    """Number of ``rounding`` steps in ``value``, as an int, rounded by ``method``
    (``HALF-UP``, ``UP`` or ``DOWN``, away from / towards zero as Odoo's ``float_round``).

    Computed on the decimal values (``Fraction(str(...))``), so 0.3 / 0.1 is 3, not 2.9999.
    """
    if method not in ROUNDING_METHODS:
        raise ValueError(f"unknown rounding method {method!r}")
    if rounding <= 0:
        raise ValueError("rounding must be positive")
    approx = float(value) / float(rounding)
    nearest = round(approx)
    if abs(approx - nearest) < 1e-6 and abs(approx) < 1e12:
        return int(nearest)  # already a whole number of steps (stored values): nothing to round
    ratio = Fraction(str(value)) / Fraction(str(rounding))
    size = abs(ratio)
    if method == "HALF-UP":
        steps = floor(size + Fraction(1, 2))
    elif method == "UP":
        steps = ceil(size)
    else:
        steps = floor(size)
    return steps if ratio >= 0 else -steps


@lru_cache(maxsize=64)
def _rounding_step(rounding):
    """``(numerator, denominator)`` of a rounding step, the denominator a power of ten when the
    step is a decimal such as 0.01 (1, 100), 0.5 (5, 10) or 1.0 (1, 1)."""
    step = Fraction(str(rounding))
    digits = 0
    while (step * 10**digits).denominator != 1 and digits < 12:
        digits += 1
    scale = 10**digits
    return int(step * scale), scale


def from_units(units, rounding):
    """Float value of ``units`` rounding steps, without binary noise.

    ``units * numerator / 10**digits`` is a correctly rounded division of integers: the float
    nearest to the exact decimal value.
    """
    numerator, denominator = _rounding_step(rounding)
    return units * numerator / denominator


def values_of_units(units, rounding):
    """:func:`from_units` of every item of ``units`` (a list), at once."""
    numerator, denominator = _rounding_step(rounding)
    return [u * numerator / denominator for u in units]
