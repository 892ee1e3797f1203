"""The "less but better" scenario: what if the weakest format or pillar were dropped?

Per channel, over the review year's organic posts: the groups (formats, or labels
as pillars) with at least ``MIN_POSTS`` posts that have an engagement rate are
compared on their median rate (by reach where the channel has reach per post, else
by views). The weakest of at least two such groups is "dropped" on paper: the
posts it would have saved, the reach and engagement those posts brought, and the
reach and engagement per post of what remains. It is a scenario, not a forecast:
it assumes the other posts would have done what they did.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from fokus.analyses.base import column_values, records, scalar
from fokus.analyses.stats import (
    MIN_POSTS,
    Interval,
    median,
    median_difference,
    median_interval,
)

if TYPE_CHECKING:
    import ibis.expr.types as ir

Dimension = Literal["format", "pillar"]
_KEY = ("platform", "account_id", "post_id")
_LABEL_SPLIT = r"\s*[,;|]\s*"


@dataclass(frozen=True, slots=True)
class Scenario:
    """One channel's weakest group, dropped on paper."""

    platform: str
    group: str
    """The format key, or the label as written."""
    denominator: Literal["reach", "views"]
    groups_compared: int
    posts: int
    """The channel's posts in the year."""
    saved: int
    rate: Interval
    """The dropped group's median rate, with its interval."""
    rest_rate: float
    chance_rest_better: float | None
    """Chance that the rest's median rate beats the dropped group's (log1p scale)."""
    reach_measure: Literal["reach", "views"]
    """What "reach" is on this channel: reach, or views where posts have no reach."""
    reach_now: float | None
    reach_lost: float | None
    reach_after: float | None
    """Reach (or views) per post, now and of what remains; ratio of sums."""
    reach_share_lost: float | None
    engagement_now: float | None
    engagement_lost: float | None
    engagement_after: float | None
    engagement_share_lost: float | None


def labelled(year: ir.Table) -> ir.Table:
    """One row per post and label (``group``: folded; ``label``: as written)."""
    t = year.filter(year.labels.notnull() & (year.labels.strip() != ""))
    t = t.mutate(label=t.labels.re_split(_LABEL_SPLIT)).unnest("label")
    t = t.mutate(label=t.label.strip())
    t = t.filter(t.label != "")
    return t.mutate(group=t.label.lower())


def scenarios(year: ir.Table, dimension: Dimension) -> list[Scenario]:
    """The scenario for each channel where one can be made, by platform."""
    grouped = (
        year.mutate(group=year.format, label=year.format)
        if dimension == "format"
        else labelled(year)
    )
    channels = {row["platform"]: row for row in records(_channel_totals(year))}
    groups = records(_group_summaries(grouped))
    found = []
    for platform in sorted(channels):
        channel = channels[platform]
        denominator: Literal["reach", "views"] = (
            "reach"
            if channel["with_rate_reach"]
            and channel["with_rate_reach"] >= channel["with_rate_views"] / 2
            else "views"
        )
        eligible = [
            g
            for g in groups
            if g["platform"] == platform and g[f"n_rate_{denominator}"] >= MIN_POSTS
        ]
        if len(eligible) < 2:
            continue
        weakest = min(
            eligible, key=lambda g: (g[f"median_rate_{denominator}"], g["group"])
        )
        found.append(_scenario(grouped, channel, weakest, denominator, len(eligible)))
    return found


def _channel_totals(year: ir.Table) -> ir.Table:
    return year.group_by("platform").aggregate(
        posts=year.count(),
        with_rate_reach=year.rate_reach.count(),
        with_rate_views=year.rate_views.count(),
        with_reach=year.reach_basis.count(),
        reach_sum=year.reach_basis.sum(),
        views_sum=year.views_basis.sum(),
        with_views=year.views_basis.count(),
        engagement_sum=year.engagement.sum(),
        with_engagement=year.engagement.count(),
    )


def _group_summaries(grouped: ir.Table) -> ir.Table:
    g = grouped
    return g.group_by(["platform", "group"]).aggregate(
        label=g.label.min(),
        posts=g.count(),
        n_rate_reach=g.rate_reach.count(),
        n_rate_views=g.rate_views.count(),
        median_rate_reach=g.rate_reach.median(),
        median_rate_views=g.rate_views.median(),
        reach_sum=g.reach_basis.sum(),
        with_reach=g.reach_basis.count(),
        views_sum=g.views_basis.sum(),
        with_views=g.views_basis.count(),
        engagement_sum=g.engagement.sum(),
        with_engagement=g.engagement.count(),
    )


def _rates(t: ir.Table, denominator: str) -> list[float]:
    return column_values(t, f"rate_{denominator}")


def _scenario(
    grouped: ir.Table,
    channel: dict[str, Any],
    weakest: dict[str, Any],
    denominator: Literal["reach", "views"],
    compared: int,
) -> Scenario:
    platform = channel["platform"]
    on_channel = grouped.filter(grouped.platform == platform)
    dropped = on_channel.filter(on_channel.group == weakest["group"])
    dropped_keys = dropped.select(*_KEY).distinct()
    posts = on_channel.select(*_KEY, "rate_reach", "rate_views").distinct()
    rest = posts.anti_join(dropped_keys, list(_KEY))
    dropped_rates = _rates(dropped, denominator)
    rest_rates = _rates(rest, denominator)
    saved = int(scalar(dropped_keys.count()))
    scale = 1000.0  # per 1,000 reached: log1p works on counts, not fractions
    difference = median_difference(
        [r * scale for r in rest_rates], [r * scale for r in dropped_rates],
        scale="log1p",
    )  # fmt: skip
    measure: Literal["reach", "views"] = "reach" if channel["with_reach"] else "views"
    reach = _per_post(channel, weakest, measure)
    engagement = _per_post(channel, weakest, "engagement")
    return Scenario(
        platform=platform,
        group=str(weakest["label"]),
        denominator=denominator,
        groups_compared=compared,
        posts=int(channel["posts"]),
        saved=saved,
        rate=median_interval(dropped_rates),
        rest_rate=_median(rest_rates),
        chance_rest_better=difference.chance_to_beat,
        reach_measure=measure,
        reach_now=reach[0],
        reach_lost=reach[1],
        reach_after=reach[2],
        reach_share_lost=reach[3],
        engagement_now=engagement[0],
        engagement_lost=engagement[1],
        engagement_after=engagement[2],
        engagement_share_lost=engagement[3],
    )


def _median(values: list[float]) -> float:
    return median(values) if values else math.nan


def _per_post(
    channel: dict[str, Any], group: dict[str, Any], measure: str
) -> tuple[float | None, float | None, float | None, float | None]:
    """(per post now, lost in total, per post of what remains, share lost)."""
    total, n = channel[f"{measure}_sum"], int(channel[f"with_{measure}"])
    lost, lost_n = group[f"{measure}_sum"] or 0.0, int(group[f"with_{measure}"])
    if not n or total is None:
        return None, None, None, None
    after = (total - lost) / (n - lost_n) if n > lost_n else None
    share = lost / total if total else None
    return total / n, float(lost), after, share
