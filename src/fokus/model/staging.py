"""What an importer hands to the store: a typed plan of how to read one file.

Importers (``fokus.ingest``) look at a file and decide what each column means; the
store executes the plan in SQL. Large post tables are read by DuckDB itself, small
series and audience files arrive as rows parsed in Python.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from fokus.model.vocab import Format, PaidStatus, Platform, PostMetric

DateOrder = Literal["mdy", "dmy", "ymd"]
DATE_FORMATS: dict[DateOrder, tuple[str, ...]] = {
    "mdy": ("%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y"),
    "dmy": ("%d.%m.%Y %H:%M", "%d/%m/%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y",
            "%d/%m/%Y"),
    "ymd": ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d",
            "%Y/%m/%d %H:%M:%S", "%Y/%m/%d"),
}  # fmt: skip
"""strptime patterns for each day-month order; an importer may pass its own."""


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
class PostPlan:
    """How to read one posts export: column positions are 0-based."""

    source: CsvSource
    platform: Platform
    post_id: int
    published: int
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
