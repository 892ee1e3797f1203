"""The statistics module, against values worked out by hand or by brute force."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest

from fokus.analyses.stats import (
    Interval,
    chance_to_beat,
    enough,
    expected_loss,
    median,
    median_difference,
    median_interval,
    proportion_interval,
    shrink,
    superiority,
)


def test_median_of_odd_and_even_groups() -> None:
    assert median([5, 1, 3]) == 3.0
    assert median([4, 1, 3, 2]) == 2.5
    with pytest.raises(ValueError):
        median([])


def test_median_interval_of_ten_values_is_second_to_ninth() -> None:
    # P(Bin(10, 1/2) <= 1) = 11/1024 <= 0.025 < P(<= 2) = 56/1024: c = 2.
    assert median_interval(list(range(10, 0, -1))) == Interval(5.5, 2.0, 9.0, 10)


def test_five_values_are_too_few_for_a_95_percent_interval() -> None:
    # The whole range covers the median with 1 - 2/32 = 93.75 % only.
    assert median_interval([1, 2, 3, 4, 5]) == Interval(3.0, None, None, 5)
    assert median_interval([1, 2, 3, 4, 5, 6]) == Interval(3.5, 1.0, 6.0, 6)


def _brute_rank(n: int, level: float) -> int:
    tail = Fraction(1 - level).limit_denominator(10**6) / 2
    c = 0
    while sum(math.comb(n, i) for i in range(c + 1)) / Fraction(2**n) <= tail:
        c += 1
    return c


@pytest.mark.parametrize("n", [6, 9, 17, 40, 101, 500, 999])
def test_interval_ranks_match_the_exact_binomial(n: int) -> None:
    values = list(range(1, n + 1))
    got = median_interval(values)
    c = _brute_rank(n, 0.95)
    assert (got.low, got.high) == (float(c), float(n - c + 1))


def test_large_groups_use_the_normal_binomial_and_stay_close() -> None:
    n = 5001
    got = median_interval(list(range(1, n + 1)))
    # Normal approximation with continuity: P(X <= 2430) = 0.02387 <= 0.025 <
    # P(X <= 2431) = 0.02550, so c = 2431.
    assert (got.low, got.high) == (2431.0, 2571.0)


def test_superiority_counts_ties_as_half() -> None:
    assert superiority([1, 2, 3], [2, 2]) == 0.5
    assert superiority([3, 4], [1, 2]) == 1.0
    assert superiority([1], [1]) == 0.5


def test_superiority_equals_the_pairwise_count() -> None:
    a = [0, 3, 3, 7, 10, 10, 12]
    b = [1, 3, 7, 7, 8]
    pairs = list(itertools.product(a, b))
    expected = sum((x > y) + 0.5 * (x == y) for x, y in pairs) / len(pairs)
    assert superiority(a, b) == pytest.approx(expected, abs=1e-12)


def test_median_difference_bonett_price() -> None:
    a = [float(v) for v in range(11, 21)]  # median 15.5
    b = [float(v) for v in range(1, 11)]  # median 5.5
    got = median_difference(a, b)
    assert got.difference.estimate == 10.0
    # n = 10: c = round(5.5 - √10) = 2, tail = 11/1024, z = Φ⁻¹(1 - 11/1024);
    # each SE = (x_(9) - x_(2)) / (2z) = 7 / (2z); both groups the same.
    z = 2.2993623  # Φ⁻¹(0.98925781)
    se = math.hypot(7 / (2 * z), 7 / (2 * z))
    assert got.difference.low == pytest.approx(10 - 1.959964 * se, abs=1e-5)
    assert got.difference.high == pytest.approx(10 + 1.959964 * se, abs=1e-5)
    assert (got.n_a, got.n_b) == (10, 10)
    assert got.chance_to_beat == pytest.approx(0.99999, abs=1e-5)
    assert got.expected_loss == pytest.approx(0.0, abs=1e-6)
    assert got.ratio is None


def test_median_difference_on_the_log_scale_reads_as_a_ratio() -> None:
    a = [9.0] * 5 + [99.0] * 5  # log1p: ln 10, ln 100
    b = [0.0] * 5 + [9.0] * 5  # log1p: 0, ln 10
    got = median_difference(a, b, scale="log1p")
    # Medians on the log scale: (ln10 + ln100)/2 and (0 + ln10)/2 → ratio 10.
    assert got.ratio is not None
    assert got.ratio.estimate == pytest.approx(10.0)


def test_too_small_groups_give_no_interval() -> None:
    got = median_difference([1.0, 2.0], [1.0, 2.0, 3.0])
    assert (got.difference.low, got.difference.high) == (None, None)
    assert got.chance_to_beat is None


def test_chance_and_loss_of_a_normal_posterior() -> None:
    assert chance_to_beat(0.0, 1.0) == 0.5
    assert chance_to_beat(1.959964, 1.0) == pytest.approx(0.975, abs=1e-6)
    # E[max(0, -D)], D ~ N(0, 1) = φ(0) = 1/√(2π).
    assert expected_loss(0.0, 1.0) == pytest.approx(1 / math.sqrt(2 * math.pi))
    assert expected_loss(-2.0, 0.0) == 2.0
    assert chance_to_beat(-1.0, 0.0) == 0.0


def test_shrink_pulls_small_groups_halfway_at_the_prior() -> None:
    assert shrink(0.2, 10, 0.1) == pytest.approx(0.15)
    assert shrink(0.2, 990, 0.1, prior=10) == pytest.approx(0.199)
    assert shrink(0.2, 0, 0.1) == pytest.approx(0.1)
    with pytest.raises(ValueError):
        shrink(0.2, 0, 0.1, prior=0)


def test_minimum_group_size() -> None:
    assert not enough(9)
    assert enough(10)
    assert enough(3, minimum=3)


def test_proportion_interval_is_wilsons() -> None:
    half = proportion_interval(5, 10)
    assert half is not None
    assert (half.estimate, half.n) == (0.5, 10)
    assert (half.low, half.high) == pytest.approx((0.2366, 0.7634), abs=1e-4)
    none = proportion_interval(0, 12)
    assert none is not None
    # z² ÷ (n + z²): the upper bound of "0 of 12", never a zero-width interval.
    assert (none.low, none.high) == pytest.approx((0.0, 0.24249), abs=1e-5)
    assert proportion_interval(0, 0) is None
    with pytest.raises(ValueError, match="successes"):
        proportion_interval(3, 2)
