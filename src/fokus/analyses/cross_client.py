"""The cross-client benchmark: medians and rates per platform × format across many
workspaces, and each client placed against them.

Engine-agnostic: each client's posts come from its ``ReviewData.measures`` (the
metric layer, ``measures.py``: engagement per platform, reach as unique accounts,
the rate by reach), on DuckDB or Spark alike. Only three numbers per post travel to
Python; the statistics are ``fokus.analyses.stats``'s (exact medians, the
order-statistic interval, ``MIN_POSTS``). Every post counts, paid and organic, as
the group's ``posts`` does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from fokus.analyses.base import ReviewData
from fokus.analyses.stats import MIN_POSTS, enough, median_interval
from fokus.model.benchmark import (
    BENCHMARK_METRICS,
    Benchmark,
    BenchmarkGroup,
    BenchmarkMetric,
    GroupFigure,
    Placement,
)

_COLUMNS: dict[BenchmarkMetric, str] = {
    "reach": "reach_basis",
    "engagement": "engagement",
    "engagement_rate": "rate_reach",
}
"""Each benchmark metric and the ``measures`` column it reads."""

Array = npt.NDArray[np.float64]
GroupKey = tuple[str, str]
# client -> group -> metric -> values (NaN where a post has none)
ClientValues = dict[GroupKey, dict[BenchmarkMetric, Array]]


def client_values(data: ReviewData) -> ClientValues:
    """One client's per-post values, by platform × format."""
    table = data.measures.select(
        "platform", "format", *(_COLUMNS[m] for m in BENCHMARK_METRICS)
    ).to_pyarrow()
    platforms = table.column("platform").to_pylist()
    formats = table.column("format").to_pylist()
    columns = {
        m: table.column(_COLUMNS[m]).to_numpy(zero_copy_only=False).astype(np.float64)
        for m in BENCHMARK_METRICS
    }
    rows: dict[GroupKey, list[int]] = defaultdict(list)
    for position, key in enumerate(zip(platforms, formats, strict=True)):
        rows[key].append(position)
    return {
        key: {m: columns[m][np.asarray(where)] for m in BENCHMARK_METRICS}
        for key, where in rows.items()
    }


def _present(values: Array) -> Array:
    return values[~np.isnan(values)]


def percentile_rank(values: Array, point: float) -> float:
    """The share of ``values`` below ``point``, ties counted half, in percent."""
    below = float(np.sum(values < point))
    ties = float(np.sum(values == point))
    return 100 * (below + ties / 2) / len(values)


def _figure(metric: BenchmarkMetric, values: Array) -> GroupFigure:
    if len(values) == 0:
        return GroupFigure(metric, None, None, None, 0)
    interval = median_interval(values)
    return GroupFigure(metric, interval.estimate, interval.low, interval.high,
                       len(values))  # fmt: skip


def _placement(
    client: str, metric: BenchmarkMetric, own: Array, pooled: Array, group: float | None
) -> Placement:
    n = len(own)
    median = None if n == 0 else float(np.median(own))
    if median is None or group is None or not enough(n):
        return Placement(client, metric, n, median, "too_few_posts")
    ratio = None if group == 0 else median / group
    return Placement(client, metric, n, median, "placed", ratio,
                     percentile_rank(pooled, median))  # fmt: skip


def _group(
    key: GroupKey, clients: Sequence[tuple[str, ClientValues]]
) -> BenchmarkGroup:
    present = [(name, values[key]) for name, values in clients if key in values]
    figures: list[GroupFigure] = []
    placements: list[Placement] = []
    for metric in BENCHMARK_METRICS:
        own = {name: _present(v[metric]) for name, v in present}
        pooled = np.concatenate(list(own.values()))
        figure = _figure(metric, pooled)
        figures.append(figure)
        placements.extend(
            _placement(name, metric, own[name], pooled, figure.median)
            for name, _ in present
        )
    posts = sum(len(v["reach"]) for _, v in present)
    return BenchmarkGroup(key[0], key[1], posts, len(present), tuple(figures),
                          tuple(placements))  # fmt: skip


def cross_client_benchmark(clients: Sequence[tuple[str, ClientValues]]) -> Benchmark:
    """Each platform × format any client publishes in, with every client that does
    placed against all of their posts together (clients in the order given).

    Each client's values come from ``client_values``, one workspace at a time: a
    workspace's store can then be closed before the next is read."""
    keys = sorted({key for _, v in clients for key in v})
    return Benchmark(
        tuple(name for name, _ in clients),
        tuple(_group(key, clients) for key in keys),
        MIN_POSTS,
    )
