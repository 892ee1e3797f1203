"""Scope and frequency (product.md §4): what each channel gives for what it costs.

Per channel (one account on one platform), organic and paid apart: posts, posts a
week, the median result and engagement per post with exact intervals, engagement
rates with their denominators, clicks, the trend from the first to the second half
of the channel's period, and follower growth from the daily series (values for a
period, in their own table: never mixed with the posts' lifetime values). Then the
frequency curves (``channels_frequency``), the recommendation of a main and a
support channel (``channels_choice``) and the best times to post
(``channels_timing``). docs/sections/channels.md explains every rule.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

import ibis

from fokus.analyses.base import (
    ReviewContext,
    ReviewData,
    grouped_values,
    records,
    scalar,
    to_date,
)
from fokus.analyses.channels_choice import choose
from fokus.analyses.channels_data import (
    Channel,
    Key,
    Span,
    channel_posts,
    channels,
    not_paid,
    spans,
)
from fokus.analyses.channels_frequency import frequency
from fokus.analyses.channels_timing import timing
from fokus.analyses.chart_data import joined_label
from fokus.analyses.stats import MIN_POSTS, enough, median_difference, median_interval
from fokus.i18n import MessageKey
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

PAID_ORDER = ("organic", "paid", "unknown")
FOLLOWER_SERIES: tuple[tuple[str, str], ...] = (
    ("followers", "count"),
    ("net_follows", "net"),
    ("new_followers_total", "gross"),
    ("follows", "gross"),
)
"""Daily series that tell follower growth, best first: a follower count (growth =
last day minus first), net follows a day (summed), new followers a day (summed,
before unfollows)."""


def platform_key(platform: str) -> str:
    return f"platform.{platform}"


def too_few() -> str:
    return "table.channels.too_few"


class Channels:
    """Scope and frequency: contribution, returns, main and support channel."""

    key: ClassVar[str] = "channels"

    def run(self, data: ReviewData, context: ReviewContext) -> SectionResult:
        """Tables per channel; findings on returns, frequency, trend and timing."""
        if not int(scalar(data.posts.count())):
            return SectionResult(
                self.key,
                "insufficient_data",
                findings=(Finding("finding.channels.no_posts", "warning"),),
                actions=(Action("action.channels.import_content", impact=3, effort=1),),
            )
        posts = channel_posts(data)
        known = channels(data, context.config)
        covered = spans(posts)
        overview, result_chart = _overview(posts, known, covered)
        trend, trend_findings = _trend(posts, known, covered)
        followers = _followers(data)
        freq = frequency(posts, known)
        choice = choose(posts, known, covered, context.config)
        times = timing(posts, known, context.config.timezone)
        ranked = any(
            enough(len(v))
            for v in grouped_values(not_paid(posts), ["platform"], "result").values()
        )
        findings = [
            *choice.findings,
            *freq.findings,
            *trend_findings,
            *times.findings,
        ]
        if not ranked:
            findings.insert(
                0,
                Finding(
                    "finding.channels.too_few_posts",
                    "warning",
                    {"minimum": MIN_POSTS},
                ),
            )
        tables = (
            overview, choice.scores, freq.curves, freq.buckets, choice.mix, trend,
            followers, times.table,
        )  # fmt: skip
        return SectionResult(
            self.key,
            "ok" if ranked else "insufficient_data",
            findings=tuple(findings),
            tables=tuple(t for t in tables if t.rows),
            actions=(*choice.actions, *freq.actions),
            charts=tuple(
                c
                for c in (result_chart, _timing_chart(times.table))
                if c is not None and c.data.rows
            ),
        )


def _overview(
    posts: ir.Table, known: list[Channel], covered: dict[Key, Span]
) -> tuple[Table, Chart]:
    by = ["platform", "account_id", "paid"]
    counts = posts.group_by(by).aggregate(
        posts=posts.count(),
        rate_reach=posts.rate_reach.median(),
        n_reach=posts.rate_reach.count(),
        rate_views=posts.rate_views.median(),
        n_views=posts.rate_views.count(),
        clicks=posts.clicks.sum(),
        n_clicks=posts.clicks.count(),
        basis=posts.result_basis.max(),
    )
    results = grouped_values(posts, by, "result")
    engagement = grouped_values(posts, by, "engagement")
    names = {c.key: c.name for c in known}
    rows = []
    bars: list[tuple[Param, ...]] = []
    for r in sorted(records(counts), key=_order):
        group = (r["platform"], r["account_id"], r["paid"])
        n = int(r["posts"])
        small = not enough(n)
        result = _median_cells(results.get(group, []), small)
        # The chart shows small groups too, faded, where the table says "too few".
        if results.get(group):
            bars.append(
                (
                    joined_label(
                        [
                            (platform_key(r["platform"]), True),
                            (names.get(group[:2], r["account_id"]), False),
                            (f"column.channels.paid.{r['paid']}", True),
                        ]
                    ),
                    *_median_cells(results[group], small=False),
                    len(results[group]),
                )
            )
        engaged = _median_cells(engagement.get(group, []), small)
        span = covered[(r["platform"], r["account_id"])]
        rows.append(
            (
                platform_key(r["platform"]),
                names.get((r["platform"], r["account_id"]), r["account_id"]),
                f"column.channels.paid.{r['paid']}",
                n,
                n / span.weeks,
                *result,
                None if r["basis"] is None else f"column.channels.basis.{r['basis']}",
                *engaged,
                None if small else r["rate_reach"],
                int(r["n_reach"]),
                None if small else r["rate_views"],
                int(r["n_views"]),
                r["clicks"],
                int(r["n_clicks"]),
                too_few() if small else None,
            )
        )
    return _overview_table(rows), _result_chart(bars)


def _result_chart(bars: list[tuple[Param, ...]]) -> Chart:
    """Median result per post and channel, with its interval, n per bar."""
    data = Table(
        "channels.result",
        "table.channels.chart.result",
        (
            Column("channel", "column.chart.channel", "label"),
            Column("result", "column.channels.result_median", "number"),
            Column("low", "column.chart.low", "number"),
            Column("high", "column.chart.high", "number"),
            Column("n", "column.chart.n", "integer"),
        ),
        tuple(bars),
    )
    return Chart(
        "channels.result",
        "bar",
        data,
        x="channel",
        y="result",
        low="low",
        high="high",
        n="n",
        min_n=MIN_POSTS,
        note_key="section.channels.chart.result",
    )


def _timing_chart(timing: Table) -> Chart | None:
    """The timing table as one heatmap: a row per channel and weekday, a column per
    block of hours, coloured by the result against the account's usual; cells with
    too few posts stay empty."""
    if not any(row[5] is not None for row in timing.rows):
        return None
    rows = tuple(
        (
            joined_label([(platform, True), (account, False), (weekday, True)]),
            hours,
            n,
            vs_baseline,
        )
        for platform, account, weekday, hours, n, vs_baseline, *_rest in timing.rows
    )
    data = Table(
        "channels.timing_chart",
        "table.channels.chart.timing",
        (
            Column("day", "column.chart.channel_day", "label"),
            Column("hours", "column.channels.hours"),
            Column("n", "column.channels.n", "integer"),
            Column("vs_baseline", "column.channels.vs_baseline", "number"),
        ),
        rows,
    )
    return Chart(
        "channels.timing",
        "heatmap",
        data,
        x="hours",
        y="vs_baseline",
        series="day",
        n="n",
        min_n=MIN_POSTS,
        note_key="section.channels.chart.timing",
    )


def _overview_table(rows: Sequence[tuple[Param, ...]]) -> Table:
    return Table(
        "channels.overview",
        "table.channels.overview",
        (
            Column("platform", "column.platform", "label"),
            Column("account", "column.account"),
            Column("paid", "column.channels.paid", "label"),
            Column("posts", "column.posts", "integer"),
            Column("per_week", "column.channels.posts_per_week", "number"),
            Column("result", "column.channels.result_median", "number"),
            Column("result_low", "column.channels.low", "number"),
            Column("result_high", "column.channels.high", "number"),
            Column("basis", "column.channels.basis", "label"),
            Column("engagement", "column.channels.engagement_median", "number"),
            Column("engagement_low", "column.channels.low", "number"),
            Column("engagement_high", "column.channels.high", "number"),
            Column(
                "rate_reach",
                "column.channels.rate_reach",
                "percent",
                "reach",
                "median_of_rates",
            ),
            Column("n_reach", "column.channels.n", "integer"),
            Column(
                "rate_views",
                "column.channels.rate_views",
                "percent",
                "views",
                "median_of_rates",
            ),
            Column("n_views", "column.channels.n", "integer"),
            Column("clicks", "column.channels.clicks", "integer"),
            Column("n_clicks", "column.channels.n", "integer"),
            Column("status", "column.channels.status", "label"),
        ),
        tuple(rows),
    )


def _order(row: dict[str, object]) -> tuple[str, str, int]:
    return (
        str(row["platform"]),
        str(row["account_id"]),
        PAID_ORDER.index(str(row["paid"])),
    )


def _median_cells(
    values: list[float], small: bool
) -> tuple[float | None, float | None, float | None]:
    if small or not values:
        return (None, None, None)
    interval = median_interval(values)
    return (interval.estimate, interval.low, interval.high)


def _trend(
    posts: ir.Table, known: list[Channel], covered: dict[Key, Span]
) -> tuple[Table, list[Finding]]:
    """Median result per post in the second half of each channel's period against
    the first half, as a ratio with Bonett and Price's interval (log scale)."""
    usable = not_paid(posts)
    middles = ibis.memtable(
        {
            "platform": [c.platform for c in known],
            "account_id": [c.account_id for c in known],
            "middle": [covered[c.key].middle for c in known],
        },
        schema={"platform": "string", "account_id": "string", "middle": "date"},
    )
    halves = usable.join(middles, ["platform", "account_id"])
    halves = halves.mutate(half=ibis.ifelse(halves.published_day < halves.middle, 1, 2))
    values = grouped_values(halves, ["platform", "account_id", "half"], "result")
    rows, findings = [], []
    for channel in known:
        first = values.get((*channel.key, 1), [])
        second = values.get((*channel.key, 2), [])
        if not first and not second:
            continue
        ranked = enough(len(first)) and enough(len(second))
        ratio = (
            median_difference(second, first, scale="log1p").ratio if ranked else None
        )
        rows.append(
            (
                platform_key(channel.platform), channel.name, len(first), len(second),
                None if not ranked else median_interval(first).estimate,
                None if not ranked else median_interval(second).estimate,
                None if ratio is None else ratio.estimate,
                None if ratio is None else ratio.low,
                None if ratio is None else ratio.high,
                None if ranked else too_few(),
            )
        )  # fmt: skip
        if ratio is None or ratio.low is None or ratio.high is None:
            continue
        if ratio.low > 1 or ratio.high < 1:
            findings.append(
                Finding(
                    "finding.channels.growing" if ratio.low > 1 else "finding.channels.falling",
                    "info" if ratio.low > 1 else "notice",
                    {
                        "platform": MessageKey(platform_key(channel.platform)),
                        "percent": round(abs(ratio.estimate - 1) * 100),
                    },
                    Evidence(
                        len(first) + len(second), ratio.estimate, (ratio.low, ratio.high),
                        denominator="first_half_result", statistic="ratio_of_medians",
                    ),
                )
            )  # fmt: skip
    table = Table(
        "channels.trend",
        "table.channels.trend",
        (
            Column("platform", "column.platform", "label"),
            Column("account", "column.account"),
            Column("n_first", "column.channels.n_first_half", "integer"),
            Column("n_second", "column.channels.n_second_half", "integer"),
            Column("first", "column.channels.first_half", "number"),
            Column("second", "column.channels.second_half", "number"),
            Column("ratio", "column.channels.ratio", "number"),
            Column("low", "column.channels.low", "number"),
            Column("high", "column.channels.high", "number"),
            Column("status", "column.channels.status", "label"),
        ),
        tuple(rows),
    )
    return table, findings


