"""Properties of the pure split function (no database)."""

import unittest

from hypothesis import (
    given,
    settings,
    strategies as st,
)

from odoo.addons.umkm_partnership.tools.split import (
    Candidate,
    free_capacity,
    rank_candidates,
    split_quantity,
    split_schedule,
)

ROUNDING = 1.0

candidate = st.builds(
    Candidate,
    key=st.integers(min_value=1, max_value=10**6),
    free=st.integers(min_value=0, max_value=500).map(float),
    on_time_rate=st.sampled_from([60.0, 75.0, 80.0, 90.0, 95.0, 100.0]),
    reject_rate=st.sampled_from([0.0, 1.5, 5.0, 10.0]),
    active=st.booleans(),
    capable=st.booleans(),
)
candidates = st.lists(candidate, max_size=25, unique_by=lambda c: c.key)


class TestSplitProperties(unittest.TestCase):
    @settings(max_examples=200, deadline=None)
    @given(
        qty=st.integers(min_value=1, max_value=3000).map(float),
        cands=candidates,
        min_lot=st.integers(min_value=0, max_value=60).map(float),
    )
    def test_split_properties(self, qty, cands, min_lot):
        result = split_quantity(qty, cands, min_lot=min_lot, rounding=ROUNDING)
        by_key = {c.key: c for c in cands}
        allocated = sum(result.allocations.values())
        # sums exactly to the quantity, or reports exactly what is not covered
        self.assertEqual(allocated + result.uncovered, qty)
        self.assertGreaterEqual(result.uncovered, 0)
        for key, q in result.allocations.items():
            cand = by_key[key]
            # never to an inactive or incapable member, never over free capacity
            self.assertTrue(cand.active and cand.capable)
            self.assertGreater(q, 0)
            self.assertLessEqual(q, cand.free)
            # minimum lot, unless the whole quantity is smaller than one lot
            self.assertGreaterEqual(q, min(min_lot, qty))
        # capacity was really exhausted when something stays uncovered
        eligible = [c for c in cands if c.active and c.capable]
        if result.uncovered:
            lot = max(min(min_lot, qty), 1)
            for cand in eligible:
                spare = cand.free - result.allocations.get(cand.key, 0.0)
                if cand.key in result.allocations:
                    self.assertLess(spare, result.uncovered + 1e-9)
                else:
                    # an unused member could not take a full lot of what is left
                    self.assertTrue(cand.free < lot or result.uncovered < lot)
        # better-rated first: a worse member only works when the better ones are (nearly) full
        ranked = rank_candidates(cands)
        for i, better in enumerate(ranked):
            for worse in ranked[i + 1 :]:
                if result.allocations.get(worse.key) and better.free >= max(min_lot, 1):
                    self.assertGreaterEqual(
                        result.allocations.get(better.key, 0.0), better.free - max(min_lot, 1)
                    )

    @settings(max_examples=200, deadline=None)
    @given(
        qty=st.integers(min_value=1, max_value=2000).map(float),
        cands=candidates,
    )
    def test_without_lot_is_strict_greedy(self, qty, cands):
        result = split_quantity(qty, cands)
        ranked = rank_candidates(cands)
        remaining = qty
        for cand in ranked:
            expected = min(cand.free, remaining)
            self.assertEqual(result.allocations.get(cand.key, 0.0), expected)
            remaining -= expected
        self.assertEqual(result.uncovered, remaining)

    @settings(max_examples=100, deadline=None)
    @given(
        qty=st.integers(min_value=1, max_value=10000),
        free=st.lists(st.integers(min_value=0, max_value=5000), max_size=10),
    )
    def test_fractional_rounding_sums_exactly(self, qty, free):
        # quantities in hundredths (e.g. metres of cloth with a 0.01 rounding)
        cands = [Candidate(key=i, free=f / 100.0) for i, f in enumerate(free)]
        result = split_quantity(qty / 100.0, cands, rounding=0.01)
        total_units = round(sum(result.allocations.values()) * 100) + round(result.uncovered * 100)
        self.assertEqual(total_units, qty)
        for key, q in result.allocations.items():
            self.assertLessEqual(round(q * 100), free[key])

    @settings(max_examples=150, deadline=None)
    @given(
        lots=st.lists(st.integers(min_value=1, max_value=800), min_size=1, max_size=5),
        steps=st.lists(
            st.lists(st.integers(min_value=0, max_value=200), min_size=5, max_size=5),
            max_size=12,
        ),
        min_lot=st.integers(min_value=0, max_value=40),
    )
    def test_schedule_lot_by_lot(self, lots, steps, min_lot):
        # each candidate's free capacity until each lot's date: cumulative, never decreasing
        cands = []
        for key, increments in enumerate(steps, start=1):
            free, running = [], 0
            for inc in increments[: len(lots)]:
                running += inc
                free.append(float(running))
            cands.append(Candidate(key=key, free=free, on_time_rate=100.0 - key))
        plan = [(f"lot{i}", float(q)) for i, q in enumerate(lots)]
        results = split_schedule(plan, cands, min_lot=float(min_lot))
        taken = {}
        for index, (lot_key, qty) in enumerate(plan):
            result = results[lot_key]
            # each lot sums exactly to its quantity, or says what is not covered
            self.assertEqual(sum(result.allocations.values()) + result.uncovered, qty)
            for key, allocated in result.allocations.items():
                self.assertGreater(allocated, 0)
                self.assertGreaterEqual(allocated, min(min_lot, qty))
                taken[key] = taken.get(key, 0.0) + allocated
            # nobody has more until a lot's date than it can make until then
            for cand in cands:
                self.assertLessEqual(taken.get(cand.key, 0.0), cand.free[index])

    def test_schedule_example(self):
        a = Candidate(1, [10.0, 30.0], on_time_rate=95)
        b = Candidate(2, [10.0, 30.0], on_time_rate=90)
        results = split_schedule([("l1", 15.0), ("l2", 40.0)], [a, b])
        self.assertEqual(results["l1"].allocations, {1: 10, 2: 5})
        self.assertEqual(results["l2"].allocations, {1: 20, 2: 20})
        self.assertEqual(results["l2"].uncovered, 0)

    def test_rank_and_examples(self):
        a = Candidate(1, 50, on_time_rate=90, reject_rate=1)
        b = Candidate(2, 50, on_time_rate=95, reject_rate=5)
        c = Candidate(3, 80, on_time_rate=95, reject_rate=2)
        d = Candidate(4, 100, on_time_rate=99, active=False)
        e = Candidate(5, 100, on_time_rate=99, capable=False)
        self.assertEqual([x.key for x in rank_candidates([a, b, c, d, e])], [3, 2, 1])
        result = split_quantity(150, [a, b, c, d, e])
        self.assertEqual(result.allocations, {3: 80, 2: 50, 1: 20})
        self.assertEqual(result.uncovered, 0)
        result = split_quantity(200, [a, b, c])
        self.assertEqual(result.uncovered, 20)
        # minimum lot: leaves a full lot to the next member rather than a crumb
        result = split_quantity(110, [Candidate(1, 100, 99), Candidate(2, 100, 90)], min_lot=20)
        self.assertEqual(result.allocations, {1: 90, 2: 20})
        # a quantity smaller than the lot still goes to one member
        result = split_quantity(5, [Candidate(1, 100)], min_lot=20)
        self.assertEqual(result.allocations, {1: 5})

    def test_free_capacity(self):
        self.assertEqual(free_capacity(10, 14, 5), 15)
        self.assertEqual(free_capacity(10, 14, 50), 0)
        self.assertEqual(free_capacity(10, 0, 0), 0)
        self.assertEqual(free_capacity(10, -3, 0), 0)
