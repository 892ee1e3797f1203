"""Strategy check (section 1), judgment part: what changed since the previous review.

Every review leaves its key figures in the store (``fokus.model.history``): each
KPI's value, target and status, each channel's role, plan and posts a week, the
status of every section and every finding. The next review, at least
``MIN_DAYS_BETWEEN_REVIEWS`` later, compares with the newest of them: which KPIs
moved, which channels changed role or plan, and which findings are new or gone.
Findings are compared across all sections, so this runs after them (``review.py``
calls ``with_changes``); everything here is pure. Each section shows its own part
of the changes: the strategy section the KPIs, the channels section the channel mix,
every section its findings new and gone. docs/sections/strategy.md, "Since
the previous review", has the rules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

from fokus.analyses.kpi_metrics import KPI_METRICS, is_rate
from fokus.analyses.strategy_changes_findings import (
    SectionChanges,
    findings_changed,
)
from fokus.analyses.strategy_history import ROLE_NONE, SECTION
from fokus.i18n import MessageKey, Percent
from fokus.model.history import ChannelFigure, KpiFigure, ReviewRecord
from fokus.model.results import (
    CellKind,
    Column,
    Finding,
    Param,
    SectionResult,
    Table,
)

MIN_DAYS_BETWEEN_REVIEWS = 30
"""The previous review is the newest one stored at least this many days before:
running the review again the same week (after fixing a register) should not hide
last quarter's or last year's review."""
STATUS_RANK = {
    "column.strategy.status.behind": 0,
    "column.strategy.status.on_track": 1,
    "column.strategy.status.met": 2,
}
"""KPI statuses that are better or worse than each other; the others (no target,
too few posts, not measurable) only change."""


CHANNELS_SECTION = "channels"
"""The section that shows the change in the channel mix (roles, plan, posts a week)."""


@dataclass(frozen=True, slots=True)
class Changes:
    """What changed, by the key of the section that shows it: the strategy section
    the review dates, the KPIs and the summary over all findings; the channels
    section the channel mix; every section compared its own findings new and gone."""

    sections: Mapping[str, SectionChanges]

    def of(self, section: str) -> SectionChanges:
        return self.sections.get(section, SectionChanges())


def compare(previous: ReviewRecord | None, current: ReviewRecord) -> Changes:
    """What changed from ``previous`` to ``current``, by section."""
    if previous is None:
        none = Finding(
            "finding.strategy.since_none", "info", {"days": MIN_DAYS_BETWEEN_REVIEWS}
        )
        return Changes(MappingProxyType({SECTION: SectionChanges((none,))}))
    kpi_findings, kpi_tables = _kpis(previous.kpis, current.kpis)
    channel_findings, channel_table = _channels(previous.channels, current.channels)
    summary, by_section = findings_changed(previous, current)
    strategy = SectionChanges(
        (
            Finding(
                "finding.strategy.since_previous",
                "info",
                {
                    "previous": previous.reviewed_on,
                    "days": (current.reviewed_on - previous.reviewed_on).days,
                },
            ),
            *_strategy_date(previous, current),
            *kpi_findings,
            summary,
        ),
        tuple(t for t in kpi_tables if t.rows),
    )
    channels = SectionChanges(
        tuple(channel_findings), (channel_table,) if channel_table.rows else ()
    )
    sections = {SECTION: strategy, CHANNELS_SECTION: channels}
    for key, own in by_section.items():
        sections[key] = _joined(sections.get(key, SectionChanges()), own)
    return Changes(MappingProxyType(sections))


def _joined(first: SectionChanges, then: SectionChanges) -> SectionChanges:
    return SectionChanges(first.findings + then.findings, first.tables + then.tables)


def with_changes(
    sections: Sequence[SectionResult], changes: Changes
) -> tuple[SectionResult, ...]:
    """The sections, each that did not fail with its changes added to its end."""
    return tuple(
        s
        if s.status == "failed" or s.key not in changes.sections
        else replace(
            s,
            findings=s.findings + changes.of(s.key).findings,
            tables=s.tables + changes.of(s.key).tables,
        )
        for s in sections
    )


def _strategy_date(previous: ReviewRecord, current: ReviewRecord) -> list[Finding]:
    then, now = previous.strategy_reviewed, current.strategy_reviewed
    if then == now:
        return [
            Finding(
                "finding.strategy.since_strategy_unchanged",
                "info",
                {"previous": previous.reviewed_on},
            )
        ]
    return [
        Finding(
            "finding.strategy.since_strategy_revised",
            "info",
            {"then": then, "now": now},
        )
    ]


def _kpi_params(k: KpiFigure) -> dict[str, Param]:
    return {
        "goal": k.goal,
        "kpi": k.kpi or MessageKey(k.metric),
        "platform": MessageKey(k.channel),
    }


def _kpis(
    previous: Sequence[KpiFigure], current: Sequence[KpiFigure]
) -> tuple[list[Finding], tuple[Table, Table]]:
    then = {k.identity: k for k in previous}
    now = {k.identity: k for k in current}
    findings: list[Finding] = []
    pairs: list[tuple[KpiFigure | None, KpiFigure | None]] = []
    for k in current:
        old = then.get(k.identity)
        pairs.append((old, k))
        if old is None:
            findings.append(
                Finding("finding.strategy.since_kpi_added", "info", _kpi_params(k))
            )
            continue
        findings.extend(_kpi_moved(old, k))
    for old in previous:
        if old.identity not in now:
            pairs.append((old, None))
            findings.append(
                Finding(
                    "finding.strategy.since_kpi_dropped", "notice", _kpi_params(old)
                )
            )
    return findings, (_kpi_table(pairs, rates=False), _kpi_table(pairs, rates=True))


def _kpi_moved(old: KpiFigure, new: KpiFigure) -> list[Finding]:
    findings = []
    params = {
        **_kpi_params(new),
        "then": MessageKey(old.status),
        "now": MessageKey(new.status),
    }
    if old.status != new.status:
        a, b = STATUS_RANK.get(old.status), STATUS_RANK.get(new.status)
        if a is not None and b is not None:
            better = b > a
            findings.append(
                Finding(
                    "finding.strategy.since_kpi_better"
                    if better
                    else "finding.strategy.since_kpi_worse",
                    "info" if better else "notice",
                    params,
                )
            )
        else:
            findings.append(
                Finding("finding.strategy.since_kpi_status", "info", params)
            )
    if old.target is not None and new.target is not None and old.target != new.target:
        lowered = new.target < old.target
        findings.append(
            Finding(
                "finding.strategy.since_target_lowered"
                if lowered
                else "finding.strategy.since_target_raised",
                "notice" if lowered else "info",
                {
                    **_kpi_params(new),
                    "then": Percent(old.target) if _is_rate(new) else old.target,
                    "now": Percent(new.target) if _is_rate(new) else new.target,
                },
            )
        )
    return findings


def _is_rate(k: KpiFigure) -> bool:
    metric = KPI_METRICS.get(k.metric.rsplit(".", 1)[-1])
    return metric is not None and is_rate(metric)


def _kpi_table(
    pairs: Sequence[tuple[KpiFigure | None, KpiFigure | None]], *, rates: bool
) -> Table:
    kind: CellKind = "percent" if rates else "number"
    columns = (
        Column("goal", "column.strategy.goal"),
        Column("kpi", "column.strategy.kpi"),
        Column("metric", "column.strategy.metric", "label"),
        Column("channel", "column.strategy.channel", "label"),
        Column("then_end", "column.strategy.then_end", "date"),
        Column("then_value", "column.strategy.then_value", kind),
        Column("then_target", "column.strategy.then_target", kind),
        Column("then_status", "column.strategy.then_status", "label"),
        Column("now_end", "column.strategy.now_end", "date"),
        Column("now_value", "column.strategy.now_value", kind),
        Column("now_target", "column.strategy.now_target", kind),
        Column("now_status", "column.strategy.now_status", "label"),
    )
    rows = []
    for old, new in pairs:
        either = new or old
        assert either is not None
        if _is_rate(either) != rates:
            continue
        rows.append(
            (
                either.goal, either.kpi, either.metric, either.channel,
                *_kpi_cells(old), *_kpi_cells(new),
            )
        )  # fmt: skip
    return Table(
        "strategy.since_kpi_rates" if rates else "strategy.since_kpis",
        "table.strategy.since_kpi_rates" if rates else "table.strategy.since_kpis",
        columns,
        tuple(rows),
    )


def _kpi_cells(k: KpiFigure | None) -> tuple[Param, ...]:
    if k is None:
        return (None, None, None, "column.strategy.status.absent")
    return (k.end, k.value, k.target, k.status)


def _channels(
    previous: Sequence[ChannelFigure], current: Sequence[ChannelFigure]
) -> tuple[list[Finding], Table]:
    then = {c.identity: c for c in previous}
    now = {c.identity: c for c in current}
    findings: list[Finding] = []
    pairs: list[tuple[ChannelFigure | None, ChannelFigure | None]] = []
    for c in current:
        old = then.get(c.identity)
        pairs.append((old, c))
        base: dict[str, Param] = {
            "platform": MessageKey(c.platform),
            "account": c.account,
        }
        if old is None or old.role is None:
            if c.role is not None:
                findings.append(
                    Finding(
                        "finding.strategy.since_channel_added",
                        "info",
                        {**base, "role": MessageKey(c.role)},
                    )
                )
            continue
        if c.role is None:
            findings.append(
                Finding(
                    "finding.strategy.since_channel_dropped",
                    "info",
                    {**base, "role": MessageKey(old.role)},
                )
            )
        elif old.role != c.role:
            findings.append(
                Finding(
                    "finding.strategy.since_role_changed",
                    "info",
                    {**base, "then": MessageKey(old.role), "now": MessageKey(c.role)},
                )
            )
        if c.role is not None and old.planned != c.planned:
            findings.append(
                Finding(
                    "finding.strategy.since_plan_changed",
                    "info",
                    {**base, "then": old.planned, "now": c.planned},
                )
            )
    for old in previous:
        if old.identity not in now:
            pairs.append((old, None))
            if old.role is not None:
                findings.append(
                    Finding(
                        "finding.strategy.since_channel_dropped",
                        "info",
                        {
                            "platform": MessageKey(old.platform),
                            "account": old.account,
                            "role": MessageKey(old.role),
                        },
                    )
                )
    return findings, _channel_table(pairs)


def _channel_table(
    pairs: Sequence[tuple[ChannelFigure | None, ChannelFigure | None]],
) -> Table:
    rows = []
    for old, new in pairs:
        either = new or old
        assert either is not None
        rows.append(
            (
                either.platform, either.account,
                ROLE_NONE if old is None else old.role or ROLE_NONE,
                ROLE_NONE if new is None else new.role or ROLE_NONE,
                None if old is None else old.planned,
                None if new is None else new.planned,
                None if old is None else old.per_week,
                None if new is None else new.per_week,
            )
        )  # fmt: skip
    return Table(
        "channels.since_channels",
        "table.strategy.since_channels",
        (
            Column("platform", "column.strategy.channel", "label"),
            Column("account", "column.strategy.account"),
            Column("then_role", "column.strategy.then_role", "label"),
            Column("now_role", "column.strategy.now_role", "label"),
            Column("then_planned", "column.strategy.then_planned", "number"),
            Column("now_planned", "column.strategy.now_planned", "number"),
            Column("then_per_week", "column.strategy.then_per_week", "number"),
            Column("now_per_week", "column.strategy.now_per_week", "number"),
        ),
        tuple(rows),
    )
