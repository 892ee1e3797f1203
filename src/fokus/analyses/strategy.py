"""Strategy check (section 1): the plan in fokus.toml, its KPIs, and what was done.

The data part: every KPI of every goal is measured from the store
(``kpis.measure_kpi``) and shown with its period, value, target, gap, status and
trend, how many posts or days it rests on, and for a rate its denominator. A KPI the
imported data cannot measure says which export would measure it.

The judgment part: the plan itself (``strategy_plan``: the strategy's age, goals
that serve nothing or have no target, deadlines passed), what the strategy says
against what the team does (``strategy_practice``), and, added by ``review.py``
after every section has run, what changed since the previous review
(``strategy_changes``). docs/sections/strategy.md has every rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import ClassVar

from fokus.analyses.base import (
    ReviewContext,
    ReviewData,
    channels_in,
    scalar,
    to_date,
)
from fokus.analyses.chart_data import share_from_table
from fokus.analyses.kpi_metrics import KPI_METRICS, is_rate
from fokus.analyses.kpis import KpiResult, measure_kpi
from fokus.analyses.strategy_labels import kpi_channel, kpi_name, metric_name
from fokus.analyses.strategy_plan import judge_plan
from fokus.analyses.strategy_practice import judge_practice
from fokus.config import GoalConfig
from fokus.i18n import MessageKey, Percent
from fokus.model.denominators import Denominator, Statistic
from fokus.model.results import (
    Action,
    CellKind,
    Chart,
    Column,
    Evidence,
    Finding,
    Param,
    SectionResult,
    Table,
)
from fokus.model.vocab import Platform, Severity

_SEVERITY: dict[str, Severity] = {
    "met": "info",
    "on_track": "info",
    "no_target": "notice",
    "too_few_posts": "notice",
    "behind": "warning",
    "not_measurable": "warning",
}


class Strategy:
    """Is the plan in shape, where does each KPI stand, and is the plan followed?"""

    key: ClassVar[str] = "strategy"

    def run(self, data: ReviewData, context: ReviewContext) -> SectionResult:
        """The plan's findings, then one finding per KPI (a table of counts and one
        of rates), then the plan against the posts of the last twelve months."""
        data_end = _data_end(data, context.today)
        measured, results = _measure(data, context, data_end)
        plan = judge_plan(context.config, context.today, results)
        findings = [*plan.findings, *measured.findings]
        tables = list(measured.tables)
        actions = [*plan.actions, *measured.actions]
        if data_end is not None:
            practice = judge_practice(data, context.config, data_end)
            findings.extend(practice.findings)
            if any(p.posts is not None for p in practice.channels):
                tables.append(practice.table)
            actions.extend(practice.actions)
        return SectionResult(
            self.key,
            measured.status,
            findings=tuple(findings),
            tables=tuple(tables),
            actions=tuple(actions),
            charts=measured.charts,
        )


def _measure(
    data: ReviewData, context: ReviewContext, data_end: dt.date | None
) -> tuple[SectionResult, list[KpiResult]]:
    """The data part: each KPI measured; the section's status comes from here."""
    key = Strategy.key
    goals = sorted(context.config.goals, key=lambda g: g.priority)
    pairs = [(goal, kpi) for goal in goals for kpi in goal.kpis]
    if not pairs:
        return SectionResult(
            key,
            "insufficient_data",
            findings=(Finding("finding.strategy.no_kpis", "warning"),),
            actions=(Action("action.strategy.add_kpis", impact=3, effort=1),),
        ), []
    if data_end is None:
        return SectionResult(
            key,
            "insufficient_data",
            findings=(Finding("finding.strategy.no_data", "warning"),),
            actions=(Action("action.strategy.import_exports", impact=3, effort=1),),
        ), []
    measures = data.measures
    platforms = _platforms(data, context)
    results = [
        (goal, measure_kpi(kpi, measures, data.daily, data_end, platforms))
        for goal, kpi in pairs
    ]
    findings = [f for goal, r in results for f in _findings(goal, r)]
    findings.extend(_goals_unmeasured(goals, [r for _, r in results]))
    measured = any(r.value is not None for _, r in results)
    tables = tuple(
        t for t in (_table(results, rates=False), _table(results, rates=True)) if t.rows
    )
    return SectionResult(
        key,
        "ok" if measured else "insufficient_data",
        findings=tuple(findings),
        tables=tables,
        actions=_actions([r for _, r in results]),
        charts=_progress_chart(tables),
    ), [r for _, r in results]


def _progress_chart(tables: Sequence[Table]) -> tuple[Chart, ...]:
    """Each KPI's value as a share of its target, counts and rates alike: one
    scale for KPIs of different units (100 % is the target)."""
    chart = share_from_table(
        tables,
        key="strategy.kpi_progress",
        title_key="table.strategy.chart.kpi_progress",
        parts=("metric", "channel"),
        part="value",
        whole="target",
        note_key="section.strategy.chart.kpi_progress",
        value_key="column.strategy.chart.of_target",
    )
    return () if chart is None else (chart,)


