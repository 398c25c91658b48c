from datetime import date

from hypothesis import (
    given,
    settings,
    strategies as st,
)

from odoo.tests import BaseCase

from ..tools.surplus import day_weighted_basis, split_pool, split_pools, year_end_basis


class TestSurplusMath(BaseCase):
    def test_worked_example(self):
        """SHU Rp 25.000.000, jasa modal 20 %, jasa usaha 30 %: a member with Rp 1.200.000 of
        Rp 70.000.000 savings and Rp 1.500.000 of Rp 20.000.000 transactions gets Rp 85.714
        (±1, largest remainder) and Rp 562.500."""
        reserve, usaha, modal, funds = split_pools(25_000_000, [40, 30, 20, 10])
        self.assertEqual(
            (reserve, usaha, modal, funds), (10_000_000, 7_500_000, 5_000_000, 2_500_000)
        )
        capital = [1_200_000, 68_800_000]
        transactions = [1_500_000, 18_500_000]
        member_modal = split_pool(modal, capital)[0]
        member_usaha = split_pool(usaha, transactions)[0]
        self.assertLessEqual(abs(member_modal - 85_714), 1)
        self.assertEqual(member_usaha, 562_500)

    @settings(max_examples=200, deadline=None)
    @given(
        total=st.integers(min_value=0, max_value=10**12),
        percents=st.lists(st.floats(min_value=0, max_value=100), min_size=1, max_size=9).filter(
            lambda p: sum(p) > 0
        ),
    )
    def test_pools_sum_exactly(self, total, percents):
        pools = split_pools(total, percents)
        self.assertEqual(sum(pools), total)
        self.assertTrue(all(p >= 0 for p in pools))

    @settings(max_examples=200, deadline=None)
    @given(
        pool=st.integers(min_value=0, max_value=10**11),
        bases=st.lists(st.floats(min_value=0, max_value=10**10), min_size=1, max_size=60).filter(
            any
        ),
    )
    def test_member_shares_sum_exactly(self, pool, bases):
        shares = split_pool(pool, bases)
        self.assertEqual(sum(shares), pool)
        for share, basis in zip(shares, bases, strict=True):
            if not basis:
                self.assertEqual(share, 0, "no basis, no share")
            exact = pool * basis / sum(bases)
            self.assertLessEqual(abs(share - exact), 1.0 + 1e-6 * exact)

    def test_no_transactions_only_capital_share(self):
        usaha = split_pool(7_500_000, [0, 2_000_000, 3_000_000])
        modal = split_pool(5_000_000, [1_000_000, 1_000_000, 2_000_000])
        self.assertEqual(usaha[0], 0)
        self.assertEqual(modal[0], 1_250_000)

    def test_no_basis_shares_nothing(self):
        self.assertEqual(split_pool(1000, [0, 0]), [0, 0])

    def test_year_end_and_day_weighted(self):
        start, end = date(2025, 1, 1), date(2025, 12, 31)
        moves = [(date(2024, 6, 1), 100_000), (date(2025, 7, 2), 365_000), (date(2026, 1, 5), 1)]
        self.assertEqual(year_end_basis(moves, end), 465_000)
        # held all year: 100.000; paid in on 2 July: 183 days of 365
        self.assertAlmostEqual(day_weighted_basis(moves, start, end), 100_000 + 365_000 * 183 / 365)
        # a withdrawal counts from its day
        self.assertAlmostEqual(
            day_weighted_basis([(start, 365_000), (date(2025, 12, 31), -365_000)], start, end),
            365_000 * 364 / 365,
        )

    @settings(max_examples=100, deadline=None)
    @given(
        amounts=st.lists(st.integers(min_value=1, max_value=10**8), min_size=1, max_size=20),
        days=st.lists(st.integers(min_value=0, max_value=364), min_size=20, max_size=20),
    )
    def test_day_weighted_never_above_year_end(self, amounts, days):
        start, end = date(2025, 1, 1), date(2025, 12, 31)
        moves = [
            (date.fromordinal(start.toordinal() + d), a)
            for a, d in zip(amounts, days, strict=False)
        ]
        weighted = day_weighted_basis(moves, start, end)
        self.assertLessEqual(weighted, year_end_basis(moves, end) + 1e-6)
        self.assertGreater(weighted, 0)
