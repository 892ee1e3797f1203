"""A cross-client benchmark: per platform and format, across many workspaces.

Values only; ``fokus.analyses.cross_client`` computes them, ``fokus.report.benchmark``
renders them. Every figure says what it is a median of and what its rate is divided
by (``BENCHMARK_DENOMINATORS``), as the review does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from fokus.model.denominators import Denominator, Statistic

BenchmarkMetric = Literal["reach", "engagement", "engagement_rate"]
BENCHMARK_METRICS: tuple[BenchmarkMetric, ...] = (
    "reach",
    "engagement",
    "engagement_rate",
)

BENCHMARK_DENOMINATORS: Mapping[
    BenchmarkMetric, tuple[Denominator | None, Statistic]
] = {
    "reach": (None, "median_per_post"),
    "engagement": (None, "median_per_post"),
    "engagement_rate": ("reach", "median_of_rates"),
}
"""What each figure is divided by (reach counts and engagement by nothing) and how
a group's figure is computed: names from the review's registry
(``fokus.model.denominators``), in the JSON as in the review's."""

PlacementStatus = Literal["placed", "too_few_posts"]


@dataclass(frozen=True, slots=True)
class GroupFigure:
    """One metric over every client's posts in a group: median and its interval."""

    metric: BenchmarkMetric
    median: float | None
    low: float | None
    high: float | None
    """The exact order-statistic 95 % interval; None when too few posts."""
    n: int
    """Posts with a value for this metric (a rate needs reach above zero)."""


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one client stands in a group, for one metric."""

    client: str
    metric: BenchmarkMetric
    n: int
    median: float | None
    status: PlacementStatus
    ratio: float | None = None
    """The client's median ÷ the group's median (all clients' posts)."""
    percentile: float | None = None
    """The share of the group's posts (all clients) below the client's median,
    ties counted half, from 0 to 100."""


@dataclass(frozen=True, slots=True)
class BenchmarkGroup:
    """One platform × format across the clients that publish it."""

    platform: str
    format: str
    posts: int
    clients: int
    figures: tuple[GroupFigure, ...]
    placements: tuple[Placement, ...]


@dataclass(frozen=True, slots=True)
class Benchmark:
    """Every group, and the clients in the order they were given."""

    clients: tuple[str, ...]
    groups: tuple[BenchmarkGroup, ...]
    min_posts: int
    """Below this many posts a client is "too few posts" and not placed."""
