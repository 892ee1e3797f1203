"""Are you using AI in the best way? (consideration 2): the AI-tool register.

Few, selected tools used in a structured way beat a little of everything. From the
team's register (docs/registers.md) this section finds tools that overlap in
purpose, tools with little use or little value for their cost, personal data put
into a tool without a data processing agreement, and tools nobody owns; and it
recommends the few tools to keep, with a table of every tool and its verdict. The
rules and thresholds are in :mod:`fokus.analyses.ai_tools_rules` and
docs/sections/ai_tools.md. No platform data is read.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from fokus.analyses.ai_tools_rules import (
    HOUR_VALUE_NOK,
    KEPT,
    LOW_HOURS,
    NEW_TOOL_DAYS,
    Judgement,
    judge,
    net_value,
)
from fokus.analyses.base import ReviewContext, ReviewData
from fokus.analyses.chart_data import bar_from_table
from fokus.analyses.lists import listed
from fokus.analyses.register_problems import problem_findings
from fokus.i18n import Bilingual, MessageKey
from fokus.model.results import (
    Action,
    Column,
    Evidence,
    Finding,
    Param,
    SectionResult,
    Table,
)
from fokus.registers.ai_tools import AiTool, AiToolRegister, ai_tools_from

_NO_REGISTER = "finding.ai_tools.no_register"
_EMPTY = "finding.ai_tools.empty_register"


def _names(tools: Sequence[AiTool]) -> Bilingual:
    return listed(t.tool for t in tools)


def _kroner(value: float | None) -> int | None:
    return None if value is None else round(value)


def _hours(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _label(prefix: str, value: str | None) -> MessageKey | None:
    return None if value is None else MessageKey(f"section.ai_tools.{prefix}.{value}")


class AiTools:
    """The AI-tool register: overlap, value, data protection, ownership."""

    key: ClassVar[str] = "ai_tools"

    def run(self, data: ReviewData, context: ReviewContext) -> SectionResult:
        """Judge every registered tool; the register's problems come along."""
        file = context.registers.get("ai_tools")
        if file is None:
            return SectionResult(
                self.key,
                "insufficient_data",
                findings=(Finding(_NO_REGISTER, "notice"),),
                actions=(Action("action.ai_tools.fill_register", 2, 1),),
            )
        register = ai_tools_from(file, context.today)
        problems = problem_findings(register.file, register.problems)
        if not register.tools:
            # A file that could not be read says so itself; "empty" would mislead.
            empty = (
                []
                if file.problems
                else [Finding(_EMPTY, "notice", {"file": file.file})]
            )
            return SectionResult(
                self.key,
                "insufficient_data",
                findings=(*empty, *problems),
                actions=(Action("action.ai_tools.fill_register", 2, 1),),
            )
        return _section(self.key, register, judge(register.tools, context.today))


def _section(
    key: str, register: AiToolRegister, judged: list[Judgement]
) -> SectionResult:
    findings = [_summary(register.tools)]
    actions: list[Action] = []
    for j in judged:
        found, action = _data_finding(j)
        findings.extend(found)
        actions.extend(action)
    for group in _groups(judged):
        finding, action = _overlap(group)
        findings.append(finding)
        actions.extend(action)
    for j in judged:
        found, action = _value_findings(j)
        findings.extend(found)
        actions.extend(action)
    for j in judged:
        if j.no_owner and j.verdict not in ("cancel", "merge"):
            findings.append(
                Finding("finding.ai_tools.no_owner", "warning", {"tool": j.tool.tool})
            )
            actions.append(
                Action("action.ai_tools.assign_owner", 1, 1, {"tool": j.tool.tool},
                       ("finding.ai_tools.no_owner",))
            )  # fmt: skip
    findings.append(_keep(judged))
    findings.extend(problem_findings(register.file, register.problems))
    actions.sort(key=lambda a: (-a.impact, a.effort))
    table = _table(judged)
    chart = bar_from_table(
        table,
        key="ai_tools.net_value",
        title_key="table.ai_tools.chart.net_value",
        parts=("tool",),
        value="net_value",
        low=None,
        high=None,
        n=None,
        note_key="section.ai_tools.chart.net_value",
        category_key="column.ai_tools.tool",
    )
    return SectionResult(
        key,
        "ok",
        tuple(findings),
        (table,),
        tuple(actions),
        charts=() if chart is None else (chart,),
    )


def _summary(tools: Sequence[AiTool]) -> Finding:
    costs = [t.cost_per_month for t in tools if t.cost_per_month is not None]
    hours = [t.hours_saved_per_month for t in tools
             if t.hours_saved_per_month is not None]  # fmt: skip
    return Finding(
        "finding.ai_tools.summary",
        "info",
        {"n": len(tools), "cost": _kroner(sum(costs)), "hours": _hours(sum(hours))},
        Evidence(n=len(tools)),
    )  # fmt: skip


def _data_finding(j: Judgement) -> tuple[list[Finding], list[Action]]:
    """Personal data without (or without knowing of) an agreement."""
    if j.data_risk is None or j.verdict == "cancel":
        return [], []
    tool = j.tool.tool
    if j.data_risk == "personal_data_unknown":
        key = "finding.ai_tools.personal_data_unknown"
        return [Finding(key, "warning", {"tool": tool})], [
            Action("action.ai_tools.check_personal_data", 2, 1, {"tool": tool}, (key,))
        ]
    key = f"finding.ai_tools.{j.data_risk}"
    return [Finding(key, "critical", {"tool": tool})], [
        Action("action.ai_tools.sign_agreement", 3, 1, {"tool": tool}, (key,))
    ]


