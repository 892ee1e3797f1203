"""What should the time you save go to? (consideration 3): plan and proxies.

From the time-use register (docs/registers.md): the hours AI saves a month, how
many of them are planned for the checklist's seven uses of freed time, the hours
no plan claims, and the uses given nothing. From the imported posts
(:mod:`fokus.analyses.time_use_proxies`): the share of posts that reuse an earlier
winner, the share with a human voice, and reply activity where an export holds
it, each with its n and interval, so next year's review can see whether the time
went where the plan said. Rules and thresholds: docs/sections/time_use.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from fokus.analyses.base import ReviewContext, ReviewData
from fokus.analyses.chart_data import bar_from_table
from fokus.analyses.lists import listed_keys
from fokus.analyses.organic_posts import excerpt
from fokus.analyses.register_problems import problem_findings
from fokus.analyses.time_use_proxies import (
    MIN_REUSE_WORDS,
    PROXY_POSTS,
    REPLY_PLATFORMS,
    REUSE_GAP_DAYS,
    REUSE_JACCARD,
    WINNER_SHARE,
    Proxies,
    Proxy,
    measure_proxies,
)
from fokus.i18n import Bilingual, MessageKey
from fokus.model.results import (
    Action,
    Chart,
    Column,
    Evidence,
    Finding,
    Param,
    SectionResult,
    Table,
)
from fokus.registers.time_use import AREAS, TimeUseRegister, time_use_from

UNALLOCATED_WARNING = 0.2
"""Unallocated hours from this share of the hours saved are a warning, not a
notice: one hour in five with no plan."""
SAVED = "section.time_use.saved"
"""The allocation table's last row: all hours saved."""


def _area(area: str) -> str:
    return f"section.time_use.area.{area}"


def _hours(value: float) -> float:
    return round(value, 1)


def _pct(share: float) -> int:
    return round(share * 100)


def _in_text(areas: Iterable[str]) -> Bilingual:
    return listed_keys(f"section.time_use.area_in_text.{a}" for a in areas)


class TimeUse:
    """Where saved time is planned to go, and what the data shows of it."""

    key: ClassVar[str] = "time_use"

    def run(self, data: ReviewData, context: ReviewContext) -> SectionResult:
        """The plan from the register, the proxies from the posts."""
        proxies = measure_proxies(data.measures, data.texts, context.config.brand_terms)
        proxy_findings = _proxy_findings(proxies)
        tables = [_proxy_table(proxies), _reuse_table(proxies)]
        file = context.registers.get("time_use")
        register = None if file is None else time_use_from(file)
        if register is None or not register.tasks or register.hours_saved <= 0:
            findings = []
            if file is None:
                findings.append(
                    Finding("finding.time_use.no_register", "notice",
                            {"file": "time_use.csv"})
                )  # fmt: skip
            elif not file.problems:  # an unreadable file says so itself
                findings.append(
                    Finding("finding.time_use.empty_register", "notice",
                            {"file": file.file})
                )  # fmt: skip
            if register is not None:
                findings += problem_findings(register.file, register.problems)
            return SectionResult(
                self.key,
                "insufficient_data",
                (*findings, *proxy_findings),
                tuple(t for t in tables if t.rows),
                (Action("action.time_use.fill_register", 2, 1),),
                charts=_charts(None, tables[0]),
            )
        findings, actions = _plan_findings(register)
        findings += proxy_findings
        findings += problem_findings(register.file, register.problems)
        allocation = _allocation_table(register)
        return SectionResult(
            self.key,
            "ok",
            tuple(findings),
            (allocation, _task_table(register),
             *(t for t in tables if t.rows)),
            tuple(actions),
            charts=_charts(allocation, tables[0]),
        )  # fmt: skip


