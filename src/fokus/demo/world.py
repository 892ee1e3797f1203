"""The whole simulated world of the demo, built once and handed to every writer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fokus.demo.posts import SimPost, simulate_posts
from fokus.demo.series import DailySeries, simulate_series


@dataclass(frozen=True, slots=True)
class DemoWorld:
    """Posts and daily series from ``start`` to ``today``; writers pick their slice."""

    seed: int
    today: dt.date
    start: dt.date
    posts: tuple[SimPost, ...]
    series: tuple[DailySeries, ...]


def build_world(seed: int, today: dt.date) -> DemoWorld:
    """Simulate from the first of the month two years before ``today`` (so a full
    two-year comparison always fits) up to and including ``today``."""
    start = dt.date(today.year - 2, today.month, 1)
    posts = simulate_posts(seed, start, today)
    return DemoWorld(
        seed, today, start, posts, simulate_series(seed, posts, start, today)
    )
