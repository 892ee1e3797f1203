"""A review made ready for rendering: every text translated, every value kept raw.

The renderers (JSON, HTML, PDF) share this one step so that they can never
disagree about what a finding says. Blocks hold raw values (numbers, dates); each
renderer formats them its own way.

Besides the sections, the document has the two overviews the report opens with
(``fokus.report.overview``): the scorecard of the nine considerations and the
ranked action plan. The data-coverage section is not one of the nine: it becomes
the data appendix at the end.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from fokus.i18n import Language, translate
from fokus.model.denominators import Denominator, Statistic
from fokus.model.results import (
    Action,
    CellKind,
    Chart,
    ChartKind,
    Evidence,
    Finding,
    Param,
    Period,
    SectionResult,
    Table,
)
from fokus.model.vocab import SectionStatus, Severity

APPENDIX_SECTION = "coverage"
"""The section shown as the data appendix, after the nine considerations."""


@dataclass(frozen=True, slots=True)
class FindingBlock:
    key: str
    severity: Severity
    text: str
    params: Mapping[str, Param]
    evidence: Evidence | None
    anchor: str
    """Unique in the document (``strategy-f3``): what the action plan links to."""


@dataclass(frozen=True, slots=True)
class ColumnBlock:
    key: str
    label: str
    kind: CellKind
    denominator: Denominator | None = None
    statistic: Statistic | None = None


@dataclass(frozen=True, slots=True)
class TableBlock:
    key: str
    title: str
    columns: tuple[ColumnBlock, ...]
    rows: tuple[tuple[Param, ...], ...]


@dataclass(frozen=True, slots=True)
class ChartBlock:
    """A chart: its data as a table block (its text alternative), and which
    columns are drawn how; ``fokus.report.charts`` makes it Vega-Lite."""

    key: str
    kind: ChartKind
    data: TableBlock
    x: str
    y: str
    low: str | None
    high: str | None
    series: str | None
    n: str | None
    min_n: int
    note: str | None
    """What the chart shows, for the method notes."""

    @property
    def title(self) -> str:
        return self.data.title


@dataclass(frozen=True, slots=True)
class ActionBlock:
    key: str
    text: str
    impact: int
    effort: int
    params: Mapping[str, Param]
    finding_keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SectionBlock:
    key: str
    status: SectionStatus
    title: str
    findings: tuple[FindingBlock, ...]
    tables: tuple[TableBlock, ...]
    actions: tuple[ActionBlock, ...]
    error: str | None
    charts: tuple[ChartBlock, ...]
    method: str | None
    """The section's method note: definitions, denominators, thresholds."""
    fill: str | None
    """For a section with too little data: which export or register fills it."""

    @property
    def finding_anchors(self) -> Mapping[str, tuple[FindingBlock, ...]]:
        """The section's findings by key, in order."""
        found: dict[str, list[FindingBlock]] = {}
        for finding in self.findings:
            found.setdefault(finding.key, []).append(finding)
        return {key: tuple(blocks) for key, blocks in found.items()}


Standing = Literal["good", "attention", "act", "no_data", "failed"]
"""A consideration on the scorecard: nothing pressing, something to look at, something
to fix now, too little data to say, or the analysis failed."""


@dataclass(frozen=True, slots=True)
class ScoreBlock:
    """One consideration on the scorecard."""

    number: int
    """Its place in the checklist, 1–9."""
    section: str
    title: str
    standing: Standing
    verdict: str
    """One line: the most serious finding's text, or what is missing."""
    anchor: str | None
    """The finding the verdict is, when it is one."""


@dataclass(frozen=True, slots=True)
class FindingRef:
    anchor: str
    text: str


@dataclass(frozen=True, slots=True)
class PlanItem:
    """One action in the plan, with the findings it follows from."""

    rank: int
    section: str
    section_title: str
    text: str
    impact: int
    effort: int
    findings: tuple[FindingRef, ...]


@dataclass(frozen=True, slots=True)
class ActionPlan:
    items: tuple[PlanItem, ...]
    """At most ``MAX_PLAN_ACTIONS``, the most important first."""
    more: int
    """How many other actions the sections propose."""