def _plan_findings(register: TimeUseRegister) -> tuple[list[Finding], list[Action]]:
    saved = register.hours_saved
    planned = sum(register.planned(a) for a in AREAS)
    unallocated = register.unallocated
    findings = [
        Finding(
            "finding.time_use.summary",
            "info",
            {"saved": _hours(saved), "tasks": len(register.tasks),
             "planned": _hours(planned), "share": _pct(min(planned, saved) / saved)},
            Evidence(n=len(register.tasks), value=saved),
        )
    ]  # fmt: skip
    actions: list[Action] = []
    if unallocated > 0:
        share = unallocated / saved
        biggest = max(register.tasks, key=lambda t: (t.unallocated, -t.row))
        key = "finding.time_use.unallocated"
        findings.append(
            Finding(
                key,
                "warning" if share >= UNALLOCATED_WARNING else "notice",
                {"hours": _hours(unallocated), "saved": _hours(saved),
                 "share": _pct(share), "task": biggest.task,
                 "task_hours": _hours(biggest.unallocated)},
                Evidence(n=len(register.tasks), value=share),
            )
        )  # fmt: skip
        actions.append(
            Action("action.time_use.allocate", 3, 1,
                   {"hours": _hours(unallocated)}, (key,))
        )  # fmt: skip
    empty = [a for a in AREAS if register.planned(a) <= 0]
    if empty:
        key = "finding.time_use.areas_empty"
        findings.append(
            Finding(key, "notice",
                    {"areas": _in_text(empty), "n": len(empty)})
        )  # fmt: skip
        actions.append(
            Action("action.time_use.plan_areas", 2, 1,
                   {"areas": _in_text(empty)}, (key,))
        )  # fmt: skip
    return findings, actions


def _charts(allocation: Table | None, proxies: Table) -> tuple[Chart, ...]:
    """Planned hours per area (without the total row), and the proxy shares with
    their intervals."""
    charts: list[Chart | None] = []
    if allocation is not None:
        areas = [i for i, row in enumerate(allocation.rows) if row[0] != SAVED]
        charts.append(
            bar_from_table(
                allocation,
                key="time_use.allocation.chart",
                title_key="table.time_use.chart.allocation",
                parts=("area",),
                value="hours",
                low=None,
                high=None,
                n=None,
                note_key="section.time_use.chart.allocation",
                category_key="column.time_use.area",
                keep=areas,
            )
        )
    charts.append(
        bar_from_table(
            proxies,
            key="time_use.proxies.chart",
            title_key="table.time_use.chart.proxies",
            parts=("measure", "channel"),
            value="share",
            low="low",
            high="high",
            n="n",
            note_key="section.time_use.chart.proxies",
        )
    )
    return tuple(c for c in charts if c is not None)


def _allocation_table(register: TimeUseRegister) -> Table:
    saved = register.hours_saved
    rows: list[tuple[Param, ...]] = [
        (_area(a), sum(t.hours(a) > 0 for t in register.tasks),
         register.planned(a), register.planned(a) / saved)
        for a in AREAS
    ]  # fmt: skip
    rows.append(("section.time_use.unallocated", None, register.unallocated,
                 register.unallocated / saved))  # fmt: skip
    rows.append((SAVED, len(register.tasks), saved, 1.0))
    return Table(
        "time_use.allocation",
        "table.time_use.allocation",
        (
            Column("area", "column.time_use.area", "label"),
            Column("tasks", "column.time_use.tasks", "integer"),
            Column("hours", "column.time_use.hours", "number"),
            Column("share", "column.time_use.share_of_saved", "percent"),
        ),
        tuple(rows),
    )


def _task_table(register: TimeUseRegister) -> Table:
    rows: tuple[tuple[Param, ...], ...] = tuple(
        (t.task, t.hours_saved, *t.planned, t.unallocated) for t in register.tasks
    )
    return Table(
        "time_use.tasks",
        "table.time_use.tasks",
        (
            Column("task", "column.time_use.task"),
            Column("saved", "column.time_use.saved", "number"),
            *(Column(a, _area(a), "number") for a in AREAS),
            Column("unallocated", "column.time_use.unallocated", "number"),
        ),
        rows,
    )


def _scope(proxy: Proxy) -> str:
    return f"platform.{proxy.platform}" if proxy.platform else "column.time_use.all"


