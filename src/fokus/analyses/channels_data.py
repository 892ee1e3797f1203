"""What the channels section reads: posts per channel with one reach-type result.

A channel is one account on one platform (``platform`` × ``account_id``). Every
figure is kept apart by ``paid`` (organic, paid, unknown). The comparisons across
channels, the frequency curves and the recommendation use the posts *not known to
be paid* (organic and unknown: some exports never say), so an ad budget does not
make a channel look better than its own posting does; the table titles say so.

A post's **result** is its reach where the platform counts reach (Facebook,
Instagram, YouTube's unique viewers), else its views or impressions (LinkedIn,
TikTok, X): ``result_basis`` says which. Impressions count one person several
times, so a channel measured by impressions is, if anything, flattered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ibis

from fokus.analyses.base import ReviewData, records, to_date
from fokus.config import ChannelConfig, WorkspaceConfig

if TYPE_CHECKING:
    import ibis.expr.types as ir

Key = tuple[str, str]
"""A channel: (platform, account_id)."""
NOT_PAID = ("organic", "unknown")


@dataclass(frozen=True, slots=True)
class Channel:
    """One account on one platform, as the data and fokus.toml know it."""

    platform: str
    account_id: str
    name: str
    config: ChannelConfig | None

    @property
    def key(self) -> Key:
        return (self.platform, self.account_id)


COLUMNS = (
    "platform", "account_id", "paid", "format", "published_day", "published_at",
    "published_precision", "result", "result_basis", "result_vs_baseline",
    "engagement", "rate_reach", "rate_views", "clicks",
)  # fmt: skip


def channel_posts(data: ReviewData) -> ir.Table:
    """``post_measures`` plus ``result`` (reach, else views), the result against
    the account's baseline, and ``clicks``: only the columns this section reads."""
    m = data.measures
    m = m.mutate(
        result=ibis.coalesce(m.reach_basis, m.views_basis),
        result_basis=ibis.ifelse(
            m.reach_basis.notnull(),
            "reach",
            ibis.ifelse(m.views_basis.notnull(), "views", ibis.null("string")),
        ),
        # Link clicks where the export counts them, else all clicks on the post.
        clicks=ibis.coalesce(m.link_clicks, m.total_clicks),
        result_vs_baseline=ibis.ifelse(
            m.reach_basis.notnull(), m.reach_vs_baseline, m.views_vs_baseline
        ),
    )
    return m.select(*COLUMNS)


def not_paid(posts: ir.Table) -> ir.Table:
    return posts.filter(posts.paid.isin(NOT_PAID))


def channels(data: ReviewData, config: WorkspaceConfig) -> list[Channel]:
    """Every account with posts, named, and matched to its block in fokus.toml."""
    posts = data.posts
    present = posts.select("platform", "account_id").distinct()
    named = present.left_join(
        data.accounts.select("platform", "account_id", "name", "username"),
        ["platform", "account_id"],
    ).order_by(["platform", "account_id"])
    rows = records(named)
    per_platform: dict[str, int] = {}
    for row in rows:
        per_platform[row["platform"]] = per_platform.get(row["platform"], 0) + 1
    out = []
    for row in rows:
        names = [str(row[k]) for k in ("name", "username", "account_id") if row[k]]
        out.append(
            Channel(
                row["platform"],
                row["account_id"],
                names[0],
                _configured(config, row["platform"], names, per_platform),
            )
        )
    return out


def _configured(
    config: WorkspaceConfig, platform: str, names: Sequence[str], counts: dict[str, int]
) -> ChannelConfig | None:
    """The fokus.toml block naming this account; a platform's only block matches
    its only account even when the names differ (an id in one, a name in the other)."""
    blocks = [c for c in config.channels if c.platform == platform]
    wanted = {n.casefold() for n in names}
    for block in blocks:
        if block.account.casefold() in wanted:
            return block
    if len(blocks) == 1 and counts.get(platform) == 1:
        return blocks[0]
    return None


@dataclass(frozen=True, slots=True)
class Span:
    """The days a channel's posts cover, both ends included."""

    first: dt.date
    last: dt.date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def weeks(self) -> float:
        return self.days / 7

    @property
    def middle(self) -> dt.date:
        """The first day of the second half (an odd day out goes to the first)."""
        return self.first + dt.timedelta(days=(self.days + 1) // 2)


def spans(posts: ir.Table) -> dict[Key, Span]:
    """First and last day with a post, per channel (all posts, paid or not)."""
    grouped = posts.group_by(["platform", "account_id"]).aggregate(
        first=posts.published_day.min(), last=posts.published_day.max()
    )
    out = {}
    for row in records(grouped):
        first, last = to_date(row["first"]), to_date(row["last"])
        assert first is not None and last is not None
        out[(row["platform"], row["account_id"])] = Span(first, last)
    return out
