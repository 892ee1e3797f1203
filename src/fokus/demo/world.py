"""The whole simulated world of the demo, built once and handed to every writer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fokus.demo.channel_posts import ChannelPost, simulate_channel_posts
from fokus.demo.posts import SimPost, simulate_posts
from fokus.demo.series import DailySeries, simulate_series


@dataclass(frozen=True, slots=True)
class DemoWorld:
    """Posts and daily series from ``start`` to ``today``; writers pick their slice."""

    seed: int
    today: dt.date
    start: dt.date
    posts: tuple[SimPost, ...]
    """Facebook and Instagram."""
    series: tuple[DailySeries, ...]
    channel_posts: tuple[ChannelPost, ...]
    """LinkedIn, TikTok, YouTube and X."""

    def posts_on(self, platform: str) -> tuple[ChannelPost, ...]:
        return tuple(p for p in self.channel_posts if p.platform == platform)


def build_world(seed: int, today: dt.date) -> DemoWorld:
    """Simulate from the first of the month two years before ``today`` (so a full
    two-year comparison always fits) up to and including ``today``."""
    start = dt.date(today.year - 2, today.month, 1)
    posts = simulate_posts(seed, start, today)
    return DemoWorld(
        seed,
        today,
        start,
        posts,
        simulate_series(seed, posts, start, today),
        simulate_channel_posts(seed, start, today),
    )
