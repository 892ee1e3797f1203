"""YouTube Studio ``Chart data.csv`` and ``Totals.csv``: the chart behind the table.

Chart data is long: ``Date, <dimension>, <metric>``, one row per day and value of
the dimension. Each becomes a daily row whose metric is named ``<metric>.<value>``:
``views.subscribed``, ``views.not_subscribed``, ``views.13-17``, ``views.<video id>``
(see docs/metrics.md). Totals.csv is ``Date, <metric>``: the channel's daily totals.
"""

from __future__ import annotations

from typing import ClassVar

from fokus.ingest.base import ImportContext, Recognition, Stored, file_identity
from fokus.ingest.headers import normalise
from fokus.ingest.sniff import TextSample, all_records
from fokus.ingest.youtube_columns import DIMENSIONS, METRICS, account_of
from fokus.ingest.youtube_layout import (
    Layout,
    chart_layout,
    daily_rows,
    dated,
    split_rows,
    totals_layout,
)
from fokus.ingest.youtube_table import Note, unknown_metrics_note
from fokus.model.staging import SeriesParts
from fokus.model.vocab import Platform
from fokus.store.database import Store


def _recognition(
    kind: str, records: tuple[tuple[str, ...], ...], ok: bool
) -> Recognition:
    # Days alone do not make a YouTube file: count them only beside a dimension,
    # a metric name only YouTube uses, or (Totals.csv) metric names only, so that
    # other platforms' daily files are refused as "unknown", not "almost YouTube".
    header = [normalise(name) for name in (records[0] if records else ())]
    youtube_like = (
        (len(header) > 1 and header[1] in DIMENSIONS)
        or any(name in METRICS and METRICS[name].distinctive for name in header)
        or (len(header) > 1 and all(name in METRICS for name in header[1:]))
    )
    found = {
        "feature.youtube.date_column": dated(records) and youtube_like,
        f"feature.youtube.{kind}_columns": ok,
    }
    return Recognition(
        f"youtube_{kind}",
        tuple(k for k, v in found.items() if v),
        tuple(k for k, v in found.items() if not v),
    )


def _store_daily(
    sample: TextSample,
    context: ImportContext,
    store: Store,
    *,
    kind: str,
    layout: Layout,
    value_col: int | None,
) -> Stored:
    records = all_records(sample)
    rows = split_rows(records, layout)
    decimal = "," if sample.delimiter == ";" else "."
    account = account_of(context)
    # A video's length repeats on every day of Chart data by Content: not a series.
    series = Layout(
        layout.names, layout.dimension, layout.dimension_col,
        tuple(m for m in layout.metrics if m[1].name != "duration_sec"),
        layout.attributes, layout.unknown, layout.by_values,
    )  # fmt: skip
    daily, skips = daily_rows(
        rows.data, series, rows.first_row, account, decimal, value_col=value_col
    )
    last_day = max((r.day for r in daily), default=None)
    identity = file_identity(
        sample, context, kind, "youtube", tuple(records[0]), content_date=last_day
    )
    parts = SeriesParts(
        daily=tuple(daily), skips=tuple(skips), rows_read=len(rows.data)
    )
    counts = store.import_series(identity, parts)
    by_values = list(layout.by_values)
    if DIMENSIONS.get(normalise(records[0][0])) != "date" and value_col is not None:
        by_values.insert(0, layout.names[0])
    notes: list[Note] = []
    if by_values:
        notes.append(
            ("import.note.youtube.columns_by_values", {"names": ", ".join(by_values)})
        )
    if rows.footer:
        notes.append(("import.note.youtube.footer", {"text": rows.footer}))
    return Stored(counts, identity.as_of, (*notes, *unknown_metrics_note(layout)))


class YouTubeChart:
    """``Chart data.csv``: one value per day and value of the dimension."""

    kind: ClassVar[str] = "youtube_chart"
    platform: ClassVar[Platform] = "youtube"

    def recognise(self, sample: TextSample) -> Recognition:
        """Days, then a dimension YouTube offers, then metrics it names."""
        return _recognition(
            "chart", sample.records, chart_layout(sample.records) is not None
        )

    def store(self, sample: TextSample, context: ImportContext, store: Store) -> Stored:
        """Every day × value × metric as a daily row named ``metric.value``."""
        layout = chart_layout(all_records(sample))
        assert layout is not None  # recognise() said so
        return _store_daily(
            sample, context, store, kind=self.kind, layout=layout, value_col=1
        )


class YouTubeTotals:
    """``Totals.csv``: the channel's daily totals of the chart's metric."""

    kind: ClassVar[str] = "youtube_totals"
    platform: ClassVar[Platform] = "youtube"

    def recognise(self, sample: TextSample) -> Recognition:
        """Days, then metrics YouTube names, and no Total row."""
        return _recognition(
            "totals", sample.records, totals_layout(sample.records) is not None
        )

    def store(self, sample: TextSample, context: ImportContext, store: Store) -> Stored:
        """Every day × metric as a daily row."""
        layout = totals_layout(all_records(sample))
        assert layout is not None  # recognise() said so
        return _store_daily(
            sample, context, store, kind=self.kind, layout=layout, value_col=None
        )
