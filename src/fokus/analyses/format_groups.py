"""Posts grouped by channel, format and paid status, and the formats ranked.

The heavy work (the metric layer, the choice of measure per channel, the grouping)
is one ibis expression; each group comes back as the sorted values of its posts, so
the statistics (exact median intervals, differences) run in Python on small lists.

Two outcomes, ranked apart because they rank formats differently:

* **reach**: unique accounts reached (``reach_basis``); on a channel whose export
  has no reach per post (LinkedIn, X, TikTok), views or impressions
  (``views_basis``) instead, named on every row;
* **engagement rate**: engagement ÷ the same measure (``rate_reach``, else
  ``rate_views``): the denominator is the reach-type measure of the channel.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import ibis

from fokus.analyses.base import ReviewData, records
from fokus.analyses.measures import VIEWS_BASIS
from fokus.analyses.stats import (
    MIN_POSTS,
    Interval,
    enough,
    median,
    median_interval,
    shrink,
)

if TYPE_CHECKING:
    import ibis.expr.types as ir

Outcome = Literal["reach", "rate"]
OUTCOMES: tuple[Outcome, ...] = ("reach", "rate")
PaidStatus = Literal["organic", "paid", "unknown"]
RANK_ON: PaidStatus = "organic"
"""Formats are ranked on organic posts: boosting buys reach, so paid posts are
shown beside them but never ranked. Where an export does not say which posts were
paid, the channel is ranked on those posts, and the review says so."""

Status = Literal["ranked", "alone", "too_few", "paid", "not_basis", "no_values"]
"""Why a group has, or has not, a rank."""

_CHANNEL = ("platform", "account_id")
_MEASURE_NAME = {"impressions": "impressions", "views": "views", "plays": "views"}


@dataclass(frozen=True, slots=True)
class Group:
    """The posts of one channel in one format and one paid status."""

    platform: str
    account_id: str
    account: str
    """The account's name, else its username, else its id."""
    format: str
    raw: str | None
    """The platform's own word, kept for format ``other`` (never merged away)."""
    paid: PaidStatus
    posts: int
    reach: tuple[float, ...]
    """Sorted values of the reach-type measure (posts that have it)."""
    rate: tuple[float, ...]
    """Sorted engagement rates (posts with engagement and the measure)."""
    measure: str
    """What reach and the rate's denominator are: reach, impressions, views or
    mixed (posts of the group count different things)."""

    @property
    def channel(self) -> tuple[str, str]:
        return (self.platform, self.account_id)

    def values(self, outcome: Outcome) -> tuple[float, ...]:
        return self.reach if outcome == "reach" else self.rate


@dataclass(frozen=True, slots=True)
class Ranked:
    """A group's place in one ranking, with its measured median."""

    group: Group
    median: Interval | None
    """The measured median and its exact interval (None: no values)."""
    shrunk: float | None
    """The median pulled toward the channel's overall median: the order, never
    the value reported."""
    rank: int | None
    status: Status

    @property
    def n(self) -> int:
        return 0 if self.median is None else self.median.n


def _views_measure(t: ir.Table) -> ir.StringValue:
    """Which metric a post's ``views_basis`` is, in the metric layer's order."""

    def first(metrics: Sequence[str]) -> ir.StringValue:
        return ibis.cases(
            *((t[m].notnull(), _MEASURE_NAME[m]) for m in metrics),
            else_=ibis.null("string"),
        )

    return ibis.cases(
        *((t.platform == p, first(m)) for p, m in VIEWS_BASIS.items()),
        else_=first(("views", "impressions")),
    )


def post_values(data: ReviewData) -> ir.Table:
    """One row per post: its group keys, reach-type value, rate and measure name.

    A channel whose posts have reach at all is measured by reach; otherwise by its
    views or impressions, so every format of a channel is measured alike.
    """
    m = data.measures
    has_reach = m.reach_basis.count().over(ibis.window(group_by=list(_CHANNEL))) > 0
    m = m.mutate(has_reach=has_reach)
    return m.select(
        *_CHANNEL,
        "format",
        "paid",
        raw=ibis.ifelse(m.format == "other", m.format_raw, ibis.null("string")),
        reach_value=ibis.ifelse(m.has_reach, m.reach_basis, m.views_basis),
        rate_value=ibis.ifelse(m.has_reach, m.rate_reach, m.rate_views),
        measure=ibis.ifelse(
            m.has_reach,
            ibis.literal("reach"),
            ibis.ifelse(
                m.views_basis.notnull(), _views_measure(m), ibis.null("string")
            ),
        ),
        duration=m.duration_sec,
        watch_seconds=m.avg_seconds_viewed,
        percent_viewed=m.avg_percent_viewed,
        watched_full=m.watched_full_pct,
    )


