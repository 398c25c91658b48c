"""Properties of the split policies (rotation, capacity share) of the pure split function."""

import unittest

from hypothesis import (
    given,
    settings,
    strategies as st,
)

from odoo.addons.umkm_partnership.tools.split import (
    Candidate,
    priority_key,
    split_quantity,
    split_schedule,
)

candidate = st.builds(
    Candidate,
    key=st.integers(min_value=1, max_value=10**6),
    free=st.integers(min_value=0, max_value=500).map(float),
    on_time_rate=st.sampled_from([60.0, 80.0, 90.0, 100.0]),
    reject_rate=st.sampled_from([0.0, 1.5, 5.0]),
    active=st.booleans(),
    capable=st.booleans(),
    received=st.integers(min_value=0, max_value=2000).map(float),
)
candidates = st.lists(candidate, max_size=25, unique_by=lambda c: c.key)
policies = st.sampled_from(["rotation", "capacity"])


def run_orders(policy, members, free, quantities, min_lot):
    """Split ``quantities`` one order after the other among ``members`` equally able members
    (same ratings, the same free capacity for each order), what each received so far counting
    for the next. Checks each split sums exactly and respects capacity and the minimum lot.
    :return: each member's cumulative work"""
    work = dict.fromkeys(range(1, members + 1), 0.0)
    for qty in quantities:
        cands = [Candidate(key, float(free), 90.0, 1.0, received=work[key]) for key in work]
        result = split_quantity(float(qty), cands, min_lot=float(min_lot), policy=policy)
        assert sum(result.allocations.values()) + result.uncovered == qty
        assert result.uncovered >= 0
        for key, allocated in result.allocations.items():
            assert 0 < allocated <= free
            assert allocated >= min(min_lot, qty)
            work[key] += allocated
    return work


def spread(work):
    return max(work.values()) - min(work.values())


