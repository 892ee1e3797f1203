"""A seeded model of the posts on LinkedIn, TikTok, YouTube and X.

Each post gets its final lifetime counts once (:class:`ChannelPost`);
:func:`counts_at` gives what an export made at a given moment shows, and
:func:`daily_increments` spreads them over calendar days for the account-level
files. The story these numbers tell is in :mod:`fokus.demo.organisation`.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterable
from dataclasses import dataclass

from fokus.demo.captions import compose_caption
from fokus.demo.organisation import (
    MONTH_POSTING,
    MONTH_REACH,
    OTHER_ACCOUNTS,
    OTHER_CHANNELS,
    PILLARS,
    SPONSORED_PILLARS,
    SPONSORED_SHARE,
    VOICE_ENGAGEMENT,
    VOICE_REACH,
    VOICE_WEIGHTS,
    X_FREQUENCY_ELASTICITY,
    X_WEEKLY_SIGMA,
    OtherAccount,
    OtherChannel,
    OtherPlatform,
    Pillar,
    Voice,
)
from fokus.demo.streams import stream

_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
_TWITTER_EPOCH_MS = 1_288_834_974_657
_SPONSORED_DAYS = 14
"""A LinkedIn campaign runs for two weeks, spending evenly."""

COUNT_FIELDS = (
    "impressions", "impressions_paid", "reach", "views", "likes", "comments",
    "shares", "reposts", "saves", "clicks", "follows", "profile_visits", "detail_expands",
    "url_clicks", "hashtag_clicks", "permalink_clicks", "media_engagements",
    "watch_seconds", "new_viewers", "subscribers",
)  # fmt: skip
"""Lifetime counts a post may have; a platform leaves the ones it lacks at 0.
``impressions`` includes ``impressions_paid``; ``watch_seconds`` is whole seconds."""

Counts = dict[str, int]


@dataclass(frozen=True, slots=True)
class ChannelPost:
    """One simulated post on LinkedIn, TikTok, YouTube or X."""

    account: OtherAccount
    post_id: str
    permalink: str
    published: dt.datetime
    """Local time (Europe/Oslo, naive), like the Meta posts."""
    post_format: str
    """The channel's format in :data:`OTHER_CHANNELS` (``Video``, ``Short`` …)."""
    pillar: str
    voice: Voice
    text: str
    title: str
    """YouTube's video title; the first line of the text elsewhere."""
    duration: int
    sponsored: bool
    campaign: str
    posted_by: str
    week_posts: int
    """Posts of this account in the same ISO week (the frequency story)."""
    lifetime: Counts

    @property
    def platform(self) -> OtherPlatform:
        return self.account.platform


def growth(platform: str, post_format: str, age_days: float) -> float:
    """Share of a post's final organic counts reached ``age_days`` after publishing:
    a fast component plus a slow tail (a tweet is done in hours, a YouTube video
    keeps finding viewers for months)."""
    if age_days <= 0:
        return 0.0
    fast, slow, fast_weight = {
        "linkedin": (1.5, 10.0, 0.85),
        "tiktok": (2.0, 25.0, 0.6),
        "youtube": (4.0, 120.0, 0.45) if post_format == "Video" else (2.0, 40.0, 0.6),
        "x": (0.3, 3.0, 0.9),
    }[platform]
    return (
        1.0
        - fast_weight * math.exp(-age_days / fast)
        - (1.0 - fast_weight) * math.exp(-age_days / slow)
    )


_HORIZON_DAYS = {"linkedin": 90, "x": 30, "tiktok": 200, "youtube": 10_000}
"""Days after publishing that the daily files still count a post's gains."""


def _scale(post: ChannelPost, age: float, fields: Iterable[str]) -> Counts:
    organic = growth(post.platform, post.post_format, age)
    paid = min(1.0, max(0.0, age / _SPONSORED_DAYS))
    m = post.lifetime
    paid_total = m["impressions_paid"]
    organic_total = m["impressions"] - paid_total
    mixed = (organic_total * organic + paid_total * paid) / max(m["impressions"], 1)
    result: Counts = {}
    for key in fields:
        result[key] = math.floor(m[key] * mixed + 0.5)
    if "impressions_paid" in result or "impressions" in result:
        bought = math.floor(paid_total * paid + 0.5)
        result["impressions_paid"] = bought
        result["impressions"] = bought + math.floor(organic_total * organic + 0.5)
    return result


def counts_at(post: ChannelPost, as_of: dt.datetime) -> Counts | None:
    """The lifetime counts an export made at ``as_of`` shows (None: not yet posted).
    Rounding is monotone, so a later export never shows less."""
    age = (as_of - post.published).total_seconds() / 86_400
    if age < 0:
        return None
    return _scale(post, age, COUNT_FIELDS)