def _data_end(data: ReviewData, today: dt.date) -> dt.date | None:
    """The day the data reaches: the newest export date (a posts export lists the
    posts up to that day), or a later day in the data; never after today."""
    if not int(scalar(data.posts.count())) and not int(scalar(data.daily.count())):
        return None
    days = [
        to_date(scalar(data.imports.as_of.max())),
        to_date(scalar(data.posts.published_day.max())),
        to_date(scalar(data.daily.day.max())),
    ]
    return min(max(d for d in days if d is not None), today)


def _platforms(data: ReviewData, context: ReviewContext) -> tuple[Platform, ...]:
    """What an all-channel KPI counts: platforms with data, and planned channels."""
    found: set[str] = set()
    for table in (data.posts, data.daily):
        found.update(channels_in(table))
    found.update(c.platform for c in context.config.channels if c.role != "shelved")
    return tuple(sorted(found))  # type: ignore[arg-type]  # store platforms


def _basis(r: KpiResult) -> MessageKey:
    source = "posts" if r.metric is None or r.metric.source == "posts" else "days"
    return MessageKey(f"column.strategy.basis.{source}")


def _number(value: float | None, rate: bool) -> Param:
    if value is None:
        return None
    return Percent(value) if rate else value


def _findings(goal: GoalConfig, r: KpiResult) -> list[Finding]:
    kpi = r.kpi
    base: dict[str, Param] = {
        "goal": goal.text,
        "kpi": kpi_name(kpi),
        "platform": kpi_channel(kpi),
        "start": r.period.start,
        "end": r.period.end,
    }
    if r.metric is None:
        known = ", ".join(sorted(KPI_METRICS))
        return [
            Finding(
                "finding.strategy.kpi_unknown_metric",
                "warning",
                {**base, "metric": kpi.metric, "known": known},
            )
        ]
    if r.value is None:
        return [_not_measurable(base, r)]
    rate = is_rate(r.metric)
    params: dict[str, Param] = {
        **base,
        "value": _number(r.value, rate),
        "target": _number(kpi.target, rate),
        "gap": _number(r.gap, rate),
        "projected": None if r.projected is None else round(r.projected),
        "n": r.n,
        "basis": _basis(r),
        "last": r.covered.end if r.covered else None,
    }
    evidence = Evidence(
        n=r.n,
        value=r.value,
        interval=r.interval,
        denominator=r.metric.denominator,
    )
    # A total still running is read through its projection; a level, or a period
    # that is over, by its value alone.
    over = r.covered is not None and r.covered.end >= r.period.end
    level = r.projected is None or over
    suffix = "_level" if level and r.status in ("on_track", "behind") else ""
    findings = [
        Finding(
            f"finding.strategy.kpi_{r.status}{suffix}",
            _SEVERITY[r.status],
            params,
            evidence,
        )
    ]
    if r.change is not None and r.previous is not None:
        findings.append(_trend(base, r, rate))
    # An all-channel KPI that cannot count some channels says which and why.
    for platform, kind in r.missing:
        where = MessageKey(f"platform.{platform}")
        findings.append(
            Finding(
                "finding.strategy.kpi_partial"
                if kind
                else "finding.strategy.kpi_partial_no_export",
                "notice",
                {**base, "where": where}
                | ({"export": MessageKey(f"kind.{kind}")} if kind else {}),
            )
        )
    return findings


def _trend(base: dict[str, Param], r: KpiResult, rate: bool) -> Finding:
    assert r.metric is not None and r.change is not None
    median = r.metric.aggregate == "median"
    key = (
        "finding.strategy.kpi_trend_rate" if rate
        else "finding.strategy.kpi_trend_median" if median
        else "finding.strategy.kpi_trend"
    )  # fmt: skip
    return Finding(
        key,
        "info",
        {
            **base,
            "previous": _number(r.previous, rate),
            # A rate's change is a difference in percentage points, said so.
            "change": r.change * 100 if rate else Percent(r.change),
        },
        Evidence(
            n=r.n,
            value=r.change,
            interval=r.change_interval,
            probability=r.chance_better,
            denominator=r.metric.denominator,
        ),
    )


def _not_measurable(base: dict[str, Param], r: KpiResult) -> Finding:
    if r.covered is None:
        return Finding("finding.strategy.kpi_no_data_in_period", "warning", base)
    exports = [(p, kind) for p, kind in r.missing if kind]
    if exports:
        platform, kind = exports[0]
        return Finding(
            "finding.strategy.kpi_not_measurable",
            "warning",
            {
                **base,
                "where": MessageKey(f"platform.{platform}"),
                "export": MessageKey(f"kind.{kind}"),
            },
        )
    return Finding("finding.strategy.kpi_not_on_platform", "warning", base)


