"""Find the columns of a legacy Insights sheet: by header name, else by values."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from fokus.ingest.headers import normalise, unique_names
from fokus.ingest.insights_columns import (
    FIELDS,
    FORMATS,
    Field,
    Meaning,
    metric_meaning,
)
from fokus.ingest.numbers import parse_number
from fokus.ingest.values import find_column

Rows = Sequence[Sequence[str]]
POST_ID = re.compile(r"^\s*(\d+)_(\d+)\s*$")
"""``<page id>_<post id>``, as the Graph API names a Page post."""
_SHARE = 0.8
_FORMAT_WORDS = frozenset(word for word, _ in FORMATS)


def cell(row: Sequence[str], index: int) -> str:
    return row[index] if index < len(row) else ""


def is_description_row(row: Sequence[str]) -> bool:
    """Row 2 of a Key Metrics sheet: text in the metric columns, no numbers."""
    filled = [c for c in row if c.strip()]
    return bool(filled) and all(parse_number(c) is None for c in filled)


@dataclass(frozen=True, slots=True)
class Layout:
    """Where everything is in one sheet (0-based columns)."""

    header: tuple[str, ...]
    names: tuple[str, ...]
    """Header names made unique (a second ``Views`` is ``Views (2)``)."""
    description: tuple[str, ...]
    """Row 2 when it holds descriptions, else empty."""
    data: tuple[tuple[str, ...], ...]
    first_row: int
    """The spreadsheet row of the first data row."""
    fields: dict[Field, int] = field(default_factory=dict)
    metrics: dict[int, Meaning] = field(default_factory=dict)
    unknown: tuple[int, ...] = ()
    found_by_values: tuple[Field, ...] = ()

    @property
    def complete(self) -> bool:
        return "post_id" in self.fields and "posted" in self.fields


def read_layout(rows: Rows, *, with_metrics: bool = True) -> Layout:
    """The layout of a Key Metrics sheet (or, ``with_metrics=False``, a breakdown
    sheet, whose extra columns are its breakdown values)."""
    if not rows:
        return Layout((), (), (), (), 2)
    header = tuple(rows[0])
    has_description = with_metrics and len(rows) > 1 and is_description_row(rows[1])
    description = tuple(rows[1]) if has_description else ()
    start = 2 if has_description else 1
    data = tuple(tuple(row) for row in rows[start:])
    width = max((len(r) for r in rows), default=0)
    fields: dict[Field, int] = {}
    metrics: dict[int, Meaning] = {}
    unknown: list[int] = []
    for index in range(width):
        name = normalise(cell(header, index))
        if name in FIELDS and FIELDS[name] not in fields:
            fields[FIELDS[name]] = index
            continue
        meaning = (
            metric_meaning(
                cell(header, index),
                cell(description, index),
                frozenset(m.variant.api_id for m in metrics.values()),
            )
            if with_metrics
            else None
        )
        if meaning is not None:
            metrics[index] = meaning
        elif name or any(cell(row, index).strip() for row in data):
            unknown.append(index)
    # Values decide only in a sheet that is surely Insights' (its metric names, or
    # a breakdown sheet of one): elsewhere a date column is not "Posted".
    found = (
        _by_values(data, width, fields, frozenset(metrics))
        if metrics or not with_metrics
        else ()
    )
    names = unique_names([cell(header, i) or f"Column {i + 1}" for i in range(width)])
    return Layout(
        header, names, description, data, start + 1, fields, metrics,
        tuple(i for i in unknown if i not in fields.values()), found,
    )  # fmt: skip


def _by_values(
    data: Rows, width: int, fields: dict[Field, int], metrics: frozenset[int]
) -> tuple[Field, ...]:
    """Place the fields the header did not name by what their cells hold."""
    sample = data[:60]
    found: list[Field] = []

    def taken() -> frozenset[int]:
        return frozenset(fields.values()) | metrics

    def place(name: Field, index: int | None) -> None:
        if index is not None and name not in fields:
            fields[name] = index
            found.append(name)

    if "post_id" not in fields:
        place("post_id", _column_where(sample, width, POST_ID.match, taken()))
    if "posted" not in fields:
        place("posted", find_column(sample, width, "date", taken=taken()))
    if "permalink" not in fields:
        place(
            "permalink",
            find_column(sample, width, "url", contains="facebook.com", taken=taken()),
        )
    if "type" not in fields:
        place(
            "type",
            _column_where(
                sample, width, lambda v: v.strip().casefold() in _FORMAT_WORDS, taken()
            ),
        )
    return tuple(found)


def _column_where(
    data: Rows, width: int, test: object, taken: frozenset[int]
) -> int | None:
    assert callable(test)
    for index in range(width):
        if index in taken:
            continue
        filled = [cell(r, index) for r in data if cell(r, index).strip()]
        if filled and sum(1 for v in filled if test(v)) / len(filled) >= _SHARE:
            return index
    return None
