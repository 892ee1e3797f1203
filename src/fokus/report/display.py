"""Values formatted for people: table cells by column kind, and evidence lines.

Kept apart from the HTML renderer because the PDF (and later the web app) shows
the same numbers the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fokus.i18n import (
    Language,
    format_day,
    format_number,
    format_percent,
    show,
    translate,
)
from fokus.model.denominators import DENOMINATORS, STATISTICS
from fokus.model.results import CellKind, Evidence, Param
from fokus.report.blocks import is_missing

NUMERIC_KINDS: frozenset[CellKind] = frozenset({"integer", "number", "percent"})


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell as shown, with a raw key a browser can sort on."""

    text: str
    sort_key: str | None
    """Numbers as plain decimals and dates as ISO text; None for text cells, which
    sort on what they show."""
    numeric: bool


def missing_text(language: Language) -> str:
    return translate("report.value.missing", language)


def format_cell(value: Param, kind: CellKind, language: Language) -> Cell:
    """Format one cell by its column's kind; a value of the wrong type shows as is."""
    numeric = kind in NUMERIC_KINDS
    if is_missing(value):
        return Cell(missing_text(language), "" if kind != "text" else None, numeric)
    if numeric and isinstance(value, int | float) and not isinstance(value, bool):
        return Cell(_number(value, kind, language), repr(float(value)), numeric=True)
    if kind == "date" and isinstance(value, dt.date):
        return Cell(format_day(value, language), value.isoformat(), numeric=False)
    if isinstance(value, dt.date):
        return Cell(value.isoformat(), None, numeric=False)
    if kind == "label":
        return Cell(show(value, language), None, numeric=False)
    return Cell(str(value), None, numeric=False)


def _number(value: float, kind: CellKind, language: Language) -> str:
    if kind == "percent":
        return format_percent(value, language)
    if kind == "integer":
        return format_number(round(value), language)
    return format_number(value, language)


def format_measure(value: float, language: Language) -> str:
    """A number of unknown scale: enough decimals that small rates do not vanish."""
    size = abs(value)
    digits = 1 if size >= 100 else 2 if size >= 1 else 3
    return format_number(value, language, digits=digits)


def evidence_line(evidence: Evidence, language: Language) -> str:
    """``n = 1 234 · verdi 0,073 · intervall 0,051 til 0,094 · …`` in the language."""
    parts = [translate("report.evidence.n", language, n=evidence.n)]
    if evidence.value is not None and not is_missing(evidence.value):
        value = format_measure(evidence.value, language)
        parts.append(translate("report.evidence.value", language, value=value))
    if evidence.interval is not None and not any(map(is_missing, evidence.interval)):
        low, high = (format_measure(v, language) for v in evidence.interval)
        parts.append(
            translate("report.evidence.interval", language, low=low, high=high)
        )
    if evidence.probability is not None and not is_missing(evidence.probability):
        probability = format_percent(evidence.probability, language, digits=0)
        parts.append(
            translate("report.evidence.probability", language, probability=probability)
        )
    if evidence.denominator is not None:
        parts.append(
            translate(
                "report.evidence.denominator",
                language,
                denominator=denominator_name(evidence.denominator, language),
            )
        )
    if evidence.statistic is not None:
        parts.append(statistic_name(evidence.statistic, language))
    return " · ".join(parts)


def denominator_name(denominator: str, language: Language) -> str:
    """The reader's words for a denominator name such as ``reach``.

    Only the names of ``model/denominators.py`` exist: anything else (free text,
    a whole message key) is a programming error, not something to show.
    """
    if denominator not in DENOMINATORS:
        raise ValueError(f"not a denominator name: {denominator!r}")
    return translate(f"report.denominator.{denominator}", language)


def statistic_name(statistic: str, language: Language) -> str:
    """The reader's words for how a figure is computed (``median_of_rates``)."""
    if statistic not in STATISTICS:
        raise ValueError(f"not a statistic name: {statistic!r}")
    return translate(f"report.statistic.{statistic}", language)
