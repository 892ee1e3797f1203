"""Small, honest statistics for small groups of posts with heavy tails.

A channel publishes a few dozen to a few hundred posts a year, and one post can
reach a hundred times more people than the next. So fokus compares **medians**,
puts an **interval** on every median and every difference, works on a **log scale**
where tails are heavy, refuses to rank groups below a **minimum size**, and pulls
small groups toward the overall value (**shrinkage**) before it lists them.

Everything here is deterministic and distribution-free or close to it:

* ``median_interval``: the exact order-statistic interval for a median (binomial),
  valid for any distribution.
* ``median_difference``: Bonett and Price's (2002) interval for the difference of
  two medians, built from the same order statistics; it scales to any group size.
* ``chance_to_beat`` and ``expected_loss``: read from the same normal
  approximation, as a flat-prior posterior of the difference.
* ``superiority``: the chance that a random post from A beats one from B (the
  Mann-Whitney probability), counting ties as half.
* ``shrink``: a group's value pulled toward the overall value, weighted by size.
* ``proportion_interval``: a share (k of n) with Wilson's score interval.

No random numbers: the same input always gives the same output, and the tests pin
exact values. Values are sorted and transformed with numpy, so that a channel of a
million posts costs milliseconds; every result is returned as a Python float.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist
from typing import Literal

import numpy as np
import numpy.typing as npt

Values = Sequence[float] | npt.NDArray[np.float64]
"""Values of a group: a list, or an array as the engine hands it over."""

MIN_POSTS = 10
"""A group with fewer posts is shown as "too few posts" and never ranked."""
LEVEL = 0.95
PRIOR_POSTS = 10
"""How many posts' worth of weight the overall value has when shrinking a group."""
_NORMAL = NormalDist()
_EXACT_BINOMIAL_UP_TO = 1000

Scale = Literal["linear", "log1p"]
"""``log1p`` compares ``log(1 + x)``: for counts with heavy tails. A difference on
that scale is reported back as a ratio of medians (``exp(d)``, nearly so for counts
well above 1)."""


@dataclass(frozen=True, slots=True)
class Interval:
    """An estimate with its interval and the number of values behind it."""

    estimate: float
    low: float | None
    high: float | None
    """``None`` when there are too few values for an interval at this level."""
    n: int
    level: float = LEVEL


@dataclass(frozen=True, slots=True)
class Difference:
    """How group A compares with group B (A minus B, on the chosen scale)."""

    difference: Interval
    """On the chosen scale; on ``log1p`` ``ratio`` gives the plain-scale reading."""
    scale: Scale
    n_a: int
    n_b: int
    chance_to_beat: float | None
    """The chance that A's median is above B's (flat-prior normal posterior)."""
    expected_loss: float | None
    """What choosing A costs on average when B is in fact better (same scale)."""

    @property
    def ratio(self) -> Interval | None:
        """The difference on the log scale read as a ratio of medians."""
        if self.scale != "log1p":
            return None
        d = self.difference
        return Interval(
            math.exp(d.estimate),
            None if d.low is None else math.exp(d.low),
            None if d.high is None else math.exp(d.high),
            d.n,
            d.level,
        )


def enough(n: int, minimum: int = MIN_POSTS) -> bool:
    """Whether a group is large enough to be compared and ranked."""
    return n >= minimum


def _sorted(values: Values) -> npt.NDArray[np.float64]:
    return np.sort(np.asarray(values, dtype=np.float64))


def median(values: Values) -> float:
    """The median; raises ``ValueError`` on no values (callers check ``n``)."""
    if len(values) == 0:
        raise ValueError("median of no values")
    return _median_of_sorted(_sorted(values))


def _median_of_sorted(ordered: npt.NDArray[np.float64]) -> float:
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (float(ordered[middle - 1]) + float(ordered[middle])) / 2


