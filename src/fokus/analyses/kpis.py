"""Each KPI in ``fokus.toml`` measured from the store: value, target, status, trend.

The period (docs/sections/strategy.md):

* ``year``: the calendar year of the deadline, or of the latest data;
* ``12_months``: the twelve months up to the latest data;
* ``range``: from ``start`` to ``deadline``.

Only the part of the period the data reaches counts (``covered``). A total (posts,
reach, new followers) can only grow, so it is ``met`` once it reaches the target;
otherwise it is projected from the days covered to the whole period (``on_track``
when the projection reaches the target). A median or rate is a level: ``met`` when
the period is over and it is at or above the target; while it runs, ``on_track``.
The trend compares with the same stretch of the period before (the same days a
year earlier for a year); medians with Bonett–Price's interval and the chance this
period is better, totals per day covered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal, cast

import ibis

from fokus.analyses.base import records, to_date
from fokus.analyses.kpi_metrics import KPI_METRICS, KpiMetric
from fokus.analyses.stats import Interval, enough, median_difference, median_interval
from fokus.config import KpiConfig
from fokus.model.vocab import Platform

if TYPE_CHECKING:
    import ibis.expr.types as ir

Status = Literal[
    "met", "on_track", "behind", "not_measurable", "too_few_posts", "no_target"
]
MIN_PREVIOUS_COVERAGE = 0.9
"""Share of the previous period's days a daily series must have for a trend."""


@dataclass(frozen=True, slots=True)
class Span:
    """Days from ``start`` to ``end``, both included."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _years_back(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def kpi_period(kpi: KpiConfig, data_end: dt.date) -> Span:
    """The whole period the KPI is measured over."""
    if kpi.period == "range":
        assert kpi.start is not None and kpi.deadline is not None  # config checks
        return Span(kpi.start, kpi.deadline)
    if kpi.period == "12_months":
        return Span(_years_back(data_end, 1) + dt.timedelta(days=1), data_end)
    year = kpi.deadline.year if kpi.deadline else data_end.year
    return Span(dt.date(year, 1, 1), dt.date(year, 12, 31))


def previous(kpi: KpiConfig, span: Span) -> Span:
    """The same stretch one period earlier (a year back for years and 12 months)."""
    if kpi.period == "range":
        assert kpi.start is not None and kpi.deadline is not None
        shift = dt.timedelta(days=(kpi.deadline - kpi.start).days + 1)
        return Span(span.start - shift, span.end - shift)
    return Span(_years_back(span.start, 1), _years_back(span.end, 1))


@dataclass(frozen=True, slots=True)
class Part:
    """One platform's share of a total: its value and the days it covers."""

    platform: str
    value: float
    days: int
    n: int = 0
    """Posts behind a posts total; days for a daily series."""
    first: float = 0.0
    first_day: dt.date | None = None
    last_day: dt.date | None = None


@dataclass(frozen=True, slots=True)
class KpiResult:
    """A KPI measured: what it is, its value against the target, and its trend."""

    kpi: KpiConfig
    metric: KpiMetric | None
    status: Status
    period: Span
    covered: Span | None = None
    value: float | None = None
    interval: tuple[float, float] | None = None
    projected: float | None = None
    n: int = 0
    """Posts (``posts`` metrics) or days with data (``daily`` metrics)."""
    paid_left_out: int = 0
    previous: float | None = None
    change: float | None = None
    """Relative change (totals, counts) or difference (rates) against ``previous``."""
    change_interval: tuple[float, float] | None = None
    chance_better: float | None = None
    platforms: tuple[str, ...] = ()
    """Platforms the value counts."""
    missing: tuple[tuple[Platform, str | None], ...] = field(default=())
    """Platforms without data for it, each with the export that would measure it."""

    @property
    def gap(self) -> float | None:
        if self.value is None or self.kpi.target is None:
            return None
        return self.value - self.kpi.target


def measure_kpi(
    kpi: KpiConfig,
    measures: ir.Table,
    daily: ir.Table,
    data_end: dt.date,
    platforms: Sequence[Platform],
) -> KpiResult:
    """Measure one KPI; ``platforms`` are the channels an all-channel KPI expects."""
    span = kpi_period(kpi, data_end)
    metric = KPI_METRICS.get(kpi.metric)
    if metric is None:
        return KpiResult(kpi, None, "not_measurable", span)
    wanted = (kpi.platform,) if kpi.platform else tuple(platforms)
    end = min(span.end, data_end)
    if end < span.start:
        return KpiResult(kpi, metric, "not_measurable", span)
    if metric.source == "posts":
        return _from_posts(kpi, metric, measures, span=span, end=end, wanted=wanted)
    return _from_daily(kpi, metric, daily, span=span, end=end, wanted=wanted)


def _missing(
    metric: KpiMetric, platforms: Sequence[str], have: set[str]
) -> tuple[tuple[Platform, str | None], ...]:
    exports: dict[str, str] = {str(k): v for k, v in (metric.exports or {}).items()}
    return tuple(
        (cast("Platform", p), exports.get(p)) for p in platforms if p not in have
    )


