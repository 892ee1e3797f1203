"""YouTube Studio ``Table data.csv``: one row per value of the chosen dimension.

Dimension Content gives one row per video (stored as posts), Date one row per day
(the channel's daily series), and any other dimension (Subscription status, Viewer
age, Viewer gender, Traffic source …) a breakdown (audience rows). Row 2 is YouTube's
``Total`` row: it is not data, but the rows are checked against it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from fokus.ingest.base import ImportContext, Recognition, Stored, file_identity
from fokus.ingest.sniff import TextSample, all_records
from fokus.ingest.youtube_columns import account_of, category, parse_value
from fokus.ingest.youtube_content import store_content
from fokus.ingest.youtube_layout import (
    KNOWN_DIMENSIONS,
    Layout,
    Row,
    TableRows,
    chart_layout,
    cross_check,
    daily_rows,
    is_total_row,
    read_layout,
    series_metrics,
    split_rows,
)
from fokus.model.staging import AudienceRow, RowSkip, SeriesParts
from fokus.model.vocab import Platform
from fokus.store.database import Store

Note = tuple[str, Mapping[str, str]]


def table_notes(layout: Layout, rows: TableRows, decimal: str) -> list[Note]:
    """What the user should know about the Total row, the footer and the columns."""
    notes: list[Note] = []
    if rows.total is not None:
        mismatches = cross_check(rows.total, rows.data, layout, decimal)
        row = {"row": str(rows.total_row)}
        notes.append(
            (
                "import.note.youtube.total_mismatch",
                {**row, "metrics": "; ".join(mismatches)},
            )
            if mismatches
            else ("import.note.youtube.total_row", row)
        )
    elif any(metric.additive for _, metric in layout.metrics):
        # Shares of a total (Viewer age, Viewer gender) come without a Total row.
        notes.append(("import.note.youtube.no_total_row", {}))
    if rows.footer:
        notes.append(("import.note.youtube.footer", {"text": rows.footer}))
    if layout.by_values:
        notes.append(
            (
                "import.note.youtube.columns_by_values",
                {"names": ", ".join(layout.by_values)},
            )
        )
    return notes


def unknown_metrics_note(layout: Layout) -> list[Note]:
    """Columns of a series file fokus does not know: stored under their own names."""
    if not layout.unknown:
        return []
    names = ", ".join(name for name, _ in layout.unknown)
    return [("import.note.youtube.unknown_metrics", {"names": names})]


def _audience_rows(
    data: Sequence[Row], layout: Layout, first_row: int, account: str, decimal: str
) -> tuple[list[AudienceRow], list[RowSkip]]:
    block = layout.dimension or ""
    metrics = series_metrics(layout)
    rows: list[AudienceRow] = []
    skips: list[RowSkip] = []
    for offset, record in enumerate(data):
        number = first_row + offset
        label = category(record[0]) if record else ""
        found = [
            AudienceRow(account, block, metric.name, label, value, metric.unit, number)
            for index, metric in metrics
            if index < len(record)
            and (value := parse_value(record[index], metric.parse, decimal)) is not None
        ]
        if not label or not found:
            skips.append(RowSkip(number, "import.skip.no_value", label[:40]))
            continue
        rows.extend(found)
    return rows, skips


class YouTubeTable:
    """``Table data.csv`` in any dimension."""

    kind: ClassVar[str] = "youtube_table"
    platform: ClassVar[Platform] = "youtube"

    def recognise(self, sample: TextSample) -> Recognition:
        """A metric header only YouTube writes, under a dimension column.

        Not Chart data (a date, then a dimension) and not Totals.csv (dates without
        a Total row).
        """
        records = sample.records
        layout = read_layout(records)
        chart = chart_layout(records) is not None
        totals_like = (
            layout is not None
            and layout.dimension == "date"
            and not any(is_total_row(r, layout) for r in records[1:2])
        )
        distinctive = layout is not None and layout.distinctive()
        found = {
            "feature.youtube.metrics": distinctive,
            # A dimension YouTube offers, or (beside YouTube's own metric names) an
            # id or date column found by its values or any other first column.
            "feature.youtube.dimension": layout is not None
            and (
                (layout.dimension in KNOWN_DIMENSIONS and not layout.by_values)
                or (distinctive and layout.dimension is not None)
            )
            and not chart
            and not totals_like,
        }
        return Recognition.of(self.kind, found)

    def store(self, sample: TextSample, context: ImportContext, store: Store) -> Stored:
        """Posts for Content, daily rows for Date, audience rows for the rest."""
        records = all_records(sample)
        layout = read_layout(records)
        assert layout is not None  # recognise() said so
        rows = split_rows(records, layout)
        decimal = "," if sample.delimiter == ";" else "."
        notes = table_notes(layout, rows, decimal)
        account = account_of(context)
        if layout.dimension == "content":
            return store_content(
                sample, context, store, layout=layout, rows=rows, notes=notes
            )
        if layout.dimension == "date":
            daily, skips = daily_rows(
                rows.data, layout, rows.first_row, account, decimal
            )
            parts = SeriesParts(daily=tuple(daily), skips=tuple(skips),
                                rows_read=len(rows.data))  # fmt: skip
            last_day = max((r.day for r in daily), default=None)
        else:
            audience, skips = _audience_rows(
                rows.data, layout, rows.first_row, account, decimal
            )
            parts = SeriesParts(audience=tuple(audience), skips=tuple(skips),
                                rows_read=len(rows.data))  # fmt: skip
            last_day = None
        identity = file_identity(
            sample, context, self.kind, self.platform, tuple(records[0]),
            content_date=last_day,
        )  # fmt: skip
        counts = store.import_series(identity, parts)
        return Stored(counts, identity.as_of, (*notes, *unknown_metrics_note(layout)))