class TestSplitPolicyProperties(unittest.TestCase):
    @settings(max_examples=300, deadline=None)
    @given(
        qty=st.integers(min_value=1, max_value=3000).map(float),
        cands=candidates,
        min_lot=st.integers(min_value=0, max_value=60).map(float),
        policy=policies,
    )
    def test_every_policy_sums_exactly_within_capacity(self, qty, cands, min_lot, policy):
        result = split_quantity(qty, cands, min_lot=min_lot, policy=policy)
        by_key = {c.key: c for c in cands}
        self.assertEqual(sum(result.allocations.values()) + result.uncovered, qty)
        self.assertGreaterEqual(result.uncovered, 0)
        for key, allocated in result.allocations.items():
            cand = by_key[key]
            self.assertTrue(cand.active and cand.capable)
            self.assertGreater(allocated, 0)
            self.assertLessEqual(allocated, cand.free)
            self.assertEqual(allocated, int(allocated))  # whole pieces
            self.assertGreaterEqual(allocated, min(min_lot, qty))
        eligible = [c for c in cands if c.active and c.capable]
        if result.uncovered and min_lot <= 1:
            # something stays uncovered only when every able member is full
            for cand in eligible:
                self.assertEqual(result.allocations.get(cand.key, 0.0), cand.free)

    @settings(max_examples=300, deadline=None)
    @given(
        members=st.integers(min_value=2, max_value=12),
        free=st.integers(min_value=1, max_value=300),
        quantities=st.lists(st.integers(min_value=1, max_value=1000), min_size=2, max_size=15),
        min_lot=st.integers(min_value=0, max_value=50),
    )
    def test_rotation_spreads_work_more_evenly(self, members, free, quantities, min_lot):
        """Over a sequence of orders, the spread of the cumulative work between equally able
        members is never larger under rotation than by performance, and stays within one
        order's largest share; by performance it grows with the orders."""
        rotation = spread(run_orders("rotation", members, free, quantities, min_lot))
        performance = spread(run_orders("performance", members, free, quantities, min_lot))
        self.assertLessEqual(rotation, performance)
        largest_share = max(min(free, qty) for qty in quantities)
        self.assertLessEqual(rotation, largest_share)
        if performance > largest_share:
            self.assertLess(rotation, performance)

    def test_rotation_example(self):
        # six orders of 30 pieces among three equal members with 100 free each: by
        # performance the first member makes everything, by rotation each makes 60
        performance = run_orders("performance", 3, 100, [30] * 6, 0)
        rotation = run_orders("rotation", 3, 100, [30] * 6, 0)
        self.assertEqual(performance, {1: 180.0, 2: 0.0, 3: 0.0})
        self.assertEqual(rotation, {1: 60.0, 2: 60.0, 3: 60.0})
        # who received less gets more; who received more than the level gets nothing
        result = split_quantity(
            100,
            [Candidate(1, 100, received=50), Candidate(2, 100), Candidate(3, 100)],
            policy="rotation",
        )
        self.assertEqual(result.allocations, {2: 50, 3: 50})
        # the minimum lot does not force work on a member who received more than the level
        result = split_quantity(
            100,
            [Candidate(1, 100), Candidate(2, 100), Candidate(3, 100, received=1000)],
            min_lot=20,
            policy="rotation",
        )
        self.assertEqual(result.allocations, {1: 50, 2: 50})
        # ... unless the others cannot cover the order without it
        result = split_quantity(
            110,
            [Candidate(1, 100), Candidate(2, 100, received=1000)],
            min_lot=20,
            policy="rotation",
        )
        self.assertEqual(result.allocations, {1: 90, 2: 20})

    @settings(max_examples=200, deadline=None)
    @given(
        qty=st.integers(min_value=1, max_value=3000),
        free=st.lists(st.integers(min_value=1, max_value=500), min_size=1, max_size=20),
    )
    def test_capacity_share_is_proportional(self, qty, free):
        """Each member's share is its free capacity's share of the order, within one piece
        (largest remainder), never over its capacity, summing exactly."""
        cands = [Candidate(key, float(f)) for key, f in enumerate(free, start=1)]
        result = split_quantity(float(qty), cands, policy="capacity")
        total_free = sum(free)
        self.assertEqual(sum(result.allocations.values()) + result.uncovered, qty)
        if qty >= total_free:
            self.assertEqual(result.allocations, {c.key: c.free for c in cands})
            self.assertEqual(result.uncovered, qty - total_free)
            return
        self.assertEqual(result.uncovered, 0)
        if all(qty * f / total_free >= 1 for f in free):
            for cand in cands:
                exact = qty * cand.free / total_free
                self.assertLess(abs(result.allocations.get(cand.key, 0.0) - exact), 1)

    def test_capacity_example(self):
        cands = [Candidate(1, 10), Candidate(2, 30), Candidate(3, 60)]
        self.assertEqual(
            split_quantity(50, cands, policy="capacity").allocations, {1: 5, 2: 15, 3: 30}
        )
        # 100 × 10/110 = 9.09, × 40/110 = 36.36, × 60/110 = 54.55: the remaining piece to the
        # largest remainder
        cands = [Candidate(1, 10), Candidate(2, 40), Candidate(3, 60)]
        self.assertEqual(
            split_quantity(100, cands, policy="capacity").allocations, {1: 9, 2: 36, 3: 55}
        )
        # with a minimum lot, a member who cannot take a lot is left out
        self.assertEqual(
            split_quantity(50, cands, min_lot=12, policy="capacity").allocations,
            {2: 20, 3: 30},
        )
        # in hundredths (metres of cloth): still exact
        result = split_quantity(
            10.0, [Candidate(1, 3.33), Candidate(2, 3.33), Candidate(3, 3.34)], 0, 0.01, "capacity"
        )
        self.assertEqual(sorted(result.allocations.values()), [3.33, 3.33, 3.34])
        self.assertEqual(result.uncovered, 0)
        # served first: most free capacity under capacity, least received under rotation
        self.assertEqual([c.key for c in sorted(cands, key=priority_key("capacity"))], [3, 2, 1])
        with self.assertRaises(ValueError):
            split_quantity(10, cands, policy="lottery")

    def test_schedule_rotation_counts_earlier_lots(self):
        a = Candidate(1, [20.0, 60.0])
        b = Candidate(2, [20.0, 60.0], received=10.0)
        results = split_schedule([("l1", 10.0), ("l2", 40.0)], [a, b], policy="rotation")
        # lot 1 levels a's 0 with b's 10; lot 2 then splits evenly on 10 each
        self.assertEqual(results["l1"].allocations, {1: 10})
        self.assertEqual(results["l2"].allocations, {1: 20, 2: 20})
