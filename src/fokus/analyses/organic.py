"""Organic content (section 8): what organic posts do, over time and by topic.

* **Organic and paid** per channel: posts, share, median reach and engagement rate,
  each with its exact interval, and a finding where paid posts buy reach without
  the engagement rate to match.
* **The organic trend** per channel: median reach per post by month (exact
  interval), and the change from the first three months to the last three.
* **Top organic posts** against their own account's baseline.
* **Content pillars** and a **genericness score** (:mod:`organic_posts`).

"Organic" here means every post not known to be paid: posts the export marks as
organic, and posts whose export does not say (Instagram, TikTok, X and YouTube
never do); the tables say so. Each channel is measured on one **basis**: reach
where its export has reach for most posts, otherwise views (impressions on
LinkedIn and X). Rates are per-post engagement ÷ basis, summarised as medians.
Post figures are lifetime totals as of the export date; the daily series are not
used here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

import ibis

from fokus.analyses.base import (
    ReviewContext,
    ReviewData,
    grouped_values,
    records,
    to_date,
)
from fokus.analyses.organic_pillars import RATE_SCALE
from fokus.analyses.organic_posts import (
    Basis,
    basis_label,
    pillar_part,
    post_rows,
    text_sample,
    top_posts,
)
from fokus.analyses.organic_voice import genericness_part
from fokus.analyses.stats import (
    MIN_POSTS,
    Interval,
    enough,
    median,
    median_difference,
    median_interval,
)
from fokus.i18n import MessageKey
from fokus.model.denominators import Denominator, Statistic
from fokus.model.results import (
    Action,
    Chart,
    Column,
    Evidence,
    Finding,
    Param,
    SectionResult,
    Table,
)

if TYPE_CHECKING:
    import ibis.expr.types as ir

TREND_MIN_AGE_DAYS = 7
"""Posts younger than this at their export date are left out of the trend: they
have not had time to gather their reach."""
WINDOW_MONTHS = 3
_COLUMNS = (
    "platform", "account_id", "post_id", "import_id", "source_row", "published_at",
    "published_day", "as_of", "format", "paid", "labels", "engagement",
    "reach_basis", "views_basis", "rate_reach", "rate_views", "baseline_n",
    "reach_vs_baseline", "views_vs_baseline", "engagement_vs_baseline",
)  # fmt: skip
PAID_STATUSES = ("organic", "paid", "unknown")
RATE_DENOMINATOR: tuple[Denominator, Statistic] = ("reach_or_views", "median_of_rates")
AUDIENCE_NOTE: tuple[None, Statistic] = (None, "median_per_post")
"""Reach or views (as the basis column says) are themselves the figure: no divisor."""


class Organic:
    """Prioritise organic content: what works organically, and how it develops."""

    key: ClassVar[str] = "organic"

    def run(self, data: ReviewData, context: ReviewContext) -> SectionResult:
        """Organic vs paid, the organic trend, top posts, pillars, genericness."""
        measures = data.measures.select(*_COLUMNS)
        bases = _bases(measures)
        if not bases:
            return SectionResult(
                self.key,
                "insufficient_data",
                findings=(Finding("finding.organic.no_posts", "warning"),),
                actions=(Action("action.organic.export_posts", impact=3, effort=1),),
            )
        measures = measures.mutate(
            audience=_by_basis(measures, bases, "reach_basis", "views_basis"),
            audience_vs_baseline=_by_basis(
                measures, bases, "reach_vs_baseline", "views_vs_baseline"
            ),
            rate=_by_basis(measures, bases, "rate_reach", "rate_views"),
        )
        return self._sections(measures, data.texts, bases, context)

    def _sections(
        self,
        measures: ir.Table,
        texts: ir.Table,
        bases: Mapping[str, Basis],
        context: ReviewContext,
    ) -> SectionResult:
        organic = measures.filter(measures.paid != "paid")
        split, paid_findings = _paid_split(measures, bases)
        trend, trend_findings = _trend(organic, bases)
        posts = post_rows(organic, texts)
        sampled = text_sample(organic)
        pillar_tables, pillar_findings, pillar_actions = pillar_part(
            posts, context.config.pillars, bases
        )
        generic_tables, generic_findings = genericness_part(
            posts, context.config.brand_terms
        )
        tables = [split, trend, top_posts(organic, texts, bases), *pillar_tables]
        tables.extend(generic_tables)
        return SectionResult(
            self.key,
            "ok",
            findings=(*paid_findings, *trend_findings, *sampled,
                      *pillar_findings, *generic_findings),
            tables=tuple(t for t in tables if t.rows),
            actions=tuple(pillar_actions),
            charts=(_trend_chart(trend),) if trend.rows else (),
        )  # fmt: skip


def _bases(measures: ir.Table) -> dict[str, Basis]:
    """Each channel's basis: reach where most posts with engagement have it."""
    usable = measures.filter(measures.engagement.notnull())
    counts = usable.group_by("platform").aggregate(
        posts=usable.count(),
        reach=(usable.reach_basis > 0).sum(),
        views=(usable.views_basis > 0).sum(),
    )
    bases: dict[str, Basis] = {}
    for row in records(counts.order_by("platform")):
        if 2 * int(row["reach"] or 0) >= int(row["posts"]) and row["reach"]:
            bases[str(row["platform"])] = "reach"
        elif row["views"]:
            bases[str(row["platform"])] = "views"
    return bases


