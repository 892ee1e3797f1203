"""A seeded model of the organisation's posts and their lifetime metrics.

Each post gets its final lifetime totals once; :func:`snapshot` gives what an
export made on a given day shows.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import TypeVar

from fokus.demo.captions import compose_caption
from fokus.demo.lifetime import Metrics, boost_fraction, lifetime_fraction, scaled
from fokus.demo.organisation import (
    BOOST_SHARE,
    BOOSTED_PILLARS,
    CHANNELS,
    FACEBOOK_FORMATS,
    FACEBOOK_PAGE,
    INSTAGRAM_ACCOUNT,
    INSTAGRAM_FORMATS,
    MONTH_POSTING,
    MONTH_REACH,
    PILLARS,
    VOICE_ENGAGEMENT,
    VOICE_REACH,
    VOICE_WEIGHTS,
    Account,
    Pillar,
    Voice,
)
from fokus.demo.streams import stream

_SHORTCODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
_VIDEO_TYPES = ("Reels", "Videos", "IG reel")
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class SimPost:
    """One simulated post with its totals once it has run its course."""

    account: Account
    post_id: str
    permalink: str
    published: dt.datetime
    post_type: str
    """The platform's own word: ``Photos``, ``Reels``, ``IG carousel`` …"""
    pillar: str
    voice: Voice
    caption: str
    duration: int
    boosted: bool
    caption_type: str
    is_share: bool
    follows_missing: bool
    """Meta leaves ``Follows`` blank for some posts; blank is not 0."""
    lifetime: Metrics

    @property
    def platform(self) -> str:
        return self.account.platform


def snapshot(post: SimPost, as_of: dt.datetime) -> Metrics | None:
    """The lifetime numbers an export made at ``as_of`` shows (None: not yet posted)."""
    age = (as_of - post.published).total_seconds() / 86_400
    if age < 0:
        return None
    organic = lifetime_fraction(post.platform, post.post_type, age)
    return scaled(post.lifetime, organic, boost_fraction(age))


def simulate_posts(seed: int, start: dt.date, end: dt.date) -> tuple[SimPost, ...]:
    """All posts of both accounts from ``start`` to ``end`` (inclusive), by time."""
    posts: list[SimPost] = []
    for account in (FACEBOOK_PAGE, INSTAGRAM_ACCOUNT):
        rng = stream(seed, f"{account.platform}:posts")
        posts.extend(_simulate_channel(rng, account, start, end))
    return tuple(sorted(posts, key=lambda p: (p.published, p.platform)))