# ── posts ────────────────────────────────────────────────────────────────────


def _from_posts(
    kpi: KpiConfig,
    metric: KpiMetric,
    measures: ir.Table,
    *,
    span: Span,
    end: dt.date,
    wanted: Sequence[str],
) -> KpiResult:
    t = measures.filter(measures.platform.isin(list(wanted)))
    value_col = t[metric.column] if metric.column else ibis.literal(1.0)
    t = t.mutate(kpi_value=value_col)
    firsts = {
        r["platform"]: to_date(r["first"])
        for r in records(t.group_by("platform").aggregate(first=t.published_day.min()))
    }
    now = Span(span.start, end)
    paid = 0
    if metric.organic_only:
        in_now = t.filter(t.published_day.between(now.start, now.end))
        paid = int(in_now.filter(in_now.paid == "paid").count().to_pyarrow().as_py())
        t = t.filter(t.paid != "paid")
    t = t.filter(t.kpi_value.notnull())
    if metric.aggregate == "median":
        return _median(
            kpi, metric, t, span=span, now=now, firsts=firsts, wanted=wanted, paid=paid
        )
    parts = _post_parts(t, now, firsts)
    before = previous(kpi, now)
    old = [
        p
        for p in _post_parts(t, before, firsts)
        if (firsts.get(p.platform) or before.end) <= before.start
    ]
    have = {p.platform for p in parts}
    result = _combine(kpi, metric, span, now=now, parts=parts, old=old, have=have)
    missing = _missing(metric, wanted, have)
    return _with(result, paid_left_out=paid, missing=missing)


def _post_parts(
    t: ir.Table, window: Span, firsts: dict[str, dt.date | None]
) -> list[Part]:
    inside = t.filter(t.published_day.between(window.start, window.end))
    rows = records(
        inside.group_by("platform")
        .aggregate(value=inside.kpi_value.sum(), n=inside.count())
        .order_by("platform")
    )
    parts = []
    for r in rows:
        first = firsts.get(r["platform"]) or window.start
        days = (window.end - max(window.start, first)).days + 1
        parts.append(
            Part(str(r["platform"]), float(r["value"]), max(days, 1), int(r["n"]))
        )
    return parts


def _median(
    kpi: KpiConfig,
    metric: KpiMetric,
    t: ir.Table,
    *,
    span: Span,
    now: Span,
    firsts: dict[str, dt.date | None],
    wanted: Sequence[str],
    paid: int,
) -> KpiResult:
    def values(window: Span) -> tuple[list[float], set[str]]:
        rows = records(
            t.filter(t.published_day.between(window.start, window.end)).select(
                "platform", "kpi_value"
            )
        )
        return [float(r["kpi_value"]) for r in rows], {r["platform"] for r in rows}

    current, have = values(now)
    missing = _missing(metric, wanted, have)
    base = KpiResult(
        kpi, metric, "not_measurable", span, now, n=len(current), paid_left_out=paid,
        platforms=tuple(sorted(have)), missing=missing,
    )  # fmt: skip
    if not current:
        return base
    estimate = median_interval(current)
    interval = _bounds(estimate)
    if not enough(len(current)):
        return _with(base, status="too_few_posts", value=estimate.estimate)
    before = previous(kpi, now)
    covered_before = all((firsts.get(p) or before.end) <= before.start for p in have)
    old, _ = values(before) if covered_before else ([], set())
    trend: dict[str, object] = {}
    if enough(len(old)):
        diff = median_difference(current, old, scale=metric.scale)
        shown = diff.ratio if diff.scale == "log1p" else diff.difference
        assert shown is not None
        offset = 1.0 if diff.scale == "log1p" else 0.0
        trend = {
            "previous": median_interval(old).estimate,
            "change": shown.estimate - offset,
            "change_interval": (
                None
                if shown.low is None or shown.high is None
                else (shown.low - offset, shown.high - offset)
            ),
            "chance_better": diff.chance_to_beat,
        }
    status = _level_status(kpi, estimate.estimate, now.end >= span.end)
    return _with(
        base, status=status, value=estimate.estimate, interval=interval, **trend
    )


def _bounds(interval: Interval) -> tuple[float, float] | None:
    if interval.low is None or interval.high is None:
        return None
    return (interval.low, interval.high)


# ── daily series ─────────────────────────────────────────────────────────────


def _series(
    daily: ir.Table, metric: KpiMetric, wanted: Sequence[str]
) -> dict[str, ir.Table]:
    """Per platform, the first candidate series it has: (day, value) rows."""
    present = {
        (r["platform"], r["metric"])
        for r in records(
            daily.filter(daily.platform.isin(list(wanted)))
            .select("platform", "metric")
            .distinct()
        )
    }
    out: dict[str, ir.Table] = {}
    for platform in wanted:
        for candidate in metric.series:
            if all((platform, m) in present for m in candidate):
                out[platform] = _day_values(daily, platform, candidate)
                break
    return out