def _by_basis(
    t: ir.Table, bases: Mapping[str, Basis], reach: str, views: str
) -> ir.Value:
    on_reach = [p for p, b in bases.items() if b == "reach"]
    on_views = [p for p, b in bases.items() if b == "views"]
    return ibis.cases(
        (t.platform.isin(on_reach or [""]), t[reach]),
        (t.platform.isin(on_views or [""]), t[views]),
        else_=ibis.null("float64"),
    )


def _cells(
    interval: Interval | None,
) -> tuple[float | None, float | None, float | None]:
    if interval is None:
        return None, None, None
    return interval.estimate, interval.low, interval.high


def _paid_split(
    measures: ir.Table, bases: Mapping[str, Basis]
) -> tuple[Table, list[Finding]]:
    counts = {
        (r["platform"], r["paid"]): int(r["n"])
        for r in records(
            measures.group_by(["platform", "paid"]).aggregate(n=measures.count())
        )
    }
    audience = grouped_values(measures, ("platform", "paid"), "audience")
    rates = grouped_values(measures, ("platform", "paid"), "rate")
    rows = []
    for platform in sorted(bases):
        total = sum(n for (p, _), n in counts.items() if p == platform)
        for status in PAID_STATUSES:
            n = counts.get((platform, status), 0)
            if not n:
                continue
            reach = audience.get((platform, status), [])
            rate = rates.get((platform, status), [])
            rows.append(
                (
                    f"platform.{platform}",
                    f"column.organic.status.{status}",
                    basis_label(bases[platform]),
                    n,
                    n / total,
                    len(reach),
                    *_cells(median_interval(reach) if reach else None),
                    len(rate),
                    *_cells(median_interval(rate) if rate else None),
                )
            )
    table = Table(
        "organic.paid_split",
        "table.organic.paid_split",
        (
            Column("platform", "column.platform", "label"),
            Column("status", "column.organic.status", "label"),
            Column("basis", "column.organic.basis", "label"),
            Column("posts", "column.posts", "integer"),
            Column("share", "column.organic.share", "percent"),
            Column("n_reach", "column.organic.n_reach", "integer"),
            Column("reach", "column.organic.median_reach", "number", *AUDIENCE_NOTE),
            Column("reach_low", "column.organic.low", "number", *AUDIENCE_NOTE),
            Column("reach_high", "column.organic.high", "number", *AUDIENCE_NOTE),
            Column("n_rate", "column.organic.n_rate", "integer"),
            Column("rate", "column.organic.median_rate", "percent", *RATE_DENOMINATOR),
            Column("rate_low", "column.organic.low", "percent", *RATE_DENOMINATOR),
            Column("rate_high", "column.organic.high", "percent", *RATE_DENOMINATOR),
        ),
        tuple(rows),
    )
    findings = [
        f
        for platform in sorted(bases)
        if (f := _paid_finding(platform, bases[platform], audience, rates)) is not None
    ]
    return table, findings


def _paid_finding(
    platform: str,
    basis: Basis,
    audience: Mapping[tuple[object, ...], list[float]],
    rates: Mapping[tuple[object, ...], list[float]],
) -> Finding | None:
    """Where paid posts clearly reach more, whether the engagement rate follows."""
    paid, organic = (
        audience.get((platform, "paid"), []),
        audience.get((platform, "organic"), []),
    )
    paid_rate, organic_rate = (
        rates.get((platform, "paid"), []),
        rates.get((platform, "organic"), []),
    )
    if not paid:
        return None
    if not (enough(len(paid)) and enough(len(organic))):
        return Finding(
            "finding.organic.paid_too_few",
            "info",
            {"platform": MessageKey(f"platform.{platform}"), "n": len(paid)},
            Evidence(n=len(paid) + len(organic)),
        )
    reach = median_difference(paid, organic, scale="log1p").ratio
    assert reach is not None
    evidence = Evidence(
        n=len(paid) + len(organic),
        value=reach.estimate,
        interval=_bounds(reach),
        denominator=basis,
    )
    params: dict[str, Param] = {
        "platform": MessageKey(f"platform.{platform}"),
        "basis": MessageKey(basis_label(basis)),
        "n_paid": len(paid),
        "n_organic": len(organic),
        "reach_ratio": reach.estimate,
    }
    if not (
        enough(len(paid_rate))
        and enough(len(organic_rate))
        and median(paid_rate)
        and median(organic_rate)
    ):
        return Finding("finding.organic.paid_reach_only", "info", params, evidence)
    rate = median_difference(
        [r * RATE_SCALE for r in paid_rate],
        [r * RATE_SCALE for r in organic_rate],
        scale="log1p",
    ).ratio
    assert rate is not None
    params |= {
        "rate_ratio": rate.estimate,
        "rate_paid": 100 * median(paid_rate),
        "rate_organic": 100 * median(organic_rate),
    }
    # Paid clearly reaches more, and the rate clearly rises by less than half as
    # much: the money bought reach, not engagement.
    clear = reach.low is not None and reach.low > 1
    if clear and rate.high is not None and rate.high < reach.estimate / 2:
        return Finding(
            "finding.organic.paid_reach_not_engagement", "notice", params, evidence
        )
    return Finding("finding.organic.paid_compared", "info", params, evidence)