def _proxy_table(proxies: Proxies) -> Table:
    rows: tuple[tuple[Param, ...], ...] = tuple(
        (
            f"section.time_use.measure.{p.measure}", _scope(p), p.n, p.count,
            p.interval.estimate if p.interval else None,
            p.interval.low if p.interval else None,
            p.interval.high if p.interval else None,
        )
        for p in proxies.proxies
    )  # fmt: skip
    return Table(
        "time_use.proxies",
        "table.time_use.proxies",
        (
            Column("measure", "column.time_use.measure", "label"),
            Column("channel", "column.platform", "label"),
            Column("n", "column.posts", "integer"),
            Column("count", "column.time_use.count", "integer"),
            Column("share", "column.time_use.share", "percent", "review_year_posts"),
            Column("low", "column.time_use.low", "percent", "review_year_posts"),
            Column("high", "column.time_use.high", "percent", "review_year_posts"),
        ),
        rows,
    )


def _reuse_table(proxies: Proxies) -> Table:
    rows: tuple[tuple[Param, ...], ...] = tuple(
        (f"platform.{r.platform}", r.day, excerpt(r.text),
         f"platform.{r.winner_platform}", r.winner_day, excerpt(r.winner_text))
        for r in proxies.reuses
    )  # fmt: skip
    return Table(
        "time_use.reuses",
        "table.time_use.reuses",
        (
            Column("platform", "column.platform", "label"),
            Column("day", "report.column.date", "date"),
            Column("text", "column.time_use.text"),
            Column("winner_platform", "column.time_use.winner_platform", "label"),
            Column("winner_day", "column.time_use.winner_day", "date"),
            Column("winner_text", "column.time_use.winner_text"),
        ),
        rows,
    )


def _proxy_findings(proxies: Proxies) -> list[Finding]:
    if proxies.last is None:
        return [Finding("finding.time_use.no_posts", "notice")]
    findings = []
    for measure in ("reuse", "voice"):
        shown = [p for p in proxies.proxies if p.measure == measure]
        overall = next((p for p in shown if p.platform is None), None)
        if overall is None and len(shown) == 1:
            overall = shown[0]
        if overall is None:
            continue
        findings.append(_share_finding(f"finding.time_use.{measure}", overall, proxies))
    findings.extend(
        _share_finding("finding.time_use.replies", proxy, proxies)
        for proxy in proxies.proxies
        if proxy.measure == "replies"
    )
    findings.extend(
        Finding(
            "finding.time_use.newest_posts",
            "info",
            {
                "platform": MessageKey(f"platform.{platform}"),
                "posts": posts,
                "read": PROXY_POSTS,
            },
        )
        for platform, posts in proxies.cut
    )
    others = [p for p in proxies.platforms if p not in REPLY_PLATFORMS]
    if others:
        findings.append(
            Finding(
                "finding.time_use.replies_not_exported",
                "info",
                {"platforms": listed_keys(f"platform.{p}" for p in others)},
            )
        )
    return findings


def _share_finding(key: str, proxy: Proxy, proxies: Proxies) -> Finding:
    interval = proxy.interval
    params: dict[str, Param] = {
        "count": proxy.count, "n": proxy.n,
        "share": _pct(interval.estimate) if interval else None,
        "low": _pct(interval.low) if interval and interval.low is not None else None,
        "high": _pct(interval.high) if interval and interval.high is not None
        else None,
        "first": proxies.first, "last": proxies.last,
        "platform": MessageKey(f"platform.{proxy.platform}") if proxy.platform
        else MessageKey("section.time_use.all_channels"),
        "winners": _pct(WINNER_SHARE), "jaccard": _pct(REUSE_JACCARD),
        "gap": REUSE_GAP_DAYS, "words": MIN_REUSE_WORDS,
    }  # fmt: skip
    return Finding(
        key,
        "info",
        params,
        Evidence(
            n=proxy.n,
            value=interval.estimate if interval else None,
            interval=(interval.low, interval.high)
            if interval and interval.low is not None and interval.high is not None
            else None,
            denominator="posts",
        ),
    )
