"""Property tests of the pure split / allocation arithmetic (no database needed)."""
# pylint: disable=unreachable  # hypothesis.assume() is typed as possibly not returning

from fractions import Fraction
from math import floor

from hypothesis import (
    assume,
    given,
    settings,
    strategies as st,
)

from odoo.addons.umkm_joint_procurement.tools.procurement_math import (
    allocate,
    alone_price,
    amount_units,
    from_units,
    largest_remainder,
    next_tier,
    order_quantity,
    pick_tier,
    split_billing,
    to_units,
    values_of_units,
)

demands_st = st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=40)
roundings = st.sampled_from([1.0, 0.1, 0.01, 0.001, 0.5, 5.0])
methods = st.sampled_from(["proportional", "equal_share"])
SETTINGS = settings(max_examples=200, deadline=None)


@SETTINGS
@given(demands=demands_st, available=st.integers(min_value=0, max_value=4 * 10**7), method=methods)
def test_allocation_bounds_and_exact_sum(demands, available, method):
    parts = allocate(available, demands, method)
    assert len(parts) == len(demands)
    assert all(0 <= p <= d for p, d in zip(parts, demands, strict=True))
    assert sum(parts) == min(available, sum(demands))


@SETTINGS
@given(demands=demands_st, available=st.integers(min_value=0, max_value=4 * 10**7))
def test_equal_share_is_max_min_fair(demands, available):
    parts = allocate(available, demands, "equal_share")
    top = max(parts)
    for part, demand in zip(parts, demands, strict=True):
        if part < demand:
            # an unsatisfied member gets at least as much as anyone else, to one unit
            assert part >= top - 1


@SETTINGS
@given(demands=demands_st, available=st.integers(min_value=0, max_value=4 * 10**7))
def test_proportional_is_within_one_unit_of_exact_share(demands, available):
    total = sum(demands)
    assume(total > available)
    parts = allocate(available, demands, "proportional")
    for part, demand in zip(parts, demands, strict=True):
        exact = Fraction(available * demand, total)
        assert exact - 1 < part < exact + 1


@SETTINGS
@given(
    qtys=st.lists(st.decimals(min_value=0, max_value=5000, places=3), min_size=1, max_size=30),
    received=st.decimals(min_value=0, max_value=150000, places=3),
    rounding=roundings,
    method=methods,
)
def test_allocation_in_uom_rounding_sums_to_received(qtys, received, rounding, method):
    demand_units = [to_units(q, rounding) for q in qtys]
    received_units = to_units(received, rounding)
    parts = allocate(received_units, demand_units, method)
    values = [from_units(p, rounding) for p in parts]
    assert values_of_units(parts, rounding) == values
    assert sum(parts) == min(received_units, sum(demand_units))
    for value, part in zip(values, parts, strict=True):
        assert to_units(value, rounding) == part


@SETTINGS
@given(
    total=st.integers(min_value=-(10**9), max_value=10**9),
    weights=st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=40),
)
def test_largest_remainder_sums_exactly(total, weights):
    assume(any(weights))
    parts = largest_remainder(total, weights)
    assert sum(parts) == total
    wsum = sum(weights)
    for part, weight in zip(parts, weights, strict=True):
        exact = Fraction(total * weight, wsum)
        assert abs(part - exact) < 1