def _bounds(interval: Interval) -> tuple[float, float] | None:
    if interval.low is None or interval.high is None:
        return None
    return interval.low, interval.high


def _trend(
    organic: ir.Table, bases: Mapping[str, Basis]
) -> tuple[Table, list[Finding]]:
    grown = organic.filter(
        organic.as_of.delta(organic.published_day, unit="day") >= TREND_MIN_AGE_DAYS
    )
    monthly = grown.mutate(month=grown.published_day.truncate("M"))
    per_month: dict[str, dict[dt.date, list[float]]] = defaultdict(dict)
    by_month = grouped_values(monthly, ("platform", "month"), "audience")
    for (platform, month), reach in by_month.items():
        day = to_date(month)
        assert day is not None
        per_month[str(platform)][day] = reach
    rows: list[tuple[Param, ...]] = []
    findings = []
    for platform in sorted(bases):
        months = per_month.get(platform, {})
        rows.extend(
            (
                f"platform.{platform}",
                basis_label(bases[platform]),
                month,
                len(months[month]),
                *_cells(median_interval(months[month])),
            )
            for month in sorted(months)
        )
        finding = _trend_finding(platform, bases[platform], months)
        if finding is not None:
            findings.append(finding)
    table = Table(
        "organic.trend",
        "table.organic.trend",
        (
            Column("platform", "column.platform", "label"),
            Column("basis", "column.organic.basis", "label"),
            Column("month", "column.organic.month", "date"),
            Column("posts", "column.posts", "integer"),
            Column("reach", "column.organic.median_reach", "number", *AUDIENCE_NOTE),
            Column("reach_low", "column.organic.low", "number", *AUDIENCE_NOTE),
            Column("reach_high", "column.organic.high", "number", *AUDIENCE_NOTE),
        ),
        tuple(rows),
    )
    return table, findings


def _trend_chart(trend: Table) -> Chart:
    """The monthly organic trend table as lines, one per platform, with each
    month's interval as a band; months with few posts faded."""
    return Chart(
        "organic.trend",
        "trend",
        replace(
            trend, key="organic.trend_chart", title_key="table.organic.chart.trend"
        ),
        x="month",
        y="reach",
        low="reach_low",
        high="reach_high",
        series="platform",
        n="posts",
        min_n=MIN_POSTS,
        note_key="section.organic.chart.trend",
    )


def _month_number(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _trend_finding(
    platform: str, basis: Basis, months: Mapping[dt.date, list[float]]
) -> Finding | None:
    """The last three months against the first three, where both are distinct
    and hold enough posts."""
    if not months:
        return None
    first, last = _month_number(min(months)), _month_number(max(months))
    params: dict[str, Param] = {
        "platform": MessageKey(f"platform.{platform}"),
        "basis": MessageKey(basis_label(basis)),
        "first": min(months),
        "last": max(months),
    }
    if last - first + 1 < 2 * WINDOW_MONTHS:
        return Finding("finding.organic.trend_too_short", "info", params)
    early = [
        v
        for m, vs in months.items()
        if _month_number(m) - first < WINDOW_MONTHS
        for v in vs
    ]
    late = [
        v
        for m, vs in months.items()
        if last - _month_number(m) < WINDOW_MONTHS
        for v in vs
    ]
    params |= {"n_first": len(early), "n_last": len(late)}
    evidence = Evidence(n=len(early) + len(late), denominator=basis)
    if not (enough(len(early)) and enough(len(late))):
        return Finding("finding.organic.trend_too_few", "info", params, evidence)
    ratio = median_difference(late, early, scale="log1p").ratio
    assert ratio is not None
    params |= {
        "ratio": ratio.estimate,
        "median_first": median(early),
        "median_last": median(late),
    }
    evidence = replace(evidence, value=ratio.estimate, interval=_bounds(ratio))
    if ratio.high is not None and ratio.high < 1:
        return Finding("finding.organic.trend_down", "warning", params, evidence)
    if ratio.low is not None and ratio.low > 1:
        return Finding("finding.organic.trend_up", "info", params, evidence)
    return Finding("finding.organic.trend_flat", "info", params, evidence)
