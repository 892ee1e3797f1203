"""How Meta Business Suite writes its export files, byte for byte.

See docs/export-formats.md §1–§3. Post exports: UTF-8 with BOM, ``,``, LF, a field
quoted only when it holds a space, comma, quote or line break (headers included).
Daily series and audience: UTF-16LE with BOM, a ``sep=,`` line, every value quoted,
a trailing empty line. Column names are those of the English UI.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from fokus.demo.series import SeriesMetric

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
           "Dec")  # fmt: skip

_FB_COMMON = ("Post ID", "Page ID", "Page name", "Title", "Description",
              "Duration (sec)", "Publish time", "Caption type", "Permalink",
              "Is crosspost", "Is share", "Post type", "Languages", "Custom labels",
              "Funded content status", "Data comment", "Date", "Views", "Reach",
              "Reactions, Comments and Shares", "Reactions", "Comments", "Shares",
              "Total clicks")  # fmt: skip
FACEBOOK_HEADERS: dict[str, tuple[str, ...]] = {
    # Meta's default column set (31 columns).
    "default": (*_FB_COMMON, "Link Clicks", "Other Clicks",
                "Matched Audience Targeting Consumption (Photo Click)",
                "Seconds viewed", "Average Seconds viewed", "Estimated earnings (USD)",
                "Ad impressions"),
    # A customised set (38 columns) with the organic/boosted split; `Views` twice.
    "custom": (*_FB_COMMON, "Views", "Reach from Organic posts",
               "Reach from Boosted posts", "3-second video views",
               "1-minute video views", "3-Second viewers", "1-minute viewers",
               "3-second video views from Boosted posts",
               "3-second video views from Organic posts",
               "Negative feedback from users", "Unique negative feedback from users",
               "Other Clicks", "Matched Audience Targeting Consumption (Photo Click)",
               "Link Clicks"),
}  # fmt: skip
_IG_COMMON = ("Post ID", "Account ID", "Account username", "Account name",
              "Description", "Duration (sec)", "Publish time", "Permalink",
              "Post type", "Data comment", "Date", "Views", "Reach", "Likes",
              "Shares")  # fmt: skip
INSTAGRAM_HEADERS: dict[str, tuple[str, ...]] = {
    # Column order moved between 2025 and 2026 exports (`Follows` last, then middle).
    "2025": (*_IG_COMMON, "Comments", "Saves", "Follows"),
    "2026": (*_IG_COMMON, "Follows", "Comments", "Saves"),
}

SERIES_FILES: dict[tuple[str, SeriesMetric], tuple[str, str]] = {
    ("facebook", "reach"): ("Reach.csv", "Facebook reach"),
    ("facebook", "views"): ("Views.csv", "Views"),
    ("facebook", "visits"): ("Visits.csv", "Facebook visits"),
    ("facebook", "follows"): ("Follows.csv", "Facebook follows"),
    ("instagram", "reach"): ("Reach.csv", "Reach"),
    ("instagram", "views"): ("Views.csv", "Views"),
    ("instagram", "visits"): ("Visits.csv", "Instagram profile visits"),
    ("instagram", "follows"): ("Follows.csv", "Instagram follows"),
}
"""File name and line-2 title per series, as the English UI writes them."""


def meta_field(value: str) -> str:
    """Quote like Meta: only when the value holds a space, comma, quote or newline."""
    if any(c in value for c in ' ,"\n\r'):
        return '"' + value.replace('"', '""') + '"'
    return value


def write_utf8_csv(path: Path, rows: Sequence[Sequence[str]]) -> Path:
    """A post export: UTF-8 with BOM, LF line ends, Meta's sparing quotes."""
    text = "".join(",".join(meta_field(v) for v in row) + "\n" for row in rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    return path


def write_utf16_lines(path: Path, lines: Sequence[str]) -> Path:
    """An Insights file: UTF-16LE with BOM, LF line ends, lines as given."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        ("\ufeff" + "".join(f"{line}\n" for line in lines)).encode("utf-16-le")
    )
    return path


def quoted(*values: str) -> str:
    """A line of an Insights file, where every value is quoted."""
    return ",".join('"' + v.replace('"', '""') + '"' for v in values)


def export_file_name(first: dt.date, last: dt.date, file_id: int) -> str:
    """``Jan-01-2025_Dec-31-2025_<id>.csv``: the period, ending on the export day."""

    def stamp(day: dt.date) -> str:
        return f"{_MONTHS[day.month - 1]}-{day.day:02d}-{day.year}"

    return f"{stamp(first)}_{stamp(last)}_{file_id}.csv"


def publish_time(moment: dt.datetime) -> str:
    """``MM/DD/YYYY HH:MM``, 24 h, no seconds, no time zone."""
    return moment.strftime("%m/%d/%Y %H:%M")


def blank_if_zero(value: int) -> str:
    # Meta leaves click columns empty rather than writing 0.
    return str(value) if value else ""


def three_decimals(value: float) -> str:
    """Watch time as Meta writes it: up to three decimals (``202.708``)."""
    return f"{value:.3f}".rstrip("0").rstrip(".")


def percent(value: float) -> str:
    # Meta writes one decimal and drops a trailing ".0" (``3``, not ``3.0``).
    return f"{value:.1f}".removesuffix(".0")


def _us_daylight_time(day: dt.date) -> bool:
    """Whether Pacific midnight of ``day`` falls in US daylight saving time."""
    march = dt.date(day.year, 3, 1)
    start = march + dt.timedelta(days=(6 - march.weekday()) % 7 + 7)
    november = dt.date(day.year, 11, 1)
    end = november + dt.timedelta(days=(6 - november.weekday()) % 7)
    return start < day <= end


def series_stamp(platform: str, day: dt.date) -> str:
    """Meta's day stamp: Pacific midnight in a fixed UTC-7, so Facebook files say
    ``T01:00:00`` in US winter time; the Instagram files we mimic say ``T00``."""
    hour = 1 if platform == "facebook" and not _us_daylight_time(day) else 0
    return f"{day.isoformat()}T{hour:02d}:00:00"