def reference_largest_remainder(total, weights):
    """The textbook split in exact fractions, to check the integer implementation against."""
    weights = [Fraction(w) for w in weights]
    wsum = sum(weights)
    exact = [Fraction(total) * w / wsum for w in weights]
    parts = [floor(e) for e in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


@SETTINGS
@given(
    total=st.integers(min_value=0, max_value=10**12),
    weights=st.lists(
        st.one_of(
            st.integers(min_value=0, max_value=10**6),
            st.floats(min_value=0, max_value=10**6, allow_nan=False, allow_infinity=False),
            st.fractions(min_value=0, max_value=10**6),
        ),
        min_size=1,
        max_size=40,
    ),
)
def test_largest_remainder_equals_exact_fraction_split(total, weights):
    """Ints, floats and fractions give exactly the parts of the exact-fraction split."""
    assume(any(weights))
    assert largest_remainder(total, weights) == reference_largest_remainder(total, weights)


@SETTINGS
@given(
    value=st.decimals(min_value=-(10**9), max_value=10**9, places=4),
    rounding=roundings,
)
def test_to_units_is_half_up_of_the_decimal_value(value, rounding):
    exact = Fraction(str(value)) / Fraction(str(rounding))
    expected = floor(exact + Fraction(1, 2)) if exact >= 0 else -floor(-exact + Fraction(1, 2))
    assert to_units(float(value), rounding) == expected
    assert to_units(from_units(expected, rounding), rounding) == expected


@SETTINGS
@given(
    materials=st.lists(
        st.tuples(
            st.decimals(min_value=0, max_value=2000, places=2),
            st.decimals(min_value=0, max_value=500000, places=2),
        ),
        min_size=1,
        max_size=5,
    ),
    members=st.integers(min_value=1, max_value=25),
    data=st.data(),
    cost=st.decimals(min_value=0, max_value=10**7, places=2),
    fee=st.decimals(min_value=0, max_value=100, places=2),
    rounding=st.sampled_from([1.0, 0.01, 100.0]),
    cost_split=st.sampled_from(["by_value", "by_quantity"]),
)
def test_billing_sums_exactly_to_purchase_costs_and_fees(
    materials, members, data, cost, fee, rounding, cost_split
):
    rows = []
    for _qty, price in materials:
        weights = data.draw(
            st.lists(
                st.decimals(min_value=0, max_value=300, places=2),
                min_size=members,
                max_size=members,
            )
        )
        qty_total = sum(weights)
        rows.append((amount_units(qty_total, price, rounding), [float(w) for w in weights]))
    cost_units = to_units(cost, rounding)
    has_weight = any(any(w) for _a, w in rows)
    if cost_split == "by_value":
        has_weight = any(a for a, _w in rows)
    assume(has_weight or not cost_units)
    split = split_billing(rows, cost_units, fee, cost_split, members)
    purchase = sum(a for a, _w in rows)
    assert sum(split["total"]) == purchase + cost_units + split["fee_units"]
    exact_fee = Fraction(purchase + cost_units) * Fraction(str(fee)) / 100
    assert split["fee_units"] == floor(exact_fee + Fraction(1, 2))  # half-up
    assert all(c >= 0 for c in split["cost"]) and all(f >= 0 for f in split["fee"])
    for (amount, _w), parts in zip(rows, split["materials"], strict=True):
        assert sum(parts) == amount


def test_tiers_and_hint():
    tiers = [(0, 30.0, 1), (100, 27.0, 1), (500, 25.0, 1), (0, 29.0, 2), (200, 26.0, 2)]
    assert tiers[pick_tier(tiers, 80)][1] == 29.0
    assert tiers[pick_tier(tiers, 150)][1] == 27.0
    assert tiers[pick_tier(tiers, 290)][1] == 26.0
    assert next_tier(tiers, 150) == (50, 26.0)
    assert next_tier(tiers, 600) is None
    moq = [(10, 50.0, 1), (50, 45.0, 1)]
    assert pick_tier(moq, 3) == 0  # under every MOQ: the cheapest minimum order
    assert pick_tier([], 3) is None


def test_alone_price_is_the_tier_at_the_members_own_quantity():
    tiers = [(0, 30.0, 1), (100, 27.0, 1), (500, 25.0, 1), (0, 29.0, 2), (200, 26.0, 2)]
    assert alone_price(tiers, 80) == 29.0  # alone: the cheapest tier from 0
    assert alone_price(tiers, 150) == 27.0
    assert alone_price([(10, 50.0, 1), (50, 45.0, 1)], 3) == 50.0  # under the MOQ
    assert alone_price([], 3) is None


def test_order_quantity_moq_and_packaging():
    assert order_quantity(7, 10, 5) == 10
    assert order_quantity(11, 10, 5) == 15
    assert order_quantity(10.1, 0, 0.1) == 10.1
    assert order_quantity(3, 0, 0) == 3
