"""TikTok exports: the Studio files and one business-account content export.

TikTok Studio (export-formats.md §5 A): UTF-8 with BOM, every field quoted, LF, no
newline at the end of the file, dates without a year (``November 19``). The daily
files cover the 365 days up to the day before the export; ``Total Viewers`` and
``Followers`` are ``undefined`` for the oldest 25 days; ``Content.csv`` lists only
the top videos of the year, each row starting with the export day; the follower
files sit in a ``Followers_<handle>/`` folder, as the zip unpacks.

The business-account variant (§5 B): UTF-8 with BOM, quoted only when needed, no
newline at the end, ``2025/10/31 18:19:10`` times. Its file name is our own (the
real ones seen were renamed by their owners).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from fokus.demo.channel_posts import ChannelPost, counts_at, daily_increments
from fokus.demo.organisation import TIKTOK_ACCOUNT
from fokus.demo.streams import stream
from fokus.demo.text_files import csv_text, one_line, write_text
from fokus.demo.world import DemoWorld

_UNDEFINED_DAYS = 25
_TOP_VIDEOS = 13
_FOLLOWERS_AT_START = 310
GENDER = (("Female", "0.57"), ("Male", "0.41"), ("Other", "0.02"))
TERRITORIES = (("NO", "0.874"), ("SE", "0.031"), ("PL", "0.017"), ("DK", "0.011"),
               ("DE", "0.009"), ("GB", "0.007"), ("US", "0.006"), ("LT", "0.004"),
               ("UA", "0.003"), ("PH", "0.002"), ("Others", "0.036"))  # fmt: skip


def no_year(day: dt.date) -> str:
    """TikTok Studio's date: English month and day, no year (``July 6``)."""
    return f"{day:%B} {day.day}"


def _studio(rows: Sequence[Sequence[str]]) -> str:
    return csv_text(rows, quote_all=True, final_newline=False)


def _export_moment(world: DemoWorld) -> dt.datetime:
    return dt.datetime.combine(world.today, dt.time(21, 30))


def _days(world: DemoWorld) -> list[dt.date]:
    last = world.today - dt.timedelta(days=1)
    return [last - dt.timedelta(days=i) for i in range(364, -1, -1)]


def write_tiktok_studio(world: DemoWorld, exports_dir: Path) -> tuple[Path, ...]:
    """Content, Overview and Viewers, and the follower files, exported today."""
    folder = exports_dir / "tiktok"
    rng = stream(world.seed, "tiktok:studio")
    posts = world.posts_on("tiktok")
    days = _days(world)
    first, last = days[0], days[-1]
    gains = daily_increments(
        posts, ("views", "profile_visits", "likes", "comments", "shares", "reach",
                "new_viewers", "follows"), first, last,
    )  # fmt: skip
    overview = [["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"]]
    viewers = [["Date", "Total Viewers", "New Viewers", "Returning Viewers"]]
    history = [["Date", "Followers", "Difference in followers from previous day"]]
    before = [p for p in posts if p.published.date() < first]
    followers = _FOLLOWERS_AT_START + sum(
        m["follows"]
        for p in before
        if (m := counts_at(p, dt.datetime.combine(first, dt.time()))) is not None
    )
    for i, day in enumerate(days):
        background = rng.randint(3, 25)
        views = gains["views"][i] + background
        overview.append([no_year(day), str(views),
                         str(gains["profile_visits"][i] + rng.randint(0, 2)),
                         str(gains["likes"][i]), str(gains["comments"][i]),
                         str(gains["shares"][i])])  # fmt: skip
        unfollows = rng.randint(0, 2) if rng.random() < 0.3 else 0
        change = gains["follows"][i] + rng.randint(0, 1) - unfollows
        followers += change
        if i < _UNDEFINED_DAYS:
            viewers.append([no_year(day), "undefined", "0", "0"])
            history.append([no_year(day), "undefined", "0"])
            continue
        unique = gains["reach"][i] + background // 2
        new = min(unique, gains["new_viewers"][i] + background // 3)
        viewers.append([no_year(day), str(unique), str(new), str(unique - new)])
        history.append([no_year(day), str(followers), str(change)])
    exported = _export_moment(world)
    year_ago = exported - dt.timedelta(days=365)
    recent = [p for p in posts if year_ago <= p.published <= exported]
    snaps = [(p, counts_at(p, exported)) for p in recent]
    top = sorted(
        ((p, m) for p, m in snaps if m is not None), key=lambda s: -s[1]["views"]
    )[:_TOP_VIDEOS]
    content = [["Time", "Video title", "Video link", "Post time", "Total likes",
                "Total comments", "Total shares", "Total views"]]  # fmt: skip
    content += [
        [no_year(world.today), one_line(p.text), p.permalink,
         no_year(p.published.date()), str(m["likes"]), str(m["comments"]),
         str(m["shares"]), str(m["views"])]
        for p, m in top
    ]  # fmt: skip
    activity = [["Date", "Hour", "Active followers"]]
    for day in days[-7:]:
        for hour in range(24):
            awake = 0.05 if hour < 6 else (1.0 if 17 <= hour <= 22 else 0.55)
            activity.append([no_year(day), str(hour),
                             str(round(followers * 0.22 * awake * rng.uniform(0.85, 1.15)))])  # fmt: skip
    handle = folder / f"Followers_{TIKTOK_ACCOUNT.handle}"
    files = (
        (folder / "Content.csv", content),
        # Overview and Viewers do not name the account: its folder does.
        (folder / TIKTOK_ACCOUNT.handle / "Overview.csv", overview),
        (folder / TIKTOK_ACCOUNT.handle / "Viewers.csv", viewers),
        (handle / "FollowerActivity.csv", activity),
        (handle / "FollowerGender.csv", [["Gender", "Distribution"], *map(list, GENDER)]),
        (handle / "FollowerHistory.csv", history),
        (handle / "FollowerTopTerritories.csv",
         [["Top territories", "Distribution"], *map(list, TERRITORIES)]),
    )  # fmt: skip
    return tuple(write_text(path, _studio(rows), bom=True) for path, rows in files)


def business_time(post: ChannelPost) -> str:
    seconds = int(post.post_id) % 60
    return post.published.strftime("%Y/%m/%d %H:%M:") + f"{seconds:02d}"


def write_tiktok_business(world: DemoWorld, exports_dir: Path) -> tuple[Path, ...]:
    """Every video of the two years, newest first, as a business account exports."""
    exported = _export_moment(world) - dt.timedelta(days=1)
    rows = [["Video title", "Video link", "Post time", "Video views", "Likes",
             "Comments", "Shares", "Add to Favorites"]]  # fmt: skip
    for post in reversed(world.posts_on("tiktok")):
        m = counts_at(post, exported)
        if m is None:
            continue
        rows.append([one_line(post.text), post.permalink, business_time(post),
                     str(m["views"]), str(m["likes"]), str(m["comments"]),
                     str(m["shares"]), str(m["saves"])])  # fmt: skip
    path = exports_dir / "tiktok" / "business" / "Content.csv"
    return (write_text(path, csv_text(rows, final_newline=False), bom=True),)