def _binomial_cdf(k: int, n: int) -> float:
    """P(Bin(n, 1/2) <= k): exact up to n = 1000, normal with continuity above."""
    if k < 0:
        return 0.0
    if k >= n:
        return 1.0
    if n <= _EXACT_BINOMIAL_UP_TO:
        return sum(math.comb(n, i) for i in range(k + 1)) / (
            1 << n
        )  # exact, then rounded
    return _NORMAL.cdf((k + 0.5 - n / 2) / math.sqrt(n / 4))


def _rank_for_level(n: int, level: float) -> int | None:
    """The largest c with P(Bin(n, 1/2) <= c - 1) <= (1 - level) / 2, or None.

    The order statistics x_(c) and x_(n-c+1) (1-based) bound the median with at
    least ``level`` coverage.
    """
    tail = (1 - level) / 2
    if n <= _EXACT_BINOMIAL_UP_TO:
        # Walk the binomial once, keeping the running count of outcomes <= i.
        total, running, term, c = 1 << n, 0, 1, 0
        for i in range(n + 1):
            running += term
            if running / total > tail:
                break
            c = i + 1
            term = term * (n - i) // (i + 1)
        return c if c >= 1 else None
    # Start from the normal approximation and correct by stepping.
    guess = math.floor(n / 2 - _NORMAL.inv_cdf(1 - tail) * math.sqrt(n) / 2)
    c = max(guess, 1)
    while c > 1 and _binomial_cdf(c - 1, n) > tail:
        c -= 1
    while _binomial_cdf(c, n) <= tail:
        c += 1
    return c


def median_interval(values: Values, level: float = LEVEL) -> Interval:
    """The median with its exact distribution-free interval (order statistics).

    Five values are too few for a 95 % interval (the whole range covers the
    median with only 94 % probability): the bounds are then ``None``.
    """
    if len(values) == 0:
        raise ValueError("median of no values")
    ordered = _sorted(values)
    n = len(ordered)
    estimate = _median_of_sorted(ordered)
    c = _rank_for_level(n, level)
    if c is None:
        return Interval(estimate, None, None, n, level)
    return Interval(estimate, float(ordered[c - 1]), float(ordered[n - c]), n, level)


def _median_se(ordered: npt.NDArray[np.float64]) -> float | None:
    """Bonett-Price standard error of a median from two order statistics."""
    n = len(ordered)
    if n < 3:
        return None
    c = max(1, round((n + 1) / 2 - math.sqrt(n)))
    tail = _binomial_cdf(c - 1, n)
    z = _NORMAL.inv_cdf(1 - tail)
    if z <= 0:
        return None
    return (float(ordered[n - c]) - float(ordered[c - 1])) / (2 * z)


def _scaled(values: Values, scale: Scale) -> npt.NDArray[np.float64]:
    array = np.asarray(values, dtype=np.float64)
    if scale == "log1p":
        return np.sort(np.log1p(np.maximum(array, 0.0)))
    return np.sort(array)


def median_difference(
    a: Values,
    b: Values,
    *,
    scale: Scale = "linear",
    level: float = LEVEL,
) -> Difference:
    """Median of A minus median of B, with Bonett and Price's interval.

    On the ``log1p`` scale the difference is a log ratio; ``Difference.ratio``
    reads it back. Groups of fewer than three values give no interval.
    """
    sa, sb = _scaled(a, scale), _scaled(b, scale)
    if len(sa) == 0 or len(sb) == 0:
        raise ValueError("median of no values")
    estimate = _median_of_sorted(sa) - _median_of_sorted(sb)
    se_a, se_b = _median_se(sa), _median_se(sb)
    n = len(sa) + len(sb)
    if se_a is None or se_b is None:
        return Difference(
            Interval(estimate, None, None, n, level), scale, len(sa), len(sb), None,
            None,
        )  # fmt: skip
    se = math.hypot(se_a, se_b)
    z = _NORMAL.inv_cdf(1 - (1 - level) / 2)
    interval = Interval(estimate, estimate - z * se, estimate + z * se, n, level)
    return Difference(
        interval,
        scale,
        len(sa),
        len(sb),
        chance_to_beat(estimate, se),
        expected_loss(estimate, se),
    )