@dataclass(frozen=True, slots=True)
class ReportDocument:
    """Everything a renderer needs, in the review's language."""

    language: Language
    organisation: str
    workspace: str
    generated_at: dt.datetime
    """Always timezone-aware, in UTC."""
    period: Period | None
    sections: tuple[SectionBlock, ...]
    """Every section of the review in its order, the appendix's included; the
    properties below split them for the report's layout."""
    scorecard: tuple[ScoreBlock, ...]
    plan: ActionPlan

    @property
    def considerations(self) -> tuple[SectionBlock, ...]:
        """The sections of the nine considerations, in the checklist's order."""
        return tuple(s for s in self.sections if s.key != APPENDIX_SECTION)

    @property
    def appendix(self) -> SectionBlock | None:
        return next((s for s in self.sections if s.key == APPENDIX_SECTION), None)


def as_utc(value: dt.datetime) -> dt.datetime:
    """A naive time is taken to be UTC already (that is how review.py stamps it)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def is_missing(value: object) -> bool:
    """True for values a reader should see as "no value": None, NaN and infinities."""
    return value is None or (isinstance(value, float) and not math.isfinite(value))


def fill_text(key: str, language: Language, params: Mapping[str, Param]) -> str:
    """The translated text for ``key`` with its parameters filled in.

    A catalog entry that does not match its parameters (a placeholder with no value,
    or a parameter named like translate's own arguments) must not take the whole
    report down: the text is then shown unfilled, which keeps the gap visible.
    """
    missing = translate("report.value.missing", language)
    shown = {name: missing if is_missing(v) else v for name, v in params.items()}
    try:
        return translate(key, language, **shown)
    except (KeyError, IndexError, ValueError, TypeError, AttributeError):
        return translate(key, language)


def _frozen(params: Mapping[str, Param]) -> Mapping[str, Param]:
    # Sorted so that two equal reviews render byte-identically whatever the order
    # in which an analysis happened to build its parameters.
    return MappingProxyType({name: params[name] for name in sorted(params)})


def optional_text(key: str, language: Language) -> str | None:
    """The translation of ``key``, or None when the catalogs have none."""
    text = translate(key, language)
    return None if text == key else text


def section_block(result: SectionResult, language: Language) -> SectionBlock:
    return SectionBlock(
        key=result.key,
        status=result.status,
        title=translate(f"section.{result.key}.title", language),
        findings=tuple(
            _finding(f, f"{result.key}-f{i}", language)
            for i, f in enumerate(result.findings, start=1)
        ),
        tables=tuple(_table(t, language) for t in result.tables),
        actions=tuple(_action(a, language) for a in result.actions),
        error=result.error,
        charts=tuple(_chart(c, language) for c in result.charts),
        method=optional_text(f"section.{result.key}.method", language),
        fill=optional_text(f"section.{result.key}.fill", language)
        if result.status == "insufficient_data"
        else None,
    )


def _finding(finding: Finding, anchor: str, language: Language) -> FindingBlock:
    return FindingBlock(
        key=finding.key,
        severity=finding.severity,
        text=fill_text(finding.key, language, finding.params),
        params=_frozen(finding.params),
        evidence=finding.evidence,
        anchor=anchor,
    )


def _chart(chart: Chart, language: Language) -> ChartBlock:
    return ChartBlock(
        key=chart.key,
        kind=chart.kind,
        data=_table(chart.data, language),
        x=chart.x,
        y=chart.y,
        low=chart.low,
        high=chart.high,
        series=chart.series,
        n=chart.n,
        min_n=chart.min_n,
        note=None if chart.note_key is None else translate(chart.note_key, language),
    )


def _table(table: Table, language: Language) -> TableBlock:
    return TableBlock(
        key=table.key,
        title=translate(table.title_key, language),
        columns=tuple(
            ColumnBlock(
                c.key,
                translate(c.label_key, language),
                c.kind,
                c.denominator,
                c.statistic,
            )
            for c in table.columns
        ),
        rows=table.rows,
    )


def _action(action: Action, language: Language) -> ActionBlock:
    return ActionBlock(
        key=action.key,
        text=fill_text(action.key, language, action.params),
        impact=action.impact,
        effort=action.effort,
        params=_frozen(action.params),
        finding_keys=action.finding_keys,
    )