def daily_increments(
    posts: Iterable[ChannelPost], fields: tuple[str, ...], start: dt.date, end: dt.date
) -> dict[str, list[int]]:
    """Per calendar day from ``start`` to ``end``: what the posts gained that day
    (whole numbers; gains after a post's horizon are left out)."""
    days = (end - start).days + 1
    totals = {f: [0] * days for f in fields}
    for post in posts:
        first = (post.published.date() - start).days
        last = min(days, first + _HORIZON_DAYS[post.platform])
        midnight = dt.datetime.combine(post.published.date(), dt.time())
        offset = (post.published - midnight).total_seconds() / 86_400
        before = (
            _scale(post, -first - offset, fields)  # gained before ``start``
            if first < 0
            else dict.fromkeys(fields, 0)
        )
        for index in range(max(first, 0), last):
            now = _scale(post, index - first + 1 - offset, fields)
            for f in fields:
                totals[f][index] += now[f] - before[f]
            before = now
    return totals


def simulate_channel_posts(
    seed: int, start: dt.date, end: dt.date
) -> tuple[ChannelPost, ...]:
    """All posts of the four accounts from ``start`` to ``end``, by time."""
    posts: list[ChannelPost] = []
    for account in OTHER_ACCOUNTS:
        rng = stream(seed, f"{account.platform}:posts")
        posts.extend(_simulate_account(rng, account, start, end))
    return tuple(sorted(posts, key=lambda p: (p.published, p.platform)))


def _week_counts(
    rng: random.Random,
    channel: OtherChannel,
    platform: str,
    start: dt.date,
    end: dt.date,
) -> dict[dt.date, int]:
    """Posts per day. X draws a volume per week (busy and quiet weeks); the other
    channels post at a steady rate."""
    per_day: dict[dt.date, int] = {}
    day = start - dt.timedelta(days=start.weekday())
    weekday_weight = (7 - 2 * channel.weekend_posting) / 5
    while day <= end:
        week = [day + dt.timedelta(days=i) for i in range(7)]
        volume = channel.posts_per_week * MONTH_POSTING[day.month - 1]
        if platform == "x":
            # Campaigns, not the seasons, set the pace on X.
            sigma = X_WEEKLY_SIGMA
            volume = channel.posts_per_week * rng.lognormvariate(
                -sigma * sigma / 2, sigma
            )
        for d in week:
            weight = channel.weekend_posting if d.weekday() >= 5 else weekday_weight
            expected = volume / 7 * weight
            count = int(expected) + (rng.random() < expected - int(expected))
            if start <= d <= end:
                per_day[d] = count
        day += dt.timedelta(days=7)
    return per_day


