"""Writers for Meta Business Suite's exports: which files a team downloads, and
what is in them. The bytes themselves are :mod:`fokus.demo.meta_formats`.

Each writer takes the simulated world and the exports folder and returns the paths
it wrote; :data:`META_WRITERS` lists them, so writers for other platforms can sit
beside them in their own modules.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from fokus.demo.lifetime import Metrics
from fokus.demo.meta_formats import (
    FACEBOOK_HEADERS,
    INSTAGRAM_HEADERS,
    SERIES_FILES,
    blank_if_zero,
    export_file_name,
    percent,
    publish_time,
    quoted,
    series_stamp,
    three_decimals,
    write_utf8_csv,
    write_utf16_lines,
)
from fokus.demo.organisation import AUDIENCES, FACEBOOK_PAGE, INSTAGRAM_ACCOUNT
from fokus.demo.posts import SimPost, snapshot
from fokus.demo.series import DailySeries
from fokus.demo.streams import stream
from fokus.demo.world import DemoWorld
from fokus.model.vocab import ExportKind

Writer = Callable[[DemoWorld, Path], tuple[Path, ...]]

_EXPORT_TIME = dt.time(23, 0)
"""When on the export day the user downloaded; every post of that day is in."""


@dataclass(frozen=True, slots=True)
class PostsDownload:
    """One content export the user made: its period (ending on the export day) and
    the column set of that day."""

    first: dt.date
    last: dt.date
    columns: str
    follows_filled: bool = True
    """2025-era Instagram exports left ``Follows`` blank for almost every post."""


def posts_downloads(world: DemoWorld, platform: str) -> tuple[PostsDownload, ...]:
    """The overlapping content exports a team makes over the years: a first look at
    the early months, a full-year export each January, and this year's review
    export. Overlaps give newer snapshots of the same posts."""
    y, today = world.today.year, world.today
    last_year = today - dt.timedelta(days=365)
    if platform == "facebook":
        plan = [
            PostsDownload(world.start, dt.date(y - 1, 1, 14), "default"),
            PostsDownload(dt.date(y - 1, 1, 1), dt.date(y, 1, 12), "custom"),
            PostsDownload(last_year, today, "custom"),
        ]
    else:
        plan = [
            PostsDownload(world.start, dt.date(y - 1, 3, 31), "2025", False),
            PostsDownload(dt.date(y - 1, 3, 1), dt.date(y, 1, 12), "2026"),
            PostsDownload(last_year, today, "2026"),
        ]
    clipped = (
        PostsDownload(d.first, min(d.last, today), d.columns, d.follows_filled)
        for d in plan
    )
    return tuple(d for d in clipped if d.first < d.last)


def _file_name(rng: random.Random, download: PostsDownload) -> str:
    return export_file_name(
        download.first, download.last, rng.randrange(10**14, 10**16)
    )


def _snapshots(
    world: DemoWorld, platform: str, download: PostsDownload
) -> list[tuple[SimPost, Metrics]]:
    as_of = dt.datetime.combine(download.last, _EXPORT_TIME)
    rows: list[tuple[SimPost, Metrics]] = []
    for post in world.posts:
        day = post.published.date()
        if post.platform == platform and download.first <= day <= download.last:
            metrics = snapshot(post, as_of)
            if metrics is not None:
                rows.append((post, metrics))
    return rows


def _facebook_row(post: SimPost, m: Metrics, columns: str) -> list[str]:
    video = post.post_type in ("Reels", "Videos")
    row = [post.post_id, FACEBOOK_PAGE.account_id, FACEBOOK_PAGE.name, post.caption,
           post.caption if video else "", str(post.duration),
           publish_time(post.published), post.caption_type, post.permalink, "0",
           "1" if post.is_share else "0", post.post_type, "", "", "", "", "Lifetime",
           str(m.views), str(m.reach),
           str(m.reactions + m.comments + m.shares), str(m.reactions),
           str(m.comments), str(m.shares),
           str(m.link_clicks + m.other_clicks + m.photo_clicks)]  # fmt: skip
    clicks = [blank_if_zero(m.other_clicks), blank_if_zero(m.photo_clicks)]
    if columns == "default":
        row += [blank_if_zero(m.link_clicks), *clicks]
        if video:
            average = m.seconds_viewed / m.views if m.views else 0.0
            row += [three_decimals(m.seconds_viewed), three_decimals(average), "0", "0"]
        else:
            row += ["", "", "", ""]
        return row
    three_s = m.video_views_3s_organic + m.video_views_3s_boosted
    row += [str(m.views), str(m.reach_organic), str(m.reach_boosted), str(three_s),
            str(m.video_views_1m), str(round(three_s * 0.86)),
            str(round(m.video_views_1m * 0.9)), str(m.video_views_3s_boosted),
            str(m.video_views_3s_organic), str(m.negative_feedback),
            str(round(m.negative_feedback * 0.9)), *clicks,
            blank_if_zero(m.link_clicks)]  # fmt: skip
    return row


def write_facebook_posts(world: DemoWorld, exports_dir: Path) -> tuple[Path, ...]:
    """Facebook Page content exports (newest post first, as Meta lists them)."""
    rng = stream(world.seed, "facebook:files")
    paths: list[Path] = []
    for download in posts_downloads(world, "facebook"):
        rows: list[Sequence[str]] = [FACEBOOK_HEADERS[download.columns]]
        snaps = sorted(
            _snapshots(world, "facebook", download), key=lambda s: s[0].published
        )
        rows += [_facebook_row(p, m, download.columns) for p, m in reversed(snaps)]
        path = exports_dir / "facebook" / _file_name(rng, download)
        paths.append(write_utf8_csv(path, rows))
    return tuple(paths)


def write_instagram_posts(world: DemoWorld, exports_dir: Path) -> tuple[Path, ...]:
    """Instagram content exports (oldest post first)."""
    rng = stream(world.seed, "instagram:files")
    account = INSTAGRAM_ACCOUNT
    paths: list[Path] = []
    for download in posts_downloads(world, "instagram"):
        header = INSTAGRAM_HEADERS[download.columns]
        rows: list[Sequence[str]] = [header]
        for post, m in _snapshots(world, "instagram", download):
            blank = post.follows_missing or (
                not download.follows_filled and rng.random() < 0.95
            )
            values = {"Comments": str(m.comments), "Saves": str(m.saves),
                      "Follows": "" if blank else str(m.follows)}  # fmt: skip
            rows.append([post.post_id, account.account_id, account.username,
                         account.name, post.caption, str(post.duration),
                         publish_time(post.published), post.permalink,
                         post.post_type, "", "Lifetime", str(m.views), str(m.reach),
                         str(m.reactions), str(m.shares),
                         *(values[c] for c in header[15:])])  # fmt: skip
        path = exports_dir / "instagram" / _file_name(rng, download)
        paths.append(write_utf8_csv(path, rows))
    return tuple(paths)


def _series_lines(series: DailySeries, title: str) -> list[str]:
    lines = ["sep=,", quoted(title), quoted("Date", "Primary")]
    lines += [
        quoted(series_stamp(series.platform, d), str(v)) for d, v in series.points
    ]
    return [*lines, ""]


def write_daily_series(world: DemoWorld, exports_dir: Path) -> tuple[Path, ...]:
    """One file per metric and account, in a folder per platform (the names clash)."""
    paths: list[Path] = []
    for series in world.series:
        name, title = SERIES_FILES[(series.platform, series.metric)]
        path = exports_dir / series.platform / name
        paths.append(write_utf16_lines(path, _series_lines(series, title)))
    return tuple(paths)


def audience_lines(platform: str) -> list[str]:
    """The stacked blocks of ``Audience.csv``, each followed by an empty line.

    Facebook follows the layout of a real Page file (age and gender first, women
    before men); Instagram that of a real account file (top cities first, men
    before women).
    """
    audience = AUDIENCES["facebook" if platform == "facebook" else "instagram"]
    women_first = platform == "facebook"
    genders = ("Women", "Men") if women_first else ("Men", "Women")
    ages = [quoted("", *genders)] + [
        quoted(age, *((percent(w), percent(m)) if women_first else
                       (percent(m), percent(w))))
        for age, w, m in audience.age_gender
    ]  # fmt: skip
    blocks = {
        "Age & gender": ages,
        "Top countries": [quoted(*(n for n, _ in audience.countries)),
                          quoted(*(percent(v) for _, v in audience.countries))],
        "Top cities": [quoted(*(n for n, _ in audience.cities)),
                       quoted(*(percent(v) for _, v in audience.cities))],
    }  # fmt: skip
    order = (
        ("Age & gender", "Top countries", "Top cities")
        if women_first
        else ("Top cities", "Age & gender", "Top countries")
    )
    lines = ["sep=,"]
    for title in order:
        lines += [quoted(title), *blocks[title], ""]
    return lines


def write_audiences(world: DemoWorld, exports_dir: Path) -> tuple[Path, ...]:
    """One ``Audience.csv`` per account (the audience is a snapshot: no history)."""
    del world  # same signature as every writer; the audience does not depend on it
    return tuple(
        write_utf16_lines(exports_dir / p / "Audience.csv", audience_lines(p))
        for p in ("facebook", "instagram")
    )


META_WRITERS: tuple[tuple[ExportKind, Writer], ...] = (
    ("meta_facebook_posts", write_facebook_posts),
    ("meta_instagram_posts", write_instagram_posts),
    ("meta_daily_series", write_daily_series),
    ("meta_audience", write_audiences),
)
"""Every Meta export kind the demo writes, with its writer."""
