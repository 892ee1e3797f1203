"""The strategy check's rules on the plan itself: the strategy's age, goals that
serve nothing or have no target, deadlines passed, and a plan without a main
channel; each with a fokus.toml that triggers it and one that does not."""

from __future__ import annotations

import datetime as dt
from typing import cast

import pytest

from fokus.analyses.kpis import KpiResult, Span, Status
from fokus.analyses.strategy_plan import STALE_AFTER_MONTHS, judge_plan, whole_months
from fokus.config import WorkspaceConfig, load_config
from fokus.model.results import Finding

TODAY = dt.date(2026, 1, 31)


def _config(text: str = "") -> WorkspaceConfig:
    return load_config('organisation = "T"\n' + text)


def _keys(findings: tuple[Finding, ...]) -> list[tuple[str, str]]:
    return [(f.key, f.severity) for f in findings]


# ── when the strategy was last reviewed ──────────────────────────────────────


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (dt.date(2025, 1, 15), dt.date(2026, 1, 14), 11),
        (dt.date(2025, 1, 15), dt.date(2026, 1, 15), 12),
        (dt.date(2025, 1, 31), dt.date(2025, 2, 28), 0),
        (dt.date(2024, 3, 14), dt.date(2026, 11, 20), 32),
    ],
)
def test_whole_months_between_two_days(
    start: dt.date, end: dt.date, months: int
) -> None:
    assert whole_months(start, end) == months


def test_a_strategy_reviewed_twelve_months_ago_is_stale() -> None:
    assert STALE_AFTER_MONTHS == 12
    plan = judge_plan(
        _config("strategy_reviewed = 2025-01-15"), dt.date(2026, 1, 15), []
    )
    assert plan.findings == (
        Finding(
            "finding.strategy.stale",
            "warning",
            {"reviewed": dt.date(2025, 1, 15), "months": 12, "limit": 12},
        ),
    )
    assert [(a.key, a.finding_keys) for a in plan.actions] == [
        ("action.strategy.review_strategy", ("finding.strategy.stale",))
    ]


def test_a_strategy_reviewed_eleven_months_ago_is_not_stale() -> None:
    plan = judge_plan(
        _config("strategy_reviewed = 2025-01-15"), dt.date(2026, 1, 14), []
    )
    assert plan.findings == (
        Finding(
            "finding.strategy.reviewed",
            "info",
            {"reviewed": dt.date(2025, 1, 15), "months": 11, "limit": 12},
        ),
    )
    assert plan.actions == ()


def test_an_undated_strategy_is_pointed_out() -> None:
    plan = judge_plan(_config(), TODAY, [])
    assert _keys(plan.findings) == [("finding.strategy.reviewed_unknown", "notice")]
    assert [a.key for a in plan.actions] == ["action.strategy.review_strategy"]


def test_a_review_date_after_the_review_day_is_a_likely_typo() -> None:
    plan = judge_plan(_config("strategy_reviewed = 2026-12-01"), TODAY, [])
    assert plan.findings == (
        Finding(
            "finding.strategy.reviewed_in_future",
            "notice",
            {"reviewed": dt.date(2026, 12, 1), "today": TODAY},
        ),
    )


# ── goals ────────────────────────────────────────────────────────────────────

DATED = "strategy_reviewed = 2026-01-01\n"


def test_a_goal_that_serves_nothing_stated() -> None:
    plan = judge_plan(
        _config(DATED + '[[goals]]\nkey = "a"\ntext = "Synlighet"\n'), TODAY, []
    )
    assert plan.findings[1:] == (
        Finding(
            "finding.strategy.goal_serves_nothing", "warning", {"goal": "Synlighet"}
        ),
    )
    assert [a.key for a in plan.actions] == ["action.strategy.tie_goals"]


