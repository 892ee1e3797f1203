"""What changed since the previous review: findings new and gone, in every section.

Each section shows its own (a summary and a table of its findings new and gone,
``SectionChanges``); the strategy section also sums them up over all sections.

A finding is the same one in both reviews when its section, key and subject (its
text parameters: names, channels, goals; ``strategy_history.finding_subject``) are.
Only sections both reviews ran without failing are compared, and only findings of
``COMPARED_SEVERITIES``. docs/sections/strategy.md, "Since the previous review".
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from fokus.i18n import Bilingual
from fokus.model.history import FindingFigure, ReviewRecord, SectionFigure
from fokus.model.results import Column, Finding, Param, Table
from fokus.model.vocab import Severity

COMPARED_SEVERITIES: tuple[Severity, ...] = ("critical", "warning", "notice")
"""Findings compared between reviews; ``info`` findings state facts that move with
every new post (a KPI's trend) and would bury the ones that matter."""


def _compared(record: ReviewRecord, sections: set[str]) -> list[FindingFigure]:
    return [
        f
        for f in record.findings
        if f.section in sections and f.severity in COMPARED_SEVERITIES
    ]


def _usable(sections: Iterable[SectionFigure]) -> set[str]:
    return {s.key for s in sections if s.status != "failed"}


@dataclass(frozen=True, slots=True)
class SectionChanges:
    """What one section shows of the changes since the previous review."""

    findings: tuple[Finding, ...] = ()
    tables: tuple[Table, ...] = ()


def findings_changed(
    previous: ReviewRecord, current: ReviewRecord
) -> tuple[Finding, dict[str, SectionChanges]]:
    """Findings new or gone, in the sections both reviews ran without failing: the
    summary over all of them (for the strategy section), and each such section's
    own summary and table of its findings new and gone."""
    sections = _usable(previous.sections) & _usable(current.sections)
    then, now = _compared(previous, sections), _compared(current, sections)
    old = Counter(f.identity for f in then)
    new = Counter(f.identity for f in now)
    added = _take(now, new - old)
    gone = _take(then, old - new)
    summary = Finding(
        "finding.strategy.since_findings",
        "info",
        {"previous": previous.reviewed_on, **_counts(added, gone)},
    )
    by_section = {
        s.key: _section_changes(
            s.key,
            previous.reviewed_on,
            [f for f in added if f.section == s.key],
            [f for f in gone if f.section == s.key],
        )
        for s in current.sections
        if s.key in sections
    }
    return summary, by_section


def _counts(
    added: Sequence[FindingFigure], gone: Sequence[FindingFigure]
) -> dict[str, Param]:
    return {
        "new": len(added),
        "gone": len(gone),
        "new_warnings": sum(f.severity != "notice" for f in added),
        "gone_warnings": sum(f.severity != "notice" for f in gone),
    }


def _section_changes(
    section: str,
    previous: dt.date,
    added: Sequence[FindingFigure],
    gone: Sequence[FindingFigure],
) -> SectionChanges:
    """One section's findings new and gone: a summary and, if any, the table."""
    if not added and not gone:
        return SectionChanges(
            (Finding("finding.since.unchanged", "info", {"previous": previous}),)
        )
    rank = {severity: i for i, severity in enumerate(COMPARED_SEVERITIES)}

    def rows(change: str, found: Sequence[FindingFigure]) -> list[tuple[Param, ...]]:
        """``change`` is the label key: new or gone; the most serious first."""
        return [
            (
                change,
                f"report.severity.{f.severity}",
                Bilingual(f.text_nb, f.text_en),
            )
            for f in sorted(found, key=lambda f: rank[f.severity])
        ]

    summary = Finding(
        "finding.since.findings",
        "info",
        {"previous": previous, **_counts(added, gone)},
    )
    table = Table(
        f"{section}.since_findings",
        "table.since.findings",
        (
            Column("change", "column.since.change", "label"),
            Column("severity", "column.since.severity", "label"),
            Column("finding", "column.since.finding", "label"),
        ),
        tuple(rows("column.since.new", added) + rows("column.since.gone", gone)),
    )
    return SectionChanges((summary,), (table,))


def _take(
    figures: Sequence[FindingFigure], wanted: Counter[tuple[str, str, str]]
) -> list[FindingFigure]:
    """The figures whose identities ``wanted`` counts, as many times as it says."""
    left = Counter(wanted)
    taken = []
    for f in figures:
        if left[f.identity] > 0:
            left[f.identity] -= 1
            taken.append(f)
    return taken
