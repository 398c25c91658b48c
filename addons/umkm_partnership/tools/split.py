"""Pure-Python split of an order quantity among candidate members.

Kept free of the ORM so that it can be property-tested quickly (hypothesis).
Quantities are handled as whole multiples of the unit's rounding so that the
proposal sums exactly.
"""

from typing import NamedTuple

from odoo.addons.umkm_cluster.tools.units import from_units, to_units


class Candidate(NamedTuple):
    key: int
    free: float
    on_time_rate: float = 100.0
    reject_rate: float = 0.0
    active: bool = True
    capable: bool = True


class SplitResult(NamedTuple):
    allocations: dict
    uncovered: float


def rank_key(candidate):
    """Sort key of a candidate, best first: higher on-time rate, lower reject rate, more spare
    capacity, then key (so that equal members always come in the same order)."""
    return (-candidate.on_time_rate, candidate.reject_rate, -candidate.free, candidate.key)


def rank_candidates(candidates):
    """The active and capable candidates, best first (see :func:`rank_key`)."""
    return sorted((c for c in candidates if c.active and c.capable), key=rank_key)


def split_quantity(qty, candidates, min_lot=0.0, rounding=1.0):
    """Propose how much of ``qty`` each candidate makes.

    * only active and capable candidates get work, never more than their ``free`` capacity;
    * the best-ranked candidates are filled first (see :func:`rank_candidates`);
    * no allocation is smaller than ``min_lot``, unless ``qty`` itself is smaller than the lot;
    * the allocations plus ``uncovered`` sum exactly to ``qty`` (in multiples of ``rounding``).

    :return: ``SplitResult(allocations={key: qty}, uncovered=qty)``
    """
    if rounding <= 0:
        raise ValueError("rounding must be positive")
    # whole rounding steps, never negative (no one makes a negative quantity)
    total = max(0, to_units(qty, rounding, "HALF-UP"))
    lot = max(0, to_units(min_lot or 0.0, rounding, "UP"))
    if total < lot:
        lot = total
    lot = max(lot, 1)
    ranked = rank_candidates(candidates)
    free = {c.key: max(0, to_units(c.free, rounding, "DOWN")) for c in ranked}
    units = {}
    remaining = total
    for cand in ranked:
        if not remaining:
            break
        cap = free[cand.key]
        if cap < lot:
            continue
        take = min(cap, remaining)
        leftover = remaining - take
        if 0 < leftover < lot and take - (lot - leftover) >= lot:
            # leave a full lot for the next member rather than a crumb nobody may take
            take -= lot - leftover
        if take < lot:
            continue
        units[cand.key] = take
        remaining -= take
    if remaining:
        # top up members already chosen, best first, with what is left (below one lot)
        for cand in ranked:
            if not remaining:
                break
            if cand.key not in units:
                continue
            extra = min(free[cand.key] - units[cand.key], remaining)
            if extra > 0:
                units[cand.key] += extra
                remaining -= extra
    allocations = {key: from_units(u, rounding) for key, u in units.items() if u}
    return SplitResult(allocations, from_units(remaining, rounding))


def free_capacity(qty_per_week, days_left, load):
    """Weekly capacity × weeks until the due date − work already accepted (never negative)."""
    if days_left <= 0:
        return 0.0
    return max(0.0, qty_per_week * days_left / 7.0 - (load or 0.0))


def split_schedule(lots, candidates, min_lot=0.0, rounding=1.0):
    """Split an order delivered in several lots, lot by lot in date order.

    ``lots``: list of ``(lot key, quantity to assign)`` sorted by due date.
    ``candidates``: list of :class:`Candidate` whose ``free`` is a list, one figure per lot: the
    candidate's free capacity until that lot's date (cumulative, so never decreasing). What a
    candidate gets in earlier lots is taken from its capacity for the later ones: its total
    until a lot never exceeds its free capacity until that lot's date.

    :return: ``{lot key: SplitResult}``; each lot's allocations plus uncovered sum exactly to
        its quantity
    """
    used = {}
    results = {}
    for index, (lot_key, qty) in enumerate(lots):
        lot_candidates = [
            cand._replace(free=max(0.0, cand.free[index] - used.get(cand.key, 0.0)))
            for cand in candidates
        ]
        result = split_quantity(qty, lot_candidates, min_lot=min_lot, rounding=rounding)
        for key, allocated in result.allocations.items():
            used[key] = from_units(
                to_units(used.get(key, 0.0), rounding, "HALF-UP")
                + to_units(allocated, rounding, "HALF-UP"),
                rounding,
            )
        results[lot_key] = result
    return results
