"""The closed sets of names that say what a figure is measured against.

A figure in the review (a finding's evidence, a table column) names two things,
each from its own registry here, never as free text:

* its **denominator**: what it is divided by or compared with (``reach``,
  ``planned_posts_a_week``, ``engagement_baseline``), and
* its **statistic**: how the figure is computed from the posts of a group
  (``median_of_rates``, ``ratio_of_medians``).

The report shows each through the catalogs (``report.denominator.<name>`` after
"relative to …", ``report.statistic.<name>``); the JSON carries the stable name
beside the translated text. A name outside these sets is a programming error.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

Denominator = Literal[
    # The reach-type measures and counts of a single post or account.
    "reach",
    "views",
    "impressions",
    "followers",
    "posts",
    # Per row of a table, as its basis or denominator column says.
    "reach_or_views",
    "reach_views_or_impressions",
    "row_denominator",
    # Per-post results compared with the account's own recent posts.
    "engagement_baseline",
    "audience_baseline",
    # Comparisons between channels, groups and periods.
    "best_channel_result",
    "other_channels_result",
    "first_half_result",
    "rest_of_channel_rate",
    "arm_a",
    "thousand_reached_or_viewed",
    # Shares and rhythms of posting.
    "all_posts_12_months",
    "review_year_posts",
    "planned_posts_a_week",
    "higher_ranked_channel_posts_a_week",
]
"""What a figure is divided by or compared with."""

Statistic = Literal[
    "median_of_rates",
    "median_of_ratios",
    "median_per_post",
    "single_post",
    "ratio_of_medians",
    "point_difference",
    "rank_correlation",
    "power_curve",
    "weighted_score",
]
"""How a figure is computed from the posts of a group."""

DENOMINATORS: Final[frozenset[str]] = frozenset(get_args(Denominator))
STATISTICS: Final[frozenset[str]] = frozenset(get_args(Statistic))

AXIS_DENOMINATORS: Final[frozenset[Denominator]] = frozenset(
    {"reach", "views", "impressions", "followers", "posts"}
)
"""Denominators short enough for a chart's axis title ("per reach"); the others
are for the method note and the evidence line."""