def _groups(judged: Sequence[Judgement]) -> list[tuple[Judgement, ...]]:
    seen: list[tuple[AiTool, ...]] = []
    groups = []
    for j in judged:
        if j.group and j.group not in seen:
            seen.append(j.group)
            groups.append(tuple(x for x in judged if x.group == j.group))
    return groups


def _overlap(group: tuple[Judgement, ...]) -> tuple[Finding, list[Action]]:
    tools = [j.tool for j in group]
    kept = group[0].kept_in_group
    category = _label("category", tools[0].category)
    if kept is None:
        key = "finding.ai_tools.overlap_unknown_value"
        return Finding(key, "warning", {"tools": _names(tools), "category": category},
                       Evidence(n=len(tools))), []  # fmt: skip
    others = [t for t in tools if t is not kept]
    saved = sum(t.cost_per_month or 0.0 for t in others)
    params: dict[str, Param] = {
        "tools": _names(tools), "category": category, "n": len(tools),
        "keep": kept.tool, "keep_hours": _hours(kept.hours_saved_per_month),
        "keep_cost": _kroner(kept.cost_per_month),
        "keep_value": _kroner(net_value(kept)), "others": _names(others),
        "saved": _kroner(saved), "hour_value": HOUR_VALUE_NOK,
    }  # fmt: skip
    key = "finding.ai_tools.overlap"
    action = Action("action.ai_tools.consolidate", 2, 2,
                    {"keep": kept.tool, "others": _names(others),
                     "saved": _kroner(saved)}, (key,))  # fmt: skip
    return Finding(key, "warning", params, Evidence(n=len(tools))), [action]


def _value_findings(j: Judgement) -> tuple[list[Finding], list[Action]]:
    tool = j.tool
    params: dict[str, Param] = {
        "tool": tool.tool, "cost": _kroner(tool.cost_per_month),
        "hours": _hours(tool.hours_saved_per_month),
        "frequency": _label("frequency", tool.frequency),
        "users": tool.users, "hour_value": HOUR_VALUE_NOK,
        "per_hour": _kroner(tool.nok_per_hour), "low_hours": LOW_HOURS,
        "days": NEW_TOOL_DAYS,
    }  # fmt: skip
    if j.verdict == "cancel":
        key = "finding.ai_tools.paid_no_value"
        return [Finding(key, "warning", params)], [
            Action("action.ai_tools.cancel", 2, 1, params, (key,))
        ]
    if j.verdict == "merge":
        return [], []  # the overlap finding says what to do with it
    if j.too_new:
        return [Finding("finding.ai_tools.too_new", "info", params)], []
    if j.no_value:
        return [Finding("finding.ai_tools.no_value", "notice", params)], []
    found = []
    if j.costs_more:
        found.append(Finding("finding.ai_tools.costs_more", "warning", params))
    if j.little_use:
        key = (
            f"finding.ai_tools.little_use_{tool.frequency}"
            if tool.frequency in ("monthly", "rarely")
            else "finding.ai_tools.little_use_users"
            if tool.users == 0
            else "finding.ai_tools.little_use_hours"
        )
        found.append(Finding(key, "notice", params))
    actions = [
        Action("action.ai_tools.reconsider", 1, 1, params, tuple(f.key for f in found))
    ] if found else []  # fmt: skip
    return found, actions


def _keep(judged: Sequence[Judgement]) -> Finding:
    kept = [j for j in judged if j.verdict in KEPT]
    fix = [j.tool for j in kept if j.verdict != "keep"]
    cost = sum(j.tool.cost_per_month or 0.0 for j in kept)
    hours = sum(j.tool.hours_saved_per_month or 0.0 for j in kept)
    key = "finding.ai_tools.keep" if fix else "finding.ai_tools.keep_all_fine"
    if not kept:
        key = "finding.ai_tools.keep_none"
    return Finding(
        key,
        "info",
        {"n": len(kept), "total": len(judged), "tools": _names([j.tool for j in kept]),
         "fix": _names(fix), "cost": _kroner(cost), "hours": _hours(hours)},
        Evidence(n=len(judged)),
    )  # fmt: skip


def _table(judged: Sequence[Judgement]) -> Table:
    rows = []
    for j in judged:
        t = j.tool
        others = [x for x in j.group if x is not t]
        rows.append((
            t.tool, _label("category", t.category), t.used_for or None, t.owner or None,
            t.users, t.cost_per_month, t.hours_saved_per_month, t.nok_per_hour,
            net_value(t), _label("frequency", t.frequency),
            _label("answer", _yes_no(t.personal_data)), _label("answer", t.agreement),
            ", ".join(o.tool for o in others) or None,
            f"section.ai_tools.verdict.{j.verdict}",
        ))  # fmt: skip
    return Table(
        "ai_tools.tools",
        "table.ai_tools.tools",
        (
            Column("tool", "column.ai_tools.tool"),
            Column("category", "column.ai_tools.category", "label"),
            Column("used_for", "column.ai_tools.used_for"),
            Column("owner", "column.ai_tools.owner"),
            Column("users", "column.ai_tools.users", "integer"),
            Column("cost", "column.ai_tools.cost", "number"),
            Column("hours", "column.ai_tools.hours", "number"),
            Column("per_hour", "column.ai_tools.per_hour", "number"),
            Column("net_value", "column.ai_tools.net_value", "number"),
            Column("frequency", "column.ai_tools.frequency", "label"),
            Column("personal_data", "column.ai_tools.personal_data", "label"),
            Column("agreement", "column.ai_tools.agreement", "label"),
            Column("overlaps", "column.ai_tools.overlaps"),
            Column("verdict", "column.ai_tools.verdict", "label"),
        ),
        tuple(rows),
    )


def _yes_no(value: bool | None) -> str:
    return "unknown" if value is None else "yes" if value else "no"
