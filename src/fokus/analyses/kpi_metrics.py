"""The KPI metric vocabulary: what each ``metric`` name in ``fokus.toml`` measures.

A KPI names one of these metrics (docs/sections/strategy.md lists them). Each says
where its numbers come from and how a period's value is made from them:

* ``posts`` metrics read the metric layer (``post_measures``): per-post lifetime
  values as of the export date, for the posts *published* in the period. Reach,
  views, engagement and rates count organic posts only (paid left out, unknown kept
  and said so); ``posts`` and ``posts_per_week`` count every post.
* ``daily`` metrics read the account-level daily series: values *for the days of*
  the period. The first candidate series a platform has is used (``follows`` on
  Meta and X, ``new_followers_total`` on LinkedIn, …); a pair ``(a, b)`` is the
  day's ``a - b``.

The two are never mixed in one value. ``exports`` names, per platform, the export
that carries the metric, so a KPI that cannot be measured says what to import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from fokus.analyses.measures import Denominator
from fokus.analyses.stats import Scale
from fokus.model.vocab import ExportKind, Platform

Source = Literal["posts", "daily"]
Aggregate = Literal["total", "per_week", "median", "latest"]
"""``total``: a sum over the period; ``per_week``: posts per week; ``median``: the
median post; ``latest``: the last day's value (a count such as followers)."""


@dataclass(frozen=True, slots=True)
class KpiMetric:
    """One KPI metric: its source, how a period is summed up, and which exports."""

    name: str
    source: Source
    aggregate: Aggregate
    column: str
    """The ``post_measures`` column; ``""`` counts posts."""
    organic_only: bool = True
    scale: Scale = "log1p"
    """How two periods' medians are compared (``linear`` for rates)."""
    denominator: Denominator | None = None
    """For an engagement rate: what it is divided by."""
    series: tuple[tuple[str, ...], ...] = ()
    """Daily: the candidate series, first present wins; ``(a, b)`` means a − b."""
    exports: Mapping[Platform, ExportKind] | None = None


POST_EXPORTS: Mapping[Platform, ExportKind] = {
    "facebook": "meta_facebook_posts",
    "instagram": "meta_instagram_posts",
    "linkedin": "linkedin_content",
    "tiktok": "tiktok_content",
    "youtube": "youtube_table",
    "x": "x_content",
}
REACH_EXPORTS: Mapping[Platform, ExportKind] = {
    p: POST_EXPORTS[p] for p in ("facebook", "instagram", "youtube")
}
"""Only these platforms export unique reach per post (docs/metrics.md)."""
FOLLOWER_EXPORTS: Mapping[Platform, ExportKind] = {
    "facebook": "meta_daily_series",
    "instagram": "meta_daily_series",
    "linkedin": "linkedin_followers",
    "tiktok": "tiktok_overview",
    "youtube": "youtube_table",
    "x": "x_overview",
}

_METRICS: tuple[KpiMetric, ...] = (
    KpiMetric("posts", "posts", "total", "", organic_only=False, exports=POST_EXPORTS),
    KpiMetric("posts_per_week", "posts", "per_week", "", organic_only=False,
              exports=POST_EXPORTS),
    KpiMetric("reach", "posts", "total", "reach_basis", exports=REACH_EXPORTS),
    KpiMetric("median_reach", "posts", "median", "reach_basis", exports=REACH_EXPORTS),
    KpiMetric("views", "posts", "total", "views_basis", exports=POST_EXPORTS),
    KpiMetric("median_views", "posts", "median", "views_basis", exports=POST_EXPORTS),
    KpiMetric("engagement", "posts", "total", "engagement", exports=POST_EXPORTS),
    KpiMetric("median_engagement", "posts", "median", "engagement",
              exports=POST_EXPORTS),
    KpiMetric("engagement_rate", "posts", "median", "rate_reach", scale="linear",
              denominator="reach", exports=REACH_EXPORTS),
    KpiMetric("engagement_rate_views", "posts", "median", "rate_views",
              scale="linear", denominator="views", exports=POST_EXPORTS),
    KpiMetric("engagement_rate_followers", "posts", "median", "rate_followers",
              scale="linear", denominator="followers",
              exports={"tiktok": "tiktok_followers"}),
    KpiMetric("link_clicks", "posts", "total", "link_clicks",
              exports={"facebook": "meta_facebook_posts", "x": "x_content"}),
    KpiMetric("follower_growth", "daily", "total", "",
              series=(("follows",), ("new_followers_total",)),
              exports=FOLLOWER_EXPORTS),
    KpiMetric("net_follows", "daily", "total", "",
              series=(("net_follows",), ("follows", "unfollows")),
              exports={"tiktok": "tiktok_followers", "youtube": "youtube_table",
                       "x": "x_overview"}),
    KpiMetric("followers", "daily", "latest", "", series=(("followers",),),
              exports={"tiktok": "tiktok_followers"}),
    KpiMetric("profile_visits", "daily", "total", "",
              series=(("profile_visits",), ("visits",), ("page_views_total_total",)),
              exports={"facebook": "meta_daily_series",
                       "instagram": "meta_daily_series",
                       "linkedin": "linkedin_visitors", "tiktok": "tiktok_overview",
                       "x": "x_overview"}),
)  # fmt: skip

KPI_METRICS: Mapping[str, KpiMetric] = {m.name: m for m in _METRICS}
"""Every KPI metric fokus can measure, by the name ``fokus.toml`` uses."""


def is_rate(metric: KpiMetric) -> bool:
    """Whether the metric's values are fractions (shown as percentages)."""
    return metric.denominator is not None
