"""What every LinkedIn Page export shares: sheets, headers, days, pages, breakdowns.

LinkedIn writes real BIFF8 ``.xls`` workbooks (the competitors file is ``.xlsx``).
Content sheets carry a one-sentence description above the header; the followers and
visitors sheets start with the header. Dates are text ``MM/DD/YYYY`` in UTC; empty
cells are empty strings. The files never name the page: its name is in the file
name (``<page>_<kind>_<epoch ms>.xls``), so the account comes from there.

Header names: English is verified in real exports (export-formats.md §4). No
Norwegian LinkedIn export has been seen (§8): the bokmål names here are LinkedIn's
likely wording, UNVERIFIED, kept until pilot users send real files.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from fokus.errors import FokusError
from fokus.ingest.headers import normalise
from fokus.ingest.numbers import parse_number
from fokus.ingest.workbook import Sheet
from fokus.model.staging import AudienceRow, DailyRow, RowSkip

Note = tuple[str, dict[str, str]]

DATE_WORDS = frozenset({"date", "dato"})
"""The first header cell of every daily sheet (``dato``: bokmål, unverified)."""

# The first header cell of a breakdown sheet -> the breakdown (bokmål unverified).
BREAKDOWNS: Mapping[str, str] = {
    "location": "location",
    "sted": "location",
    "plassering": "location",
    "job function": "job_function",
    "jobbfunksjon": "job_function",
    "seniority": "seniority",
    "ansiennitet": "seniority",
    "senioritet": "seniority",
    "senioritetsnivå": "seniority",
    "industry": "industry",
    "bransje": "industry",
    "company size": "company_size",
    "bedriftsstørrelse": "company_size",
    "selskapsstørrelse": "company_size",
}

# The count column of a breakdown sheet -> what it counts (bokmål unverified).
BREAKDOWN_COUNTS: Mapping[str, str] = {
    "total followers": "followers",
    "følgere totalt": "followers",
    "totalt antall følgere": "followers",
    "total views": "page_views",
    "visninger totalt": "page_views",
    "totalt antall visninger": "page_views",
}

_PAGE_NAME = re.compile(
    r"^(?P<page>.+?)_(?P<kind>content|updates|followers|visitors|competitor_analytics)"
    r"_(?P<stamp>\d{13})(?: ?\(\d+\))?\.xlsx?$",
    re.IGNORECASE,
)
_SLUG = re.compile(r"[^\w]+")
_DATE_FORMATS = ("%m/%d/%Y", "%Y-%m-%d", "%d.%m.%Y")
_PLATFORM_FOLDERS = frozenset({"linkedin", "exports", ""})
_MISSING = frozenset({"", "-", "--", "n/a", "na", "nan", "null", "none"})
"""Placeholders for a missing value (see ``numbers``): missing, not a bad cell."""


@dataclass(frozen=True, slots=True)
class Page:
    """The page an export belongs to, as far as its name or folder tells."""

    account_id: str
    name: str
    source: str
    """``file_name``, ``folder`` or ``unknown``."""


def page_of(display_name: str) -> Page:
    """The page from LinkedIn's file name, else the sub-folder the file sits in.

    ``دورلي-doorly_content_1774355108388.xls`` and ``دورلي - doorly_competitor_
    analytics_….xlsx`` both give ``دورلي-doorly``: the id is the name as written,
    NFKC-normalised, lower-cased and without spaces, so that the two ways LinkedIn
    writes one page's name agree.
    """
    path = PurePosixPath(display_name)
    found = _PAGE_NAME.match(path.name)
    if found is not None:
        name = found["page"].strip()
        return Page(squash(name), name, "file_name")
    folder = path.parent.name if len(path.parts) > 1 else ""
    if folder.casefold() not in _PLATFORM_FOLDERS:
        return Page(squash(folder), folder, "folder")
    return Page("linkedin", "", "unknown")


def squash(name: str) -> str:
    """A name for comparing: NFKC, lower case, no white space."""
    return "".join(unicodedata.normalize("NFKC", name).casefold().split())


def slug(header: str) -> str:
    """A metric name for a header fokus does not know: words joined by ``_``."""
    return _SLUG.sub("_", normalise(header)).strip("_") or "value"


def header_index(rows: Sequence[Sequence[str]], limit: int = 3) -> int | None:
    """The header row: the first with two or more filled cells (a description row
    above it has one)."""
    for index, row in enumerate(rows[:limit]):
        if sum(1 for cell in row if cell.strip()) >= 2:
            return index
    return None


def header_of(sheet: Sheet) -> tuple[int, tuple[str, ...]] | None:
    """The header row's index and its cells, normalised."""
    index = header_index(sheet.rows)
    if index is None:
        return None
    return index, tuple(normalise(cell) for cell in sheet.rows[index])


def parse_day(text: str) -> dt.date | None:
    """``11/29/2025`` as LinkedIn writes it; ISO when a re-save made it a date."""
    value = text.strip()
    if " " in value:
        value = value.split(" ", 1)[0]
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def percent(value: float) -> float:
    """A fraction as a percentage, without the float32 noise LinkedIn stores
    (``0.027027027681469917`` → ``2.702703``)."""
    return float(f"{value * 100:.7g}")


def bad_number(text: str) -> bool:
    """A cell that holds something, but neither a number nor a placeholder."""
    return text.strip().casefold() not in _MISSING and parse_number(text) is None


