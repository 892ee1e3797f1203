"""What an importer hands to the store: a typed plan of how to read one file.

Importers (``fokus.ingest``) look at a file and decide what each column means; the
store executes the plan in SQL. Large post tables are read by DuckDB itself, small
series and audience files arrive as rows parsed in Python.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from fokus.model.vocab import (
    Format,
    PaidStatus,
    Platform,
    PostMetric,
    PublishedPrecision,
)

DateOrder = Literal["mdy", "dmy", "ymd"]
DATE_FORMATS: dict[DateOrder, tuple[str, ...]] = {
    "mdy": ("%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y"),
    "dmy": ("%d.%m.%Y %H:%M", "%d/%m/%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y",
            "%d/%m/%Y"),
    "ymd": ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d",
            "%Y/%m/%d %H:%M:%S", "%Y/%m/%d"),
}  # fmt: skip
"""strptime patterns for each day-month order; an importer may pass its own."""


def format_precision(pattern: str) -> PublishedPrecision:
    """How much of a time a strptime pattern reads: ``%d.%m.%Y`` a day."""
    codes = set(re.findall(r"%-?([A-Za-z])", pattern.replace("%%", "")))
    if codes & {"M", "S", "c", "X", "s"}:
        return "minute"
    if codes & {"H", "I"}:
        return "hour"
    if codes & {"d", "j", "x"}:
        return "day"
    if codes & {"m", "b", "B", "h"}:
        return "month"
    return "year"


@dataclass(frozen=True, slots=True)
class SourceDefinition:
    """What a mapping said about a source fokus does not know (``fokus import --map``).

    Recorded with the import (table ``source_definitions``) so that later analyses
    know the source's name and which metrics make up its engagement.
    """

    source: str
    """The user's name for the source (``threads``, ``newsletter``)."""
    mapping_name: str
    """The mapping file's name."""
    engagement_components: tuple[PostMetric, ...]
    mapping_toml: str
    """The mapping as written, so the import can be traced and repeated."""


@dataclass(frozen=True, slots=True)
class FileIdentity:
    """The file as the user gave it, and what we learned about its bytes."""

    name: str
    """Shown to the user and stored: the path relative to the workspace's exports."""
    sha256: str
    size_bytes: int
    kind: str
    platform: Platform
    encoding: str
    delimiter: str | None
    columns: tuple[str, ...]
    as_of: dt.date
    as_of_source: Literal["option", "file_name", "content", "file_date"]
    extra_columns: tuple[str, ...] = ()
    """Names of the columns kept as text beside each post (see ``post_fields``)."""
    source: SourceDefinition | None = None
    """The mapping's description of the source, for a mapped file."""


@dataclass(frozen=True, slots=True)
class CsvSource:
    """A UTF-8 CSV file DuckDB can read, and where its data records start."""

    path: Path
    delimiter: str
    skip_lines: int
    """Physical lines before the first data record (preamble and header)."""
    n_columns: int
    first_row: int
    """The spreadsheet row number of the first data record (header row = 1)."""


@dataclass(frozen=True, slots=True)
class AccountColumns:
    """Where the account is named; ``fallback_id`` when the file does not say."""

    id_column: int | None
    name_column: int | None
    username_column: int | None
    fallback_id: str


@dataclass(frozen=True, slots=True)
class PaidRule:
    """Which column says a post was paid, and how.

    With ``words`` the column holds a status word (LinkedIn's ``Organic`` /
    ``Sponsored``); without, it holds a paid metric, where above zero means paid and
    zero organic. ``missing`` is what an empty or ``-`` cell means: X writes ``-`` in
    its promoted columns for a post that was never promoted.
    """

    column: int
    words: tuple[tuple[str, PaidStatus], ...] = ()
    """Lower-cased cell values and the status each means; others are unknown."""
    missing: PaidStatus = "unknown"


@dataclass(frozen=True, slots=True)
class PostIdRule:
    """A post id made from the row, for a file that has none (a mapped file).

    ``row_number``: the row's number in the file (changes when the file is
    re-sorted); ``hash``: a digest of the values in ``columns`` (changes when one
    of those values does).
    """

    kind: Literal["row_number", "hash"]
    columns: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class DateParts:
    """A publish time put together from separate columns (a research data set).

    Parts are 0-based columns; the year may be a constant instead. Only the parts
    down to the plan's ``published_precision`` are used; a missing day is the 1st
    and a missing hour or minute 0.
    """

    year: int | None
    year_column: int | None
    month: int | None
    day: int | None
    hour: int | None
    minute: int | None


