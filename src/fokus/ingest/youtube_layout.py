"""Which column of a YouTube Studio file is what, and the rows around the data.

``Table data.csv`` starts with a ``Total`` row (row 2) and may end with a line such
as ``Showing top 500 results``; neither is data. The Total row is used to check the
rows: for metrics that add up (views, watch time, revenue …) the rows must sum to
it, unless the file is an excerpt or a filtered table.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from fokus.ingest.headers import normalise, unique_names
from fokus.ingest.numbers import parse_number
from fokus.ingest.values import find_column, value_kind
from fokus.ingest.youtube_columns import (
    ATTRIBUTES,
    DIMENSIONS,
    METRICS,
    TOTAL_WORDS,
    Attribute,
    Metric,
    category,
    decimal_places,
    is_iso_day,
    parse_day,
    parse_value,
)
from fokus.model.staging import DailyRow, RowSkip

Row = tuple[str, ...]
KNOWN_DIMENSIONS = frozenset(DIMENSIONS.values())
RELATIVE_TOLERANCE = 0.001
"""YouTube's own tables differ from their Total by a few parts per million (a real
Subscription status export: 199 views in 100 million); 0.1 % covers that, while an
excerpt or a filtered table misses far more."""


@dataclass(frozen=True, slots=True)
class Layout:
    """The columns of one file, and the header names found by their values."""

    names: tuple[str, ...]
    dimension: str | None
    """``content``, ``date``, ``viewer_age`` … or the header itself when unknown."""
    dimension_col: int
    metrics: tuple[tuple[int, Metric], ...]
    attributes: dict[Attribute, int]
    unknown: tuple[tuple[str, int], ...]
    by_values: tuple[str, ...]

    def distinctive(self) -> bool:
        """A metric header only YouTube Studio writes, or ``Video publish time``."""
        published = self.attributes.get("published")
        return any(metric.distinctive for _, metric in self.metrics) or (
            published is not None and self.names[published] not in self.by_values
        )


def _dimension_by_values(values: Sequence[str]) -> str | None:
    filled = [v.strip() for v in values if v.strip()]
    if filled and all(is_iso_day(v) for v in filled):
        return "date"
    return "content" if value_kind(filled) == "id" else None


def read_layout(records: Sequence[Row], dimension_col: int = 0) -> Layout | None:
    """The layout under the header in ``records[0]``; None for an empty file."""
    if not records or dimension_col >= len(records[0]):
        return None
    header = records[0]
    names = unique_names(header)
    data = [
        r
        for r in records[1:]
        if len(r) > dimension_col and normalise(r[dimension_col]) not in TOTAL_WORDS
    ]
    by_values: list[str] = []
    dimension = DIMENSIONS.get(normalise(header[dimension_col]))
    if dimension is None:
        dimension = _dimension_by_values([r[dimension_col] for r in data[:50]])
        if dimension is not None:
            by_values.append(names[dimension_col])
    firsts = range(dimension_col + 1)
    attributes: dict[Attribute, int] = {}
    metrics: list[tuple[int, Metric]] = []
    unknown: list[tuple[str, int]] = []
    seen: set[str] = set()
    for index, name in enumerate(header):
        key = normalise(name)
        if index in firsts or not key:
            continue
        if key in ATTRIBUTES and ATTRIBUTES[key] not in attributes:
            attributes[ATTRIBUTES[key]] = index
        elif key in METRICS and METRICS[key].name not in seen:
            seen.add(METRICS[key].name)
            metrics.append((index, METRICS[key]))
        else:
            unknown.append((names[index], index))
    if dimension == "content" and "published" not in attributes:
        taken = frozenset({*firsts, *attributes.values(), *(i for i, _ in metrics)})
        found = find_column(data[:50], len(header), "date", taken=taken)
        if found is not None:
            attributes["published"] = found
            by_values.append(names[found])
            unknown = [(n, i) for n, i in unknown if i != found]
    if dimension is None:
        dimension = normalise(header[dimension_col]) or None
    return Layout(
        names, dimension, dimension_col, tuple(metrics), attributes, tuple(unknown),
        tuple(by_values),
    )  # fmt: skip


def dated(records: Sequence[Row]) -> bool:
    """The first column holds days (``2024-11-26``): a Date header or such values."""
    if not records or not records[0]:
        return False
    days = [r[0].strip() for r in records[1:] if r and r[0].strip()]
    days = [d for d in days if normalise(d) not in TOTAL_WORDS]
    return bool(days) and all(is_iso_day(d) for d in days)


def chart_layout(records: Sequence[Row]) -> Layout | None:
    """Chart data.csv: a date, then a dimension YouTube offers, then known metrics."""
    if not dated(records) or len(records[0]) < 3:
        return None
    layout = read_layout(records, dimension_col=1)
    if (
        layout is None
        or layout.dimension not in KNOWN_DIMENSIONS
        or layout.dimension == "date"
        or not layout.metrics
        or layout.unknown
    ):
        return None
    return layout


def totals_layout(records: Sequence[Row]) -> Layout | None:
    """Totals.csv: a date, then known metrics only, and no Total row."""
    layout = read_layout(records) if dated(records) else None
    if (
        layout is None
        or layout.dimension != "date"
        or not layout.metrics
        or layout.unknown
        or layout.attributes
        or any(is_total_row(r, layout) for r in records[1:])
    ):
        return None
    return layout


def is_total_row(row: Row, layout: Layout) -> bool:
    """YouTube's ``Total`` row (any letter case, en or nb)."""
    cell = row[layout.dimension_col] if len(row) > layout.dimension_col else ""
    return normalise(cell) in TOTAL_WORDS


