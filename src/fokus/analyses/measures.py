"""The metric layer: what "engagement" and each rate mean, per platform, per post.

Every analysis that compares posts reads them through ``post_measures``, so the
definitions live in one place (and in docs/metrics.md, "Engagement and rates"):

* **Engagement** is the sum of a platform's interaction metrics
  (``ENGAGEMENT``); a mapped source names its own in its mapping. A post whose
  export holds none of them has no engagement (NULL), never zero; a component the
  export leaves blank while it holds others counts as zero.
* **Rates name their denominator.** ``reach`` (unique accounts: the default),
  ``views`` (views or impressions, whichever the platform counts; ``VIEWS_BASIS``)
  and ``followers`` (the account's followers on the day the post went out, where a
  daily follower count was exported). A rate exists only where its denominator is
  above zero.
* Per-post values are **lifetime totals as of the export date**; nothing here mixes
  them with the daily series (values for a period).
* **Paid and organic** stay apart: ``paid`` is carried on every row, and summaries
  are grouped by it by the caller.
* Each post is also read against **its own account's baseline**: the median of the
  account's previous ``BASELINE_POSTS`` posts, so a large account does not drown a
  small one (``reach_vs_baseline``, ``views_vs_baseline``,
  ``engagement_vs_baseline``). The first posts of an account have no baseline.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import ibis

from fokus.analyses.base import records
from fokus.model.vocab import Platform, PostMetric

if TYPE_CHECKING:
    import ibis.expr.types as ir

Denominator = Literal["reach", "views", "followers"]
DENOMINATORS: tuple[Denominator, ...] = ("reach", "views", "followers")
Averaging = Literal["median_of_rates", "mean_of_rates", "ratio_of_sums"]
BASELINE_POSTS = 20
"""How many of the account's previous posts make its baseline."""

ENGAGEMENT: Mapping[Platform, tuple[PostMetric, ...]] = {
    "facebook": ("reactions", "comments", "shares"),
    "instagram": ("likes", "comments", "shares", "saves"),
    "linkedin": ("reactions", "comments", "shares", "total_clicks"),
    "tiktok": ("likes", "comments", "shares", "saves"),
    "youtube": ("likes", "comments", "shares"),
    "x": ("likes", "comments", "reposts"),
}
"""Interactions that count as engagement, per platform (docs/metrics.md)."""

VIEWS_BASIS: Mapping[Platform, tuple[PostMetric, ...]] = {
    "facebook": ("views", "impressions"),
    "instagram": ("views", "impressions", "plays"),
    "linkedin": ("impressions", "views"),
    "tiktok": ("views",),
    "youtube": ("views",),
    "x": ("impressions",),
}
"""What "views" means per platform: the first of these the post has."""

REACH_BASIS: tuple[PostMetric, ...] = ("reach", "unique_viewers", "unique_impressions")
"""Unique accounts reached: the first of these the post has."""

_ALL_COMPONENTS: tuple[PostMetric, ...] = tuple(
    dict.fromkeys(m for metrics in ENGAGEMENT.values() for m in metrics)
)


def _first(t: ir.Table, metrics: Sequence[PostMetric]) -> ir.FloatingValue:
    return ibis.coalesce(*(t[m] for m in metrics))


def _engagement(t: ir.Table, components: Sequence[PostMetric]) -> ir.FloatingValue:
    """The sum of the components; NULL when the post has none of them."""
    any_present = ibis.or_(*(t[m].notnull() for m in components))
    total = sum((t[m].fill_null(0) for m in components), ibis.literal(0.0))
    return ibis.ifelse(any_present, total, ibis.null("float64"))


def _per_platform(
    t: ir.Table, table: Mapping[Platform, ir.Value], default: ir.Value
) -> ir.Value:
    cases = [(t.platform == platform, value) for platform, value in table.items()]
    return ibis.cases(*cases, else_=default)


def _rate(numerator: ir.FloatingValue, denominator: ir.FloatingValue) -> ir.Value:
    return ibis.ifelse(denominator > 0, numerator / denominator, ibis.null("float64"))