def _followers(data: ReviewData) -> Table:
    """Follower growth over the days each daily series covers (a period value)."""
    daily = data.daily
    wanted = [metric for metric, _ in FOLLOWER_SERIES]
    series = daily.filter(daily.metric.isin(wanted))
    ordered = series.group_by(["platform", "account_id", "metric"]).aggregate(
        first=series.day.min(),
        last=series.day.max(),
        days=series.day.nunique(),
        total=series.value.sum(),
        first_value=series.value.argmin(series.day),
        last_value=series.value.argmax(series.day),
    )
    found: dict[tuple[str, str], dict[str, dict[str, object]]] = {}
    for r in records(ordered):
        found.setdefault((r["platform"], r["account_id"]), {})[r["metric"]] = r
    rows = []
    for (platform, account), metrics in sorted(found.items()):
        metric, kind = next((m, k) for m, k in FOLLOWER_SERIES if m in metrics)
        r = metrics[metric]
        value = (
            float(r["last_value"]) - float(r["first_value"])  # type: ignore[arg-type]
            if kind == "count"
            else float(r["total"])  # type: ignore[arg-type]
        )
        rows.append(
            (
                platform_key(platform), account, f"column.channels.growth.{kind}",
                to_date(r["first"]), to_date(r["last"]), int(r["days"]),  # type: ignore[call-overload]
                value if math.isfinite(value) else None,
            )
        )  # fmt: skip
    return Table(
        "channels.followers",
        "table.channels.followers",
        (
            Column("platform", "column.platform", "label"),
            Column("account", "column.account"),
            Column("measure", "column.channels.growth", "label"),
            Column("first", "column.first_day", "date"),
            Column("last", "column.last_day", "date"),
            Column("days", "column.days", "integer"),
            Column("growth", "column.channels.followers_gained", "integer"),
        ),
        tuple(rows),
    )
