"""Account-level daily series (reach, views, visits, follows) derived from the posts.

Daily reach is what the posts gained that day plus a background of people who met
the account some other way, so the daily files tell the same story as the post
files: the summer dip, the Christmas bump, Facebook falling, Instagram growing.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Literal

from fokus.demo.lifetime import boost_fraction, lifetime_fraction
from fokus.demo.organisation import CHANNELS, MONTH_REACH, MetaPlatform
from fokus.demo.posts import SimPost
from fokus.demo.streams import stream

SeriesMetric = Literal["reach", "views", "visits", "follows"]
SERIES_METRICS: tuple[SeriesMetric, ...] = ("reach", "views", "visits", "follows")

_TRACKED_DAYS = 60
"""Days after publishing that a post still adds reach (beyond that it is noise)."""
_OVERLAP = 0.8
"""Daily reach is unique people: the same person reached by two posts counts once."""


@dataclass(frozen=True, slots=True)
class DailySeries:
    """One metric of one account, one value per day; days may be missing."""

    platform: MetaPlatform
    metric: SeriesMetric
    points: tuple[tuple[dt.date, int], ...]


def simulate_series(
    seed: int, posts: tuple[SimPost, ...], start: dt.date, end: dt.date
) -> tuple[DailySeries, ...]:
    """The four daily series of each account, from ``start`` to ``end`` inclusive."""
    series: list[DailySeries] = []
    platforms: tuple[MetaPlatform, ...] = ("facebook", "instagram")
    for platform in platforms:
        own = tuple(p for p in posts if p.platform == platform)
        rng = stream(seed, f"{platform}:series")
        series.extend(_account_series(rng, platform, own, start, end))
    return tuple(series)


def _post_increments(
    posts: tuple[SimPost, ...], start: dt.date, days: int
) -> tuple[list[float], list[float], list[float]]:
    """Per calendar day: the reach, views and follows the posts gained that day."""
    reach = [0.0] * days
    views = [0.0] * days
    follows = [0.0] * days
    for post in posts:
        m = post.lifetime
        first = (post.published.date() - start).days
        published_day = dt.datetime.combine(post.published.date(), dt.time())
        before_org = before_paid = 0.0
        for k in range(min(_TRACKED_DAYS, days - first)):
            day_end = published_day + dt.timedelta(days=k + 1)
            age = (day_end - post.published).total_seconds() / 86_400
            org = lifetime_fraction(post.platform, post.post_type, age)
            paid = boost_fraction(age)
            gained = m.reach_organic * (org - before_org) + m.reach_boosted * (
                paid - before_paid
            )
            reach[first + k] += gained
            views[first + k] += gained * m.views / max(m.reach, 1)
            follows[first + k] += m.follows * (org - before_org)
            before_org, before_paid = org, paid
    return reach, views, follows


def _noisy(rng: random.Random, mean: float, sigma: float = 0.15) -> int:
    return max(0, round(mean * rng.lognormvariate(-sigma * sigma / 2, sigma)))


def _account_series(
    rng: random.Random,
    platform: MetaPlatform,
    posts: tuple[SimPost, ...],
    start: dt.date,
    end: dt.date,
) -> list[DailySeries]:
    model = CHANNELS[platform]
    days = (end - start).days + 1
    reach_inc, views_inc, follows_inc = _post_increments(posts, start, days)
    facebook = platform == "facebook"
    values: dict[SeriesMetric, list[int]] = {m: [] for m in SERIES_METRICS}
    for index in range(days):
        day = start + dt.timedelta(days=index)
        years = index / 365.25
        level = model.yearly_trend**years * MONTH_REACH[day.month - 1]
        background = model.base_reach * 0.12 * level
        reach = _noisy(rng, _OVERLAP * reach_inc[index] + background)
        views = _noisy(rng, 0.95 * views_inc[index] + background * 1.8)
        values["reach"].append(reach)
        values["views"].append(max(views, reach))
        values["visits"].append(_noisy(rng, reach * (0.012 if facebook else 0.03), 0.3))
        base_follows = (1.4 if facebook else 2.5) * model.yearly_trend**years
        follows = base_follows + (0.0015 * reach if facebook else follows_inc[index])
        values["follows"].append(_noisy(rng, follows, 0.45))
    dates = [start + dt.timedelta(days=i) for i in range(days)]
    missing = _follows_gaps(rng, days, facebook)
    result: list[DailySeries] = []
    for metric in SERIES_METRICS:
        points = tuple(
            (d, v)
            for i, (d, v) in enumerate(zip(dates, values[metric], strict=True))
            if metric != "follows" or i not in missing
        )
        result.append(DailySeries(platform, metric, points))
    return result


def _follows_gaps(rng: random.Random, days: int, facebook: bool) -> frozenset[int]:
    """Days Meta leaves out of the follows file: a few short runs, and Instagram's
    file stops two days early (both seen in real exports)."""
    missing: set[int] = set()
    for _ in range(1 if facebook else 2):
        first = rng.randrange(30, days - 30)
        missing.update(range(first, first + rng.randint(3, 6)))
    if not facebook:
        missing.update((days - 2, days - 1))
    return frozenset(missing)
