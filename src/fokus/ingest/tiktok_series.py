"""TikTok's daily account files: Overview, Viewers, follower history and activity.

One row per day (per day and hour for follower activity), several metrics per row.
TikTok Studio writes days without a year (``February 28``), the business-account
export with one (``2025/10/31``). ``undefined``, ``NAN``, ``--`` and blank cells are
missing values: they are counted and left out, never stored as 0. Days are the
calendar days as TikTok labels them; no time-zone shift is applied.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import ClassVar

from fokus.ingest.base import ImportContext, Stored
from fokus.ingest.headers import normalise
from fokus.ingest.numbers import parse_number
from fokus.ingest.sniff import TextSample, all_records
from fokus.ingest.tiktok_base import (
    Note,
    TikTokAdapter,
    account_of,
    by_values_note,
    identity,
    missing_note,
    split_header,
    unknown_note,
    year_note,
)
from fokus.ingest.tiktok_columns import (
    ACTIVE_FOLLOWERS,
    FOLLOWERS,
    HOUR,
    OVERVIEW,
    VIEWERS,
    date_column,
    index_of,
    lookup,
)
from fokus.ingest.tiktok_dates import (
    LooseDate,
    export_day,
    parse_loose,
    walk_anchor,
    walk_years,
)
from fokus.model.staging import AudienceRow, DailyRow, RowSkip, SeriesParts
from fokus.store.database import Store

MISSING = frozenset({"", "-", "--", "n/a", "na", "nan", "undefined", "null", "none"})
_HOUR = re.compile(r"^(?P<hour>\d{1,2})(?::00)?$")
_SLUG = re.compile(r"[^0-9a-zæøå]+")


def is_missing(text: str) -> bool:
    """Blank, or one of the words TikTok writes for "no value"."""
    return text.strip().casefold() in MISSING


def cell(record: Sequence[str], index: int) -> str:
    return record[index] if index < len(record) else ""


class Days:
    """The data rows of a daily file with their days, years inferred if needed."""

    def __init__(
        self, sample: TextSample, context: ImportContext, date_index: int
    ) -> None:
        header_index, _, data = split_header(all_records(sample))
        first_row = header_index + 2  # the header is row 1 in a spreadsheet
        self.rows = [
            (first_row + offset, record)
            for offset, record in enumerate(data)
            if any(c.strip() for c in record)
        ]
        loose = [parse_loose(cell(r, date_index)) for _, r in self.rows]
        dated = [d for d in loose if d is not None]
        inferred = any(d.year is None for d in dated)
        newest = None if inferred or not dated else max(dated, key=_full)
        self.as_of = export_day(sample.path, context.as_of, newest)
        self.days = walk_years(loose, walk_anchor(self.as_of))
        self.notes: list[Note] = year_note(self.as_of, self.days) if inferred else []
        self.skips: list[RowSkip] = []
        self.usable: list[tuple[int, Sequence[str], dt.date]] = []
        for (row, record), parsed, day in zip(self.rows, loose, self.days, strict=True):
            raw = cell(record, date_index).strip()[:40]
            if parsed is None:
                self.skips.append(RowSkip(row, "import.skip.bad_date", raw))
            elif day is None:
                self.skips.append(RowSkip(row, "import.skip.tiktok.no_such_day", raw))
            else:
                self.usable.append((row, record, day))


def _full(loose: LooseDate) -> tuple[int, int, int]:
    return (loose.year or 0, loose.month, loose.day)


def _slug(header: str) -> str:
    return _SLUG.sub("_", normalise(header)).strip("_") or "column"


class _DailySeries(TikTokAdapter):
    """One daily metric per known column; unknown columns kept under their name."""

    _metrics: ClassVar[Mapping[str, tuple[str, ...]]]

    def store(self, sample: TextSample, context: ImportContext, store: Store) -> Stored:
        """Parse every day in Python (a year is 366 rows) and store the values."""
        _, header, data = split_header(sample.records)
        date = date_column(header, data, frozenset())
        assert date.index is not None  # recognise() said so
        metrics = lookup(self._metrics, header)
        known = {date.index, *metrics.values()}
        # A column fokus does not know keeps its heading as its metric name; one
        # that would clash with a known metric gets its column number too.
        unknown = [
            (slug if slug not in metrics else f"{slug}_{index + 1}", index)
            for index, name in enumerate(header)
            if index not in known and name.strip() and (slug := _slug(name))
        ]
        columns = sorted([*metrics.items(), *unknown], key=lambda m: m[1])
        days = Days(sample, context, date.index)
        account = account_of(context)
        rows: list[DailyRow] = []
        skips = list(days.skips)
        missing = {header[i]: 0 for _, i in columns}
        for row, record, day in days.usable:
            for metric, index in columns:
                text = cell(record, index)
                if is_missing(text):
                    missing[header[index]] += 1
                elif (value := parse_number(text)) is None:
                    skips.append(RowSkip(row, "import.skip.not_a_number", text[:40]))
                else:
                    rows.append(DailyRow(account, metric, day, value, row))
        file = identity(sample, context, self.kind, header, days.as_of)
        parts = SeriesParts(
            daily=tuple(rows),
            skips=tuple(sorted(skips, key=lambda s: s.source_row)),
            rows_read=len(days.rows),
        )
        notes = [
            *days.notes,
            *by_values_note([header[date.index]] if date.by_values else []),
            *missing_note(missing),
            *unknown_note([header[i] for _, i in unknown]),
        ]
        return Stored(store.import_series(file, parts), file.as_of, tuple(notes))


class TikTokOverview(_DailySeries):
    """TikTok Studio Overview.csv, and the business account's overview export."""

    kind: ClassVar[str] = "tiktok_overview"
    _metrics = OVERVIEW


