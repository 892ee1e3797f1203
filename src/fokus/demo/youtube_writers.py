"""YouTube Studio's advanced-mode export, Content dimension, as the zip it downloads.

export-formats.md §6: ``Table data.csv`` (the 2025 column set, a ``Total`` row
first, then one row per video by views), ``Chart data.csv`` (long format: one row
per day and video for the videos drawn in the chart, here the top five) and
``Totals.csv`` (the channel's views per day). UTF-8 without BOM, LF, quoted only
when needed, publish times like ``"Sep 27, 2024"``, durations in seconds, average
view durations ``H:MM:SS``. Ids starting with ``-`` followed by a letter get a
leading space (Studio's guard against formulas, as in the sample file); others
do not. The zip is named like Studio names it: ``<dimension> <first>_<last>
<channel>.zip``, and every entry carries the export time.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fokus.demo.channel_posts import ChannelPost, Counts, counts_at, daily_increments
from fokus.demo.ooxml import write_zip
from fokus.demo.organisation import YOUTUBE_CHANNEL
from fokus.demo.text_files import csv_text
from fokus.demo.world import DemoWorld

TABLE_HEADER = (
    "Content", "Video title", "Video publish time", "Duration", "Stayed to watch (%)",
    "Unique viewers", "Average views per viewer", "New viewers", "Returning viewers",
    "Casual viewers", "Engaged views", "Average view duration",
    "Average percentage viewed (%)", "Views", "Watch time (hours)", "Subscribers",
    "Estimated revenue (USD)", "Impressions", "Impressions click-through rate (%)",
)  # fmt: skip
CHART_HEADER = ("Date", "Content", "Video title", "Video publish time", "Duration",
                "Views")  # fmt: skip
_CHART_VIDEOS = 5


def studio_id(post: ChannelPost) -> str:
    code = post.post_id
    return f" {code}" if code.startswith("-") and code[1].isalpha() else code


def publish_day(post: ChannelPost) -> str:
    day = post.published.date()
    return f"{day:%b} {day.day}, {day.year}"


def clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def _number(value: float, digits: int) -> str:
    return f"{value:.{digits}f}".rstrip("0").rstrip(".")


def _row(
    code: str,
    title: str,
    day: str,
    duration: str,
    m: Counts,
    *,
    stayed: str,
    length: int,
) -> list[str]:
    """One row; ``length`` = views × duration in seconds (what 100 % viewed is)."""
    views = m["views"]
    unique = m["reach"]
    new = m["new_viewers"]
    returning = unique - new
    watch = m["watch_seconds"]
    average = watch / views if views else 0.0
    percent = 100 * watch / length if length else 0.0
    return [code, title, day, duration, stayed, str(unique),
            _number(views / unique if unique else 0.0, 4), str(new), str(returning),
            str(round(returning * 0.4)), str(round(views * 0.92)), clock(average),
            _number(percent, 2), str(views), _number(watch / 3600, 4),
            str(m["subscribers"]), "", str(m["impressions"]),
            _number(100 * views / m["impressions"] if m["impressions"] else 0.0, 2)]  # fmt: skip


def write_youtube(world: DemoWorld, exports_dir: Path) -> tuple[Path, ...]:
    """One zip with the whole two years."""
    first, last = world.start, world.today - dt.timedelta(days=1)
    as_of = dt.datetime.combine(world.today, dt.time())
    snaps: list[tuple[ChannelPost, Counts]] = []
    for post in world.posts_on("youtube"):
        m = counts_at(post, as_of)
        if m is not None and post.published.date() >= first:
            snaps.append((post, m))
    snaps.sort(key=lambda s: -s[1]["views"])
    total = {k: sum(m[k] for _, m in snaps) for k in snaps[0][1]}
    shorts = [m for p, m in snaps if p.post_format == "Short"]
    length = sum(m["views"] * p.duration for p, m in snaps)
    rows = [
        list(TABLE_HEADER),
        _row("Total", "", "", "", total, stayed=_stayed(shorts), length=length),
    ]
    rows += [
        _row(studio_id(p), p.title, publish_day(p), str(p.duration), m,
             stayed=_stayed([m]) if p.post_format == "Short" else "",
             length=m["views"] * p.duration)
        for p, m in snaps
    ]  # fmt: skip
    chart = [list(CHART_HEADER)]
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    for post, _ in snaps[:_CHART_VIDEOS]:
        views = daily_increments((post,), ("views",), first, last)["views"]
        chart += [[d.isoformat(), studio_id(post), post.title, publish_day(post),
                   str(post.duration), str(v)] for d, v in zip(days, views, strict=True)]  # fmt: skip
    every = daily_increments(world.posts_on("youtube"), ("views",), first, last)
    totals = [["Date", "Views"]]
    totals += [
        [d.isoformat(), str(v)] for d, v in zip(days, every["views"], strict=True)
    ]
    name = f"Content {first.isoformat()}_{last.isoformat()} {YOUTUBE_CHANNEL.name}.zip"
    path = exports_dir / "youtube" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    members: list[tuple[str, str | bytes]] = [
        ("Table data.csv", csv_text(rows)),
        ("Chart data.csv", csv_text(chart)),
        ("Totals.csv", csv_text(totals)),
    ]
    return (
        write_zip(path, members, dt.datetime.combine(world.today, dt.time(10, 12))),
    )


def _stayed(snaps: list[Counts]) -> str:
    """Share of Shorts viewers who stayed to watch rather than swiping away."""
    if not snaps:
        return ""
    views = sum(m["views"] for m in snaps)
    engaged = sum(m["reach"] for m in snaps)
    return _number(100 * engaged / views if views else 0.0, 2)