@dataclass(frozen=True, slots=True)
class PostPlan:
    """How to read one posts export: column positions are 0-based."""

    source: CsvSource
    platform: Platform
    post_id: int | PostIdRule
    """The id column, or how to make an id for a file without one."""
    published: int | DateParts
    """The publish time column, or the columns to compose it from."""
    date_formats: tuple[str, ...]
    """strptime patterns tried in order (``DATE_FORMATS[order]`` for most files)."""
    timezone: str
    account: AccountColumns
    text_columns: tuple[int, ...]
    """Candidates for the caption; the longest non-empty one wins (Meta's Title vs
    Description)."""
    permalink: int | None
    format_column: int | None
    format_map: tuple[tuple[str, Format], ...]
    """Lower-cased platform words (``photos``, ``ig reel`` …) to canonical formats."""
    default_format: Format
    """The format when the file has no format column (a videos export: ``video``)."""
    paid: PaidRule | None
    """How to tell paid from organic posts; ``None``: the export cannot tell."""
    decimal: Literal[".", ","]
    """The decimal mark of the file's numbers (Norwegian Excel writes ``,``)."""
    metrics: tuple[tuple[PostMetric, int], ...]
    """(metric, column) for the metric columns fokus knows."""
    is_share: int | None
    """``1`` when the post shares another post (Meta's ``Is share``)."""
    is_crosspost: int | None
    labels: int | None
    """The team's own labels (Meta's ``Custom labels``): often content pillars."""
    extra_columns: tuple[tuple[str, int], ...]
    """(name, column) for every other column: kept as text, never dropped."""
    published_timezone: str | None = None
    """The time zone the published cells are written in, when the file says so
    (X writes UTC); ``None``: the workspace's. ``published_day`` is always the day
    in the workspace's time zone."""
    skip_column: int | None = None
    """A column an importer added while cleaning the file in Python: a skip reason
    key for a row it knows to be unusable (X's ``status/undefined`` rows), else
    empty. The row is skipped with that reason instead of a generic one."""
    published_precision: PublishedPrecision | None = None
    """How much of the publish time the file gives; ``None``: each row's matching
    date format decides (``%d.%m.%Y`` gives a day, ``%d.%m.%Y %H:%M`` a minute)."""
    precision_column: int | None = None
    """A column an importer's cleaning step filled with each row's precision word
    (X: ``minute`` when the time came from the post id, ``day`` when only the date
    is known); it decides over ``published_precision``."""
    missing_markers: tuple[str, ...] = ()
    """Cell texts that mean "no value" in this file besides the usual ones (blank,
    ``-``, ``n/a`` …): read as missing in every column."""


@dataclass(frozen=True, slots=True)
class DailyRow:
    """One day's value of one account-level metric."""

    account_id: str
    metric: str
    day: dt.date
    value: float
    source_row: int


@dataclass(frozen=True, slots=True)
class AudienceRow:
    """One cell of an audience breakdown (age × gender, top cities …)."""

    account_id: str
    block: str
    dimension: str
    category: str
    value: float
    unit: Literal["percent", "count", "score", "seconds"]
    source_row: int


@dataclass(frozen=True, slots=True)
class PeerRow:
    """One figure about a page in a benchmark file (LinkedIn's competitors export).

    Kept apart from the organisation's own accounts: a competitor is never an
    account of ours, and the organisation's own row is marked ``own``.
    """

    page: str
    metric: str
    value: float
    period_start: dt.date | None
    period_end: dt.date | None
    own: bool
    source_row: int


@dataclass(frozen=True, slots=True)
class RowSkip:
    """A row the importer could not use, with a reason key for the user."""

    source_row: int
    reason: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class SeriesParts:
    """Rows parsed in Python that one file contributes besides (or instead of) posts.

    A LinkedIn content workbook holds a daily sheet and a posts sheet; a followers
    workbook a daily sheet and audience sheets. Everything a file holds is stored
    in one transaction under one import.
    """

    daily: tuple[DailyRow, ...] = ()
    audience: tuple[AudienceRow, ...] = ()
    peers: tuple[PeerRow, ...] = ()
    skips: tuple[RowSkip, ...] = ()
    rows_read: int = 0
    """Rows looked at for these parts (stored and skipped)."""
