"""LinkedIn Page exports: content, followers and visitors workbooks (.xlsx).

Layout as export-formats.md §4 describes the real files: on the content sheets a
one-sentence description in row 1 and the header in row 2; followers and visitors
without one; dates as text ``MM/DD/YYYY`` in UTC; numbers as numbers; empty cells
as empty strings; per-post rates as float32 values widened to double
(``0.027027027681469917``); the ``All posts`` sheet left out when the period has
no posts. Each export covers at most a year and ends two days before the export
day (LinkedIn's data lag). The file names are ``<vanity>_<kind>_<epoch ms>``.
The workbooks are ``.xlsx`` (LinkedIn's ``.xls`` needs a writer fokus does not
ship at run time; :mod:`fokus.demo.ooxml` writes these).
"""

from __future__ import annotations

import datetime as dt
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fokus.demo.channel_posts import ChannelPost, counts_at, daily_increments
from fokus.demo.ooxml import Cell, Sheet, write_xlsx
from fokus.demo.organisation import LINKEDIN_PAGE
from fokus.demo.streams import stream
from fokus.demo.world import DemoWorld

METRICS_DESCRIPTION = (
    "Aggregated engagement metrics for your organic and sponsored posts over time. "
    "Date indicates when your posts were viewed by LinkedIn members. Data is delayed "
    "by up to 2 days. All dates and times are in UTC."
)
POSTS_DESCRIPTION = (
    "Engagement metrics for individual posts. Created date indicates when your post "
    "was created. All dates and times are in UTC."
)
METRICS_HEADER = (
    "Date", "Impressions (organic)", "Impressions (sponsored)", "Impressions (total)",
    "Unique impressions (organic)", "Clicks (organic)", "Clicks (sponsored)",
    "Clicks (total)", "Reactions (organic)", "Reactions (sponsored)",
    "Reactions (total)", "Comments (organic)", "Comments (sponsored)",
    "Comments (total)", "Reposts (organic)", "Reposts (sponsored)", "Reposts (total)",
    "Engagement rate (organic)", "Engagement rate (sponsored)",
    "Engagement rate (total)",
)  # fmt: skip
POSTS_HEADER = (
    "Post title", "Post link", "Post type", "Campaign name", "Posted by",
    "Created date", "Campaign start date", "Campaign end date", "Audience",
    "Impressions", "Views", "Offsite Views", "Clicks", "Click through rate (CTR)",
    "Likes", "Comments", "Reposts", "Follows", "Engagement rate", "Content Type",
)  # fmt: skip
FOLLOWERS_HEADER = (
    "Date", "Sponsored followers", "Organic followers", "Auto-invited followers",
    "Total followers",
)  # fmt: skip
VISITOR_HEADER = (
    "Date",
    *(
        f"{page} {what} ({device})"
        for page in ("Overview", "Life", "Jobs", "Total")
        for what in ("page views", "unique visitors")
        for device in ("desktop", "mobile", "total")
    ),
)

# Who follows and visits a municipality's page: (value, share of followers).
DEMOGRAPHICS: dict[str, tuple[tuple[str, float], ...]] = {
    "Location": (("Fjordvik, Vestland, Norway", 0.46), ("Bergen, Vestland, Norway", 0.21),
                 ("Oslo, Norway", 0.11), ("Sjøvik, Vestland, Norway", 0.08),
                 ("Stavanger, Rogaland, Norway", 0.04), ("Trondheim, Trøndelag, Norway", 0.03),
                 ("Ålesund, Møre og Romsdal, Norway", 0.02)),
    "Job function": (("Healthcare Services", 0.19), ("Education", 0.17),
                     ("Administrative", 0.12), ("Engineering", 0.09),
                     ("Community and Social Services", 0.08), ("Operations", 0.07),
                     ("Media and Communication", 0.05), ("Information Technology", 0.05),
                     ("Human Resources", 0.04), ("Finance", 0.03)),
    "Seniority": (("Senior", 0.34), ("Entry", 0.29), ("Manager", 0.14),
                  ("Director", 0.06), ("Training", 0.05), ("Owner", 0.03),
                  ("CXO", 0.02), ("Unpaid", 0.01)),
    "Industry": (("Government Administration", 0.31), ("Hospitals and Health Care", 0.16),
                 ("Education Administration Programs", 0.09),
                 ("Primary and Secondary Education", 0.08), ("Construction", 0.05),
                 ("Civil Engineering", 0.04), ("Non-profit Organizations", 0.03),
                 ("Public Safety", 0.02), ("IT Services and IT Consulting", 0.02)),
    "Company size": (("1001-5000", 0.36), ("501-1000", 0.16), ("10,001+", 0.13),
                     ("201-500", 0.11), ("51-200", 0.09), ("11-50", 0.07),
                     ("2-10", 0.04), ("5001-10,000", 0.03), ("1", 0.01)),
}  # fmt: skip

