"""The date an export was taken: its numbers are lifetime totals as of that day."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Literal

AsOfSource = Literal["option", "file_name", "content", "file_date"]

# Meta names content exports "Jan-14-2025_Apr-14-2025_<id>.csv": the range's end is
# the day of the export. Only a hint for the date, never for the kind of file.
_META_RANGE = re.compile(
    r"(?P<m1>[A-Z][a-z]{2})-(?P<d1>\d{2})-(?P<y1>\d{4})_"
    r"(?P<m2>[A-Z][a-z]{2})-(?P<d2>\d{2})-(?P<y2>\d{4})"
)
# X names its exports by the range too: tweet_activity_metrics_<handle>_20211201_
# 20220101_en.csv (analytics.twitter.com) and account_analytics_content_2024-11-21_
# 2025-02-19.csv (2024+). The range's end is the earliest day it can have been taken.
_COPY = r"(?: ?\(\d+\))?\."  # a browser's "(1)" before the extension
_X_RANGES = (
    re.compile(
        r"_\d{8}_(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})_[a-z]{2}(?:-[a-z]+)?" + _COPY
    ),
    re.compile(r"_\d{4}-\d{2}-\d{2}_(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})" + _COPY),
)
# LinkedIn names its exports "<page>_<kind>_<epoch ms>.xls": the stamp is the moment
# of the export (a browser may add " (1)" to a second download of the same name).
_EPOCH_MS = re.compile(r"_(?P<ms>\d{13})(?: ?\(\d+\))?\.[A-Za-z]{3,4}$")
_EPOCH_RANGE = (1_262_304_000_000, 4_102_444_800_000)  # 2010-01-01 to 2100-01-01
_MONTHS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def date_from_name(name: str) -> dt.date | None:
    """The export day a file name gives: the end of a Meta or X date range, or the
    UTC day of LinkedIn's epoch-milliseconds stamp."""
    stamp = _EPOCH_MS.search(name)
    if stamp is not None and _EPOCH_RANGE[0] <= int(stamp["ms"]) < _EPOCH_RANGE[1]:
        return dt.datetime.fromtimestamp(int(stamp["ms"]) / 1000, tz=dt.UTC).date()
    found = _META_RANGE.search(name)
    if not found or found["m2"] not in _MONTHS:
        return _x_range_end(name)
    try:
        return dt.date(
            int(found["y2"]), _MONTHS.index(found["m2"]) + 1, int(found["d2"])
        )
    except ValueError:
        return None


def export_date(
    path: Path, option: dt.date | None, content: dt.date | None = None
) -> tuple[dt.date, AsOfSource]:
    """Choose the export date: the user's word, the file name, the content, the file."""
    if option is not None:
        return option, "option"
    named = date_from_name(path.name)
    if named is not None:
        return named, "file_name"
    if content is not None:
        return content, "content"
    modified = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
    return modified.date(), "file_date"


def _x_range_end(name: str) -> dt.date | None:
    for pattern in _X_RANGES:
        found = pattern.search(name)
        if found:
            try:
                return dt.date(int(found["y"]), int(found["m"]), int(found["d"]))
            except ValueError:
                return None
    return None
