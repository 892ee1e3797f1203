"""A review's results kept whole, so a second review of unchanged data reuses them.

The results are stored as JSON under the review's fingerprint (``fokus.fingerprint``:
what went into the review). Only the newest review is kept: the cache answers "is
this exactly the review I ran last?", nothing more. The codec is lossless for what
a ``SectionResult`` holds: text, whole and decimal numbers (NaN and infinities
too), dates, None, and the tuples of the model.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np

from fokus.i18n import Bilingual, Label, MessageKey, MessageKeys, Percent
from fokus.model.denominators import DENOMINATORS, STATISTICS
from fokus.model.results import (
    Action,
    CellKind,
    Chart,
    Column,
    Evidence,
    Finding,
    Param,
    Period,
    SectionResult,
    Table,
)

CACHE_FORMAT = 2
"""Bumped when the stored shape changes; an older entry is then recomputed.
2: denominators are names (``model/denominators.py``) with a statistic beside
them; format 1 held free text there."""


@dataclass(frozen=True, slots=True)
class StoredReview:
    """The results of the newest review, as it was computed."""

    fingerprint: str
    generated_at: dt.datetime
    period: Period | None
    sections: tuple[SectionResult, ...]


def write_review(con: duckdb.DuckDBPyConnection, stored: StoredReview) -> None:
    """Replace the kept review with ``stored``; the caller holds the transaction."""
    con.execute("DELETE FROM review_cache")
    period = stored.period
    con.execute(
        "INSERT INTO review_cache VALUES (?, ?, ?, ?, ?, ?)",
        [
            stored.fingerprint,
            CACHE_FORMAT,
            stored.generated_at,
            None if period is None else period.start,
            None if period is None else period.end,
            json.dumps([_section(s) for s in stored.sections], ensure_ascii=False),
        ],
    )


def read_review(
    con: duckdb.DuckDBPyConnection, fingerprint: str
) -> StoredReview | None:
    """The kept review if its fingerprint is ``fingerprint``, else None."""
    rows = con.execute(
        "SELECT generated_at, period_start, period_end, sections FROM review_cache "
        "WHERE fingerprint = ? AND format = ?",
        [fingerprint, CACHE_FORMAT],
    ).fetchall()
    if not rows:
        return None
    generated_at, start, end, text = rows[0]
    period = None if start is None else Period(start, end)
    try:
        sections = tuple(_read_section(s) for s in json.loads(text))
    except (ValueError, KeyError, TypeError):  # damaged: compute the review again
        return None
    # DuckDB hands a TIMESTAMPTZ back in the machine's zone; the review's is UTC.
    return StoredReview(fingerprint, generated_at.astimezone(dt.UTC), period, sections)


# -- encoding: tagged where JSON alone would lose the type ---------------------------


_TAGS: dict[type, tuple[str, Callable[[Any], object]]] = {
    Percent: ("percent", float),
    MessageKeys: ("message_keys", list),
    MessageKey: ("message", str),
    dt.datetime: ("datetime", dt.datetime.isoformat),
    dt.date: ("date", dt.date.isoformat),
}
"""Exact types JSON cannot tell apart: each written as ``{tag: plain value}``."""
_UNTAGS: dict[str, Callable[[Any], object]] = {
    "percent": Percent,
    "message_keys": lambda keys: MessageKeys(tuple(keys)),
    "message": MessageKey,
    "datetime": dt.datetime.fromisoformat,
    "date": dt.date.fromisoformat,
}


def _value(value: object) -> object:
    """A parameter or cell as JSON; the types JSON cannot tell apart are tagged
    (the i18n types carry how a value is shown). An unknown type, even a subclass
    of a known one, is refused (``TypeError``) rather than kept wrong."""
    if value is None or type(value) in {str, int, float, bool}:
        return value
    if type(value) in _TAGS:
        tag, plain = _TAGS[type(value)]
        return {tag: plain(value)}
    if type(value) is Label:
        params = {k: _value(v) for k, v in value.params.items()}
        return {"label": str(value), "key": value.key, "params": params}
    if type(value) is Bilingual:
        return {"nb": value.nb, "en": str(value)}
    if isinstance(value, np.integer | np.floating):  # numpy's numbers
        return value.item()
    raise TypeError(f"a review value fokus cannot keep: {type(value).__name__}")


def _read_value(value: object) -> Any:
    if not isinstance(value, dict):
        return value
    if "label" in value:
        params = {k: _read_value(v) for k, v in value["params"].items()}
        return Label(value["label"], value["key"], **params)
    if "nb" in value:
        return Bilingual(value["nb"], value["en"])
    ((tag, plain),) = value.items()
    return _UNTAGS[tag](plain)


def _params(params: Mapping[str, Param]) -> dict[str, object]:
    return {key: _value(value) for key, value in params.items()}


def _read_params(raw: Mapping[str, object]) -> dict[str, Param]:
    return {key: _read_value(value) for key, value in raw.items()}


def _table(table: Table) -> dict[str, object]:
    return {
        "key": table.key,
        "title_key": table.title_key,
        "columns": [
            [c.key, c.label_key, c.kind, c.denominator, c.statistic]
            for c in table.columns
        ],
        "rows": [[_value(v) for v in row] for row in table.rows],
    }


def _read_table(raw: dict[str, Any]) -> Table:
    return Table(
        raw["key"],
        raw["title_key"],
        tuple(_read_column(*column) for column in raw["columns"]),
        tuple(tuple(_read_value(v) for v in row) for row in raw["rows"]),
    )


def _read_column(
    key: str, label_key: str, kind: CellKind, denominator: object, statistic: object
) -> Column:
    return Column(
        key, label_key, kind, _named(denominator, DENOMINATORS),
        _named(statistic, STATISTICS),
    )  # fmt: skip


def _named(name: object, names: frozenset[str]) -> Any:
    """A stored denominator or statistic name, checked: anything else (free text
    from an older fokus) makes the entry damaged, so the review is computed again."""
    if name is not None and name not in names:
        raise ValueError(f"not a known name: {name!r}")
    return name


def _evidence(evidence: Evidence | None) -> object:
    if evidence is None:
        return None
    interval = None if evidence.interval is None else list(evidence.interval)
    return [evidence.n, evidence.value, interval, evidence.probability,
            evidence.denominator, evidence.statistic]  # fmt: skip


def _read_evidence(raw: list[Any] | None) -> Evidence | None:
    if raw is None:
        return None
    n, value, interval, probability, denominator, statistic = raw
    bounds = None if interval is None else (interval[0], interval[1])
    return Evidence(
        n, value, bounds, probability, _named(denominator, DENOMINATORS),
        _named(statistic, STATISTICS),
    )  # fmt: skip


def _chart(chart: Chart) -> dict[str, object]:
    return {
        "key": chart.key, "kind": chart.kind, "data": _table(chart.data),
        "x": chart.x, "y": chart.y, "low": chart.low, "high": chart.high,
        "series": chart.series, "n": chart.n, "min_n": chart.min_n,
        "note_key": chart.note_key,
    }  # fmt: skip


def _read_chart(raw: dict[str, Any]) -> Chart:
    return Chart(**{**raw, "data": _read_table(raw["data"])})


def _section(section: SectionResult) -> dict[str, object]:
    return {
        "key": section.key,
        "status": section.status,
        "findings": [
            [f.key, f.severity, _params(f.params), _evidence(f.evidence)]
            for f in section.findings
        ],
        "tables": [_table(t) for t in section.tables],
        "actions": [
            [a.key, a.impact, a.effort, _params(a.params), list(a.finding_keys)]
            for a in section.actions
        ],
        "error": section.error,
        "charts": [_chart(c) for c in section.charts],
    }


def _read_section(raw: dict[str, Any]) -> SectionResult:
    return SectionResult(
        key=raw["key"],
        status=raw["status"],
        findings=tuple(
            Finding(key, severity, _read_params(params), _read_evidence(evidence))
            for key, severity, params, evidence in raw["findings"]
        ),
        tables=tuple(_read_table(t) for t in raw["tables"]),
        actions=tuple(
            Action(key, impact, effort, _read_params(params), tuple(keys))
            for key, impact, effort, params, keys in raw["actions"]
        ),
        error=raw["error"],
        charts=tuple(_read_chart(c) for c in raw["charts"]),
    )
