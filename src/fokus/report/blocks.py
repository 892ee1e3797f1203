"""A review made ready for rendering: every text translated, every value kept raw.

The renderers (JSON, HTML, later PDF) share this one step so that they can never
disagree about what a finding says. Blocks hold raw values (numbers, dates); each
renderer formats them its own way. Later block kinds (charts, scorecard) slot in
beside tables here.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from fokus.i18n import Language, parse_language, translate
from fokus.model.results import (
    Action,
    CellKind,
    Evidence,
    Finding,
    Param,
    Period,
    Review,
    SectionResult,
    Table,
)
from fokus.model.vocab import SectionStatus, Severity

FALLBACK_LANGUAGE: Language = "en"
"""Used when a review asks for a language fokus does not have: English is the one
most readers of an unsupported language can follow."""


@dataclass(frozen=True, slots=True)
class FindingBlock:
    key: str
    severity: Severity
    text: str
    params: Mapping[str, Param]
    evidence: Evidence | None


@dataclass(frozen=True, slots=True)
class ColumnBlock:
    key: str
    label: str
    kind: CellKind
    denominator: str | None = None


@dataclass(frozen=True, slots=True)
class TableBlock:
    key: str
    title: str
    columns: tuple[ColumnBlock, ...]
    rows: tuple[tuple[Param, ...], ...]


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


def build_document(review: Review, workspace: str) -> ReportDocument:
    """Translate a review into blocks, keeping the order of its sections."""
    language = parse_language(review.language) or FALLBACK_LANGUAGE
    return ReportDocument(
        language=language,
        organisation=review.organisation,
        workspace=workspace,
        generated_at=as_utc(review.generated_at),
        period=review.period,
        sections=tuple(_section(s, language) for s in review.sections),
    )


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


def _section(result: SectionResult, language: Language) -> SectionBlock:
    return SectionBlock(
        key=result.key,
        status=result.status,
        title=translate(f"section.{result.key}.title", language),
        findings=tuple(_finding(f, language) for f in result.findings),
        tables=tuple(_table(t, language) for t in result.tables),
        actions=tuple(_action(a, language) for a in result.actions),
        error=result.error,
    )


def _finding(finding: Finding, language: Language) -> FindingBlock:
    return FindingBlock(
        key=finding.key,
        severity=finding.severity,
        text=fill_text(finding.key, language, finding.params),
        params=_frozen(finding.params),
        evidence=finding.evidence,
    )


def _table(table: Table, language: Language) -> TableBlock:
    return TableBlock(
        key=table.key,
        title=translate(table.title_key, language),
        columns=tuple(
            ColumnBlock(c.key, translate(c.label_key, language), c.kind, c.denominator)
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