def is_footer(row: Row, layout: Layout) -> bool:
    """A closing sentence alone in the first cell (``Showing top 500 results``)."""
    first = row[0].strip() if row else ""
    return (
        " " in first
        and not parse_day(first)
        and not any(c.strip() for c in row[1:])
        and len(layout.names) > 1
    )


@dataclass(frozen=True, slots=True)
class TableRows:
    """A table's data rows, and what was around them."""

    data: list[Row]
    first_row: int
    """The spreadsheet row of the first data row (header = row 1)."""
    total: Row | None
    total_row: int
    footer: str


def split_rows(records: Sequence[Row], layout: Layout) -> TableRows:
    """Set the Total row (first, or last) and a closing sentence apart from the data.

    Both sit at an end of the table, so the data rows keep their numbering.
    """
    data = [tuple(r) for r in records[1:]]
    while data and not any(c.strip() for c in data[-1]):
        data.pop()
    footer = ""
    if data and is_footer(data[-1], layout):
        footer = data.pop()[0].strip()
    first_row = 2
    total: Row | None = None
    total_row = 0
    if data and is_total_row(data[0], layout):
        total, total_row, first_row = data.pop(0), 2, 3
    elif data and is_total_row(data[-1], layout):
        total, total_row = data.pop(), 2 + len(data)
    return TableRows(data, first_row, total, total_row, footer)


def cross_check(
    total: Row, data: Sequence[Row], layout: Layout, decimal: str
) -> tuple[str, ...]:
    """``Views: 93734 ≠ 1179894`` for every additive metric the rows miss."""
    out = []
    for index, metric in layout.metrics:
        if not metric.additive or index >= len(total):
            continue
        expected = parse_number(total[index], decimal)
        if expected is None:
            continue
        cells = [r[index] for r in data if index < len(r)]
        values = [v for c in cells if (v := parse_number(c, decimal)) is not None]
        places = max([decimal_places(c) for c in (*cells, total[index])] or [0])
        rounding = (len(values) + 1) * 0.5 * 10.0**-places
        allowed = max(rounding, RELATIVE_TOLERANCE * abs(expected))
        if abs(sum(values) - expected) > allowed:
            out.append(
                f"{layout.names[index]}: {sum(values):.{places}f} ≠ "
                f"{expected:.{places}f}"
            )
    return tuple(out)


def series_metrics(layout: Layout) -> tuple[tuple[int, Metric], ...]:
    """The known metrics, and every unknown column stored under its own name."""
    unknown = tuple(
        (
            index,
            Metric(
                re.sub(r"[^\w%]+", "_", normalise(name)).strip("_"),
                "number",
                additive=False,
                unit="percent" if "%" in name else "count",
                post=None,
            ),
        )
        for name, index in layout.unknown
    )
    return tuple(sorted((*layout.metrics, *unknown), key=lambda m: m[0]))


def daily_rows(
    data: Sequence[Row],
    layout: Layout,
    first_row: int,
    account: str,
    decimal: str,
    *,
    value_col: int | None = None,
) -> tuple[list[DailyRow], list[RowSkip]]:
    """One value per day and metric; with ``value_col`` (Chart data) the metric is
    named after that column's value: ``views.subscribed``.

    The date is the first column. A blank cell is missing, never zero; a day
    without any value is skipped.
    """
    rows: list[DailyRow] = []
    skips: list[RowSkip] = []
    metrics = series_metrics(layout)
    for offset, record in enumerate(data):
        number = first_row + offset
        day: dt.date | None = parse_day(record[0]) if record else None
        if day is None:
            skips.append(
                RowSkip(
                    number, "import.skip.bad_date", record[0][:40] if record else ""
                )
            )
            continue
        name = ""
        if value_col is not None:
            name = "." + category(record[value_col] if len(record) > value_col else "")
        found = [
            DailyRow(account, metric.name + name, day, value, number)
            for index, metric in metrics
            if index < len(record)
            and (value := parse_value(record[index], metric.parse, decimal)) is not None
        ]
        if not found:
            skips.append(RowSkip(number, "import.skip.no_value", record[0][:10]))
        rows.extend(found)
    return rows, skips