def chance_to_beat(difference: float, se: float) -> float:
    """P(true difference > 0) under a normal posterior centred on the estimate."""
    if se == 0:
        return 1.0 if difference > 0 else (0.0 if difference < 0 else 0.5)
    return _NORMAL.cdf(difference / se)


def expected_loss(difference: float, se: float) -> float:
    """E[max(0, -D)] for D ~ N(difference, se²): the average shortfall of choosing
    A when B is better, in the units of the difference."""
    if se == 0:
        return max(0.0, -difference)
    z = difference / se
    return se * _NORMAL.pdf(z) - difference * (1 - _NORMAL.cdf(z))


def superiority(a: Values, b: Values) -> float:
    """P(a random value of A beats one of B), ties counted as half.

    Each value of A is placed among B's sorted values: O((m + n) log n). The
    count of wins is a sum of halves, exact in floating point.
    """
    if len(a) == 0 or len(b) == 0:
        raise ValueError("superiority needs two non-empty groups")
    ordered = _sorted(b)
    values = np.asarray(a, dtype=np.float64)
    below = np.searchsorted(ordered, values, side="left")
    above = np.searchsorted(ordered, values, side="right")
    wins = float(np.sum(below + (above - below) / 2))
    return wins / (len(values) * len(ordered))


def shrink(value: float, n: int, overall: float, prior: int = PRIOR_POSTS) -> float:
    """A group's value pulled toward the overall value: (n·v + k·overall)/(n + k).

    A group of ``prior`` posts lands halfway; a large group keeps nearly its own
    value. Used to order groups, never to report their measured value.
    """
    if n < 0 or prior < 0 or n + prior == 0:
        raise ValueError("shrink needs n >= 0 and prior >= 0, not both zero")
    return (n * value + prior * overall) / (n + prior)


def ranks(values: Sequence[float]) -> list[float]:
    """Ranks from 1, ties given the mean of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for i in order[start : end + 1]:
            out[i] = (start + end) / 2 + 1
        start = end + 1
    return out


def rank_correlation(
    x: Sequence[float], y: Sequence[float], level: float = LEVEL
) -> Interval | None:
    """Spearman's rank correlation with a Fisher-z interval.

    The standard error of ``atanh(rho)`` is ``sqrt(1.06 / (n - 3))`` (Fieller,
    Hartley and Pearson, 1957). None when either variable is constant; fewer than
    five pairs give no interval.
    """
    if len(x) != len(y):
        raise ValueError("rank_correlation needs pairs")
    n = len(x)
    if n < 2:
        return None
    rx, ry = ranks(x), ranks(y)
    mean = (n + 1) / 2
    sxy = sum((a - mean) * (b - mean) for a, b in zip(rx, ry, strict=True))
    sxx = sum((a - mean) ** 2 for a in rx)
    syy = sum((b - mean) ** 2 for b in ry)
    if not sxx or not syy:
        return None
    rho = sxy / math.sqrt(sxx * syy)
    if n < 5 or abs(rho) >= 1:
        return Interval(rho, None, None, n, level)
    z = _NORMAL.inv_cdf(1 - (1 - level) / 2) * math.sqrt(1.06 / (n - 3))
    centre = math.atanh(rho)
    return Interval(rho, math.tanh(centre - z), math.tanh(centre + z), n, level)


def proportion_interval(
    successes: int, n: int, level: float = LEVEL
) -> Interval | None:
    """A share (successes ÷ n) with Wilson's score interval; None when n is 0.

    Wilson (1927): unlike the plain normal interval it stays inside 0–1 and keeps
    its coverage for small n and for shares near 0 or 1 ("0 of 12" gets an upper
    bound, not a zero-width interval).
    """
    if n <= 0:
        return None
    if not 0 <= successes <= n:
        raise ValueError("proportion_interval needs 0 <= successes <= n")
    share = successes / n
    z = _NORMAL.inv_cdf(1 - (1 - level) / 2)
    centre = (share + z * z / (2 * n)) / (1 + z * z / n)
    half = (
        z * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    )
    return Interval(share, max(0.0, centre - half), min(1.0, centre + half), n, level)