def _simulate_channel(
    rng: random.Random, account: Account, start: dt.date, end: dt.date
) -> list[SimPost]:
    model = CHANNELS[account.platform]
    weekday_weight = (7 - 2 * model.weekend_posting) / 5
    seen_codes: set[str] = set()
    posts: list[SimPost] = []
    day = start
    while day <= end:
        weekend = day.weekday() >= 5
        expected = (
            model.posts_per_week
            / 7
            * (model.weekend_posting if weekend else weekday_weight)
            * MONTH_POSTING[day.month - 1]
        )
        count = int(expected) + (rng.random() < expected - int(expected))
        if day == end:
            count = max(count, 1)  # the team posted on the day it exported
        first, last = model.posting_hours
        minutes = sorted(rng.sample(range(first * 60, last * 60), count))
        for minute in minutes:
            published = dt.datetime.combine(day, dt.time(minute // 60, minute % 60))
            posts.append(
                _simulate_post(
                    rng, account, published, start=start, seen_codes=seen_codes
                )
            )
        day += dt.timedelta(days=1)
    return posts


def _weighted(rng: random.Random, options: tuple[tuple[_T, float], ...]) -> _T:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def _count(rng: random.Random, mean: float) -> int:
    """A noisy non-negative count around ``mean`` (stochastic rounding keeps small
    means unbiased, so rare interactions still show up as occasional 1s)."""
    value = max(0.0, mean * rng.uniform(0.8, 1.2))
    return int(value) + (rng.random() < value - int(value))


def _simulate_post(
    rng: random.Random,
    account: Account,
    published: dt.datetime,
    *,
    start: dt.date,
    seen_codes: set[str],
) -> SimPost:
    model = CHANNELS[account.platform]
    facebook = account.platform == "facebook"
    pillar: Pillar = _weighted(rng, tuple((p, p.weight) for p in PILLARS))
    formats = FACEBOOK_FORMATS if facebook else INSTAGRAM_FORMATS
    post_type, _, fmt_reach, fmt_engagement = _weighted(
        rng, tuple((f, f[1]) for f in formats)
    )
    voice = _weighted(rng, VOICE_WEIGHTS)
    question = rng.random() < (0.45 if voice == "personal" else 0.25)
    years = (published.date() - start).days / 365.25
    weekend = published.weekday() >= 5

    mean_reach = (
        model.base_reach
        * model.yearly_trend**years
        * fmt_reach
        * pillar.reach
        * VOICE_REACH[voice]
        * MONTH_REACH[published.month - 1]
        * (model.weekend_reach if weekend else 1.0)
    )
    sigma = model.reach_sigma
    organic = max(3, round(mean_reach * rng.lognormvariate(-sigma * sigma / 2, sigma)))
    rate = (
        model.engagement_rate
        * fmt_engagement
        * pillar.engagement
        * VOICE_ENGAGEMENT[voice]
        * rng.lognormvariate(-0.06, 0.35)
    )
    boosted = (
        facebook
        and published.year > start.year
        and pillar.key in BOOSTED_PILLARS
        and rng.random() < BOOST_SHARE / 0.58  # the boosted pillars are ~58 % of posts
    )
    # Paid reach is bought cheaply from people who care less: many more people,
    # a seventh of the interaction rate.
    paid = round(organic * rng.uniform(3.0, 9.0)) if boosted else 0
    interactions = organic * rate + paid * rate * 0.15
    comment_share = 0.1 * pillar.comment_bias * (1.6 if question else 1.0)
    share_share = (0.08 if facebook else 0.06) * pillar.share_bias
    reach = organic + paid

    video = post_type in _VIDEO_TYPES
    duration = 0
    if post_type == "Videos":
        duration = rng.randint(30, 240)
    elif video:
        duration = rng.randint(8, 75)
    views_ratio = rng.uniform(1.6, 2.6) if video else rng.uniform(1.25, 1.7)
    if post_type == "IG carousel":
        views_ratio += 0.4  # every swipe is another view
    views = round(reach * views_ratio)
    three_s = views * rng.uniform(0.35, 0.55) if video and facebook else 0.0
    watched = duration * rng.uniform(0.12, 0.4)

    lifetime = Metrics(
        reach_organic=organic,
        reach_boosted=paid,
        views=views,
        reactions=_count(rng, interactions * (1 - comment_share - share_share)),
        comments=_count(rng, interactions * comment_share),
        shares=_count(rng, interactions * share_share),
        saves=0
        if facebook
        else _count(rng, interactions * (0.16 if post_type == "IG carousel" else 0.07)),
        follows=0
        if facebook
        else _count(rng, reach * (0.004 if post_type == "IG reel" else 0.0015)),
        link_clicks=_count(rng, reach * 0.03) if post_type == "Links" else 0,
        other_clicks=_count(rng, reach * 0.012) if not video else 0,
        photo_clicks=_count(rng, reach * 0.025) if post_type == "Photos" else 0,
        video_views_3s_organic=round(three_s * organic / reach),
        video_views_3s_boosted=round(three_s * paid / reach),
        video_views_1m=_count(rng, views * 0.05) if duration > 60 and facebook else 0,
        negative_feedback=(
            _count(rng, organic * 0.0008 + paid * 0.002) if facebook else 0
        ),
        seconds_viewed=round(views * watched, 3) if video else 0.0,
    )
    since_start = published - dt.datetime.combine(start, dt.time())
    minutes = int(since_start.total_seconds()) // 60
    blank = rng.random() < 0.02 and post_type in ("Photos", "IG image")
    caption = "" if blank else compose_caption(
        rng, pillar, voice, published, question=question,
        hashtags=rng.randint(2, 5) if not facebook else rng.choice((0, 0, 0, 2)),
        link=post_type == "Links",
    )  # fmt: skip
    if facebook:
        # Ids grow with time, as Meta's do; the random part keeps them unique.
        post_id = str(800 * 10**12 + minutes * 4_200_000 + rng.randrange(10**6))
        video_id = str(10**15 + minutes * 9_000_000 + rng.randrange(10**6))
        base = f"https://www.facebook.com/{account.username}"
        permalink = {
            "Reels": f"https://www.facebook.com/reel/{video_id}/",
            "Videos": f"{base}/videos/{video_id}/",
        }.get(post_type, f"{base}/posts/{post_id}")
    else:
        post_id = str(179 * 10**14 + minutes * 1_500_000_000 + rng.randrange(10**9))
        code = _shortcode(rng, published.year, seen_codes)
        kind = "reel" if post_type == "IG reel" else "p"
        permalink = f"https://www.instagram.com/{kind}/{code}/"
    return SimPost(
        account=account,
        post_id=post_id,
        permalink=permalink,
        published=published,
        post_type=post_type,
        pillar=pillar.key,
        voice=voice,
        caption=caption,
        duration=duration,
        boosted=boosted,
        caption_type=_caption_type(rng) if video else "N/A",
        is_share=facebook and not video and rng.random() < 0.01,
        follows_missing=not facebook and rng.random() < 0.03,
        lifetime=lifetime,
    )


def _caption_type(rng: random.Random) -> str:
    # Meta's word for the video's subtitles, not for the post text.
    return "uploaded" if rng.random() < 0.8 else "mixed"


def _shortcode(rng: random.Random, year: int, seen: set[str]) -> str:
    # Instagram shortcodes encode the media id; their first letter creeps up over
    # the years, which is all the realism a join key needs.
    while True:
        code = ("C" if year <= 2024 else "D") + "".join(
            rng.choice(_SHORTCODE_ALPHABET) for _ in range(10)
        )
        if code not in seen:
            seen.add(code)
            return code
