"""What a review produces: sections with findings, tables and actions.

These values are format-neutral; the report layer renders them to HTML and JSON.
Texts are translation keys with parameters, never finished sentences.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from fokus.model.branding import NO_BRANDING, Branding
from fokus.model.denominators import Denominator, Statistic
from fokus.model.vocab import SectionStatus, Severity

Param = str | int | float | dt.date | None
CellKind = Literal["text", "integer", "number", "percent", "date", "label"]
"""``label`` cells hold a message key (``platform.facebook``), shown translated."""
ChartKind = Literal["bar", "heatmap", "trend", "pareto"]
"""``bar``: one bar per ``x`` category, with an interval when ``low``/``high`` are
given; ``heatmap``: ``x`` by ``series`` cells coloured by ``y``; ``trend``: ``y`` over
the dates in ``x``, one line per ``series``; ``pareto``: the cumulative share ``y``
against the share of items ``x``."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a finding rests on: how many items, the value, and how sure it is."""

    n: int
    value: float | None = None
    interval: tuple[float, float] | None = None
    probability: float | None = None
    denominator: Denominator | None = None
    """What the value is divided by or compared with (``model/denominators.py``)."""
    statistic: Statistic | None = None
    """How the value is computed from the posts it rests on."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the review says, as a translation key with parameters."""

    key: str
    severity: Severity
    params: Mapping[str, Param] = field(default_factory=dict)
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: a stable key, a label key and how its cells are shown."""

    key: str
    label_key: str
    kind: CellKind = "text"
    denominator: Denominator | None = None
    """For a rate or ratio: what it is divided by (``reach``, ``views``,
    ``engagement_baseline``; see ``model/denominators.py``)."""
    statistic: Statistic | None = None
    """How a group's value is computed, e.g. ``median_of_rates``."""


@dataclass(frozen=True, slots=True)
class Table:
    """A small table of results; cells are plain values, formatted by the renderer."""

    key: str
    title_key: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Param, ...], ...]


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart of a small table of its own, described by column keys, never by
    drawing instructions: the report turns it into Vega-Lite (interactive in the
    HTML, SVG in the PDF), and the table is its text alternative.

    ``n`` names the column holding each row's group size: rows whose ``n`` is below
    ``min_n`` are drawn as small groups (faded and marked), never silently dropped;
    a heatmap leaves such cells empty.
    """

    key: str
    kind: ChartKind
    data: Table
    """The values drawn; its title is the chart's title."""
    x: str
    y: str
    low: str | None = None
    high: str | None = None
    series: str | None = None
    n: str | None = None
    min_n: int = 0
    note_key: str | None = None
    """What the chart shows and how to read it, for the method notes."""


@dataclass(frozen=True, slots=True)
class Action:
    """Something to do, ranked by expected impact and effort, tied to its findings."""

    key: str
    impact: int
    effort: int
    params: Mapping[str, Param] = field(default_factory=dict)
    finding_keys: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SectionResult:
    """The result of one analysis."""

    key: str
    status: SectionStatus
    findings: tuple[Finding, ...] = ()
    tables: tuple[Table, ...] = ()
    actions: tuple[Action, ...] = ()
    error: str | None = None
    charts: tuple[Chart, ...] = ()
    """For a failed analysis: the exception's type and message, for the bug report."""


@dataclass(frozen=True, slots=True)
class Period:
    """The span of days the data covers, both ends included."""

    start: dt.date
    end: dt.date


@dataclass(frozen=True, slots=True)
class Review:
    """A whole review, ready to be rendered."""

    organisation: str
    language: str
    generated_at: dt.datetime
    period: Period | None
    sections: tuple[SectionResult, ...]
    branding: Branding = NO_BRANDING
    """The organisation's logo and colours from ``fokus.toml`` (HTML and PDF)."""
