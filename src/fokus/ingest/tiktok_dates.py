"""TikTok's dates: often without a year, so the year is counted back from the export.

TikTok Studio writes ``February 28`` and ``July 16``; its 365-day series cross New
Year, and the business-account export writes ``2025/10/31 18:19:10``. A date without a
year gets the year that puts it on or before the export day: a series is walked
from its newest row backwards (each step back past 1 January is a year earlier), a
post time is placed on its own (a day later in the year than the export day belongs
to the year before).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fokus.ingest.export_date import AsOfSource, date_from_name

# Month names in English and bokmål; a word is a month when it starts one (3+ letters).
_MONTH_NAMES = (
    ("january", "januar"), ("february", "februar"), ("march", "mars"),
    ("april",), ("may", "mai"), ("june", "juni"), ("july", "juli"), ("august",),
    ("september",), ("october", "oktober"), ("november",), ("december", "desember"),
)  # fmt: skip
_WORD = r"(?P<month>[^\W\d_]{3,})\.?"
_MONTH_DAY = (
    re.compile(rf"^{_WORD} (?P<day>\d{{1,2}})(?:,? (?P<year>\d{{4}}))?$"),  # July 16
    re.compile(rf"^(?P<day>\d{{1,2}})\.? {_WORD}(?: (?P<year>\d{{4}}))?$"),  # 16. juli
)
_NUMERIC = re.compile(
    r"^(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})"
    r"(?:[ T](?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?)?$"
)
FILE_DATE_SLACK = dt.timedelta(days=1)
"""TikTok's day may be a day ahead of the file's date (kept in UTC) in another time
zone: a day that late still belongs to the file date's year, not the year before."""
_NAME_DATE = re.compile(
    r"(?<!\d)(?P<year>20\d{2})[-_.](?P<month>\d{2})[-_.](?P<day>\d{2})(?!\d)"
)


@dataclass(frozen=True, slots=True)
class LooseDate:
    """A date as the file writes it: the year may be missing, the time too."""

    year: int | None
    month: int
    day: int
    time: dt.time | None = None

    def on(self, year: int) -> dt.date | None:
        """This day in ``year``; None when it does not exist (29 February)."""
        try:
            return dt.date(year, self.month, self.day)
        except ValueError:
            return None


def _month(word: str) -> int | None:
    word = word.casefold()
    for number, names in enumerate(_MONTH_NAMES, start=1):
        if any(name.startswith(word) or word == name for name in names):
            return number
    return None


def parse_loose(text: str) -> LooseDate | None:
    """``February 28``, ``28. februar``, ``2025/10/31 18:19:10``, ``2025-10-31``."""
    cleaned = " ".join(text.split())
    if found := _NUMERIC.match(cleaned):
        time = None
        if found["h"] is not None:
            try:
                time = dt.time(int(found["h"]), int(found["mi"]), int(found["s"] or 0))
            except ValueError:
                return None
        loose = LooseDate(
            int(found["year"]), int(found["month"]), int(found["day"]), time
        )
        return loose if loose.on(int(found["year"])) else None
    for pattern in _MONTH_DAY:
        if found := pattern.match(cleaned):
            month = _month(found["month"])
            day = int(found["day"])
            if month is None or LooseDate(None, month, day).on(2000) is None:
                return None  # 2000 is a leap year: every real day exists in it
            year = int(found["year"]) if found["year"] else None
            loose = LooseDate(year, month, day)
            return loose if year is None or loose.on(year) else None
    return None


def latest_on_or_before(month: int, day: int, anchor: dt.date) -> dt.date:
    """The last ``month``/``day`` on or before ``anchor`` (29 February: a leap year)."""
    year = (
        anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1
    )
    for back in range(9):  # leap years are at most 8 years apart (1896 → 1904)
        try:
            return dt.date(year - back, month, day)
        except ValueError:
            continue
    raise ValueError(f"no {month}/{day}")  # parse_loose never lets such a day in


def walk_years(
    dates: Sequence[LooseDate | None], anchor: dt.date
) -> list[dt.date | None]:
    """Give each date of a series its year, walking back from the newest row.

    The rows may run oldest first (as TikTok writes them) or newest first; the
    direction of most steps between neighbouring rows wins, where 31 December to
    1 January is a step forward. A date that does not
    exist in the year the walk reaches (29 February of a common year) is None, as
    is an unreadable row; a date with its own year keeps it.
    """
    known = [(i, d) for i, d in enumerate(dates) if d is not None]
    forward = sum(_steps_forward(a, b) for (_, a), (_, b) in itertools.pairwise(known))
    ascending = forward >= 0
    newest_first = list(reversed(known)) if ascending else known
    out: list[dt.date | None] = [None] * len(dates)
    year: int | None = None
    previous: tuple[int, int] | None = None
    for index, loose in newest_first:
        if loose.year is not None:
            out[index] = loose.on(loose.year)
            year, previous = loose.year, (loose.month, loose.day)
            continue
        if year is None or previous is None:
            year = latest_on_or_before(loose.month, loose.day, anchor).year
        elif (loose.month, loose.day) > previous:
            year -= 1  # one step back past New Year
        previous = (loose.month, loose.day)
        out[index] = loose.on(year)
    return out


def _steps_forward(earlier: LooseDate, later: LooseDate) -> int:
    """+1 when ``later`` is a short step forward in the calendar from ``earlier``
    (31 December → 1 January is one day forward), -1 for a step back, 0 for the
    same day."""
    a = dt.date(2000, earlier.month, earlier.day).timetuple().tm_yday
    b = dt.date(2000, later.month, later.day).timetuple().tm_yday
    ahead = (b - a) % 366
    if ahead == 0:
        return 0
    return 1 if ahead <= 366 - ahead else -1


def date_in_name(name: str) -> dt.date | None:
    """A date in a file name: Meta's range end, or the last ``2026-02-28`` in it."""
    named = date_from_name(name)
    if named is not None:
        return named
    for found in reversed(list(_NAME_DATE.finditer(name))):
        try:
            return dt.date(int(found["year"]), int(found["month"]), int(found["day"]))
        except ValueError:
            continue
    return None


def export_day(
    path: Path, option: dt.date | None, content: LooseDate | None = None
) -> tuple[dt.date, AsOfSource]:
    """The export day: the option, a date in the file name, the content, the file.

    ``content`` is a day the file itself names as its export day (the ``Time``
    column of a Content export); without a year it takes the file date's year (or
    the one before, when the day is more than a day later in the year than the file
    date).
    """
    if option is not None:
        return option, "option"
    named = date_in_name(path.name)
    if named is not None:
        return named, "file_name"
    modified = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC).date()
    if content is not None:
        if content.year is not None and (day := content.on(content.year)):
            return day, "content"
        latest = modified + FILE_DATE_SLACK
        return latest_on_or_before(content.month, content.day, latest), "content"
    return modified, "file_date"


def walk_anchor(as_of: tuple[dt.date, AsOfSource]) -> dt.date:
    """The latest day a row may have: the export day, or a day past the file date."""
    day, source = as_of
    return day + FILE_DATE_SLACK if source == "file_date" else day