def groups(t: ir.Table, accounts: ir.Table) -> list[Group]:
    """Every channel × format × paid group of ``post_values``, with its values and
    the account's name, in a stable order."""
    keys = [*_CHANNEL, "format", "raw", "paid"]
    grouped = t.group_by(keys).aggregate(
        posts=t.count(),
        reach=t.reach_value.collect(),
        rate=t.rate_value.collect(),
        measures=t.measure.collect(distinct=True),
    )
    names = accounts.group_by(_CHANNEL).aggregate(
        name=accounts.name.max(), username=accounts.username.max()
    )
    joined = grouped.left_join(names, list(_CHANNEL)).order_by(keys)
    out = []
    for row in records(joined):
        measures = sorted(row["measures"] or [])
        out.append(
            Group(
                platform=row["platform"],
                account_id=row["account_id"],
                account=row["name"] or row["username"] or row["account_id"],
                format=row["format"],
                raw=row["raw"],
                paid=row["paid"],
                posts=int(row["posts"]),
                reach=tuple(sorted(row["reach"] or ())),
                rate=tuple(sorted(row["rate"] or ())),
                measure=measures[0] if len(measures) == 1 else "mixed",
            )
        )
    return out


def rank_basis(channel: Sequence[Group]) -> PaidStatus | None:
    """The paid status a channel's formats are ranked on: organic, else the posts
    whose status the export does not give; None when all posts were paid."""
    present = {g.paid for g in channel}
    if RANK_ON in present:
        return RANK_ON
    return "unknown" if "unknown" in present else None


def rank(
    channel: Sequence[Group], outcome: Outcome, minimum: int = MIN_POSTS
) -> list[Ranked]:
    """One channel's groups in one ranking: ranked groups first, best first.

    Only groups of the ranking's paid status with at least ``minimum`` values are
    ranked, ordered by their median shrunk toward the channel's overall median of
    that status. The others follow, each with the reason it is not ranked.
    """
    basis = rank_basis(channel)
    pooled = sorted(v for g in channel if g.paid == basis for v in g.values(outcome))
    overall = median(pooled) if pooled else None
    entries = []
    for g in channel:
        values = g.values(outcome)
        interval = median_interval(values) if values else None
        shrunk = None
        if interval is not None and overall is not None and g.paid == basis:
            shrunk = shrink(interval.estimate, interval.n, overall)
        entries.append((g, interval, shrunk, _status(g, values, basis, minimum)))
    ranked = sorted(
        (e for e in entries if e[3] == "ranked"),
        key=lambda e: (-(e[2] or 0.0), -e[0].posts, e[0].format, e[0].raw or ""),
    )
    if len(ranked) == 1:  # nothing to rank it against
        ranked = [(g, interval, shrunk, "alone") for g, interval, shrunk, _ in ranked]
    rest = sorted(
        (e for e in entries if e[3] not in ("ranked", "alone")),
        key=lambda e: (
            _PAID_ORDER[e[0].paid],
            -e[0].posts,
            e[0].format,
            e[0].raw or "",
        ),
    )
    return [
        Ranked(g, interval, shrunk, position if status == "ranked" else None, status)
        for position, (g, interval, shrunk, status) in enumerate(ranked, 1)
    ] + [
        Ranked(g, interval, shrunk, None, status)
        for g, interval, shrunk, status in rest
    ]


_PAID_ORDER = {"organic": 0, "unknown": 1, "paid": 2}


def _status(
    group: Group, values: Sequence[float], basis: PaidStatus | None, minimum: int
) -> Status:
    if group.paid != basis:
        return "paid" if group.paid == "paid" else "not_basis"
    if not values:
        return "no_values"
    if not enough(len(values), minimum):
        return "too_few"
    return "ranked"


def channels(all_groups: Sequence[Group]) -> dict[tuple[str, str], list[Group]]:
    """The groups of each channel, channels in order."""
    out: dict[tuple[str, str], list[Group]] = {}
    for g in all_groups:
        out.setdefault(g.channel, []).append(g)
    return out
