"""X (Twitter) account-level daily files: analytics.twitter.com's daily activity
export (≤ 2023) and X's 2024+ account overview export.

One row per day, one column per metric; each filled cell becomes one ``daily`` row.
``-`` in the legacy promoted columns means the account promoted nothing that day:
no value is stored for it (a zero would be a measurement X never made), and the
import says on how many days. ``engagement rate`` is engagements / impressions,
so it is not stored; the two counts it comes from are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import ClassVar

from fokus.ingest.base import ImportContext, Recognition, Stored, file_identity
from fokus.ingest.headers import normalise
from fokus.ingest.numbers import parse_number
from fokus.ingest.sniff import TextSample, all_records
from fokus.ingest.x_columns import (
    PROMOTED_PREFIXES,
    XColumns,
    account_id,
    handle_from_name,
    parse_day,
    x_columns,
)
from fokus.model.staging import DailyRow, RowSkip, SeriesParts
from fokus.model.vocab import Platform
from fokus.store.database import Store

_DASHES = frozenset({"-", "--"})


def _date_column(columns: XColumns, rows: tuple[tuple[str, ...], ...]) -> bool:
    date = columns.fields.get("date")
    if date is None:
        return False
    values = [r[date] for r in rows if len(r) > date and r[date].strip()]
    return bool(values) and sum(1 for v in values if parse_day(v)) >= 0.8 * len(values)


class _XDailyFile:
    kind: ClassVar[str]
    platform: ClassVar[Platform] = "x"
    _marker: ClassVar[str]
    """The feature key of the columns only this kind of file has."""
    _marker_names: ClassVar[frozenset[str]]

    def recognise(self, sample: TextSample) -> Recognition:
        """This kind's own columns, then a date column with days in it."""
        header = sample.records[0] if sample.records else ()
        rows = sample.records[1:]
        names = {normalise(h) for h in header}
        if not names & self._marker_names:
            return Recognition(self.kind, (), (self._marker, "feature.x_date"))
        columns = x_columns(header, rows, daily=True)
        found = {
            self._marker: "post_id" not in columns.fields,
            "feature.x_date": _date_column(columns, rows),
        }
        return Recognition.of(self.kind, found)

    def store(self, sample: TextSample, context: ImportContext, store: Store) -> Stored:
        """Parse every day in Python (a year is 366 rows) and store the values."""
        records = all_records(sample)
        header, data = records[0], records[1:]
        columns = x_columns(header, data, daily=True)
        handle = handle_from_name(sample.path)
        days = _Days(
            columns, account_id(handle, context.account_folder),
            "," if sample.delimiter == ";" else ".",
        )  # fmt: skip
        for offset, record in enumerate(data):
            days.read(record, offset + 2)  # the header is row 1
        identity = file_identity(
            sample, context, self.kind, self.platform, tuple(header),
            content_date=max(days.seen, default=None),
        )  # fmt: skip
        parts = SeriesParts(
            daily=tuple(days.rows), skips=tuple(days.skips), rows_read=days.rows_read
        )
        notes: list[tuple[str, dict[str, str]]] = []
        if handle is None:
            notes.append(
                (
                    "import.note.x_account_from_folder",
                    {"account": days.account, "file": sample.path.name},
                )
            )
        if days.not_promoted:
            count = str(days.not_promoted)
            notes.append(("import.note.x_not_promoted", {"count": count}))
        if columns.by_values:
            names = ", ".join(columns.by_values)
            notes.append(("import.note.x_found_by_values", {"names": names}))
        if columns.unknown:
            names = ", ".join(columns.unknown)
            notes.append(("import.note.x_columns_not_stored", {"names": names}))
        counts = store.import_series(identity, parts)
        return Stored(counts, identity.as_of, tuple(notes))


class _Days:
    """The values of a daily file, read row by row."""

    def __init__(self, columns: XColumns, account: str, decimal: str) -> None:
        self.columns = columns
        self.account = account
        self.decimal = decimal
        self.promoted = tuple(
            i
            for i, name in enumerate(columns.names)
            if normalise(name).startswith(PROMOTED_PREFIXES)
        )
        self.rows: list[DailyRow] = []
        self.skips: list[RowSkip] = []
        self.seen: set[dt.date] = set()
        self.rows_read = 0
        self.not_promoted = 0
        """Days whose promoted columns all say ``-``: nothing was promoted."""

    def read(self, record: Sequence[str], row: int) -> None:
        """One day: every filled metric cell becomes a row; blank lines are no day."""
        if not any(c.strip() for c in record):
            return
        self.rows_read += 1
        cell = _cells(record)
        date = cell(self.columns.fields["date"])
        day = parse_day(date)
        if day is None or day in self.seen:
            reason = "import.skip.x_duplicate_day" if day else "import.skip.bad_date"
            self.skips.append(RowSkip(row, reason, date[:40]))
            return
        self.seen.add(day)
        promoted = {cell(i).strip() for i in self.promoted}
        self.not_promoted += bool(promoted) and promoted <= _DASHES
        for metric, index in self.columns.metrics.items():
            text = cell(index).strip()
            value = parse_number(text, self.decimal)
            if value is not None:
                self.rows.append(DailyRow(self.account, metric, day, value, row))
            elif text and text not in _DASHES:
                self.skips.append(RowSkip(row, "import.skip.not_a_number", text[:40]))


def _cells(record: Sequence[str]) -> Callable[[int], str]:
    """The cell at a column, ``""`` past the end of a short row."""
    return lambda index: record[index] if index < len(record) else ""


class XDaily(_XDailyFile):
    """analytics.twitter.com → Tweets → Export data, "By day" (≤ 2023)."""

    kind: ClassVar[str] = "x_daily"
    _marker: ClassVar[str] = "feature.x_tweets_published"
    _marker_names: ClassVar[frozenset[str]] = frozenset(
        {"tweets published", "tweeter publisert"}
    )


class XOverview(_XDailyFile):
    """X (2024+) → Analytics → Overview → Export: account totals per day."""

    kind: ClassVar[str] = "x_overview"
    _marker: ClassVar[str] = "feature.x_overview_columns"
    _marker_names: ClassVar[frozenset[str]] = frozenset(
        {"create post", "unfollows", "opprett innlegg", "sluttet å følge"}
    )
