"""Pure arithmetic of the vendors' rating (no ORM): three rates over a vendor's order lines of
the last 12 months and the standing they give.

Each order line weighs by its unit price (its value per unit), so that kilograms of wax and
metres of cloth of one vendor add up: a rate is a share of value, the same as a share of
quantity for a vendor of a single material.
"""

from typing import NamedTuple

# a standing is "baik" (good) when every rate is at least GOOD, "buruk" (poor) when one is
# under FAIR, else "cukup" (fair)
GOOD = 0.90
FAIR = 0.70
STANDING_RANK = {"buruk": 0, "cukup": 1, "baik": 2}

__all__ = ["FAIR", "GOOD", "STANDING_RANK", "LineFigures", "below", "rates", "standing"]


class LineFigures(NamedTuple):
    """One order line due in the period, in the line's unit: ``ordered``; ``received`` (into
    stock, net of returns); ``on_time`` (received by the expected day); ``refused`` (on
    receipt, not taken into stock); ``price`` (its weight)."""

    ordered: float
    received: float
    on_time: float
    refused: float
    price: float = 1.0


def rates(lines):
    """``(on_time, fill, quality)`` of ``lines`` (:class:`LineFigures`), each a fraction in
    [0, 1] or ``None`` without anything to measure:

    - fill: what was received (up to what was ordered) / what was ordered;
    - on time: of what was received (up to what was ordered), the share received by the
      expected day;
    - quality: 1 - what was refused on receipt / what arrived (received + refused).
    """
    ordered = received = on_time = refused = arrived = 0.0
    for line in lines:
        weight = line.price if line.price > 0 else 1.0
        got = min(max(line.received, 0.0), line.ordered)
        ordered += weight * line.ordered
        received += weight * got
        on_time += weight * min(max(line.on_time, 0.0), got)
        refused += weight * line.refused
        arrived += weight * (max(line.received, 0.0) + line.refused)
    return (
        on_time / received if received else None,
        received / ordered if ordered else None,
        1.0 - refused / arrived if arrived else None,
    )


def standing(on_time, fill, quality):
    """``"baik"``, ``"cukup"`` or ``"buruk"`` by the worst of the rates known; ``None``
    without any."""
    known = [rate for rate in (on_time, fill, quality) if rate is not None]
    if not known:
        return None
    worst = min(known)
    if worst >= GOOD - 1e-9:
        return "baik"
    if worst >= FAIR - 1e-9:
        return "cukup"
    return "buruk"


def below(vendor_standing, minimum):
    """Whether ``vendor_standing`` is under the ``minimum`` standing (no minimum, or a vendor
    not rated yet: never)."""
    if not minimum or not vendor_standing:
        return False
    return STANDING_RANK[vendor_standing] < STANDING_RANK[minimum]
