"""What changed since the previous review: findings new and gone, in every section.

A finding is the same one in both reviews when its section, key and subject (its
text parameters: names, channels, goals; ``strategy_history.finding_subject``) are.
Only sections both reviews ran without failing are compared, and only findings of
``COMPARED_SEVERITIES``. docs/sections/strategy.md, "Since the previous review".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

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


def findings_changed(
    previous: ReviewRecord, current: ReviewRecord
) -> tuple[list[Finding], Table]:
    """Findings new or gone, in the sections both reviews ran without failing."""
    sections = _usable(previous.sections) & _usable(current.sections)
    then, now = _compared(previous, sections), _compared(current, sections)
    old = Counter(f.identity for f in then)
    new = Counter(f.identity for f in now)
    added = _take(now, new - old)
    gone = _take(then, old - new)
    order = {s.key: i for i, s in enumerate(current.sections)}
    rank = {severity: i for i, severity in enumerate(COMPARED_SEVERITIES)}

    def rows(change: str, found: list[FindingFigure]) -> list[tuple[Param, ...]]:
        """``change`` is the label key: new or gone."""
        found = sorted(
            found, key=lambda f: (rank[f.severity], order.get(f.section, 99))
        )
        return [
            (
                change,
                f"section.{f.section}.title",
                f"report.severity.{f.severity}",
                Bilingual(f.text_nb, f.text_en),
            )
            for f in found
        ]

    summary = Finding(
        "finding.strategy.since_findings",
        "info",
        {
            "previous": previous.reviewed_on,
            "new": len(added),
            "gone": len(gone),
            "new_warnings": sum(f.severity != "notice" for f in added),
            "gone_warnings": sum(f.severity != "notice" for f in gone),
        },
    )
    table = Table(
        "strategy.since_findings",
        "table.strategy.since_findings",
        (
            Column("change", "column.strategy.change_kind", "label"),
            Column("section", "column.strategy.section", "label"),
            Column("severity", "column.strategy.severity", "label"),
            Column("finding", "column.strategy.finding", "label"),
        ),
        tuple(
            rows("column.strategy.change.new", added)
            + rows("column.strategy.change.gone", gone)
        ),
    )
    return [summary], table


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
