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

from fokus.model.vocab import Format, Platform, PostMetric

DateOrder = Literal["mdy", "dmy", "ymd"]


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
class PostPlan:
    """How to read one posts export: column positions are 0-based."""

    source: CsvSource
    platform: Platform
    post_id: int
    published: int
    date_order: DateOrder
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
    paid_reach: int | None
    """A paid/boosted reach column: > 0 means paid, 0 organic, empty unknown."""
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
    unit: Literal["percent", "count", "score"]
    source_row: int


@dataclass(frozen=True, slots=True)
class RowSkip:
    """A row the importer could not use, with a reason key for the user."""

    source_row: int
    reason: str
    detail: str = ""