def data_rows(sheet: Sheet, index: int) -> list[tuple[int, tuple[str, ...]]]:
    """(spreadsheet row, cells) of every non-empty row below the header."""
    return [
        (index + 2 + offset, row)
        for offset, row in enumerate(sheet.rows[index + 1 :])
        if any(cell.strip() for cell in row)
    ]


MetricOf = Callable[[str], tuple[str, bool] | None]
"""A header (normalised) -> (metric name, whether it is a fraction), or None."""


@dataclass(frozen=True, slots=True)
class DailySheet:
    """The rows of one daily sheet, and the headers stored under raw names."""

    rows: tuple[DailyRow, ...]
    skips: tuple[RowSkip, ...]
    read: int
    raw_names: tuple[str, ...]
    last_day: dt.date | None


def read_daily(
    sheet: Sheet, index: int, account: str, metric_of: MetricOf
) -> DailySheet:
    """One DailyRow per day and column; a blank cell is a missing value.

    A column fokus does not know is stored under its own header, made a metric
    name, and named in the import's notes.
    """
    header = sheet.rows[index]
    columns: list[tuple[int, str, bool]] = []
    raw: list[str] = []
    for column, name in enumerate(header[1:], start=1):
        if not name.strip():
            continue
        known = metric_of(normalise(name))
        if known is None:
            raw.append(name.strip())
            known = (slug(name), False)
        columns.append((column, *known))
    rows: list[DailyRow] = []
    skips: list[RowSkip] = []
    content = data_rows(sheet, index)
    for number, cells in content:
        day = parse_day(cells[0])
        if day is None:
            skips.append(RowSkip(number, "import.skip.bad_date", cells[0][:40]))
            continue
        for column, metric, fraction in columns:
            text = cells[column] if column < len(cells) else ""
            value = parse_number(text)
            if value is None:
                if bad_number(text):
                    skips.append(RowSkip(number, "import.skip.not_a_number", text[:40]))
                continue
            rows.append(
                DailyRow(
                    account, metric, day, percent(value) if fraction else value, number
                )
            )
    last = max((r.day for r in rows), default=None)
    return DailySheet(tuple(rows), tuple(skips), len(content), tuple(raw), last)


@dataclass(frozen=True, slots=True)
class Breakdowns:
    """The audience rows of a workbook's breakdown sheets."""

    rows: tuple[AudienceRow, ...]
    skips: tuple[RowSkip, ...]
    read: int
    sheets: tuple[str, ...]
    """The names of the sheets read as breakdowns."""


def breakdown_header(sheet: Sheet) -> tuple[int, str, str] | None:
    """(header row, breakdown, what is counted) when the sheet is a breakdown:
    a label column, then a count column (``Location``, ``Total followers``)."""
    found = header_of(sheet)
    if found is None:
        return None
    index, header = found
    if header[0] in DATE_WORDS or len(header) < 2 or not header[1]:
        return None
    counted = BREAKDOWN_COUNTS.get(header[1])
    if counted is None:
        return None
    return index, BREAKDOWNS.get(header[0], slug(header[0])), counted


def read_breakdowns(sheets: Sequence[Sheet], account: str) -> Breakdowns:
    """Every breakdown sheet as AudienceRow(block = breakdown, dimension = what is
    counted, category = the row's label, unit = count)."""
    rows: list[AudienceRow] = []
    skips: list[RowSkip] = []
    read = 0
    names: list[str] = []
    for sheet in sheets:
        found = breakdown_header(sheet)
        if found is None:
            continue
        index, block, counted = found
        names.append(sheet.name)
        content = data_rows(sheet, index)
        read += len(content)
        for number, cells in content:
            text = cells[1] if len(cells) > 1 else ""
            value = parse_number(text)
            if value is None:
                if bad_number(text):
                    skips.append(RowSkip(number, "import.skip.not_a_number", text[:40]))
                continue
            rows.append(
                AudienceRow(
                    account, block, counted, cells[0].strip(), value, "count", number
                )
            )
    return Breakdowns(tuple(rows), tuple(skips), read, tuple(names))


def refuse_header_only(rows_found: int) -> None:
    """A workbook with headers and no data is not an export as LinkedIn writes one
    (every export has a row per day of its period): refuse it, store nothing."""
    if rows_found == 0:
        raise FokusError(
            "import.refused.linkedin.header_only",
            "import.refused.linkedin.header_only.hint",
        )


def page_notes(
    page: Page, raw_names: Sequence[str], unread: Sequence[str]
) -> list[Note]:
    """What the user should know about the page and the columns and sheets."""
    notes: list[Note] = []
    if page.source == "folder":
        notes.append(("import.note.linkedin.page_from_folder", {"page": page.name}))
    elif page.source == "unknown":
        notes.append(("import.note.linkedin.page_unknown", {}))
    if raw_names:
        notes.append(
            ("import.note.linkedin.raw_metric_names", {"names": ", ".join(raw_names)})
        )
    if unread:
        notes.append(
            ("import.note.linkedin.sheets_not_read", {"names": ", ".join(unread)})
        )
    return notes


def column_names(sheets: Sequence[tuple[Sheet, int]]) -> tuple[str, ...]:
    """``Sheet/Column`` for every header cell of the sheets read (the import log)."""
    return tuple(
        f"{sheet.name}/{cell.strip()}"
        for sheet, index in sheets
        for cell in sheet.rows[index]
        if cell.strip()
    )