_FOLLOWERS_AT_START = 2140
"""Followers of the page on the first day of the simulation."""


@dataclass(frozen=True, slots=True)
class Download:
    """One LinkedIn download: the period shown and the day it was made."""

    first: dt.date
    last: dt.date
    exported: dt.datetime


def linkedin_downloads(world: DemoWorld) -> tuple[Download, ...]:
    """Three downloads, each at most a year, two of them overlapping."""
    y, today = world.today.year, world.today
    lag = dt.timedelta(days=2)
    plan = [
        (world.start, dt.date(y - 1, 6, 30)),
        (dt.date(y - 1, 7, 1), dt.date(y, 6, 30)),
        (today - lag - dt.timedelta(days=364), today - lag),
    ]
    out: list[Download] = []
    for planned_first, planned_last in plan:
        last = min(planned_last, today - lag)
        first = max(planned_first, last - dt.timedelta(days=364))
        exported = dt.datetime.combine(last + lag, dt.time(8, 41, 16))
        if first < last and all((d.first, d.last) != (first, last) for d in out):
            out.append(Download(first, last, exported))
    return tuple(out)


def float32(value: float) -> float:
    """The value as LinkedIn stores per-post rates: float32, read back as double."""
    return float(struct.unpack("<f", struct.pack("<f", value))[0])


def stamp(day: dt.date) -> str:
    return day.strftime("%m/%d/%Y")


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def _rate(engaged: int, impressions: int) -> float:
    return engaged / impressions if impressions else 0.0


_FIELDS = ("impressions", "impressions_paid", "clicks", "likes", "comments",
           "reposts", "follows")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Gains:
    """What the page's posts gained each day from the first day of the demo: all
    of it (``total``) and the sponsored part (``paid``)."""

    first: dt.date
    total: dict[str, list[int]]
    paid: dict[str, list[int]]

    def day(self, part: str, key: str, day: dt.date) -> int:
        series = self.total if part == "total" else self.paid
        return series[key][(day - self.first).days]


def daily_gains(world: DemoWorld) -> Gains:
    posts = world.posts_on("linkedin")
    first, last = world.start, world.today
    total = daily_increments(posts, _FIELDS, first, last)
    paid_part = {key: [0] * len(total[key]) for key in _FIELDS}
    for post in (p for p in posts if p.sponsored):
        gains = daily_increments((post,), _FIELDS, first, last)
        # The paid share of a sponsored post's interactions: what its paid
        # impressions earned at a fifth of the organic rate.
        paid = post.lifetime["impressions_paid"]
        weight = 0.2 * paid / (post.lifetime["impressions"] - 0.8 * paid)
        for key in _FIELDS:
            part = paid_part[key]
            for i, value in enumerate(gains[key]):
                if value:
                    part[i] += (
                        value if key == "impressions_paid" else round(value * weight)
                    )
    return Gains(first, total, paid_part)


def _metrics_rows(gains: Gains, d: Download) -> list[list[Cell]]:
    days = _days(d.first, d.last)
    rows: list[list[Cell]] = [[METRICS_DESCRIPTION, *[""] * 19], list(METRICS_HEADER)]
    for day in days:
        imp_sp = gains.day("paid", "impressions_paid", day)
        imp_org = gains.day("total", "impressions", day) - imp_sp
        unique = round(0.62 * imp_org)
        row: list[Cell] = [stamp(day), imp_org, imp_sp, imp_org + imp_sp, unique]
        engaged_org = engaged_sp = 0
        for key in ("clicks", "likes", "comments", "reposts"):
            sp = gains.day("paid", key, day)
            org = gains.day("total", key, day) - sp
            row += [org, sp, org + sp]
            engaged_org += org
            engaged_sp += sp
        row += [
            _rate(engaged_org, imp_org),
            _rate(engaged_sp, imp_sp),
            _rate(engaged_org + engaged_sp, imp_org + imp_sp),
        ]
        rows.append(row)
    return rows


def _post_row(post: ChannelPost, exported: dt.datetime) -> list[Cell]:
    m = counts_at(post, exported)
    assert m is not None  # only posts created before the export are listed
    follows: Cell = m["follows"] if post.sponsored else ""
    engaged = m["clicks"] + m["likes"] + m["comments"] + m["reposts"]
    engaged += m["follows"] if post.sponsored else 0
    created = post.published.date()
    campaign_end = created + dt.timedelta(days=13)
    return [
        post.text, post.permalink, "Sponsored" if post.sponsored else "Organic",
        post.campaign, post.posted_by, stamp(created),
        stamp(created) if post.sponsored else "",
        stamp(campaign_end) if post.sponsored else "",
        "Targeted audience" if post.sponsored else "All followers",
        m["impressions"], m["views"] if post.post_format == "Video" else "", "",
        m["clicks"], float32(_rate(m["clicks"], m["impressions"])), m["likes"],
        m["comments"], m["reposts"], follows,
        float32(_rate(engaged, m["impressions"])), post.post_format,
    ]  # fmt: skip


