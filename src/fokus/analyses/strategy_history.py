"""The key figures a finished review leaves for the next one (``fokus.model.history``).

Taken from the review's own results: the strategy section's KPI tables and its
plan-and-practice table, every section's status, and every finding with its text in
both languages (``review.py`` fills in the texts). Pure: ``review.py`` stores them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from fokus.config import WorkspaceConfig
from fokus.model.history import (
    ChannelFigure,
    FindingFigure,
    KpiFigure,
    ReviewRecord,
    SectionFigure,
)
from fokus.model.results import Finding, Param, SectionResult

SECTION = "strategy"
ROLE_NONE = "column.strategy.role.none"
"""The role of a channel fokus.toml does not name."""


def finding_subject(finding: Finding) -> str:
    """What a finding is about: its text parameters (names, channels, goals), not
    its numbers and dates, which change while the finding stays the same."""
    return "; ".join(
        f"{name}={value}"
        for name, value in sorted(finding.params.items())
        if isinstance(value, str)
    )


def review_record(
    *,
    reviewed_on: dt.date,
    generated_at: dt.datetime,
    data_end: dt.date | None,
    config: WorkspaceConfig,
    sections: Sequence[SectionResult],
    findings: Sequence[FindingFigure],
) -> ReviewRecord:
    """The figures to keep from a finished review; ``findings`` carry the texts."""
    strategy = [s for s in sections if s.key == SECTION]
    return ReviewRecord(
        reviewed_on=reviewed_on,
        generated_at=generated_at,
        data_end=data_end,
        strategy_reviewed=config.strategy_reviewed,
        sections=tuple(SectionFigure(s.key, s.status) for s in sections),
        kpis=kpi_figures(strategy[0]) if strategy else (),
        channels=channel_figures(strategy[0]) if strategy else (),
        findings=tuple(findings),
    )


def _table_rows(section: SectionResult, key: str) -> list[dict[str, Param]]:
    return [
        dict(zip((c.key for c in table.columns), row, strict=True))
        for table in section.tables
        if table.key == key
        for row in table.rows
    ]


def kpi_figures(section: SectionResult) -> tuple[KpiFigure, ...]:
    """Each KPI from the strategy section's two KPI tables."""
    rows = _table_rows(section, "strategy.kpis") + _table_rows(
        section, "strategy.kpi_rates"
    )
    return tuple(
        KpiFigure(
            goal=str(r["goal"]),
            kpi=str(r["kpi"] or ""),
            metric=str(r["metric"]),
            channel=str(r["channel"]),
            start=_day(r["start"]),
            end=_day(r["end"]),
            value=_number(r["value"]),
            target=_number(r["target"]),
            status=str(r["status"]),
            n=int(_number(r["n"]) or 0),
        )
        for r in rows
    )


def channel_figures(section: SectionResult) -> tuple[ChannelFigure, ...]:
    """Each channel from the strategy section's plan-and-practice table."""
    return tuple(
        ChannelFigure(
            platform=str(r["platform"]),
            account=str(r["account"]),
            role=None if r["role"] == ROLE_NONE else str(r["role"]),
            planned=_number(r["planned"]),
            posts=None if r["posts"] is None else int(_number(r["posts"]) or 0),
            per_week=_number(r["per_week"]),
        )
        for r in _table_rows(section, "strategy.practice")
    )


def _day(value: Param) -> dt.date:
    assert isinstance(value, dt.date)
    return value


def _number(value: Param) -> float | None:
    return float(value) if isinstance(value, int | float) else None
