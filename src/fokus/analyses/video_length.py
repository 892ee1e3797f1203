"""Video length against how much of the video people watch, where exported.

Videos are posts with a length (``duration_sec`` above zero), put in five length
buckets; each bucket gets the median of every watch measure the export has, with
its exact interval and the number of videos behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

import ibis

from fokus.analyses.base import records
from fokus.analyses.format_groups import PaidStatus
from fokus.analyses.stats import Interval, median_interval

if TYPE_CHECKING:
    import ibis.expr.types as ir

Bucket = Literal["under_15s", "15_60s", "1_3min", "3_10min", "over_10min"]
BUCKETS: tuple[Bucket, ...] = get_args(Bucket)
"""Shortest first: below 15 s; 15 s to 60 s; above 1 min to 3 min; above 3 min to
10 min; above 10 min. A bucket includes its upper bound (a 60-second Short is in
15–60 s)."""

WatchMeasure = Literal["percent_viewed", "watch_share", "watched_full", "watch_seconds"]
WATCH_MEASURES: tuple[WatchMeasure, ...] = (
    "percent_viewed", "watch_share", "watched_full", "watch_seconds",
)  # fmt: skip
"""In the order findings prefer them: shares of the video first (comparable
across lengths), seconds last (longer videos are watched longer by design)."""
SHARE_MEASURES: tuple[WatchMeasure, ...] = WATCH_MEASURES[:3]


@dataclass(frozen=True, slots=True)
class LengthBucket:
    """The videos of one channel and paid status in one length bucket."""

    platform: str
    account_id: str
    paid: PaidStatus
    bucket: Bucket
    videos: int
    measures: dict[WatchMeasure, tuple[float, ...]]
    """Each watch measure's sorted values (videos that have it)."""

    def median(self, measure: WatchMeasure) -> Interval | None:
        """The measure's median with its exact interval; None: no video has it."""
        values = self.measures[measure]
        return median_interval(values) if values else None


def bucket_of(duration: ir.NumericValue) -> ir.StringValue:
    """The length bucket of a duration in seconds."""
    return ibis.cases(
        (duration < 15, "under_15s"),
        (duration <= 60, "15_60s"),
        (duration <= 180, "1_3min"),
        (duration <= 600, "3_10min"),
        else_="over_10min",
    )


def length_buckets(values: ir.Table) -> list[LengthBucket]:
    """Every channel × paid status × length bucket of ``post_values`` with videos."""
    t = values.filter(values.duration > 0)
    share = t.watch_seconds / t.duration * 100
    t = t.mutate(bucket=bucket_of(t.duration), watch_share=share)
    keys = ["platform", "account_id", "paid", "bucket"]
    grouped = t.group_by(keys).aggregate(
        videos=t.count(),
        percent_viewed=t.percent_viewed.collect(),
        watch_share=t.watch_share.collect(),
        watched_full=t.watched_full.collect(),
        watch_seconds=t.watch_seconds.collect(),
    )
    order = {name: i for i, name in enumerate(BUCKETS)}
    rows = sorted(
        records(grouped),
        key=lambda r: (r["platform"], r["account_id"], r["paid"], order[r["bucket"]]),
    )
    return [
        LengthBucket(
            r["platform"],
            r["account_id"],
            r["paid"],
            r["bucket"],
            int(r["videos"]),
            {m: tuple(sorted(r[m] or ())) for m in WATCH_MEASURES},
        )
        for r in rows
    ]