def _content_sheets(world: DemoWorld, gains: Gains, d: Download) -> list[Sheet]:
    sheets: list[Sheet] = [("Metrics", _metrics_rows(gains, d))]
    posts = [
        p for p in world.posts_on("linkedin") if d.first <= p.published.date() <= d.last
    ]
    if posts:
        rows: list[list[Cell]] = [[POSTS_DESCRIPTION, *[""] * 19], list(POSTS_HEADER)]
        rows += [_post_row(p, d.exported) for p in reversed(posts)]
        sheets.append(("All posts", rows))
    return sheets


def _demographics(total: int, unit: str) -> list[Sheet]:
    sheets: list[Sheet] = []
    for name, shares in DEMOGRAPHICS.items():
        values = sorted(((v, round(total * s)) for v, s in shares), key=lambda x: -x[1])
        rows: list[Sequence[Cell]] = [(name, unit), *values]
        sheets.append((name, rows))
    return sheets


def _followers_sheets(world: DemoWorld, gains: Gains, d: Download) -> list[Sheet]:
    rng = stream(world.seed, f"linkedin:followers:{d.first}")
    follows = gains.total["follows"]
    rows: list[Sequence[Cell]] = [FOLLOWERS_HEADER]
    total = _FOLLOWERS_AT_START
    for i, day in enumerate(_days(world.start, d.last)):
        organic = max(0, round(rng.gauss(2.2 if day.weekday() < 5 else 0.8, 1.2)))
        invited = 1 if rng.random() < 0.04 else 0
        sponsored = follows[i]
        total += sponsored + organic + invited
        if day >= d.first:
            rows.append((stamp(day), sponsored, organic, invited,
                         sponsored + organic + invited))  # fmt: skip
    return [("New followers", rows), *_demographics(total, "Total followers")]


def _visitor_sheets(world: DemoWorld, d: Download) -> list[Sheet]:
    rng = stream(world.seed, f"linkedin:visitors:{d.first}")
    jobs_days = {
        p.published.date() for p in world.posts_on("linkedin") if p.pillar == "jobb"
    }
    rows: list[Sequence[Cell]] = [VISITOR_HEADER]
    views_total = 0
    for day in _days(d.first, d.last):
        weekday = day.weekday() < 5
        row: list[Cell] = [stamp(day)]
        sums = [0] * 6
        for page, base in (("Overview", 9.0), ("Life", 1.5), ("Jobs", 4.0)):
            mean = base * (1.0 if weekday else 0.35)
            if page == "Jobs" and day in jobs_days:
                mean *= 3.5
            desktop = max(0, round(rng.gauss(mean * 0.45, mean * 0.2)))
            mobile = max(0, round(rng.gauss(mean * 0.55, mean * 0.25)))
            u_desktop = round(desktop * rng.uniform(0.6, 0.9))
            u_mobile = round(mobile * rng.uniform(0.6, 0.9))
            cells = [desktop, mobile, desktop + mobile,
                     u_desktop, u_mobile, u_desktop + u_mobile]  # fmt: skip
            row += cells
            sums = [a + b for a, b in zip(sums, cells, strict=True)]
        row += sums
        views_total += sums[2]
        rows.append(row)
    return [("Visitor metrics", rows), *_demographics(views_total, "Total views")]


def _name(kind: str, exported: dt.datetime, rng_ms: int) -> str:
    epoch = int(exported.replace(tzinfo=dt.UTC).timestamp()) * 1000 + rng_ms
    return f"{LINKEDIN_PAGE.handle}_{kind}_{epoch}.xlsx"


def write_linkedin(world: DemoWorld, exports_dir: Path) -> tuple[Path, ...]:
    """Content, followers and visitors workbooks for each download."""
    rng = stream(world.seed, "linkedin:files")
    paths: list[Path] = []
    gains = daily_gains(world)
    for d in linkedin_downloads(world):
        for offset, (kind, sheets) in enumerate(
            (
                ("content", _content_sheets(world, gains, d)),
                ("visitors", _visitor_sheets(world, d)),
                ("followers", _followers_sheets(world, gains, d)),
            )
        ):
            moment = d.exported + dt.timedelta(seconds=6 * offset)
            path = exports_dir / "linkedin" / _name(kind, moment, rng.randrange(1000))
            paths.append(write_xlsx(path, sheets, moment))
    return tuple(paths)
