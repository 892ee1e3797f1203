"""A mapping: how to read posts from a file fokus does not recognise by itself.

The user writes it as TOML (docs/mapping.md); ``fokus.ingest.mapping_file`` checks
it and builds these values. Columns are named as the file's header names them; the
importer finds them in each file and refuses a file that lacks one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from fokus.model.vocab import (
    Format,
    PaidStatus,
    Platform,
    PostMetric,
    PublishedPrecision,
)

CanonicalField = Literal[
    "post_id", "published", "text", "permalink", "format", "labels", "paid"
]
"""The fields of a post a mapping's ``[columns]`` may name (metrics go in
``[metrics]``)."""
CANONICAL_FIELDS: tuple[CanonicalField, ...] = (
    "post_id",
    "published",
    "text",
    "permalink",
    "format",
    "labels",
    "paid",
)


@dataclass(frozen=True, slots=True)
class PublishedParts:
    """A publish time composed from separate columns and perhaps a constant year."""

    year: int | None
    year_column: str | None
    month: str | None
    day: str | None
    hour: str | None
    minute: str | None

    @property
    def precision(self) -> PublishedPrecision:
        """The finest part reached without a gap: month and hour without a day is
        a month (the hour cannot be placed on a day nobody knows)."""
        chain: tuple[tuple[PublishedPrecision, str | None], ...] = (
            ("month", self.month),
            ("day", self.day),
            ("hour", self.hour),
            ("minute", self.minute),
        )
        reached: PublishedPrecision = "year"
        for precision, column in chain:
            if column is None:
                break
            reached = precision
        return reached

    @property
    def unused(self) -> tuple[str, ...]:
        """Part columns beyond the precision: kept as text, not in the time."""
        order = ("year", "month", "day", "hour", "minute")
        cut = order.index(self.precision) + 1
        columns = (self.year_column, self.month, self.day, self.hour, self.minute)
        return tuple(c for c in columns[cut:] if c is not None)


@dataclass(frozen=True, slots=True)
class PostIdSpec:
    """The id column, or how to make ids for a file without one."""

    column: str | None = None
    row_number: bool = False
    hash_columns: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PaidSpec:
    """How the paid column reads: status words, or a number (above zero is paid)."""

    column: str
    words: tuple[tuple[str, PaidStatus], ...]
    """Cell values (lower-cased) and the status each means; others are unknown."""
    numeric: bool
    missing: PaidStatus
    """What a blank cell (or a missing marker) means."""


@dataclass(frozen=True, slots=True)
class FileOptions:
    """How to read the file; ``None`` means: as fokus finds it."""

    header_row: int = 1
    """The spreadsheet row of the header (1 = the first row)."""
    delimiter: str | None = None
    encoding: str | None = None
    decimal: Literal[".", ","] | None = None
    sheet: str | None = None
    missing: tuple[str, ...] = ()
    """Cell texts meaning "no value", besides blank, ``-``, ``n/a`` and the like."""


@dataclass(frozen=True, slots=True)
class SourceMapping:
    """A checked mapping file: everything needed to read one kind of file."""

    name: str
    """The mapping file's name, as shown in messages."""
    text: str
    """The TOML as written (stored with each import)."""
    platform: Platform
    source: str
    """The source's own name (``threads``); the platform's name when not given."""
    account: str | None
    """A constant account name, or ``None`` when ``account_column`` names it."""
    account_column: str | None
    file: FileOptions
    post_id: PostIdSpec
    published: str | PublishedParts
    date_formats: tuple[str, ...]
    timezone: str | None
    """``None``: the workspace's time zone."""
    text_columns: tuple[str, ...]
    permalink: str | None
    format_column: str | None
    constant_format: Format | None
    formats: tuple[tuple[str, Format], ...]
    """Lower-cased values of the format column and the canonical format of each."""
    labels: str | None
    paid: PaidSpec | None
    metrics: tuple[tuple[PostMetric, str], ...]
    engagement: tuple[PostMetric, ...]
    """The metrics that make up "engagement" for this source."""