class TikTokViewers(_DailySeries):
    """TikTok Studio Viewers.csv: total, new and returning viewers per day."""

    kind: ClassVar[str] = "tiktok_viewers"
    _metrics = VIEWERS


class TikTokFollowers(_DailySeries):
    """FollowerHistory.csv, and the business account's daily follower export."""

    kind: ClassVar[str] = "tiktok_followers"
    _metrics = FOLLOWERS


class TikTokFollowerActivity(TikTokAdapter):
    """FollowerActivity.csv: active followers per day and hour, as audience rows.

    Stored in ``audience`` (block ``follower_activity``, dimension = the day,
    category = the hour ``00``–``23``): it answers "when are the followers online",
    a breakdown of the latest export, not a daily account total.
    """

    kind: ClassVar[str] = "tiktok_follower_activity"

    def store(self, sample: TextSample, context: ImportContext, store: Store) -> Stored:
        """Parse every day and hour and store one audience row each."""
        _, header, data = split_header(sample.records)
        date = date_column(header, data, frozenset())
        hour_index = index_of(HOUR, header)
        active = index_of(ACTIVE_FOLLOWERS, header)
        assert date.index is not None and hour_index is not None and active is not None
        days = Days(sample, context, date.index)
        account = account_of(context)
        rows: list[AudienceRow] = []
        skips = list(days.skips)
        missing = 0
        for row, record, day in days.usable:
            hour = _HOUR.match(cell(record, hour_index).strip())
            text = cell(record, active)
            if hour is None or int(hour["hour"]) > 23:
                skips.append(
                    RowSkip(
                        row, "import.skip.tiktok.bad_hour", cell(record, hour_index)
                    )
                )
            elif is_missing(text):
                missing += 1
            elif (value := parse_number(text)) is None:
                skips.append(RowSkip(row, "import.skip.not_a_number", text[:40]))
            else:
                category = f"{int(hour['hour']):02d}"
                rows.append(
                    AudienceRow(
                        account, "follower_activity", day.isoformat(), category,
                        value, "count", row,
                    )
                )  # fmt: skip
        file = identity(sample, context, self.kind, header, days.as_of)
        parts = SeriesParts(
            audience=tuple(rows),
            skips=tuple(sorted(skips, key=lambda s: s.source_row)),
            rows_read=len(days.rows),
        )
        notes = [
            *days.notes,
            *by_values_note([header[date.index]] if date.by_values else []),
            *missing_note({header[active]: missing}),
        ]
        return Stored(store.import_series(file, parts), file.as_of, tuple(notes))
