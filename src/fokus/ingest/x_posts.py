"""X (Twitter) per-post exports: analytics.twitter.com's tweet activity file (≤ 2023)
and X's 2024+ account content file.

The tweet activity file is read by the store as it is: its ``time`` is UTC
(``2021-12-31 15:59 +0000``) and its counts are floats (``104.0``) or integers
(``0``). The 2024+ content file gives only a date, in changing formats, and holds
junk rows pointing to ``…/status/undefined``; it is small (one row per post of a
period), so it is cleaned in Python first, one output row per input row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import partial
from typing import ClassVar
from zoneinfo import ZoneInfo

from fokus.ingest.base import ImportContext, Recognition, Stored, file_identity
from fokus.ingest.sniff import TextSample, all_records, utf8_copy
from fokus.ingest.workbook import write_csv
from fokus.ingest.x_columns import (
    XColumns,
    account_id,
    handle_of,
    has_utc_times,
    parse_day,
    snowflake_time,
    status_link,
    x_columns,
)
from fokus.model.staging import AccountColumns, CsvSource, PaidRule, PostPlan
from fokus.model.vocab import POST_METRICS, Platform, PostMetric
from fokus.store.database import Store

UNDEFINED_POST = "import.skip.x_undefined_post"
TIME_SOURCE = "published_time_source"
"""The extra column fokus adds to 2024+ content posts: ``post_id`` when the time of
day was read from the post id, ``date_only`` when the post has a date and no time."""
_UTC_FORMATS = ("%Y-%m-%d %H:%M +0000", "%Y-%m-%d %H:%M:%S +0000")
_DERIVED_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


def _holds_post_links(rows: Sequence[Sequence[str]], column: int | None) -> bool:
    """Most filled cells of the column are X post links."""
    if column is None:
        return False
    values = [r[column] for r in rows if len(r) > column and r[column].strip()]
    return bool(values) and sum(1 for v in values if status_link(v)) >= 0.8 * len(
        values
    )


def _date_only(rows: Sequence[Sequence[str]], column: int | None) -> bool:
    if column is None:
        return False
    values = [r[column] for r in rows if len(r) > column and r[column].strip()]
    return bool(values) and sum(1 for v in values if parse_day(v)) >= 0.8 * len(values)


def _recognition(kind: str, found: dict[str, bool]) -> Recognition:
    # Without X post links this is not an X file at all: claim nothing, so that
    # a refusal of someone else's file never names an X kind as the closest.
    if not found["feature.x_status_link"]:
        return Recognition(kind, (), tuple(found))
    return Recognition.of(kind, found)


def _plan_parts(
    columns: XColumns,
) -> tuple[tuple[tuple[PostMetric, int], ...], tuple[tuple[str, int], ...]]:
    """Post metrics fokus models, and every other column kept as text."""
    metrics = tuple(
        (metric, index)
        for metric, index in sorted(columns.metrics.items(), key=lambda m: m[1])
        if metric in POST_METRICS
    )
    modelled = {index for _, index in metrics}
    extras = sorted(
        (*columns.extras,
         *((columns.names[i], i) for i in columns.metrics.values()
           if i not in modelled)),
        key=lambda e: e[1],
    )  # fmt: skip
    return metrics, tuple(extras)


def _notes(columns: XColumns) -> list[tuple[str, dict[str, str]]]:
    notes: list[tuple[str, dict[str, str]]] = []
    if columns.by_values:
        names = ", ".join(columns.by_values)
        notes.append(("import.note.x_found_by_values", {"names": names}))
    if columns.unknown:
        notes.append(
            (
                "import.note.unknown_columns",
                {
                    "count": str(len(columns.unknown)),
                    "names": ", ".join(columns.unknown),
                },
            )
        )
    return notes


class XTweets:
    """analytics.twitter.com → Tweets → Export data, "By Tweet" (≤ 2023)."""

    kind: ClassVar[str] = "x_tweets"
    platform: ClassVar[Platform] = "x"

    def recognise(self, sample: TextSample) -> Recognition:
        """A post id, X post links, and a ``time`` in UTC."""
        if not sample.records:
            return Recognition(self.kind, (), ("feature.x_status_link",))
        header, rows = sample.records[0], sample.records[1:]
        columns = x_columns(header, rows)
        time = columns.fields.get("time")
        return _recognition(
            self.kind,
            {
                "feature.x_status_link": _holds_post_links(
                    rows, columns.fields.get("permalink")
                ),
                "feature.post_id": "post_id" in columns.fields,
                "feature.x_utc_time": time is not None and has_utc_times(rows, time),
            },
        )

    def store(self, sample: TextSample, context: ImportContext, store: Store) -> Stored:
        """Plan the columns; the store reads the whole file in SQL."""
        header, rows = sample.records[0], sample.records[1:]
        columns = x_columns(header, rows)
        fields = columns.fields
        metrics, extras = _plan_parts(columns)
        paid = columns.metrics.get("impressions_paid")
        plan = PostPlan(
            source=(
                CsvSource(
                    path=utf8_copy(sample, context.scratch),
                    delimiter=sample.delimiter,
                    skip_lines=1,
                    n_columns=max(len(header), max((len(r) for r in rows), default=0)),
                    first_row=2,
                )
                if sample.container == "csv"
                # A workbook (a re-save): its first sheet as a CSV, row for row.
                else write_csv(
                    all_records(sample), context.scratch, "x.csv", first_row=2
                )
            ),
            platform=self.platform,
            post_id=fields["post_id"],
            published=fields["time"],
            date_formats=_UTC_FORMATS,
            timezone=context.timezone,
            published_timezone="UTC",
            account=AccountColumns(
                None,
                None,
                None,
                account_id(
                    handle_of(rows, fields.get("permalink"), sample.path),
                    context.account_folder,
                ),
            ),
            text_columns=(fields["text"],) if "text" in fields else (),
            permalink=fields.get("permalink"),
            format_column=None,
            format_map=(),
            default_format="other",  # X does not say; see docs/metrics.md
            # "-" in the promoted columns: never promoted, so organic.
            paid=None if paid is None else PaidRule(paid, missing="organic"),
            decimal="," if sample.delimiter == ";" else ".",
            metrics=metrics,
            is_share=None,
            is_crosspost=None,
            labels=None,
            extra_columns=extras,
        )
        time = fields["time"]
        days = [
            day
            for r in rows
            if len(r) > time and has_utc_times([r], time)
            if (day := parse_day(r[time])) is not None
        ]
        identity = partial(
            file_identity, sample, context, self.kind, self.platform, tuple(header),
            content_date=max(days, default=None),
            extra_columns=tuple(name for name, _ in extras),
        )  # fmt: skip
        counts = store.import_posts(identity, plan)
        return Stored(counts, identity().as_of, tuple(_notes(columns)))


class XContent:
    """X (2024+) → Analytics → Content → Export: one row per post, date only."""

    kind: ClassVar[str] = "x_content"
    platform: ClassVar[Platform] = "x"

    def recognise(self, sample: TextSample) -> Recognition:
        """A post id, X post links, and a date without a time of day."""
        if not sample.records:
            return Recognition(self.kind, (), ("feature.x_status_link",))
        header, rows = sample.records[0], sample.records[1:]
        columns = x_columns(header, rows)
        return _recognition(
            self.kind,
            {
                "feature.x_status_link": _holds_post_links(
                    rows, columns.fields.get("permalink")
                ),
                "feature.post_id": "post_id" in columns.fields,
                "feature.x_date": _date_only(rows, columns.fields.get("date")),
            },
        )

    def store(self, sample: TextSample, context: ImportContext, store: Store) -> Stored:
        """Time each post from its id, mark the junk rows, then store in SQL."""
        records = all_records(sample)
        header, rows = records[0], records[1:]
        columns = x_columns(header, rows)
        fields = columns.fields
        width = max(len(header), max((len(r) for r in rows), default=0))
        cleaned, timed, date_only = _cleaned(rows, fields, width, context.timezone)
        metrics, extras = _plan_parts(columns)
        date = fields["date"]
        plan = PostPlan(
            source=write_csv(
                [(*header, "", "", "", ""), *cleaned],
                context.scratch,
                "x_content.csv",
                first_row=2,
            ),
            platform=self.platform,
            post_id=fields["post_id"],
            published=width,
            date_formats=(_DERIVED_FORMAT,),
            timezone=context.timezone,
            published_timezone="UTC",
            account=AccountColumns(
                None,
                None,
                None,
                account_id(
                    handle_of(rows, fields.get("permalink"), sample.path),
                    context.account_folder,
                ),
            ),
            text_columns=(fields["text"],) if "text" in fields else (),
            permalink=fields.get("permalink"),
            format_column=None,
            format_map=(),
            default_format="other",  # X does not say; see docs/metrics.md
            paid=None,  # the content export has no promoted columns
            decimal="," if sample.delimiter == ";" else ".",
            metrics=metrics,
            is_share=None,
            is_crosspost=None,
            labels=None,
            extra_columns=(
                *sorted((*extras, (columns.names[date], date)), key=lambda e: e[1]),
                (TIME_SOURCE, width + 1),
            ),
            skip_column=width + 2,
            precision_column=width + 3,
        )
        days = [d for r in rows if len(r) > date and (d := parse_day(r[date]))]
        identity = partial(
            file_identity, sample, context, self.kind, self.platform, tuple(header),
            content_date=max(days, default=None),
            extra_columns=tuple(name for name, _ in plan.extra_columns),
        )  # fmt: skip
        counts = store.import_posts(identity, plan)
        notes = _notes(columns)
        if timed:
            notes.append(("import.note.x_time_from_id", {"count": str(timed)}))
        if date_only:
            notes.append(("import.note.x_date_only", {"count": str(date_only)}))
        return Stored(counts, identity().as_of, tuple(notes))


def _cleaned(
    rows: Sequence[Sequence[str]], fields: Mapping[str, int], width: int, timezone: str
) -> tuple[list[tuple[str, ...]], int, int]:
    """Each row padded, plus (published instant in UTC, its source, skip reason)."""
    zone = ZoneInfo(timezone)
    out: list[tuple[str, ...]] = []
    timed = date_only = 0
    post_id, date = fields["post_id"], fields["date"]
    link = fields.get("permalink")
    for record in rows:
        row = (*record, *([""] * (width - len(record))))
        found = status_link(row[link]) if link is not None else None
        if not row[post_id].strip() and found and found[1] == "undefined":
            out.append((*row, "", "", UNDEFINED_POST, ""))
            continue
        published, source = _published(row[post_id].strip(), row[date], zone)
        timed += source == "post_id"
        date_only += source == "date_only"
        precision = {"post_id": "minute", "date_only": "day"}.get(source, "")
        out.append((*row, published, source, "", precision))
    return out, timed, date_only


def _published(post_id: str, date_text: str, zone: ZoneInfo) -> tuple[str, str]:
    """The post's moment in UTC from its id when the id agrees with the date (X's
    date is the account's day, at most a day off UTC); else the date's midnight in
    the workspace's zone; else the raw date, which the store skips as unreadable."""
    day = parse_day(date_text)
    moment = snowflake_time(post_id)
    if moment is not None and (
        (day is None and not date_text.strip()) or (
            day is not None and abs((moment.date() - day).days) <= 1
        )
    ):  # fmt: skip
        return moment.strftime(_DERIVED_FORMAT), "post_id"
    if day is not None:
        midnight = dt.datetime.combine(day, dt.time(), tzinfo=zone).astimezone(dt.UTC)
        return midnight.strftime(_DERIVED_FORMAT), "date_only"
    return date_text.strip(), ""
