"""The diminishing-returns curve of posting frequency: result = a · posts ** b.

Fitted by least squares on the log scale, one point per week with at least one
post: ``log(result) = log(a) + b · log(posts)``. ``b`` is the elasticity: doubling
the posts of a week multiplies its result by ``2 ** b``. ``b < 1`` means each extra
post adds less than the one before (diminishing returns); ``b = 1`` means every post
adds the same. Its interval is the exact t-interval of a regression slope, with the
t quantile computed here (no SciPy): deterministic, pinned by tests.

The recommended frequency follows one stated rule: the largest number of posts a
week whose marginal result, ``a · (p ** b - (p - 1) ** b)``, is still at least half
the first post's (``a``), within the range of weeks actually observed. It is read at
the top of ``b``'s interval, so fokus advises cutting only as far as the data is
sure of.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from fokus.analyses.stats import LEVEL

MIN_WEEKS = 10
"""Weeks with a post needed before a curve is fitted."""
MIN_DISTINCT_COUNTS = 3
"""Different numbers of posts a week needed: a slope needs spread in x."""
MARGINAL_SHARE = 0.5
"""An extra post is worth it while it adds at least this share of the first's."""
_EPS = 3e-16
_TINY = 1e-300


@dataclass(frozen=True, slots=True)
class LogLogFit:
    """``result = a · posts ** b`` fitted on ``weeks`` weeks."""

    a: float
    b: float
    low: float
    high: float
    """The interval on ``b`` at ``level``."""
    weeks: int
    level: float = LEVEL

    @property
    def diminishing(self) -> bool:
        """Whether the whole interval on ``b`` lies below 1."""
        return self.high < 1

    def doubling(self) -> float:
        """How many times the result grows when the posts of a week double."""
        return float(2**self.b)


def _beta_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz)."""
    qab, qap, qam = a + b, a + 1, a - 1
    c, d = 1.0, 1 - qab * x / qap
    d = 1 / (d if abs(d) > _TINY else _TINY)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        for numerator in (
            m * (b - m) * x / ((qam + m2) * (a + m2)),
            -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)),
        ):
            d = 1 + numerator * d
            d = 1 / (d if abs(d) > _TINY else _TINY)
            c = 1 + numerator / c
            c = c if abs(c) > _TINY else _TINY
            h *= d * c
        if abs(d * c - 1) < _EPS:
            break
    return h


def _incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
        + a * math.log(x) + b * math.log1p(-x)
    )  # fmt: skip
    if x < (a + 1) / (a + b + 2):
        return front * _beta_fraction(a, b, x) / a
    return 1 - front * _beta_fraction(b, a, 1 - x) / b


def t_cdf(t: float, df: int) -> float:
    """P(T <= t) for Student's t with ``df`` degrees of freedom."""
    tail = 0.5 * _incomplete_beta(df / 2, 0.5, df / (df + t * t))
    return 1 - tail if t > 0 else tail


def t_quantile(p: float, df: int) -> float:
    """The ``p`` quantile of Student's t (0.5 < p < 1), by bisection to the last bit."""
    if not 0.5 < p < 1 or df < 1:
        raise ValueError("t_quantile needs 0.5 < p < 1 and df >= 1")
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        high *= 2
    for _ in range(200):
        middle = (low + high) / 2
        if middle in (low, high):
            break
        low, high = (middle, high) if t_cdf(middle, df) < p else (low, middle)
    return (low + high) / 2


def fit_loglog(
    posts: Sequence[int], results: Sequence[float], level: float = LEVEL
) -> LogLogFit | None:
    """Least squares of log(result) on log(posts); None when the data cannot carry
    a slope (too few weeks, too little spread, a result of zero)."""
    pairs = [(p, r) for p, r in zip(posts, results, strict=True) if p >= 1 and r > 0]
    if len(pairs) < MIN_WEEKS or len({p for p, _ in pairs}) < MIN_DISTINCT_COUNTS:
        return None
    xs = [math.log(p) for p, _ in pairs]
    ys = [math.log(r) for _, r in pairs]
    n = len(pairs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    b = sxy / sxx
    intercept = mean_y - b * mean_x
    sse = sum((y - intercept - b * x) ** 2 for x, y in zip(xs, ys, strict=True))
    se = math.sqrt(sse / (n - 2) / sxx)
    half = t_quantile(1 - (1 - level) / 2, n - 2) * se
    return LogLogFit(math.exp(intercept), b, b - half, b + half, n, level)


def recommended_posts(fit: LogLogFit, observed_max: int) -> int:
    """The largest p (1 ≤ p ≤ observed_max) whose marginal result is at least
    ``MARGINAL_SHARE`` of the first post's: p ** b - (p - 1) ** b >= 1/2, with b
    at the top of its interval (the most generous reading the data allows)."""
    best = 1
    for p in range(2, max(observed_max, 1) + 1):
        if p**fit.high - (p - 1) ** fit.high < MARGINAL_SHARE:
            break
        best = p
    return best
