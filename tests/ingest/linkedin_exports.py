"""Small synthetic LinkedIn Page exports in LinkedIn's real formats, written in code.

Real BIFF8 ``.xls`` through xlwt (BMP-only text: no emoji) and ``.xlsx`` through
xlsxwriter. As LinkedIn writes them: dates are text ``MM/DD/YYYY``, numbers are
numbers, empty cells are empty strings, content sheets have a one-sentence
description above the header (export-formats.md §4).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import xlsxwriter
import xlwt

Cell = str | int | float | dt.date
Rows = Sequence[Sequence[Cell]]

METRICS_NOTE = (
    "Aggregated engagement metrics for your organic and sponsored posts over time. "
    "Date indicates when your posts were viewed by LinkedIn members. Data is delayed "
    "by up to 2 days. All dates and times are in UTC."
)
POSTS_NOTE = (
    "Engagement metrics for individual posts. Created date indicates when your post "
    "was created. All dates and times are in UTC."
)
DAILY_2025 = (
    "Date", "Impressions (organic)", "Impressions (sponsored)", "Impressions (total)",
    "Unique impressions (organic)", "Clicks (organic)", "Clicks (sponsored)",
    "Clicks (total)", "Reactions (organic)", "Reactions (sponsored)",
    "Reactions (total)", "Comments (organic)", "Comments (sponsored)",
    "Comments (total)", "Reposts (organic)", "Reposts (sponsored)", "Reposts (total)",
    "Engagement rate (organic)", "Engagement rate (sponsored)",
    "Engagement rate (total)",
)  # fmt: skip
DAILY_2020 = tuple(h.replace("Reposts", "Shares") for h in DAILY_2025)
POSTS_2025 = (
    "Post title", "Post link", "Post type", "Campaign name", "Posted by",
    "Created date", "Campaign start date", "Campaign end date", "Audience",
    "Impressions", "Views", "Offsite Views", "Clicks", "Click through rate (CTR)",
    "Likes", "Comments", "Reposts", "Follows", "Engagement rate", "Content Type",
)  # fmt: skip
POSTS_2022 = (
    "Update title", "Update link", "Update type", "Campaign name", "Posted by",
    "Created date", "Campaign start date", "Campaign end date", "Audience",
    "Impressions", "Views (excluding off-site video views)", "Off-site views",
    "Clicks", "Click through rate (CTR)", "Likes", "Comments", "Reposts", "Follows",
    "Engagement rate", "Content Type",
)  # fmt: skip
POSTS_2020 = (
    "Update link", "Update title", "Update type", "Campaign name", "Posted by",
    "Created date", "Campaign start date", "Campaign end date", "Audience",
    "Impressions", "Video views", "Clicks", "Click through rate (CTR)", "Likes",
    "Comments", "Shares", "Follows", "Engagement rate",
)  # fmt: skip
NEW_FOLLOWERS = ("Date", "Sponsored followers", "Organic followers",
                 "Auto-invited followers", "Total followers")  # fmt: skip
VISITOR_HEADER = ("Date", *(
    f"{section} {measure} ({device})"
    for section in ("Overview", "Life", "Jobs", "Total")
    for measure in ("page views", "unique visitors")
    for device in ("desktop", "mobile", "total")
))  # fmt: skip
COMPETITORS = ("Page", "Total Followers", "New Followers", "Total post engagements",
               "Total posts")  # fmt: skip
FEED = "https://www.linkedin.com/feed/update/"


def daily_row(day: str, impressions: int, clicks: int, rate: float) -> list[Cell]:
    """One day of the content daily sheet: organic only, sponsored zero."""
    return [
        day, impressions, 0, impressions, impressions - 1, clicks, 0, clicks,
        2, 0, 2, 1, 0, 1, 0, 0, 0, rate, 0, rate,
    ]  # fmt: skip


def post_row(
    title: str,
    link: str,
    created: Cell,
    *,
    post_type: str = "Organic",
    content_type: str = "",
    impressions: Cell = 37,
    views: Cell = "",
    clicks: Cell = 1,
    likes: Cell = 1,
    comments: Cell = 0,
    reposts: Cell = 0,
    follows: Cell = "",
) -> list[Cell]:
    """One row of the 2025 ``All posts`` sheet."""
    return [
        title, link, post_type, "", "Kari Nordmann", created, "", "",
        "All followers", impressions, views, "", clicks, 0.027027027681469917,
        likes, comments, reposts, follows, 0.054054055362939835, content_type,
    ]  # fmt: skip


def content_sheets(
    days: Rows, posts: Rows | None, *, header: Sequence[str] = POSTS_2025
) -> list[tuple[str, Rows]]:
    """The ``Metrics`` sheet and (unless None) the ``All posts`` sheet."""
    sheets: list[tuple[str, Rows]] = [
        ("Metrics", [[METRICS_NOTE], list(DAILY_2025), *days])
    ]
    if posts is not None:
        sheets.append(("All posts", [[POSTS_NOTE], list(header), *posts]))
    return sheets


def write_xls(path: Path, sheets: Sequence[tuple[str, Rows]]) -> Path:
    """A BIFF8 workbook, every cell as given (text stays text)."""
    book = xlwt.Workbook(encoding="utf-8")
    for name, rows in sheets:
        sheet = book.add_sheet(name)
        width = max((len(row) for row in rows), default=0)
        for r, row in enumerate(rows):
            # LinkedIn writes empty strings into the empty cells of a row.
            for c in range(width):
                value = row[c] if c < len(row) else ""
                if isinstance(value, dt.date):
                    sheet.write(r, c, value, xlwt.easyxf(num_format_str="YYYY-MM-DD"))
                else:
                    sheet.write(r, c, value)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(str(path))
    return path


def write_xlsx(path: Path, sheets: Sequence[tuple[str, Rows]]) -> Path:
    """An OOXML workbook; dates given as ``datetime.date`` become real date cells."""
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path))
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in sheets:
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, dt.date):
                    sheet.write_datetime(r, c, value, date_format)
                elif isinstance(value, str):
                    sheet.write_string(r, c, value)
                else:
                    sheet.write_number(r, c, value)
    book.close()
    return path
