"""What a review produces: sections with findings, tables and actions.

These values are format-neutral; the report layer renders them to HTML and JSON.
Texts are translation keys with parameters, never finished sentences.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from fokus.model.vocab import SectionStatus, Severity

Param = str | int | float | dt.date | None
CellKind = Literal["text", "integer", "number", "percent", "date", "label"]
"""``label`` cells hold a message key (``platform.facebook``), shown translated."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a finding rests on: how many items, the value, and how sure it is."""

    n: int
    value: float | None = None
    interval: tuple[float, float] | None = None
    probability: float | None = None
    denominator: str | None = None


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
    denominator: str | None = None
    """For a rate: what it is divided by (``reach``, ``views``, ``followers``), and
    how a group's rate is averaged, e.g. ``reach; median of per-post rates``."""


@dataclass(frozen=True, slots=True)
class Table:
    """A small table of results; cells are plain values, formatted by the renderer."""

    key: str
    title_key: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Param, ...], ...]


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