def _day_values(daily: ir.Table, platform: str, names: tuple[str, ...]) -> ir.Table:
    """The day's value over the platform's accounts; for (a, b), a − b."""
    mine = daily.filter(daily.platform == platform)
    sums = [
        mine.filter(mine.metric == name)
        .group_by("day")
        .aggregate(**{f"v{i}": ibis._.value.sum()})
        for i, name in enumerate(names)
    ]
    joined = sums[0]
    for i, other in enumerate(sums[1:], 1):
        joined = joined.inner_join(other, "day").select(
            "day", *[f"v{j}" for j in range(i + 1)]
        )
    value = joined.v0 if len(names) == 1 else joined.v0 - joined.v1
    return joined.select("day", value=value)


def _daily_parts(series: dict[str, ir.Table], window: Span, latest: bool) -> list[Part]:
    parts = []
    for platform, days in series.items():
        inside = days.filter(days.day.between(window.start, window.end))
        rows = records(inside.order_by("day"))
        if not rows:
            continue
        values = [float(r["value"]) for r in rows]
        parts.append(
            Part(
                platform,
                values[-1] if latest else sum(values),
                len(rows),
                len(rows),
                first=values[0],
                first_day=to_date(rows[0]["day"]),
                last_day=to_date(rows[-1]["day"]),
            )
        )
    return parts


def _from_daily(
    kpi: KpiConfig,
    metric: KpiMetric,
    daily: ir.Table,
    *,
    span: Span,
    end: dt.date,
    wanted: Sequence[str],
) -> KpiResult:
    series = _series(daily, metric, wanted)
    now = Span(span.start, end)
    latest = metric.aggregate == "latest"
    parts = _daily_parts(series, now, latest)
    before = previous(kpi, now)
    old = [
        p
        for p in _daily_parts(series, before, latest)
        if p.days >= MIN_PREVIOUS_COVERAGE * before.days
    ]
    have = {p.platform for p in parts}
    result = _combine(kpi, metric, span, now=now, parts=parts, old=old, have=have)
    return _with(result, missing=_missing(metric, wanted, have))


# ── totals, posts per week and counts ────────────────────────────────────────


def _combine(
    kpi: KpiConfig,
    metric: KpiMetric,
    span: Span,
    *,
    now: Span,
    parts: list[Part],
    old: list[Part],
    have: set[str],
) -> KpiResult:
    if not parts:
        return KpiResult(kpi, metric, "not_measurable", span, now)
    n = sum(p.n for p in parts)
    base = KpiResult(
        kpi, metric, "no_target", span, now, n=n, platforms=tuple(sorted(have))
    )
    comparable = {p.platform for p in old} >= have
    if metric.aggregate == "per_week":
        value = sum(p.value / (p.days / 7) for p in parts)
        prev = sum(p.value / (p.days / 7) for p in old) if comparable else None
        status = _level_status(kpi, value, now.end >= span.end)
        return _with(base, status=status, value=value, **_change(value, prev, prev))
    if metric.aggregate == "latest":
        value = sum(p.value for p in parts)
        projected = sum(_stock_projection(p, span.end) for p in parts)
        prev = sum(p.value for p in old) if comparable else None
        status = _total_status(kpi, value, projected)
        return _with(
            base, status=status, value=value, projected=projected,
            **_change(value, prev, prev),
        )  # fmt: skip
    value = sum(p.value for p in parts)
    projected = sum(p.value * span.days / p.days for p in parts)
    prev = sum(p.value for p in old) if comparable else None
    days_now = {p.platform: p.days for p in parts}
    # Per day covered, so a gap in either period does not read as a change.
    scaled = (
        sum(p.value * days_now.get(p.platform, p.days) / p.days for p in old)
        if comparable
        else None
    )
    status = _total_status(kpi, value, projected)
    return _with(
        base, status=status, value=value, projected=projected,
        **_change(value, prev, scaled),
    )  # fmt: skip


def _change(
    value: float, previous: float | None, comparable: float | None
) -> dict[str, object]:
    if previous is None or comparable is None:
        return {}
    change = value / comparable - 1 if comparable > 0 else None
    return {"previous": previous, "change": change}


def _stock_projection(part: Part, end: dt.date) -> float:
    """A count such as followers carried on at its pace in the period to its end."""
    if part.first_day is None or part.last_day is None:
        return part.value
    elapsed = (part.last_day - part.first_day).days
    if elapsed <= 0:
        return part.value
    pace = (part.value - part.first) / elapsed
    return part.value + pace * max((end - part.last_day).days, 0)


def _total_status(kpi: KpiConfig, value: float, projected: float) -> Status:
    if kpi.target is None:
        return "no_target"
    if value >= kpi.target:
        return "met"
    return "on_track" if projected >= kpi.target else "behind"


def _level_status(kpi: KpiConfig, value: float, over: bool) -> Status:
    if kpi.target is None:
        return "no_target"
    if value >= kpi.target:
        return "met" if over else "on_track"
    return "behind"


def _with(result: KpiResult, **changes: object) -> KpiResult:
    return replace(result, **changes)  # type: ignore[arg-type]
