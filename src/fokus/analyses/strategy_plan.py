"""Strategy check (section 1), judgment part: is the plan in fokus.toml in shape?

Rules on the plan itself, before any data (docs/sections/strategy.md, "The plan"):
when the strategy was last reviewed, goals that serve none of the organisation's
goals, goals whose KPIs have no target, KPI deadlines that have passed, and a plan
without a main channel. Goals without a KPI, and KPIs the data cannot measure, are
found where the KPIs are measured (``strategy``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from fokus.analyses.kpis import KpiResult
from fokus.analyses.strategy_labels import kpi_channel, kpi_name
from fokus.config import WorkspaceConfig
from fokus.i18n import MessageKey
from fokus.model.results import Action, Finding
from fokus.model.vocab import Severity

STALE_AFTER_MONTHS = 12
"""A strategy last reviewed this many whole months ago or more is stale: the
checklist's yearly review (product.md §1)."""


@dataclass(frozen=True, slots=True)
class PlanJudgment:
    findings: tuple[Finding, ...]
    actions: tuple[Action, ...]


def judge_plan(
    config: WorkspaceConfig, today: dt.date, results: Sequence[KpiResult]
) -> PlanJudgment:
    """Findings and actions on fokus.toml's strategy, as of ``today``."""
    findings = [
        *_reviewed(config.strategy_reviewed, today),
        *_goals(config),
        *_deadlines(config, today, results),
        *_main_channel(config),
    ]
    return PlanJudgment(tuple(findings), rule_actions(_ACTIONS, findings))


def whole_months(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end``: 15 Jan to 14 Jan a year later is 11,
    to 15 Jan is 12."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (end.day < start.day)


def _reviewed(reviewed: dt.date | None, today: dt.date) -> list[Finding]:
    if reviewed is None:
        return [Finding("finding.strategy.reviewed_unknown", "notice")]
    if reviewed > today:
        return [
            Finding(
                "finding.strategy.reviewed_in_future",
                "notice",
                {"reviewed": reviewed, "today": today},
            )
        ]
    months = whole_months(reviewed, today)
    if months >= STALE_AFTER_MONTHS:
        return [
            Finding(
                "finding.strategy.stale",
                "warning",
                {"reviewed": reviewed, "months": months, "limit": STALE_AFTER_MONTHS},
            )
        ]
    return [
        Finding(
            "finding.strategy.reviewed",
            "info",
            {"reviewed": reviewed, "months": months, "limit": STALE_AFTER_MONTHS},
        )
    ]


def _goals(config: WorkspaceConfig) -> list[Finding]:
    findings = []
    for goal in sorted(config.goals, key=lambda g: g.priority):
        if not goal.serves:
            findings.append(
                Finding(
                    "finding.strategy.goal_serves_nothing",
                    "warning",
                    {"goal": goal.text},
                )
            )
        if goal.kpis and all(k.target is None for k in goal.kpis):
            findings.append(
                Finding(
                    "finding.strategy.goal_without_target",
                    "warning",
                    {"goal": goal.text, "n": len(goal.kpis)},
                )
            )
    return findings


def _deadlines(
    config: WorkspaceConfig, today: dt.date, results: Sequence[KpiResult]
) -> list[Finding]:
    """A deadline before the review day: met, still open in the data (on track up
    to the latest data, which ends before the deadline), or missed."""
    measured = {id(r.kpi): r for r in results}
    findings = []
    for goal in sorted(config.goals, key=lambda g: g.priority):
        for kpi in goal.kpis:
            if kpi.deadline is None or kpi.deadline >= today:
                continue
            result = measured.get(id(kpi))
            status = "not_measurable" if result is None else result.status
            covered = None if result is None else result.covered
            key, severity = _DEADLINE.get(status, _DEADLINE["behind"])
            findings.append(
                Finding(
                    key,
                    severity,
                    {
                        "goal": goal.text,
                        "kpi": kpi_name(kpi),
                        "platform": kpi_channel(kpi),
                        "deadline": kpi.deadline,
                        "days": (today - kpi.deadline).days,
                        "status": MessageKey(f"column.strategy.status.{status}"),
                        "last": None if covered is None else covered.end,
                    },
                )
            )
    return findings


_DEADLINE: dict[str, tuple[str, Severity]] = {
    "met": ("finding.strategy.deadline_met", "notice"),
    "on_track": ("finding.strategy.deadline_open", "notice"),
    "behind": ("finding.strategy.deadline_passed", "warning"),
}
"""A passed deadline's finding by the KPI's status; any other status (not
measurable, no target, too few posts) is a deadline passed without the target."""


def _main_channel(config: WorkspaceConfig) -> list[Finding]:
    """Channels are planned, but none is the main one (product.md §4)."""
    if not config.channels or any(c.role == "main" for c in config.channels):
        return []
    return [
        Finding(
            "finding.strategy.no_main_channel", "notice", {"n": len(config.channels)}
        )
    ]


ActionRule = tuple[str, tuple[str, ...], int, int]
"""An action, the findings it follows from, its impact and its effort."""

_ACTIONS: tuple[ActionRule, ...] = (
    ("action.strategy.review_strategy",
     ("finding.strategy.stale", "finding.strategy.reviewed_unknown"), 3, 2),
    ("action.strategy.tie_goals", ("finding.strategy.goal_serves_nothing",), 2, 1),
    ("action.strategy.set_targets", ("finding.strategy.goal_without_target",), 2, 1),
    ("action.strategy.renew_deadlines",
     ("finding.strategy.deadline_passed", "finding.strategy.deadline_met",
      "finding.strategy.deadline_open"), 2, 1),
    ("action.strategy.choose_main", ("finding.strategy.no_main_channel",), 2, 1),
)  # fmt: skip
"""Each action, the findings it follows from, its impact and its effort."""


def rule_actions(
    rules: Sequence[ActionRule], findings: Sequence[Finding]
) -> tuple[Action, ...]:
    """Each rule's action when any of its findings was made, with their count."""
    actions = []
    for key, keys, impact, effort in rules:
        hits = [f for f in findings if f.key in keys]
        if hits:
            actions.append(
                Action(
                    key,
                    impact,
                    effort,
                    {"n": len(hits)},
                    tuple(dict.fromkeys(f.key for f in hits)),
                )
            )
    return tuple(actions)
