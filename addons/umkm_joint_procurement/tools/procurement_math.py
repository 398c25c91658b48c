"""Pure split / allocation / tier arithmetic of procurement rounds.

Everything here is plain Python (no ORM) so that it can be property-tested quickly.
Quantities and amounts are handled as integer multiples of a rounding step ("units"):
a UoM rounding (e.g. 0.01 kg) or a currency rounding (e.g. 1 rupiah), which makes every
split exact.
"""

from fractions import Fraction
from math import floor
from typing import NamedTuple

from odoo.tools import float_round

from odoo.addons.umkm_cluster.tools.shares import (
    allocate_proportional,
    largest_remainder,
)
from odoo.addons.umkm_cluster.tools.units import from_units, to_units, values_of_units

__all__ = [
    "PriceTier",
    "allocate",
    "alone_price",
    "amount_units",
    "from_units",
    "largest_remainder",
    "next_tier",
    "order_quantity",
    "pick_tier",
    "split_billing",
    "to_units",
    "uom_round",
    "values_of_units",
]


class PriceTier(NamedTuple):
    """A vendor's price from a minimum quantity (``product.supplierinfo``), in the purchase
    unit and the round's currency. ``seller`` is the supplierinfo record (``None`` in pure
    computations)."""

    min_qty: float
    price: float
    sequence: int = 10
    seller: object = None


def allocate_equal_share(available, demands):
    """Max-min fair (water-filling) split of ``available`` integer units.

    Small demands are served in full, the rest get equal shares; the units that do not
    divide evenly go one each to the largest unmet demands (then the earlier index).
    """
    total = sum(demands)
    if available >= total:
        return list(demands)
    parts = [0] * len(demands)
    if available <= 0:
        return parts
    left = available
    pending = sorted(range(len(demands)), key=lambda i: (demands[i], i))
    while pending:
        share = left // len(pending)
        small = [i for i in pending if demands[i] <= share]
        if not small:
            for i in pending:
                parts[i] = share
            extra = left - share * len(pending)
            by_size = sorted(pending, key=lambda i: (-demands[i], i))
            for i in by_size[:extra]:
                parts[i] += 1
            return parts
        for i in small:
            parts[i] = demands[i]
            left -= demands[i]
        pending = [i for i in pending if demands[i] > share]
    return parts


def allocate(available, demands, method="proportional"):
    """Allocate ``available`` units among ``demands`` (units) by ``method``."""
    if any(d < 0 for d in demands):
        raise ValueError("demands must not be negative")
    if method == "equal_share":
        return allocate_equal_share(available, demands)
    if method == "proportional":
        return allocate_proportional(available, demands)
    raise ValueError(f"unknown allocation method {method!r}")


def _price_tiers(tiers):
    return [tier if isinstance(tier, PriceTier) else PriceTier(*tier) for tier in tiers]


def pick_tier(tiers, qty):
    """Index of the cheapest price tier applicable at ``qty``.

    ``tiers`` is a list of :class:`PriceTier` (or ``(min_qty, price, sequence)`` tuples). A
    tier applies when ``min_qty <= qty``; the cheapest unit price wins (then the lower
    sequence, then the earlier index). When none applies (``qty`` under every minimum order
    quantity), the tier whose minimum order costs least is returned, since that quantity must
    be bought. Returns ``None`` when there is no tier at all.
    """
    if not tiers:
        return None
    tiers = _price_tiers(tiers)
    applicable = [i for i, tier in enumerate(tiers) if tier.min_qty <= qty]
    if applicable:
        return min(applicable, key=lambda i: (tiers[i].price, tiers[i].sequence, i))
    return min(
        range(len(tiers)),
        key=lambda i: (tiers[i].min_qty * tiers[i].price, tiers[i].sequence, i),
    )


def alone_price(tiers, qty):
    """The unit price a member buying ``qty`` alone would pay: the cheapest tier at its own
    quantity (:func:`pick_tier`). The rule of a round's baseline cost and of each member's
    savings; ``None`` when there is no tier at all."""
    index = pick_tier(tiers, qty)
    return None if index is None else _price_tiers(tiers)[index].price


def next_tier(tiers, qty):
    """The next cheaper tier above ``qty``: ``(missing_qty, price)`` or ``None``.

    The one reached with the fewest more units among those cheaper than the current one.
    """
    current = pick_tier(tiers, qty)
    if current is None:
        return None
    tiers = _price_tiers(tiers)
    price = tiers[current].price
    better = [t for t in tiers if t.min_qty > qty and t.price < price]
    if not better:
        return None
    best = min(better, key=lambda t: (t.min_qty, t.price))
    return best.min_qty - qty, best.price


def order_quantity(qty, min_qty=0.0, multiple=0.0):
    """Quantity to order: at least ``min_qty`` and a whole number of ``multiple``s.

    Works on exact decimals, so ``order_quantity(10.1, 0, 0.1)`` stays 10.1.
    """
    need = max(Fraction(str(qty)), Fraction(str(min_qty or 0)))
    if multiple and multiple > 0:
        step = Fraction(str(multiple))
        count = -((-need) // step)  # ceiling
        need = count * step
    return float(need)


def amount_units(qty, price, rounding):
    """``qty * price`` in currency units (half-up), computed exactly."""
    exact = Fraction(str(qty)) * Fraction(str(price)) / Fraction(str(rounding))
    return floor(exact + Fraction(1, 2)) if exact >= 0 else -floor(-exact + Fraction(1, 2))


def split_billing(materials, cost_units, fee_percent, cost_split="by_value", member_count=None):
    """Split the money of a round among its members, exactly.

    :param materials: list of ``(amount_units, qty_weights)``: the purchase amount of a
        material (currency units) and the quantity allocated to each member.
    :param cost_units: shared costs (currency units), split ``by_value`` (weights: each
        member's material amount) or ``by_quantity`` (weights: its allocated quantities).
    :param fee_percent: service fee, in percent of material amount + shared costs, split
        by each member's material amount + cost share.
    :returns: dict with ``materials`` (one list of member parts per material), ``cost``,
        ``fee`` and ``total`` (lists per member). Every split is a largest-remainder split,
        so ``sum(total) == sum(material amounts) + cost_units + fee``.
    """
    if member_count is None:
        member_count = len(materials[0][1]) if materials else 0
    material_parts = [largest_remainder(amount, weights) for amount, weights in materials]
    material_per_member = [sum(parts[m] for parts in material_parts) for m in range(member_count)]
    if cost_split == "by_quantity":
        cost_weights = [
            sum(Fraction(str(weights[m])) for _amount, weights in materials)
            for m in range(member_count)
        ]
    elif cost_split == "by_value":
        cost_weights = list(material_per_member)
    else:
        raise ValueError(f"unknown cost split {cost_split!r}")
    cost = largest_remainder(cost_units, cost_weights)
    base = [material_per_member[m] + cost[m] for m in range(member_count)]
    fee_exact = Fraction(sum(base)) * Fraction(str(fee_percent or 0)) / 100
    fee_units = floor(fee_exact + Fraction(1, 2))
    fee = largest_remainder(fee_units, base) if fee_units else [0] * member_count
    total = [base[m] + fee[m] for m in range(member_count)]
    return {
        "materials": material_parts,
        "material": material_per_member,
        "cost": cost,
        "fee": fee,
        "fee_units": fee_units,
        "total": total,
    }


def uom_round(uom, qty, method="HALF-UP"):
    """Round ``qty`` to the rounding of the Odoo UoM record ``uom``."""
    return float_round(qty, precision_rounding=uom.rounding or 0.01, rounding_method=method)
