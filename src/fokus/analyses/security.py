"""Security and access (consideration 7): the access register against concrete rules.

The rules (:mod:`fokus.analyses.security_rules`) turn the register's rows into issues,
each with a severity and a fix; what a role lets a person do is read by
:mod:`fokus.analyses.security_access`. The section shows:

* one finding per issue (a person's issue on several assets of one platform is told
  once), then who can spend on each ad account and payment method, the channels no
  one is registered for, and the register's own problems;
* the fix list (severity, person, platform, asset, what, fix), worst first;
* per asset: people, admins, full control, who can spend and who could through the
  portfolio;
* the incident playbook for the platforms in use (:mod:`.security_playbook`);
* one action per rule broken, ranked by severity.

Every rule, threshold, severity and source is in docs/sections/security.md.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import ClassVar

from fokus.analyses.base import ReviewContext, ReviewData, channels_in
from fokus.analyses.register_problems import problem_findings
from fokus.analyses.security_access import Asset, assets, portfolio_admins
from fokus.analyses.security_playbook import playbook_groups, playbook_tables
from fokus.analyses.security_rules import RULES, Issue, Rule, audit
from fokus.config import WorkspaceConfig
from fokus.i18n import Label, MessageKey
from fokus.model.results import (
    Action,
    Chart,
    Column,
    Finding,
    Param,
    SectionResult,
    Table,
)
from fokus.model.vocab import Severity
from fokus.registers.access import AccessRegister, AccessRow, access_from

_RANK: dict[Severity, int] = {"critical": 0, "warning": 1, "notice": 2, "info": 3}
_IMPACT: dict[Severity, int] = {"critical": 3, "warning": 2, "notice": 1, "info": 1}
_EFFORT: dict[Rule, int] = {
    "access_after_end": 1, "former_with_access": 1, "no_two_factor": 1,
    "two_factor_unknown": 1, "external_admin": 1, "linkedin_paid_media": 1,
    "no_admin": 1, "too_few_admins": 1, "linkedin_super_admins": 1,
    "too_many_admins": 1, "full_control_over_ten": 2, "bus_factor": 2,
    "public_email_domain": 2, "inactive": 1, "external_no_end_date": 1,
    "tiktok_finance": 2,
}  # fmt: skip
"""1 = a few minutes in the platform's settings; 2 = needs someone else (a new
address, another admin, a contract date)."""


class Security:
    """Who has access they should not have, and what to do on the bad day."""

    key: ClassVar[str] = "security"

    def run(self, data: ReviewData, context: ReviewContext) -> SectionResult:
        """The audit of the access register, and the playbook."""
        file = context.registers.get("access")
        register = None if file is None else access_from(file)
        in_data = {p for table in (data.posts, data.daily) for p in channels_in(table)}
        return security_section(register, context.config, context.today, in_data)


def security_section(
    register: AccessRegister | None,
    config: WorkspaceConfig,
    today: dt.date,
    platforms_in_data: Iterable[str] = (),
) -> SectionResult:
    """The section from the typed register (None: there is no register file)."""
    rows = () if register is None else register.rows
    used = {c.platform for c in config.channels} | {r.platform for r in rows}
    playbook = playbook_tables(playbook_groups(used | set(platforms_in_data)))
    if register is None or not rows:
        findings = []
        if register is not None:
            findings.extend(problem_findings(register.file, register.problems))
        key = "no_register" if register is None else "empty_register"
        findings.insert(0, Finding(f"finding.security.{key}", "warning"))
        return SectionResult(
            "security",
            "insufficient_data",
            findings=tuple(findings),
            tables=playbook,
            actions=(Action("action.security.fill_register", impact=3, effort=2),),
        )
    issues = sorted(audit(rows, today), key=_order)
    registered = assets(rows)
    findings = _findings(issues)
    findings.extend(_unregistered(config, rows))
    findings.extend(_spenders(registered))
    findings.extend(problem_findings(register.file, register.problems))
    return SectionResult(
        "security",
        "ok",
        findings=tuple(findings),
        tables=(_fix_list(issues), _assets_table(registered), *playbook),
        actions=_actions(issues, config, rows),
        charts=(_severity_chart(issues),) if issues else (),
    )


def _severity_chart(issues: Sequence[Issue]) -> Chart:
    """How many problems the fix list has, per severity, the most serious first."""
    counts = Counter(i.severity for i in issues)
    order: tuple[Severity, ...] = ("critical", "warning", "notice", "info")
    data = Table(
        "security.severity",
        "table.security.chart.severity",
        (
            Column("severity", "column.security.severity", "label"),
            Column("issues", "column.security.chart.issues", "integer"),
        ),
        tuple((f"report.severity.{s}", counts.get(s, 0)) for s in order),
    )
    return Chart(
        "security.severity",
        "bar",
        data,
        x="severity",
        y="issues",
        note_key="section.security.chart.severity",
    )


def _order(issue: Issue) -> tuple[int, int, str, str, str]:
    return (
        _RANK[issue.severity],
        RULES.index(issue.rule),
        (issue.person or "").casefold(),
        issue.platform or "",
        (issue.asset or "").casefold(),
    )


def _platform(issue: Issue) -> dict[str, Param]:
    if issue.platform is None:
        return {}
    return {"platform": MessageKey(f"platform.{issue.platform}")}


def _findings(issues: Sequence[Issue]) -> list[Finding]:
    """One finding per issue; a person's issue on several assets of one platform
    (with the same particulars) is one finding naming every asset."""
    groups: dict[tuple[object, ...], list[Issue]] = {}
    for issue in issues:
        if issue.person is None:
            key: tuple[object, ...] = (id(issue),)
        else:
            particulars = tuple(sorted((k, str(v)) for k, v in issue.params.items()))
            key = (issue.rule, issue.person, issue.platform, particulars)
        groups.setdefault(key, []).append(issue)
    findings = []
    for group in groups.values():
        first = group[0]
        severity = min((i.severity for i in group), key=_RANK.__getitem__)
        params: dict[str, Param] = {**_platform(first), **first.params}
        if first.person is not None:
            params["person"] = first.person
            named = [i.asset for i in group if i.asset]
            if named:
                params["assets"] = ", ".join(dict.fromkeys(named))
        elif first.asset is not None:
            params["asset"] = first.asset
        findings.append(Finding(f"finding.security.{first.rule}", severity, params))
    findings.sort(key=lambda f: _RANK[f.severity])  # stable: rule order kept
    return findings


def _unregistered(config: WorkspaceConfig, rows: Sequence[AccessRow]) -> list[Finding]:
    """Channels in the plan that no one in the register has access to."""
    registered = {r.platform for r in rows}
    missing = dict.fromkeys(
        c.platform
        for c in config.channels
        if c.platform not in registered and c.platform != "other"
    )
    return [
        Finding(
            "finding.security.unregistered_channel",
            "notice",
            {"platform": MessageKey(f"platform.{platform}")},
        )
        for platform in missing
    ]


def _spenders(registered: Sequence[Asset]) -> list[Finding]:
    """Who can spend on each ad account and payment method (for information)."""
    findings = []
    for asset in registered:
        via = portfolio_admins(asset, registered)
        spenders = asset.spenders()
        if asset.asset_type not in ("ad_account", "payment_method") or not (
            spenders or via
        ):
            continue
        key = (
            "spenders" if not via
            else "spenders_portfolio" if spenders
            else "spenders_only_portfolio"
        )  # fmt: skip
        params: dict[str, Param] = {
            "platform": MessageKey(f"platform.{asset.platform}"),
            "asset": asset.name,
            "n": len(spenders),
            "people": ", ".join(spenders),
        }
        if via:
            params["via"] = ", ".join(via)
        findings.append(Finding(f"finding.security.{key}", "info", params))
    return findings


def _fix_list(issues: Sequence[Issue]) -> Table:
    rows = tuple(
        (
            f"report.severity.{i.severity}",
            i.person,
            None if i.platform is None else f"platform.{i.platform}",
            i.asset,
            Label(i.rule, f"section.security.what.{i.rule}", **i.params),
            Label(i.rule, f"section.security.fix.{i.rule}", **i.params),
        )
        for i in issues
    )
    return Table(
        "security.fix_list",
        "table.security.fix_list",
        (
            Column("severity", "column.security.severity", "label"),
            Column("person", "column.security.person"),
            Column("platform", "column.platform", "label"),
            Column("asset", "column.security.asset"),
            Column("what", "column.security.what", "label"),
            Column("fix", "column.security.fix", "label"),
        ),
        rows,
    )


def _assets_table(registered: Sequence[Asset]) -> Table:
    rows = []
    for asset in registered:
        money = asset.asset_type in ("ad_account", "payment_method")
        via = portfolio_admins(asset, registered)
        rows.append((
            f"platform.{asset.platform}", asset.name,
            f"section.security.asset_type.{asset.asset_type or 'unknown'}",
            len(asset.people()), len(asset.admins()), len(asset.full_control()),
            ", ".join(asset.spenders()) if money else None,
            ", ".join(via) if via else None,
        ))  # fmt: skip
    return Table(
        "security.assets",
        "table.security.assets",
        (
            Column("platform", "column.platform", "label"),
            Column("asset", "column.security.asset"),
            Column("asset_type", "column.security.asset_type", "label"),
            Column("people", "column.security.people", "integer"),
            Column("admins", "column.security.admins", "integer"),
            Column("full_control", "column.security.full_control", "integer"),
            Column("spenders", "column.security.spenders"),
            Column("via_portfolio", "column.security.via_portfolio"),
        ),
        tuple(rows),
    )


def _actions(
    issues: Sequence[Issue], config: WorkspaceConfig, rows: Sequence[AccessRow]
) -> tuple[Action, ...]:
    """One action per rule broken, worst first; then the channels to register and
    the yearly drill of the playbook."""
    by_rule: dict[Rule, list[Issue]] = {}
    for issue in issues:  # already worst first
        by_rule.setdefault(issue.rule, []).append(issue)
    actions = []
    for rule, found in by_rule.items():
        who = [i.person if i.person is not None else i.asset for i in found]
        actions.append(
            Action(
                f"action.security.{rule}",
                impact=_IMPACT[found[0].severity],
                effort=_EFFORT[rule],
                params={
                    "n": len(found),
                    "who": ", ".join(dict.fromkeys(w for w in who if w)),
                },
                finding_keys=(f"finding.security.{rule}",),
            )
        )
    if _unregistered(config, rows):
        actions.append(
            Action(
                "action.security.register_channels",
                impact=2,
                effort=1,
                finding_keys=("finding.security.unregistered_channel",),
            )
        )
    actions.append(Action("action.security.drill", impact=2, effort=2))
    return tuple(actions)
