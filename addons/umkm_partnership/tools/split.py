"""Pure-Python split of an order quantity among candidate members.

Kept free of the ORM so that it can be property-tested quickly (hypothesis).
Quantities are handled as whole multiples of the unit's rounding so that the
proposal sums exactly.

Three policies (``umkm.cluster.split_policy``):

* ``performance``: the best-rated members are filled first (see :func:`rank_key`);
* ``rotation``: towards the members who received less of this work lately
  (``Candidate.received``): their received work plus their share is levelled;
* ``capacity``: in proportion to each member's free capacity.
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
    # work of this capability the member received lately (rotation), in the order's unit
    received: float = 0.0


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


POLICIES = ("performance", "rotation", "capacity")


def priority_key(policy):
    """Sort key of the candidates under ``policy``, first served first: the best-rated
    (performance), who received least (rotation), who has most free capacity (capacity); ties
    by :func:`rank_key`."""
    if policy == "rotation":
        return lambda c: (c.received, *rank_key(c))
    if policy == "capacity":
        return lambda c: (-c.free, *rank_key(c))
    return rank_key


def split_quantity(qty, candidates, min_lot=0.0, rounding=1.0, policy="performance"):
    """Propose how much of ``qty`` each candidate makes.

    * only active and capable candidates get work, never more than their ``free`` capacity;
    * ``performance``: the best-ranked candidates are filled first (see
      :func:`rank_candidates`); ``rotation``: the shares level ``received`` + share, those who
      received least first; ``capacity``: shares in proportion to ``free``;
    * no allocation is smaller than ``min_lot``, unless ``qty`` itself is smaller than the lot;
    * the allocations plus ``uncovered`` sum exactly to ``qty`` (in multiples of ``rounding``,
      the last steps of a share given by largest remainder).

    :return: ``SplitResult(allocations={key: qty}, uncovered=qty)``
    """
    if rounding <= 0:
        raise ValueError("rounding must be positive")
    if policy not in POLICIES:
        raise ValueError(f"unknown split policy {policy!r}")
    # whole rounding steps, never negative (no one makes a negative quantity)
    total = max(0, to_units(qty, rounding, "HALF-UP"))
    lot = max(0, to_units(min_lot or 0.0, rounding, "UP"))
    if total < lot:
        lot = total
    lot = max(lot, 1)
    if policy != "performance":
        return _split_balanced(total, lot, candidates, rounding, policy)
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


def _level(total, lot, pool, free, weight, base):
    """Shares of ``total`` units among ``pool`` (keys): ``clamp(weight × level − base, lot,
    free)``, the level found so that they sum to ``total`` (at most the pool's capacity),
    then whole units by largest remainder (ties in the pool's order). Each share is within
    ``[lot, free]``.

    :return: ``(units, level)``; no level (None) when the pool's capacity is all taken"""
    capacity = sum(free[k] for k in pool)
    if total >= capacity:
        return {k: free[k] for k in pool}, None

    def share(key, level):
        return min(free[key], max(lot, weight[key] * level - base[key]))

    low = min((base[k] + lot) / weight[k] for k in pool)
    high = max((base[k] + free[k]) / weight[k] for k in pool)
    for _i in range(200):
        middle = (low + high) / 2
        if middle in (low, high):
            break
        if sum(share(k, middle) for k in pool) > total:
            high = middle
        else:
            low = middle
    exact = {k: share(k, low) for k in pool}
    units = {k: min(free[k], max(lot, int(exact[k]))) for k in pool}
    remaining = total - sum(units.values())
    order = {k: i for i, k in enumerate(pool)}
    # the steps left go one each to the largest remainders; float noise aside, one round
    while remaining > 0:
        room = sorted(
            (k for k in pool if units[k] < free[k]), key=lambda k: (units[k] - exact[k], order[k])
        )
        if not room:
            break
        for key in room[:remaining]:
            units[key] += 1
        remaining = total - sum(units.values())
    while remaining < 0:
        over = sorted(
            (k for k in pool if units[k] > lot), key=lambda k: (exact[k] - units[k], -order[k])
        )
        if not over:
            break
        for key in over[:-remaining]:
            units[key] -= 1
        remaining = total - sum(units.values())
    return units, low


def _split_balanced(total, lot, candidates, rounding, policy):
    """:func:`split_quantity` under the ``rotation`` or ``capacity`` policy, in units.

    The pool: the candidates who can take a lot, served in :func:`priority_key` order, as many
    as can each get a lot. A member the levelling gives nothing (it received more than the
    level) but whom the minimum lot would force in leaves the pool, while the others still
    cover what the pool covered."""
    ranked = sorted((c for c in candidates if c.active and c.capable), key=priority_key(policy))
    free = {c.key: max(0, to_units(c.free, rounding, "DOWN")) for c in ranked}
    pool = [c.key for c in ranked if free[c.key] >= lot]
    if policy == "rotation":
        weight = dict.fromkeys(pool, 1)
        base = {c.key: max(0, to_units(c.received, rounding, "HALF-UP")) for c in ranked}
    else:
        weight = {k: free[k] for k in pool}
        base = dict.fromkeys(pool, 0)
    pool = pool[: total // lot]
    units = {}
    while pool:
        units, level = _level(total, lot, pool, free, weight, base)
        if policy != "rotation" or level is None:
            break
        # who received more than the level would get nothing but for the minimum lot
        idle = [k for k in reversed(pool) if base[k] >= level]
        dropped = False
        for key in idle:
            if sum(free[k] for k in pool) - free[key] >= total:
                pool.remove(key)
                dropped = True
        if not dropped:
            break
    units = {k: u for k, u in units.items() if u and k in pool}
    remaining = total - sum(units.values())
    allocations = {key: from_units(u, rounding) for key, u in units.items()}
    return SplitResult(allocations, from_units(remaining, rounding))


def free_capacity(qty_per_week, days_left, load):
    """Weekly capacity × weeks until the due date − work already accepted (never negative)."""
    if days_left <= 0:
        return 0.0
    return max(0.0, qty_per_week * days_left / 7.0 - (load or 0.0))


def split_schedule(lots, candidates, min_lot=0.0, rounding=1.0, policy="performance"):
    """Split an order delivered in several lots, lot by lot in date order.

    ``lots``: list of ``(lot key, quantity to assign)`` sorted by due date.
    ``candidates``: list of :class:`Candidate` whose ``free`` is a list, one figure per lot: the
    candidate's free capacity until that lot's date (cumulative, so never decreasing). What a
    candidate gets in earlier lots is taken from its capacity for the later ones: its total
    until a lot never exceeds its free capacity until that lot's date.

    :return: ``{lot key: SplitResult}``; each lot's allocations plus uncovered sum exactly to
        its quantity. Under ``rotation`` what a candidate gets in earlier lots counts as received.
    """
    used = {}
    results = {}
    for index, (lot_key, qty) in enumerate(lots):
        lot_candidates = [
            cand._replace(
                free=max(0.0, cand.free[index] - used.get(cand.key, 0.0)),
                received=cand.received + used.get(cand.key, 0.0),
            )
            for cand in candidates
        ]
        result = split_quantity(
            qty, lot_candidates, min_lot=min_lot, rounding=rounding, policy=policy
        )
        for key, allocated in result.allocations.items():
            used[key] = from_units(
                to_units(used.get(key, 0.0), rounding, "HALF-UP")
                + to_units(allocated, rounding, "HALF-UP"),
                rounding,
            )
        results[lot_key] = result
    return results
