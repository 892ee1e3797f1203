"""X / Twitter exports: one legacy month, and the 2024+ content and overview files.

export-formats.md §7. Legacy (analytics.twitter.com): every field quoted, LF,
UTF-8 without BOM, ``time`` in UTC (``2024-11-30 15:59 +0000``), counts in the
first columns written as floats (``104.0``), promoted columns ``-`` (never
promoted), multi-line tweet text; the daily file alongside. 2024+: the content
export (newest first, post text always quoted and on one line, date only) in two
generations — early 2025 (``Link``, ``Share``, ``Mon Feb 17 2025``, CRLF) and later
(``Post Link``, ``Shares``, ``"Sun, Nov 9, 2025"``, LF, no final newline, and junk
rows pointing to ``status/undefined``) — and the daily overview, newest first.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from fokus.demo.channel_posts import (
    ChannelPost,
    Counts,
    counts_at,
    daily_increments,
    oslo_to_utc,
)
from fokus.demo.organisation import X_ACCOUNT
from fokus.demo.streams import stream
from fokus.demo.text_files import csv_text, one_line, write_text
from fokus.demo.world import DemoWorld

_COUNTS = ("retweets", "replies", "likes", "user profile clicks", "url clicks",
           "hashtag clicks", "detail expands", "permalink clicks", "app opens",
           "app installs", "follows", "email tweet", "dial phone", "media views",
           "media engagements")  # fmt: skip
_PROMOTED = ("promoted impressions", "promoted engagements", "promoted engagement rate",
             *(f"promoted {c}" for c in _COUNTS))  # fmt: skip
LEGACY_HEADER = ("Tweet id", "Tweet permalink", "Tweet text", "time", "impressions",
                 "engagements", "engagement rate", *_COUNTS, *_PROMOTED)  # fmt: skip
DAILY_HEADER = ("Date", "Tweets published", "impressions", "engagements",
                "engagement rate", *_COUNTS, *_PROMOTED)  # fmt: skip
_TAIL = ("Replies", "Reposts", "Profile visits")
CONTENT_HEADERS = {
    "2025-02": ("Post id", "Date", "Post text", "Link", "Impressions", "Likes",
                "Engagements", "Bookmarks", "Share", "New follows", *_TAIL,
                "Detail expands", "Url clicks", "Hashtag clicks", "Permalink clicks"),
    "2025-11": ("Post id", "Date", "Post text", "Post Link", "Impressions", "Likes",
                "Engagements", "Bookmarks", "Shares", "New follows", *_TAIL,
                "Detail Expands", "URL Clicks", "Hashtag Clicks", "Permalink Clicks"),
}  # fmt: skip
OVERVIEW_HEADER = ("Date", "Impressions", "Likes", "Engagements", "Bookmarks", "Shares",
                   "New follows", "Unfollows", "Replies", "Reposts", "Profile visits",
                   "Create Post", "Video views", "Media views")  # fmt: skip
_OVERVIEW_FIELDS = ("impressions", "likes", "saves", "shares", "follows", "comments",
                    "reposts", "profile_visits", "detail_expands", "url_clicks",
                    "hashtag_clicks", "permalink_clicks", "media_engagements", "views")  # fmt: skip


def engagements(m: Counts) -> int:
    """Every interaction X counts, including media engagements it does not list."""
    return sum(m[k] for k in _OVERVIEW_FIELDS if k not in ("impressions", "views"))


def _legacy_counts(m: Counts) -> list[int]:
    return [m["reposts"], m["comments"], m["likes"], m["profile_visits"],
            m["url_clicks"], m["hashtag_clicks"], m["detail_expands"],
            m["permalink_clicks"], 0, 0, m["follows"], 0, 0, m["views"],
            m["media_engagements"]]  # fmt: skip


def _legacy_engagements(m: Counts) -> int:
    return sum(_legacy_counts(m)) - m["views"]


def write_x_legacy(world: DemoWorld, exports_dir: Path) -> tuple[Path, ...]:
    """The tweet and daily activity of the first month, from the old analytics."""
    first = world.start
    after = (first + dt.timedelta(days=32)).replace(day=1)
    exported = dt.datetime.combine(after + dt.timedelta(days=1), dt.time(9))
    posts = [p for p in world.posts_on("x") if first <= p.published.date() < after]
    promoted = ["-"] * len(_PROMOTED)
    rows = [list(LEGACY_HEADER)]
    for post in reversed(posts):
        m = counts_at(post, exported)
        assert m is not None
        engaged = _legacy_engagements(m)
        floats = [f"{v}.0" for v in _legacy_counts(m)[:8]]
        ints = [str(v) for v in _legacy_counts(m)[8:]]
        rows.append([post.post_id, post.permalink.replace("x.com", "twitter.com"),
                     post.text, f"{oslo_to_utc(post.published):%Y-%m-%d %H:%M} +0000",
                     f"{m['impressions']}.0", f"{engaged}.0",
                     repr(engaged / m["impressions"]), *floats, *ints, *promoted])  # fmt: skip
    last = after - dt.timedelta(days=1)
    fields = ("impressions", "reposts", "comments", "likes", "profile_visits",
              "url_clicks", "hashtag_clicks", "detail_expands", "permalink_clicks",
              "follows", "views", "media_engagements")  # fmt: skip
    gains = daily_increments(posts, fields, first, last)
    daily = [list(DAILY_HEADER)]
    for i in range((last - first).days + 1):
        day = first + dt.timedelta(days=i)
        g = {k: v[i] for k, v in gains.items()}
        counts = [g["reposts"], g["comments"], g["likes"], g["profile_visits"],
                  g["url_clicks"], g["hashtag_clicks"], g["detail_expands"],
                  g["permalink_clicks"], 0, 0, g["follows"], 0, 0, g["views"],
                  g["media_engagements"]]  # fmt: skip
        engaged = sum(counts) - g["views"]
        published = sum(p.published.date() == day for p in posts)
        rate = repr(engaged / g["impressions"]) if g["impressions"] else "0.0"
        daily.append([day.isoformat(), str(published), str(g["impressions"]),
                      str(engaged), rate, *map(str, counts), *promoted])  # fmt: skip
    period = f"{first:%Y%m%d}_{after:%Y%m%d}"
    handle = X_ACCOUNT.handle
    folder = exports_dir / "x"
    return (
        write_text(folder / f"tweet_activity_metrics_{handle}_{period}_en.csv",
                   csv_text(rows, quote_all=True)),
        write_text(folder / f"daily_tweet_activity_metrics_{handle}_{period}_en.csv",
                   csv_text(daily, quote_all=True)),
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class ContentDownload:
    first: dt.date
    last: dt.date
    layout: str
    junk_rows: int


def content_downloads(world: DemoWorld) -> tuple[ContentDownload, ...]:
    """Three content downloads: one in the early-2025 layout, two in the later one."""
    y, today = world.today.year, world.today
    plan = [
        ContentDownload(world.start, dt.date(y - 1, 3, 31), "2025-02", 0),
        ContentDownload(dt.date(y - 1, 4, 1), dt.date(y - 1, 11, 30), "2025-11", 1),
        ContentDownload(dt.date(y - 1, 12, 1), today, "2025-11", 2),
    ]
    clipped = (
        ContentDownload(d.first, min(d.last, today), d.layout, d.junk_rows)
        for d in plan
    )
    return tuple(d for d in clipped if d.first <= d.last)


def x_date(day: dt.date, layout: str) -> str:
    if layout == "2025-02":
        return f"{day:%a %b %d %Y}"
    return f"{day:%a, %b} {day.day}, {day.year}"


def _content_row(post: ChannelPost, m: Counts, layout: str) -> list[str]:
    return [post.post_id, x_date(oslo_to_utc(post.published).date(), layout),
            one_line(post.text), post.permalink, str(m["impressions"]),
            str(m["likes"]), str(engagements(m)), str(m["saves"]), str(m["shares"]),
            str(m["follows"]), str(m["comments"]), str(m["reposts"]),
            str(m["profile_visits"]), str(m["detail_expands"]), str(m["url_clicks"]),
            str(m["hashtag_clicks"]), str(m["permalink_clicks"])]  # fmt: skip


def write_x_content(world: DemoWorld, exports_dir: Path) -> tuple[Path, ...]:
    """``account_analytics_content_<first>_<last>.csv``, made on the last day."""
    rng = stream(world.seed, "x:files")
    paths: list[Path] = []
    junk = ["", "", "", f"https://x.com/{X_ACCOUNT.handle}/status/undefined",
            *["0"] * 13]  # fmt: skip
    for d in content_downloads(world):
        exported = dt.datetime.combine(d.last, dt.time(22, 30))
        rows = [list(CONTENT_HEADERS[d.layout])]
        for post in reversed(world.posts_on("x")):
            if d.first <= post.published.date() <= d.last:
                m = counts_at(post, exported)
                assert m is not None
                rows.append(_content_row(post, m, d.layout))
        if d.junk_rows:
            at = rng.randrange(len(rows) // 3, 2 * len(rows) // 3)
            rows[at:at] = [junk] * d.junk_rows
        old = d.layout == "2025-02"
        text = csv_text(rows, always={2}, newline="\r\n" if old else "\n",
                        final_newline=old)  # fmt: skip
        name = (
            f"account_analytics_content_{d.first.isoformat()}_{d.last.isoformat()}.csv"
        )
        paths.append(write_text(exports_dir / "x" / name, text))
    return tuple(paths)


def write_x_overview(world: DemoWorld, exports_dir: Path) -> tuple[Path, ...]:
    """``account_overview_analytics.csv``: the last download's days, newest first."""
    rng = stream(world.seed, "x:overview")
    download = content_downloads(world)[-1]
    first, last = download.first, download.last
    gains = daily_increments(world.posts_on("x"), _OVERVIEW_FIELDS, first, last)
    created = Counter(oslo_to_utc(p.published).date() for p in world.posts_on("x"))
    rows = [list(OVERVIEW_HEADER)]
    for i in range((last - first).days, -1, -1):
        day = first + dt.timedelta(days=i)
        g = {k: v[i] for k, v in gains.items()}
        engaged = sum(
            g[k] for k in _OVERVIEW_FIELDS if k not in ("impressions", "views")
        )
        unfollows = rng.randint(0, 2) if rng.random() < 0.35 else 0
        rows.append([x_date(day, "2025-11"), str(g["impressions"]), str(g["likes"]),
                     str(engaged), str(g["saves"]), str(g["shares"]), str(g["follows"]),
                     str(unfollows), str(g["comments"]), str(g["reposts"]),
                     str(g["profile_visits"]), str(created[day]), "0", str(g["views"])])  # fmt: skip
    text = csv_text(rows, final_newline=False)
    # The overview does not name the account: the folder does (docs/importing.md).
    folder = exports_dir / "x" / X_ACCOUNT.handle.casefold()
    return (write_text(folder / "account_overview_analytics.csv", text),)
