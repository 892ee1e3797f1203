"""The experiments register, analysed: did variant B beat variant A?

For each experiment: the posts on its channel published in its dates (boosted posts
left out), split into B (the posts its variant B markers find) and A (the posts
variant A's markers find, or every other post when A is prose). Both arms are
compared on the experiment's metric, on a log scale because one post can do a
hundred times another: ``median_difference`` of ``log(1 + x)``, where ``x`` is the
engagement rate × 1000 (engagements per 1,000 reached) or the count (reach,
engagement, views). The verdict:

* fewer than ``MIN_POSTS`` posts in either arm → **not enough data yet**, with the
  weeks still needed at the pace of the test;
* chance that B beats A ≥ ``DO_MORE`` (0.95) → **do more**;
* chance ≤ ``STOP`` (0.05) → **stop**;
* anything between → **not enough data yet** (no clear difference).
"""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo
from dataclasses import dataclass
from dataclasses import replace as _replace
from typing import TYPE_CHECKING, Any, Literal

from fokus.analyses.base import records
from fokus.analyses.measures import with_text
from fokus.analyses.stats import MIN_POSTS, Difference, median, median_difference
from fokus.registers.experiments import (
    DEFAULT_METRIC,
    Experiment,
    ExperimentMetric,
)

if TYPE_CHECKING:
    import ibis.expr.types as ir

DO_MORE = 0.95
"""Chance that B beats A at or above which the verdict is "do more"."""
STOP = 0.05
"""Chance at or below which the verdict is "stop"."""

Verdict = Literal["do_more", "stop", "not_enough_data", "no_posts", "no_variant"]
_PER = 1000.0
"""Rates are compared per 1,000 reached (or viewed): log1p works on counts."""


@dataclass(frozen=True, slots=True)
class ExperimentResult:
    """What the data says about one registered experiment."""

    experiment: Experiment
    metric: ExperimentMetric
    denominator: Literal["reach", "views"] | None
    """For the engagement rate: what it was divided by."""
    last_day: dt.date
    """The last day looked at: the experiment's end, or the data's last day."""
    posts: int
    """Posts on the channel in the dates (boosted posts left out)."""
    a: tuple[float, ...]
    b: tuple[float, ...]
    """Each arm's values: rates per 1,000, or counts."""
    in_both: int
    """Posts that match both variants, left out of both."""
    no_time: int
    """Posts left out because the export gives no time of day (hour variants)."""
    difference: Difference | None
    verdict: Verdict
    weeks_needed: int | None
    """For too few posts: more weeks at the test's pace to reach MIN_POSTS an arm."""

    @property
    def median_a(self) -> float | None:
        return median(self.a) if self.a else None

    @property
    def median_b(self) -> float | None:
        return median(self.b) if self.b else None


_COLUMNS = (
    "platform", "account_id", "post_id", "as_of", "import_id", "source_row", "labels",
    "format", "published_at", "published_precision", "published_day", "engagement",
    "reach_basis", "views_basis", "rate_reach", "rate_views",
)  # fmt: skip


def analyse_experiment(
    experiment: Experiment,
    measures: ir.Table,
    texts: ir.Table,
    last_data_day: dt.date,
    timezone: str,
) -> ExperimentResult:
    """Compare B with A over the experiment's dates on its channel."""
    last = min(experiment.end or last_data_day, last_data_day)
    metric = experiment.metric or DEFAULT_METRIC
    t = measures
    window = t.filter(
        (t.platform == experiment.platform)
        & (t.paid != "paid")
        & (t.published_day >= experiment.start)
        & (t.published_day <= last)
    ).select(*_COLUMNS)
    rows = records(with_text(window, texts).order_by(["published_at", "post_id"]))
    denominator = _denominator(rows) if metric == "engagement_rate" else None
    base = ExperimentResult(
        experiment, metric, denominator, last, len(rows), (), (), 0, 0, None,
        "no_posts", None,
    )  # fmt: skip
    rule_b = experiment.rule_b
    if rule_b is None:
        return _replace(base, verdict="no_variant")
    if not rows:
        return base
    zone = zoneinfo.ZoneInfo(timezone)
    needs_hour = rule_b.needs_hour or (
        experiment.rule_a is not None and experiment.rule_a.needs_hour
    )
    a: list[float] = []
    b: list[float] = []
    in_both = no_time = 0
    for row in rows:
        hour, day = _local(row, zone)
        if needs_hour and hour is None:
            no_time += 1
            continue
        post = {"text": row["text_nfkc"], "labels": row["labels"],
                "format_": row["format"], "hour": hour, "day": day}  # fmt: skip
        in_b = rule_b.matches(**post)
        rule_a = experiment.rule_a
        in_a = rule_a.matches(**post) if rule_a is not None else not in_b
        if in_a and in_b:
            in_both += 1
            continue
        value = _value(row, metric, denominator)
        if value is None or not (in_a or in_b):
            continue
        (b if in_b else a).append(value)
    result = _replace(base, a=tuple(a), b=tuple(b), in_both=in_both, no_time=no_time)
    if min(len(a), len(b)) < MIN_POSTS:
        weeks = max((last - experiment.start).days + 1, 1) / 7
        return _replace(
            result, verdict="not_enough_data", weeks_needed=_weeks_needed(a, b, weeks)
        )
    difference = median_difference(b, a, scale="log1p")
    chance = difference.chance_to_beat
    verdict: Verdict = "not_enough_data"
    if chance is not None and chance >= DO_MORE:
        verdict = "do_more"
    elif chance is not None and chance <= STOP:
        verdict = "stop"
    return _replace(result, difference=difference, verdict=verdict)


def _denominator(rows: list[dict[str, Any]]) -> Literal["reach", "views"]:
    """Reach where the channel's posts have it, else views (LinkedIn, X)."""
    with_reach = sum(r["rate_reach"] is not None for r in rows)
    with_views = sum(r["rate_views"] is not None for r in rows)
    return "reach" if with_reach and with_reach >= with_views / 2 else "views"


def _value(
    row: dict[str, Any],
    metric: ExperimentMetric,
    denominator: Literal["reach", "views"] | None,
) -> float | None:
    if metric == "engagement_rate":
        rate = row["rate_reach"] if denominator == "reach" else row["rate_views"]
        return None if rate is None else float(rate) * _PER
    column = {"engagement": "engagement", "views": "views_basis"}.get(
        metric, "reach_basis"
    )
    value = row[column]
    if value is None and metric == "reach":
        value = row["views_basis"]  # channels without reach per post
    return None if value is None else float(value)


def _local(row: dict[str, Any], zone: zoneinfo.ZoneInfo) -> tuple[int | None, dt.date]:
    """The post's local hour (None when the export gives only the day) and day."""
    published: dt.datetime = row["published_at"]
    day: dt.date = row["published_day"]
    if row["published_precision"] not in (None, "hour", "minute"):
        return None, day
    local = published.astimezone(zone)
    return local.hour, local.date()


def _weeks_needed(a: list[float], b: list[float], weeks: float) -> int | None:
    """More weeks at the test's pace until both arms have MIN_POSTS posts."""
    needed = 0.0
    for arm in (a, b):
        missing = MIN_POSTS - len(arm)
        if missing <= 0:
            continue
        if not arm:
            return None  # no pace to go by
        needed = max(needed, missing / (len(arm) / weeks))
    return math.ceil(needed)