def _weighted(rng: random.Random, options: list[tuple[str, float]]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def _count(rng: random.Random, mean: float) -> int:
    value = max(0.0, mean * rng.uniform(0.8, 1.2))
    return int(value) + (rng.random() < value - int(value))


def _simulate_account(
    rng: random.Random, account: OtherAccount, start: dt.date, end: dt.date
) -> list[ChannelPost]:
    channel = OTHER_CHANNELS[account.platform]
    per_day = _week_counts(rng, channel, account.platform, start, end)
    per_day[end] = max(per_day.get(end, 0), 1)  # posted on the export day too
    weeks: dict[tuple[int, int], int] = {}
    for day, n in per_day.items():
        key = day.isocalendar()[:2]
        weeks[key] = weeks.get(key, 0) + n
    seen: set[str] = set()
    posts: list[ChannelPost] = []
    for day in sorted(per_day):
        first, last = channel.posting_hours
        for minute in sorted(rng.sample(range(first * 60, last * 60), per_day[day])):
            published = dt.datetime.combine(day, dt.time(minute // 60, minute % 60))
            week_posts = weeks[day.isocalendar()[:2]]
            posts.append(
                _simulate_post(
                    rng,
                    account,
                    published,
                    start=start,
                    week_posts=week_posts,
                    seen=seen,
                )
            )
    return posts


def _simulate_post(
    rng: random.Random,
    account: OtherAccount,
    published: dt.datetime,
    *,
    start: dt.date,
    week_posts: int,
    seen: set[str],
) -> ChannelPost:
    platform = account.platform
    channel = OTHER_CHANNELS[platform]
    pillar: Pillar = rng.choices(PILLARS, weights=[p.weight for p in PILLARS])[0]
    post_format = _weighted(rng, [(f[0], f[1]) for f in channel.formats])
    _, _, fmt_reach, fmt_engagement = next(
        f for f in channel.formats if f[0] == post_format
    )
    voice: Voice = rng.choices(
        [v for v, _ in VOICE_WEIGHTS], weights=[w for _, w in VOICE_WEIGHTS]
    )[0]
    years = (published.date() - start).days / 365.25
    frequency = 1.0
    if platform == "x":
        frequency = (week_posts / channel.posts_per_week) ** X_FREQUENCY_ELASTICITY
    mean = (
        channel.base_reach
        * channel.yearly_trend**years
        * fmt_reach
        * pillar.reach
        * VOICE_REACH[voice]
        * MONTH_REACH[published.month - 1]
        * frequency
    )
    sigma = channel.reach_sigma
    organic = max(5, round(mean * rng.lognormvariate(-sigma * sigma / 2, sigma)))
    rate = (
        channel.engagement_rate
        * fmt_engagement
        * pillar.engagement
        * VOICE_ENGAGEMENT[voice]
        * rng.lognormvariate(-0.06, 0.35)
    )
    sponsored = (
        platform == "linkedin"
        and published.year > start.year
        and pillar.key in SPONSORED_PILLARS
        and rng.random() < SPONSORED_SHARE / 0.33  # the two pillars are ~33 % of posts
    )
    # Bought impressions come from people who care less: many more of them, a
    # fifth of the interaction rate.
    paid = round(organic * rng.uniform(4.0, 10.0)) if sponsored else 0
    interactions = organic * rate + paid * rate * 0.2
    duration = 0
    if platform == "tiktok":
        duration = rng.randint(12, 95)
    elif platform == "youtube":
        duration = (
            rng.randint(180, 1500) if post_format == "Video" else rng.randint(15, 58)
        )
    elif post_format == "Video":
        duration = rng.randint(30, 150)
    lifetime = _lifetime(
        rng, platform, post_format, organic=organic, paid=paid,
        interactions=interactions, duration=duration,
    )  # fmt: skip
    question = rng.random() < (0.45 if voice == "personal" else 0.25)
    text = compose_caption(
        rng, pillar, voice, published, question=question,
        hashtags=rng.choice((0, 1, 2, 3)) if platform != "tiktok" else rng.randint(3, 5),
        link=post_format == "Link",
    )  # fmt: skip
    if platform == "x":
        text = _tweet(text)
    post_id, permalink = _identity(rng, account, published, post_format, seen)
    title = text.split("\n", 1)[0]
    if platform == "youtube":
        title = _video_title(rng, pillar, post_format, title)
    campaign = ""
    if sponsored:
        season = "våren" if published.month <= 6 else "høsten"
        campaign = {"jobb": f"Rekruttering {season} {published.year}",
                    "kultur": f"Kulturhuset {season} {published.year}"}[pillar.key]  # fmt: skip
    posted_by = ""
    if platform == "linkedin":
        posted_by = (
            "Henrik Aas" if sponsored else rng.choice(("Magnus Hauge", "Jonas Berg"))
        )
    return ChannelPost(
        account=account, post_id=post_id, permalink=permalink, published=published,
        post_format=post_format, pillar=pillar.key, voice=voice, text=text,
        title=title, duration=duration, sponsored=sponsored, campaign=campaign,
        posted_by=posted_by, week_posts=week_posts, lifetime=lifetime,
    )  # fmt: skip


def _lifetime(
    rng: random.Random,
    platform: str,
    post_format: str,
    *,
    organic: int,
    paid: int,
    interactions: float,
    duration: int,
) -> Counts:
    m = dict.fromkeys(COUNT_FIELDS, 0)
    m["impressions"] = organic + paid
    m["impressions_paid"] = paid
    if platform == "linkedin":
        # LinkedIn's engagement rate counts clicks, likes, comments, reposts, follows.
        m["clicks"] = _count(rng, interactions * 0.45)
        m["likes"] = _count(rng, interactions * 0.42)
        m["comments"] = _count(rng, interactions * 0.07)
        m["reposts"] = _count(rng, interactions * 0.06)
        m["follows"] = _count(rng, paid * 0.002) if paid else 0
        if post_format == "Video":
            m["views"] = _count(rng, m["impressions"] * 0.35)
        m["reach"] = round(m["impressions"] * rng.uniform(0.55, 0.7))
    elif platform == "x":
        m["likes"] = _count(rng, interactions * 0.3)
        m["shares"] = _count(rng, interactions * 0.02)  # Share via DM / copy link
        m["saves"] = _count(rng, interactions * 0.04)  # bookmarks
        m["comments"] = _count(rng, interactions * 0.06)  # replies
        m["reposts"] = _count(rng, interactions * 0.08)
        m["profile_visits"] = _count(rng, interactions * 0.1)
        m["detail_expands"] = _count(rng, interactions * 0.25)
        m["url_clicks"] = (
            _count(rng, interactions * 0.3) if post_format == "Link" else 0
        )
        m["hashtag_clicks"] = _count(rng, interactions * 0.02)
        m["permalink_clicks"] = _count(rng, interactions * 0.03)
        m["follows"] = _count(rng, interactions * 0.01)
        if post_format == "Photo":
            m["media_engagements"] = _count(rng, interactions * 0.15)
            m["views"] = _count(rng, m["impressions"] * 0.12)  # media views
    else:  # TikTok and YouTube: views are the reach measure
        views = organic
        m["views"] = views
        m["reach"] = round(views * rng.uniform(0.7, 0.85))  # unique viewers
        m["new_viewers"] = round(m["reach"] * rng.uniform(0.6, 0.85))
        m["likes"] = _count(rng, interactions * 0.8)
        m["comments"] = _count(rng, interactions * 0.08)
        m["shares"] = _count(rng, interactions * 0.12)
        m["saves"] = _count(rng, interactions * 0.1)
        m["profile_visits"] = _count(rng, views * 0.01)
        watched = rng.uniform(0.25, 0.5) if duration > 60 else rng.uniform(0.55, 0.95)
        m["watch_seconds"] = round(views * duration * watched)
        m["follows"] = _count(rng, views * 0.003)
        m["subscribers"] = m["follows"] if platform == "youtube" else 0
        if platform == "youtube":
            m["impressions"] = round(views / rng.uniform(0.03, 0.07))
    return m


def _last_sunday(year: int, month: int) -> dt.date:
    day = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def oslo_to_utc(moment: dt.datetime) -> dt.datetime:
    """Naive Oslo time → naive UTC (summer time from the last Sunday of March to
    the last Sunday of October; posts go out in the daytime, never at the switch)."""
    summer = (
        _last_sunday(moment.year, 3) <= moment.date() < _last_sunday(moment.year, 10)
    )
    return moment - dt.timedelta(hours=2 if summer else 1)


def _tweet(text: str) -> str:
    """A tweet: the first paragraphs that fit in 280 characters."""
    out = ""
    for part in text.split("\n\n"):
        candidate = f"{out}\n\n{part}" if out else part
        if len(candidate) > 280:
            break
        out = candidate
    return out or text[:279] + "…"


def _video_title(
    rng: random.Random, pillar: Pillar, post_format: str, line: str
) -> str:
    titles = {
        "natur": (
            "Tur til Storvarden – hele turen",
            "Nordlys over Fjordvik",
            "Strandrydding på Sjøvik",
        ),
        "kultur": (
            "Kulturhuset 25 år: jubileumskonserten",
            'Kulturskolen spiller "Vårsøg"',
            "Fjordvik før og nå, del 2",
        ),
        "beredskap": (
            "Slik lager du ditt eget beredskapslager",
            "Farevarsel: dette gjør du, steg for steg",
        ),
        "jobb": (
            "En dag i hjemmetjenesten",
            "Jobb i Fjordvik: møt lærlingene",
            "Hva gjør en brannkonstabel, egentlig?",
        ),
        "politikk": (
            "Kommunestyret, møte i sin helhet",
            "Ny kommuneplan, forklart på 5 minutter",
        ),
        "tjenester": ("Slik søker du barnehageplass", "Avfall: hva går hvor?"),
    }[pillar.key]
    title = rng.choice(titles)
    if post_format == "Short":
        return f"{line[:60].rstrip()} #shorts"
    return title


def _identity(
    rng: random.Random,
    account: OtherAccount,
    published: dt.datetime,
    post_format: str,
    seen: set[str],
) -> tuple[str, str]:
    ms = int(oslo_to_utc(published).replace(tzinfo=dt.UTC).timestamp() * 1000)
    ms += rng.randrange(60_000)
    if account.platform == "youtube":
        while True:
            code = "".join(rng.choice(_ID_ALPHABET) for _ in range(11))
            if len(seen) in (3, 7):
                # Some ids start with "-" (YouTube Studio then writes some of them
                # with a leading space: see the writer).
                code = "-" + ("H" if len(seen) == 3 else "2") + code[2:]
            if code not in seen:
                seen.add(code)
                break
        kind = "shorts/" if post_format == "Short" else "watch?v="
        return code, f"https://www.youtube.com/{kind}{code}"
    if account.platform == "x":
        snowflake = ((ms - _TWITTER_EPOCH_MS) << 22) | rng.randrange(1 << 22)
        return str(snowflake), f"https://x.com/{account.handle}/status/{snowflake}"
    if account.platform == "tiktok":
        video = (ms // 1000 << 32) | rng.randrange(1 << 32)
        return str(video), f"https://www.tiktok.com/@{account.handle}/video/{video}"
    activity = (ms << 22) | rng.randrange(1 << 22)
    urn = f"urn:li:activity:{activity}"
    return urn, f"https://www.linkedin.com/feed/update/{urn}"