def post_measures(posts: ir.Table, daily: ir.Table, sources: ir.Table) -> ir.Table:
    """One row per post (its newest snapshot) with engagement, the three rates, and
    reach, views and engagement against the account's own baseline.

    ``review_data`` computes this once per review (``ReviewData.measures``); the
    sections read that table rather than building it again. The texts and the
    unmapped columns stay in ``posts``: the table says only whether a post has a
    text (``has_text``), and a section that reads texts joins them to the few
    posts it reads them for (``with_text``). At a million posts the captions were
    a third of the table's memory.
    """
    mapped = sources.select("import_id", mapped_components="engagement_components")
    t = posts.mutate(has_text=posts.text_nfkc.notnull()).drop(
        "text_raw", "text_nfkc", "extra"
    )
    t = t.left_join(mapped, "import_id").drop("import_id_right")
    per_platform = {p: _engagement(t, c) for p, c in ENGAGEMENT.items()}
    mapped_engagement = _mapped_engagement(t)
    t = t.mutate(
        engagement=_per_platform(t, per_platform, mapped_engagement),
        reach_basis=_first(t, REACH_BASIS),
        views_basis=_per_platform(
            t,
            {p: _first(t, m) for p, m in VIEWS_BASIS.items()},
            _first(t, ("views", "impressions")),
        ),
    )
    t = _with_followers(t, daily)
    t = t.mutate(
        rate_reach=_rate(t.engagement, t.reach_basis),
        rate_views=_rate(t.engagement, t.views_basis),
        rate_followers=_rate(t.engagement, t.followers_at_post),
    )
    # The rolling medians run on a narrow copy (the window operator carries every
    # column through its sort) and are joined back by the post's key.
    narrow = t.select(
        "platform", "account_id", "post_id", "published_at", "reach_basis",
        "views_basis", "engagement",
    )  # fmt: skip
    window = ibis.window(
        group_by=["platform", "account_id"],
        order_by=["published_at", "post_id"],
        rows=(-BASELINE_POSTS, -1),
    )
    baselines = narrow.select(
        b_platform="platform",
        b_account="account_id",
        b_post="post_id",
        baseline_reach=narrow.reach_basis.median().over(window),
        baseline_views=narrow.views_basis.median().over(window),
        baseline_engagement=narrow.engagement.median().over(window),
        baseline_n=narrow.post_id.count().over(window),
    )
    t = t.left_join(
        baselines,
        [
            t.platform == baselines.b_platform,
            t.account_id == baselines.b_account,
            t.post_id == baselines.b_post,
        ],
    ).drop("b_platform", "b_account", "b_post")
    return t.mutate(
        reach_vs_baseline=_rate(t.reach_basis, t.baseline_reach),
        views_vs_baseline=_rate(t.views_basis, t.baseline_views),
        engagement_vs_baseline=_rate(t.engagement, t.baseline_engagement),
    )


def post_texts(posts: ir.Table) -> ir.Table:
    """Each snapshot's normalised text, by the snapshot's key (``with_text``)."""
    return posts.select(*SNAPSHOT_KEY, "text_nfkc")


SNAPSHOT_KEY = ("platform", "account_id", "post_id", "as_of", "import_id", "source_row")
"""What tells one snapshot from every other: the post, and the export, import and
line it came from (what the store's ``posts`` view orders snapshots by)."""


def with_text(posts: ir.Table, texts: ir.Table) -> ir.Table:
    """``posts`` (rows of the measures table) with their ``text_nfkc``.

    Join it after narrowing ``posts`` to what is read: the join is cheap for a
    sample of a few thousand posts, and the texts never travel through the
    review's larger queries."""
    named = texts.rename({f"t_{key}": key for key in SNAPSHOT_KEY})
    joined = posts.left_join(
        named, [posts[key] == named[f"t_{key}"] for key in SNAPSHOT_KEY]
    )
    return joined.drop(*(f"t_{key}" for key in SNAPSHOT_KEY))