def _goals_unmeasured(
    goals: Sequence[GoalConfig], results: Sequence[KpiResult]
) -> list[Finding]:
    """A goal none of whose KPIs the data measures."""
    measured = {id(r.kpi) for r in results if r.value is not None}
    return [
        Finding(
            "finding.strategy.goal_not_measured"
            if goal.kpis
            else "finding.strategy.goal_without_kpi",
            "warning",
            {"goal": goal.text},
        )
        for goal in goals
        if not any(id(k) in measured for k in goal.kpis)
    ]


def _actions(results: Sequence[KpiResult]) -> tuple[Action, ...]:
    actions: list[Action] = []
    seen: set[tuple[str, str]] = set()
    for r in results:
        for platform, kind in r.missing:
            if kind and (platform, kind) not in seen and r.value is None:
                seen.add((platform, kind))
                actions.append(
                    Action(
                        "action.strategy.import_export",
                        impact=2,
                        effort=1,
                        params={
                            "platform": MessageKey(f"platform.{platform}"),
                            "export": MessageKey(f"kind.{kind}"),
                        },
                        finding_keys=("finding.strategy.kpi_not_measurable",),
                    )
                )
    behind = [r for r in results if r.status == "behind"]
    if behind:
        actions.append(
            Action(
                "action.strategy.kpis_behind",
                impact=3,
                effort=2,
                params={"n": len(behind)},
                finding_keys=("finding.strategy.kpi_behind",),
            )
        )
    return tuple(actions)


def _table(results: Sequence[tuple[GoalConfig, KpiResult]], *, rates: bool) -> Table:
    kind: CellKind = "percent" if rates else "number"
    # A rate's denominator differs by row (its denominator column says which).
    denominator: Denominator | None = "row_denominator" if rates else None
    statistic: Statistic | None = "median_of_rates" if rates else None
    change: Statistic | None = "point_difference" if rates else None
    columns = [
        Column("goal", "column.strategy.goal"),
        Column("kpi", "column.strategy.kpi"),
        Column("metric", "column.strategy.metric", "label"),
        Column("channel", "column.strategy.channel", "label"),
        Column("start", "column.strategy.start", "date"),
        Column("end", "column.strategy.end", "date"),
        Column("last", "column.strategy.last", "date"),
        Column("value", "column.strategy.value", kind, denominator, statistic),
        Column("low", "column.strategy.low", kind, denominator, statistic),
        Column("high", "column.strategy.high", kind, denominator, statistic),
        Column("target", "column.strategy.target", kind, denominator, statistic),
        Column("gap", "column.strategy.gap", kind, denominator, statistic),
        Column("projected", "column.strategy.projected", kind, denominator, statistic),
        Column("status", "column.strategy.status", "label"),
        Column("previous", "column.strategy.previous", kind, denominator, statistic),
        Column(
            "change",
            "column.strategy.change_points" if rates else "column.strategy.change",
            "percent",
            denominator,
            change,
        ),
        Column(
            "change_low", "column.strategy.change_low", "percent", denominator, change
        ),
        Column(
            "change_high", "column.strategy.change_high", "percent", denominator, change
        ),
        Column("chance_better", "column.strategy.chance_better", "percent"),
        Column("n", "column.strategy.n", "integer"),
        Column("basis", "column.strategy.basis", "label"),
        Column("paid_left_out", "column.strategy.paid_left_out", "integer"),
    ]
    if rates:
        columns.append(Column("denominator", "column.strategy.denominator", "label"))
    rows = []
    for goal, r in results:
        # Unmeasurable and unknown KPIs are listed with the counts.
        if (r.metric is not None and is_rate(r.metric)) != rates:
            continue
        low, high = r.interval or (None, None)
        change_low, change_high = r.change_interval or (None, None)
        row: list[Param] = [
            goal.text,
            r.kpi.text,
            metric_name(r.kpi),
            kpi_channel(r.kpi),
            r.period.start,
            r.period.end,
            r.covered.end if r.covered and r.value is not None else None,
            r.value,
            low,
            high,
            r.kpi.target,
            r.gap,
            r.projected,
            f"column.strategy.status.{r.status}",
            r.previous,
            r.change,
            change_low,
            change_high,
            r.chance_better,
            r.n,
            str(_basis(r)),
            r.paid_left_out,
        ]
        if rates:
            assert r.metric is not None and r.metric.denominator is not None
            row.append(f"report.denominator.{r.metric.denominator}")
        rows.append(tuple(row))
    return Table(
        "strategy.kpi_rates" if rates else "strategy.kpis",
        "table.strategy.kpi_rates" if rates else "table.strategy.kpis",
        tuple(columns),
        tuple(rows),
    )
