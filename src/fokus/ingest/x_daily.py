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
from pathlib import Path
from typing import ClassVar

from fokus.ingest.base import ImportContext, Recognition, Stored, file_identity
from fokus.ingest.headers import normalise
from fokus.ingest.numbers import parse_number
from fokus.ingest.sniff import TextSample, all_records
from fokus.ingest.x_columns import (
    PLATFORM_WORDS,
    PROMOTED_PREFIXES,
    XColumns,
    handle_of,
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
        return Recognition(
            self.kind,
            tuple(k for k, ok in found.items() if ok),
            tuple(k for k, ok in found.items() if not ok),
        )

    def store(self, sample: TextSample, context: ImportContext, store: Store) -> Stored:
        """Parse every day in Python (a year is 366 rows) and store the values."""
        records = all_records(sample)
        header, data = records[0], records[1:]
        columns = x_columns(header, data, daily=True)
        handle = handle_of((), None, sample.path)
        account = (
            handle.casefold()
            if handle
            else context.folder_hint
            if context.folder_hint and context.folder_hint not in PLATFORM_WORDS
            else "x"
        )
        decimal = "," if sample.delimiter == ";" else "."
        promoted = {
            i
            for i, h in enumerate(header)
            if normalise(h).startswith(PROMOTED_PREFIXES)
        }
        rows: list[DailyRow] = []
        skips: list[RowSkip] = []
        seen: set[dt.date] = set()
        read = not_promoted = 0
        date = columns.fields["date"]
        for offset, record in enumerate(data):
            if not any(c.strip() for c in record):
                continue
            read += 1
            row = offset + 2  # the header is row 1
            day = parse_day(record[date]) if len(record) > date else None
            if day is None or day in seen:
                reason = (
                    "import.skip.bad_date"
                    if day is None
                    else "import.skip.x_duplicate_day"
                )
                skips.append(
                    RowSkip(
                        row, reason, record[date][:40] if len(record) > date else ""
                    )
                )
                continue
            seen.add(day)
            cells = {i: record[i].strip() for i in promoted if i < len(record)}
            not_promoted += bool(cells) and set(cells.values()) <= _DASHES
            for metric, index in columns.metrics.items():
                text = record[index] if index < len(record) else ""
                value = parse_number(text, decimal)
                if value is not None:
                    rows.append(DailyRow(account, metric, day, value, row))
                elif text.strip() and text.strip() not in _DASHES:
                    skips.append(RowSkip(row, "import.skip.not_a_number", text[:40]))
        identity = file_identity(
            sample, context, self.kind, self.platform, tuple(header),
            content_date=max(seen, default=None),
        )  # fmt: skip
        counts = store.import_series(
            identity, SeriesParts(daily=tuple(rows), skips=tuple(skips), rows_read=read)
        )
        return Stored(
            counts,
            identity.as_of,
            self._notes(columns, account, not_promoted, handle, sample.path),
        )

    @staticmethod
    def _notes(
        columns: XColumns,
        account: str,
        not_promoted: int,
        handle: str | None,
        path: Path,
    ) -> tuple[tuple[str, dict[str, str]], ...]:
        notes: list[tuple[str, dict[str, str]]] = []
        if handle is None:
            notes.append(
                (
                    "import.note.x_account_from_folder",
                    {"account": account, "file": path.name},
                )
            )
        if not_promoted:
            notes.append(("import.note.x_not_promoted", {"count": str(not_promoted)}))
        if columns.by_values:
            notes.append(
                (
                    "import.note.x_found_by_values",
                    {"names": ", ".join(columns.by_values)},
                )
            )
        if columns.unknown:
            notes.append(
                (
                    "import.note.x_columns_not_stored",
                    {"names": ", ".join(columns.unknown)},
                )
            )
        return tuple(notes)


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
