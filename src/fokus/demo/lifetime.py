"""Lifetime metrics of a post, and how they grow after publishing.

Meta's post exports show lifetime totals as of the export day. Each simulated post
gets its final totals once; :func:`scaled` gives the totals some days in, so a newer
export of the same post always shows larger numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Metrics:
    """Lifetime totals of one post at one moment. Counts a platform does not export
    stay 0 (Instagram has no clicks, Facebook no saves)."""

    reach_organic: int
    reach_boosted: int
    views: int
    reactions: int
    """Facebook reactions; Instagram likes."""
    comments: int
    shares: int
    saves: int
    follows: int
    link_clicks: int
    other_clicks: int
    photo_clicks: int
    video_views_3s_organic: int
    video_views_3s_boosted: int
    video_views_1m: int
    negative_feedback: int
    seconds_viewed: float

    @property
    def reach(self) -> int:
        """Unique reach: some people saw the post both organically and as an ad."""
        return (
            self.reach_organic
            + self.reach_boosted
            - min(self.reach_organic, self.reach_boosted) // 12
        )


def lifetime_fraction(platform: str, post_type: str, age_days: float) -> float:
    """Share of the final organic totals reached ``age_days`` after publishing.

    A fast first-days component plus a slow tail; reels keep finding viewers
    for weeks, Facebook posts are done within a day or two.
    """
    if age_days <= 0:
        return 0.0
    fast, slow, fast_weight = 1.0, 12.0, 0.8
    if post_type == "IG reel":
        fast, slow, fast_weight = 2.0, 30.0, 0.6
    elif platform == "instagram":
        fast, slow, fast_weight = 1.5, 15.0, 0.75
    return (
        1.0
        - fast_weight * math.exp(-age_days / fast)
        - (1.0 - fast_weight) * math.exp(-age_days / slow)
    )


def boost_fraction(age_days: float) -> float:
    # Boosts run for five days from publishing, spending evenly.
    return min(1.0, max(0.0, age_days / 5.0))


def scaled(final: Metrics, organic: float, boosted: float) -> Metrics:
    """``final`` as it stood when the organic and the paid part had reached the given
    fractions; mixed counts grow with the reach-weighted fraction. Rounding is
    monotone, so a later snapshot is never smaller."""
    m = final
    total = m.reach_organic + m.reach_boosted
    mixed = (m.reach_organic * organic + m.reach_boosted * boosted) / max(total, 1)

    def scale(value: int, fraction: float) -> int:
        return math.floor(value * fraction + 0.5)

    return Metrics(
        reach_organic=scale(m.reach_organic, organic),
        reach_boosted=scale(m.reach_boosted, boosted),
        views=scale(m.views, mixed),
        reactions=scale(m.reactions, mixed),
        comments=scale(m.comments, mixed),
        shares=scale(m.shares, mixed),
        saves=scale(m.saves, mixed),
        follows=scale(m.follows, mixed),
        link_clicks=scale(m.link_clicks, mixed),
        other_clicks=scale(m.other_clicks, mixed),
        photo_clicks=scale(m.photo_clicks, mixed),
        video_views_3s_organic=scale(m.video_views_3s_organic, organic),
        video_views_3s_boosted=scale(m.video_views_3s_boosted, boosted),
        video_views_1m=scale(m.video_views_1m, mixed),
        negative_feedback=scale(m.negative_feedback, mixed),
        seconds_viewed=round(m.seconds_viewed * mixed, 3),
    )
