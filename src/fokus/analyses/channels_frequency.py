"""Marginal return of posting frequency, per channel (posts not known to be paid).

Each week with at least one post is a point: its number of posts against the sum
of its posts' results (reach, else views) and engagement. A busy week that gets
more in total, but less than in proportion, shows diminishing returns; the curve
``result = a · posts ** b`` (``channels_fit``) measures how much less.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fokus.analyses.base import records
from fokus.analyses.channels_data import Channel, Key, not_paid
from fokus.analyses.channels_fit import (
    LogLogFit,
    fit_loglog,
    recommended_posts,
)
from fokus.analyses.stats import median
from fokus.i18n import MessageKey
from fokus.model.results import Action, Column, Evidence, Finding, Param, Table

if TYPE_CHECKING:
    import ibis.expr.types as ir

BUCKETS: tuple[tuple[int, int | None], ...] = (
    (1, 1), (2, 2), (3, 3), (4, 5), (6, 8), (9, 12), (13, None),
)  # fmt: skip
"""Posts a week, grouped so each group has a fair number of weeks."""


@dataclass(frozen=True, slots=True)
class Week:
    posts: int
    result: float
    engagement: float | None
    """None when a post of the week has no engagement in its export."""


@dataclass(frozen=True, slots=True)
class Frequency:
    curves: Table
    buckets: Table
    findings: tuple[Finding, ...]
    actions: tuple[Action, ...]


def weeks(posts: ir.Table) -> dict[Key, list[Week]]:
    """One row per channel and publish week (Monday), for weeks with a post."""
    usable = not_paid(posts)
    usable = usable.filter(usable.result.notnull())
    usable = usable.mutate(week=usable.published_day.truncate("W"))
    grouped = usable.group_by(["platform", "account_id", "week"]).aggregate(
        posts=usable.count(),
        result=usable.result.sum(),
        engagement=usable.engagement.sum(),
        engaged=usable.engagement.count(),
    )
    out: dict[Key, list[Week]] = {}
    for r in records(grouped.order_by(["platform", "account_id", "week"])):
        complete = int(r["engaged"]) == int(r["posts"])
        out.setdefault((r["platform"], r["account_id"]), []).append(
            Week(int(r["posts"]), float(r["result"]),
                 float(r["engagement"]) if complete else None)
        )  # fmt: skip
    return out


def frequency(posts: ir.Table, known: Sequence[Channel]) -> Frequency:
    """Curves, buckets, and a finding where returns clearly diminish."""
    per_channel = weeks(posts)
    curve_rows: list[tuple[Param, ...]] = []
    bucket_rows: list[tuple[Param, ...]] = []
    findings: list[Finding] = []
    actions: list[Action] = []
    for channel in known:
        channel_weeks = per_channel.get(channel.key, [])
        if not channel_weeks:
            continue
        counts = [w.posts for w in channel_weeks]
        reach_fit = fit_loglog(counts, [w.result for w in channel_weeks])
        engaged = [w for w in channel_weeks if w.engagement is not None]
        engagement_fit = fit_loglog(
            [w.posts for w in engaged], [w.engagement or 0.0 for w in engaged]
        )
        typical = median([float(c) for c in counts])
        recommended = (
            None if reach_fit is None else recommended_posts(reach_fit, max(counts))
        )
        planned = (
            None if channel.config is None else channel.config.posts_per_week_planned
        )
        curve_rows.append(
            (
                f"platform.{channel.platform}", channel.name, len(channel_weeks),
                typical, max(counts), *_fit_cells(reach_fit),
                *_fit_cells(engagement_fit)[:3], recommended, planned,
                "table.channels.too_few_weeks" if reach_fit is None else None,
            )
        )  # fmt: skip
        bucket_rows.extend(_buckets(channel, channel_weeks))
        if reach_fit is None or not reach_fit.diminishing or recommended is None:
            continue
        findings.append(_diminishing(channel, reach_fit, recommended, typical))
        if recommended < typical:
            actions.append(
                Action(
                    "action.channels.reduce_frequency",
                    impact=2,
                    effort=1,
                    params={
                        "platform": MessageKey(f"platform.{channel.platform}"),
                        "now": typical,
                        "recommended": recommended,
                    },
                    finding_keys=("finding.channels.diminishing",),
                )
            )
    return Frequency(
        _curve_table(tuple(curve_rows)),
        _bucket_table(tuple(bucket_rows)),
        tuple(findings),
        tuple(actions),
    )


def _fit_cells(fit: LogLogFit | None) -> tuple[float | None, ...]:
    if fit is None:
        return (None, None, None, None)
    return (fit.b, fit.low, fit.high, fit.doubling())


def _diminishing(
    channel: Channel, fit: LogLogFit, recommended: int, typical: float
) -> Finding:
    return Finding(
        "finding.channels.diminishing",
        "notice",
        {
            "platform": MessageKey(f"platform.{channel.platform}"),
            "extra": round((fit.doubling() - 1) * 100),
            "weeks": fit.weeks,
            "typical": typical,
            "recommended": recommended,
        },
        Evidence(fit.weeks, fit.b, (fit.low, fit.high), statistic="power_curve"),
    )


def _buckets(
    channel: Channel, channel_weeks: Sequence[Week]
) -> list[tuple[Param, ...]]:
    rows: list[tuple[Param, ...]] = []
    for low, high in BUCKETS:
        inside = [
            w
            for w in channel_weeks
            if w.posts >= low and (high is None or w.posts <= high)
        ]
        if not inside:
            continue
        label = (
            str(low) if high == low else f"{low}+" if high is None else f"{low}–{high}"
        )
        rows.append(
            (
                f"platform.{channel.platform}", channel.name, label, len(inside),
                sum(w.posts for w in inside),
                median([w.result for w in inside]),
                median([w.result / w.posts for w in inside]),
            )
        )  # fmt: skip
    return rows


def _curve_table(rows: tuple[tuple[Param, ...], ...]) -> Table:
    return Table(
        "channels.frequency",
        "table.channels.frequency",
        (
            Column("platform", "column.platform", "label"),
            Column("account", "column.account"),
            Column("weeks", "column.channels.weeks", "integer"),
            Column("typical", "column.channels.typical_week", "number"),
            Column("most", "column.channels.busiest_week", "integer"),
            Column("b", "column.channels.elasticity", "number"),
            Column("b_low", "column.channels.low", "number"),
            Column("b_high", "column.channels.high", "number"),
            Column("doubling", "column.channels.doubling", "number"),
            Column("b_engagement", "column.channels.elasticity_engagement", "number"),
            Column("b_engagement_low", "column.channels.low", "number"),
            Column("b_engagement_high", "column.channels.high", "number"),
            Column("recommended", "column.channels.recommended_week", "integer"),
            Column("planned", "column.channels.planned_week", "number"),
            Column("status", "column.channels.status", "label"),
        ),
        rows,
    )


def _bucket_table(rows: tuple[tuple[Param, ...], ...]) -> Table:
    return Table(
        "channels.frequency_weeks",
        "table.channels.frequency_weeks",
        (
            Column("platform", "column.platform", "label"),
            Column("account", "column.account"),
            Column("posts_per_week", "column.channels.posts_in_week"),
            Column("weeks", "column.channels.weeks", "integer"),
            Column("posts", "column.posts", "integer"),
            Column("weekly", "column.channels.weekly_result", "number"),
            Column("per_post", "column.channels.result_per_post_week", "number"),
        ),
        rows,
    )