def test_a_goal_that_serves_an_organisation_goal() -> None:
    plan = judge_plan(
        _config(DATED + '[[goals]]\nkey = "a"\ntext = "S"\nserves = "Flere brukere"\n'),
        TODAY,
        [],
    )
    assert _keys(plan.findings) == [("finding.strategy.reviewed", "info")]


GOAL = '[[goals]]\nkey = "a"\ntext = "Synlighet"\nserves = "Bruk"\n'


def test_a_goal_whose_kpis_have_no_target() -> None:
    kpis = '[[goals.kpis]]\nmetric = "reach"\n[[goals.kpis]]\nmetric = "posts"\n'
    plan = judge_plan(_config(DATED + GOAL + kpis), TODAY, [])
    assert plan.findings[1:] == (
        Finding(
            "finding.strategy.goal_without_target",
            "warning",
            {"goal": "Synlighet", "n": 2},
        ),
    )
    assert [a.key for a in plan.actions] == ["action.strategy.set_targets"]


def test_a_goal_with_one_kpi_with_a_target_has_a_target() -> None:
    kpis = (
        '[[goals.kpis]]\nmetric = "reach"\n'
        '[[goals.kpis]]\nmetric = "posts"\ntarget = 100\n'
    )
    plan = judge_plan(_config(DATED + GOAL + kpis), TODAY, [])
    assert _keys(plan.findings) == [("finding.strategy.reviewed", "info")]


# ── deadlines ────────────────────────────────────────────────────────────────

KPI = '[[goals.kpis]]\nmetric = "reach"\ntarget = 1000\ndeadline = {deadline}\n'


def _deadline_plan(deadline: str, status: str) -> tuple[Finding, ...]:
    config = _config(DATED + GOAL + KPI.format(deadline=deadline))
    kpi = config.goals[0].kpis[0]
    period = Span(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    covered = Span(period.start, dt.date(2025, 11, 20))  # the data ends before
    result = KpiResult(kpi, None, cast(Status, status), period, covered)
    return judge_plan(config, TODAY, [result]).findings[1:]


@pytest.mark.parametrize(
    ("status", "key", "severity"),
    [
        ("behind", "finding.strategy.deadline_passed", "warning"),
        ("not_measurable", "finding.strategy.deadline_passed", "warning"),
        ("no_target", "finding.strategy.deadline_passed", "warning"),
        ("on_track", "finding.strategy.deadline_open", "notice"),
        ("met", "finding.strategy.deadline_met", "notice"),
    ],
)
def test_a_deadline_that_has_passed(status: str, key: str, severity: str) -> None:
    [finding] = _deadline_plan("2025-12-31", status)
    assert (finding.key, finding.severity) == (key, severity)
    assert finding.params == {
        "goal": "Synlighet",
        "kpi": "column.strategy.metric.reach",
        "platform": "column.strategy.all_channels",
        "deadline": dt.date(2025, 12, 31),
        "days": 31,
        "status": f"column.strategy.status.{status}",
        "last": dt.date(2025, 11, 20),
    }


def test_a_deadline_on_the_review_day_has_not_passed() -> None:
    assert _deadline_plan(TODAY.isoformat(), "behind") == ()


# ── channels ─────────────────────────────────────────────────────────────────

CHANNEL = '[[channels]]\nplatform = "{platform}"\naccount = "a"\nrole = "{role}"\n'


def test_a_plan_without_a_main_channel() -> None:
    channels = CHANNEL.format(platform="facebook", role="support") + CHANNEL.format(
        platform="x", role="other"
    )
    plan = judge_plan(_config(DATED + channels), TODAY, [])
    assert plan.findings[1:] == (
        Finding("finding.strategy.no_main_channel", "notice", {"n": 2}),
    )
    assert [a.key for a in plan.actions] == ["action.strategy.choose_main"]


def test_a_plan_with_a_main_channel() -> None:
    channels = CHANNEL.format(platform="facebook", role="main")
    plan = judge_plan(_config(DATED + channels), TODAY, [])
    assert _keys(plan.findings) == [("finding.strategy.reviewed", "info")]