def _mapped_engagement(t: ir.Table) -> ir.FloatingValue:
    """A mapped source's engagement: the components its mapping named."""
    named = t.mapped_components
    cases = [
        ibis.ifelse(named.contains(metric), t[metric], ibis.null("float64"))
        for metric in _MAPPABLE
    ]
    any_present = ibis.or_(*(c.notnull() for c in cases))
    total = sum((c.fill_null(0) for c in cases), ibis.literal(0.0))
    return ibis.ifelse(named.notnull() & any_present, total, ibis.null("float64"))


_MAPPABLE: tuple[PostMetric, ...] = (
    *_ALL_COMPONENTS, "interactions", "engagements", "total_clicks", "link_clicks",
)  # fmt: skip


def _with_followers(posts: ir.Table, daily: ir.Table) -> ir.Table:
    """The account's follower count on the post's day (the latest count on or
    before it), where a daily ``followers`` series was exported.

    Written without an as-of join, which Spark SQL lacks: the posts' days and the
    count days go into one list per account, ordered by day with a day's count
    before its posts, and a running maximum gives each post day its latest count
    day. Two equality joins then fetch the count. The same rows as DuckDB's as-of
    join, on every engine.
    """
    counts = daily.filter(daily.metric == "followers").select(
        "platform", "account_id", count_day="day", followers="value"
    )
    post_days = posts.select("platform", "account_id", day="published_day").distinct()
    marks = post_days.mutate(order=1, count_day=ibis.null("date")).union(
        counts.select(
            "platform", "account_id", day="count_day", order=0, count_day="count_day"
        )
    )
    running = ibis.window(
        group_by=["platform", "account_id"], order_by=["day", "order"], rows=(None, 0)
    )
    latest = (
        marks.mutate(latest_day=marks.count_day.max().over(running))
        .filter(lambda m: m.order == 1)
        .select(
            l_platform="platform",
            l_account="account_id",
            l_day="day",
            latest_day="latest_day",
        )
    )
    with_day = posts.left_join(
        latest,
        [
            posts.platform == latest.l_platform,
            posts.account_id == latest.l_account,
            posts.published_day == latest.l_day,
        ],
    ).drop("l_platform", "l_account", "l_day")
    found = counts.select(
        c_platform="platform", c_account="account_id", c_day="count_day",
        followers_at_post="followers",
    )  # fmt: skip
    return with_day.left_join(
        found,
        [
            with_day.platform == found.c_platform,
            with_day.account_id == found.c_account,
            with_day.latest_day == found.c_day,
        ],
    ).drop("latest_day", "c_platform", "c_account", "c_day")


@dataclass(frozen=True, slots=True)
class RateSummary:
    """A rate over a group of posts, averaged three ways, with its denominator."""

    denominator: Denominator
    n: int
    """Posts with both an engagement and a denominator."""
    median_of_rates: float | None
    mean_of_rates: float | None
    ratio_of_sums: float | None
    """Σ engagement ÷ Σ denominator: large posts weigh more."""


def rate_summaries(
    measures: ir.Table, by: Sequence[str], denominator: Denominator = "reach"
) -> list[tuple[dict[str, object], RateSummary]]:
    """One summary per group (``by`` columns), for posts that have the rate."""
    rate = measures[f"rate_{denominator}"]
    basis = {
        "reach": measures.reach_basis,
        "views": measures.views_basis,
        "followers": measures.followers_at_post,
    }[denominator]
    usable = measures.filter(rate.notnull()).mutate(rate=rate, basis=basis)
    grouped = usable.group_by(list(by)).aggregate(
        n=usable.count(),
        median_of_rates=usable.rate.median(),
        mean_of_rates=usable.rate.mean(),
        engagement_sum=usable.engagement.sum(),
        basis_sum=usable.basis.sum(),
    )
    out = []
    for row in records(grouped.order_by(list(by))):
        total = row["basis_sum"]
        out.append(
            (
                {key: row[key] for key in by},
                RateSummary(
                    denominator,
                    int(row["n"]),
                    row["median_of_rates"],
                    row["mean_of_rates"],
                    row["engagement_sum"] / total if total else None,
                ),
            )
        )
    return out
