"""How much of the year's result came from how few posts (the Pareto view).

Posts are ranked by their result (reach, views or engagement), best first; the
top k% are the first ``ceil(k × n / 100)`` of them. For each channel and for all
channels together: the share of the total from the top 10 % and 20 %, the share
from each tenth of the posts cumulatively (the data of a Pareto chart), and the
fewest posts that brought half of the total. Each measure only over posts that
have it: reach and views are never added together.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

from fokus.analyses.base import grouped_values

if TYPE_CHECKING:
    import ibis.expr.types as ir

Measure = Literal["reach", "views", "engagement"]
MEASURES: tuple[tuple[Measure, str], ...] = (
    ("reach", "reach_basis"),
    ("views", "views_basis"),
    ("engagement", "engagement"),
)
DECILES = tuple(range(1, 10))
ALL = "all"
"""The scope of all channels together."""


@dataclass(frozen=True, slots=True)
class Concentration:
    """One channel's (or all channels') concentration of one measure."""

    scope: str
    """A platform, or ``ALL``."""
    measure: Measure
    n: int
    total: float
    cumulative: tuple[float, ...]
    """Share of the total from the top 10 %, 20 %, … 90 % of posts."""
    posts_for_half: int
    """The fewest posts whose results add up to half the total."""

    def top(self, tenths: int) -> float:
        return self.cumulative[tenths - 1]

    def top_posts(self, tenths: int) -> int:
        return math.ceil(self.n * tenths / 10)


def concentrations(year: ir.Table) -> list[Concentration]:
    """Every channel's and all channels' concentration, for each measure with data.

    Each measure's values come over once, grouped by channel, and are ranked in
    numpy: which of two equal values ranks first changes no sum.
    """
    found = []
    for measure, column in MEASURES:
        usable = year.filter(year[column] >= 0).mutate(value=year[column])
        by_channel = grouped_values(usable, ("platform",), "value")
        scopes = {str(platform): values for (platform,), values in by_channel.items()}
        if scopes:
            scopes[ALL] = [v for values in scopes.values() for v in values]
        for scope, values in scopes.items():
            concentration = _concentration(scope, measure, values)
            if concentration is not None:
                found.append(concentration)
    order_of = {m: i for i, (m, _c) in enumerate(MEASURES)}
    return sorted(found, key=lambda c: (c.scope == ALL, c.scope, order_of[c.measure]))


def _concentration(
    scope: str, measure: Measure, values: list[float]
) -> Concentration | None:
    ranked = np.sort(np.asarray(values, dtype=np.float64))[::-1]
    running = np.cumsum(ranked)
    total = float(running[-1]) if len(running) else 0.0
    if total <= 0:
        return None
    n = len(ranked)
    tenths = tuple(float(running[math.ceil(n * d / 10) - 1]) / total for d in DECILES)
    half = int(np.searchsorted(running, total / 2, side="left")) + 1
    return Concentration(scope, measure, n, total, tenths, half)
