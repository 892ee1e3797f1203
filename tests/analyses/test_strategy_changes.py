"""What changed since the previous review, from two hand-built records: KPIs,
channels, the strategy's date, and findings new and gone."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType
from typing import cast

from fokus.analyses.strategy_changes import Changes, compare, with_changes
from fokus.analyses.strategy_changes_findings import SectionChanges
from fokus.analyses.strategy_history import finding_subject
from fokus.i18n import Bilingual, MessageKey, Percent
from fokus.model.history import (
    ChannelFigure,
    FindingFigure,
    KpiFigure,
    ReviewRecord,
    SectionFigure,
)
from fokus.model.results import Finding, SectionResult, Table
from fokus.model.vocab import Severity

THEN = dt.date(2025, 1, 31)
NOW = dt.date(2026, 1, 31)
MET = "column.strategy.status.met"
BEHIND = "column.strategy.status.behind"


def _kpi(
    kpi: str, status: str, target: float | None, value: float | None = 1.0, *,
    metric: str = "column.strategy.metric.reach", end: dt.date = NOW,
) -> KpiFigure:  # fmt: skip
    return KpiFigure("Synlighet", kpi, metric, "platform.instagram",
                     dt.date(end.year, 1, 1), end, value, target, status, 10)  # fmt: skip


def _channel(platform: str, role: str | None, planned: float | None) -> ChannelFigure:
    key = None if role is None else f"column.strategy.role.{role}"
    return ChannelFigure(f"platform.{platform}", "Acc", key, planned, 52, 1.0)


def _finding(
    section: str, key: str, severity: str = "warning", subject: str = "x"
) -> FindingFigure:
    return FindingFigure(
        section, key, cast(Severity, severity), subject, f"{key} nb", f"{key} en"
    )


def _record(
    day: dt.date,
    *,
    kpis: tuple[KpiFigure, ...] = (),
    channels: tuple[ChannelFigure, ...] = (),
    findings: tuple[FindingFigure, ...] = (),
    reviewed: dt.date | None = None,
    failed: tuple[str, ...] = (),
) -> ReviewRecord:
    sections = tuple(
        SectionFigure(key, "failed" if key in failed else "ok")
        for key in ("strategy", "channels", "security")
    )
    return ReviewRecord(day, dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC),
                        day, reviewed, sections, kpis, channels, findings)  # fmt: skip


def _keys(findings: tuple[Finding, ...]) -> list[tuple[str, str]]:
    return [(f.key, f.severity) for f in findings]


def test_without_a_previous_review_the_next_one_will_compare() -> None:
    changes = compare(None, _record(NOW))
    assert list(changes.sections) == ["strategy"]
    assert changes.of("strategy").findings == (
        Finding("finding.strategy.since_none", "info", {"days": 30}),
    )
    assert changes.of("strategy").tables == ()
    assert changes.of("security").findings == ()


def test_the_previous_review_and_the_strategys_date() -> None:
    same = compare(_record(THEN, reviewed=THEN), _record(NOW, reviewed=THEN))
    assert same.of("strategy").findings == (
        Finding("finding.strategy.since_previous", "info",
                {"previous": THEN, "days": 365}),
        Finding("finding.strategy.since_strategy_unchanged", "info",
                {"previous": THEN}),
        Finding("finding.strategy.since_findings", "info",
                {"previous": THEN, "new": 0, "gone": 0, "new_warnings": 0,
                 "gone_warnings": 0}),
        Finding("finding.since.unchanged", "info", {"previous": THEN}),
    )  # fmt: skip
    # Every section compared says that none of its findings came or went.
    assert [same.of(k).findings for k in ("channels", "security")] == [
        (Finding("finding.since.unchanged", "info", {"previous": THEN}),)
    ] * 2
    revised = compare(_record(THEN, reviewed=THEN), _record(NOW, reviewed=NOW))
    assert revised.of("strategy").findings[1] == Finding(
        "finding.strategy.since_strategy_revised", "info", {"then": THEN, "now": NOW}
    )


def test_kpis_that_moved_and_targets_that_changed() -> None:
    previous = _record(THEN, kpis=(
        _kpi("Rekkevidde", BEHIND, 1000, end=THEN),
        _kpi("Følgere", MET, 50, end=THEN),
        _kpi("Klikk", MET, 10, end=THEN),
        _kpi("Gammel", MET, 5, end=THEN),
    ))  # fmt: skip
    current = _record(NOW, kpis=(
        _kpi("Rekkevidde", MET, 800),  # better, and its target lowered
        _kpi("Følgere", BEHIND, 60),  # worse, and its target raised
        _kpi("Klikk", "column.strategy.status.not_measurable", 10, None),
        _kpi("Ny", MET, 1),
    ))  # fmt: skip
    found = compare(previous, current).of("strategy").findings
    kpi = [f for f in found if "kpi" in f.params]
    assert _keys(tuple(kpi)) == [
        ("finding.strategy.since_kpi_better", "info"),
        ("finding.strategy.since_target_lowered", "notice"),
        ("finding.strategy.since_kpi_worse", "notice"),
        ("finding.strategy.since_target_raised", "info"),
        ("finding.strategy.since_kpi_status", "info"),
        ("finding.strategy.since_kpi_added", "info"),
        ("finding.strategy.since_kpi_dropped", "notice"),
    ]
    assert kpi[0].params == {
        "goal": "Synlighet", "kpi": "Rekkevidde", "platform": "platform.instagram",
        "then": BEHIND, "now": MET,
    }  # fmt: skip
    assert (kpi[1].params["then"], kpi[1].params["now"]) == (1000, 800)
    [table] = compare(previous, current).of("strategy").tables[:1]
    assert table.key == "strategy.since_kpis"
    assert table.rows[0] == (
        "Synlighet", "Rekkevidde", "column.strategy.metric.reach",
        "platform.instagram", THEN, 1.0, 1000, BEHIND, NOW, 1.0, 800, MET,
    )  # fmt: skip
    assert table.rows[-1][4:] == (
        THEN, 1.0, 5, MET, None, None, None, "column.strategy.status.absent"
    )  # fmt: skip


def test_a_rate_kpi_goes_to_the_rates_table_with_targets_as_percentages() -> None:
    rate = "column.strategy.metric.engagement_rate"
    previous = _record(THEN, kpis=(_kpi("ER", MET, 0.05, 0.06, metric=rate, end=THEN),))
    current = _record(NOW, kpis=(_kpi("ER", MET, 0.04, 0.06, metric=rate),))
    changes = compare(previous, current)
    strategy = changes.of("strategy")
    [lowered] = [f for f in strategy.findings if "target" in f.key]
    assert lowered.params["then"] == Percent(0.05)
    assert isinstance(lowered.params["now"], Percent)
    assert [t.key for t in strategy.tables] == ["strategy.since_kpi_rates"]
    assert [c.kind for c in strategy.tables[0].columns][5:7] == ["percent", "percent"]


def test_unchanged_kpis_give_no_kpi_findings() -> None:
    kpis = (_kpi("Rekkevidde", MET, 1000),)
    changes = compare(_record(THEN, kpis=kpis), _record(NOW, kpis=kpis))
    found = changes.of("strategy").findings
    assert [f for f in found if "kpi" in f.params] == []


def test_channels_that_changed_role_or_plan() -> None:
    previous = _record(THEN, channels=(
        _channel("instagram", "support", 2), _channel("facebook", "main", 4),
        _channel("x", "other", 5), _channel("tiktok", None, None),
    ))  # fmt: skip
    current = _record(NOW, channels=(
        _channel("instagram", "main", 3), _channel("facebook", "main", 4),
        _channel("tiktok", "support", 1), _channel("linkedin", None, None),
    ))  # fmt: skip
    changes = compare(previous, current)
    # The channel mix is the channels section's, not the strategy section's.
    assert [f for f in changes.of("strategy").findings if "account" in f.params] == []
    found = [f for f in changes.of("channels").findings if "account" in f.params]
    assert [(f.key, f.params["platform"]) for f in found] == [
        ("finding.strategy.since_role_changed", "platform.instagram"),
        ("finding.strategy.since_plan_changed", "platform.instagram"),
        ("finding.strategy.since_channel_added", "platform.tiktok"),
        ("finding.strategy.since_channel_dropped", "platform.x"),
    ]
    assert found[0].params == {
        "platform": "platform.instagram", "account": "Acc",
        "then": "column.strategy.role.support", "now": "column.strategy.role.main",
    }  # fmt: skip
    assert (found[1].params["then"], found[1].params["now"]) == (2, 3)
    assert changes.of("strategy").tables == ()
    [table] = changes.of("channels").tables
    assert table.key == "channels.since_channels"
    assert [row[:4] for row in table.rows] == [
        ("platform.instagram", "Acc", "column.strategy.role.support",
         "column.strategy.role.main"),
        ("platform.facebook", "Acc", "column.strategy.role.main",
         "column.strategy.role.main"),
        ("platform.tiktok", "Acc", "column.strategy.role.none",
         "column.strategy.role.support"),
        ("platform.linkedin", "Acc", "column.strategy.role.none",
         "column.strategy.role.none"),
        ("platform.x", "Acc", "column.strategy.role.other",
         "column.strategy.role.none"),
    ]  # fmt: skip


def test_findings_new_and_gone_in_sections_both_reviews_ran() -> None:
    previous = _record(THEN, findings=(
        _finding("security", "finding.security.no_2fa", "critical", "person=Kari"),
        _finding("security", "finding.security.no_2fa", "critical", "person=Ola"),
        _finding("channels", "finding.channels.low_return", "warning", "x"),
        _finding("channels", "finding.channels.growing", "info", "tiktok"),
        _finding("strategy", "finding.strategy.stale", "warning", ""),
    ))  # fmt: skip
    current = _record(NOW, failed=("channels",), findings=(
        _finding("security", "finding.security.no_2fa", "critical", "person=Ola"),
        _finding("security", "finding.security.agency", "notice", "agency=Byrå"),
        _finding("strategy", "finding.strategy.stale", "warning", ""),
        _finding("strategy", "finding.strategy.practice_ahead", "warning", "x"),
    ))  # fmt: skip
    changes = compare(previous, current)
    # The strategy section sums up over every section compared.
    assert changes.of("strategy").findings[-2] == Finding(
        "finding.strategy.since_findings",
        "info",
        {"previous": THEN, "new": 2, "gone": 1, "new_warnings": 1,
         "gone_warnings": 1},
    )  # fmt: skip
    # Each section lists its own, new before gone, the most serious first; the
    # failed channels section and info findings are left out.
    assert changes.of("strategy").findings[-1] == Finding(
        "finding.since.findings",
        "info",
        {"previous": THEN, "new": 1, "gone": 0, "new_warnings": 1,
         "gone_warnings": 0},
    )  # fmt: skip
    assert changes.of("security").findings == (
        Finding("finding.since.findings", "info",
                {"previous": THEN, "new": 1, "gone": 1, "new_warnings": 0,
                 "gone_warnings": 1}),
    )  # fmt: skip
    [strategy] = [t for t in changes.of("strategy").tables if "since_f" in t.key]
    assert (strategy.key, strategy.title_key) == (
        "strategy.since_findings", "table.since.findings"
    )  # fmt: skip
    assert strategy.rows == (
        ("column.since.new", "report.severity.warning",
         Bilingual("finding.strategy.practice_ahead nb",
                   "finding.strategy.practice_ahead en")),
    )  # fmt: skip
    [security] = changes.of("security").tables
    assert security.key == "security.since_findings"
    assert security.rows == (
        ("column.since.new", "report.severity.notice",
         Bilingual("finding.security.agency nb", "finding.security.agency en")),
        ("column.since.gone", "report.severity.critical",
         Bilingual("finding.security.no_2fa nb", "finding.security.no_2fa en")),
    )  # fmt: skip
    assert changes.of("channels") == SectionChanges()
    text = strategy.rows[0][2]
    assert isinstance(text, Bilingual)
    assert (text.text("nb"), text.text("en")) == (
        "finding.strategy.practice_ahead nb", "finding.strategy.practice_ahead en"
    )  # fmt: skip


def test_the_subject_of_a_finding_is_its_text_parameters() -> None:
    finding = Finding(
        "finding.strategy.kpi_behind",
        "warning",
        {"goal": "Synlighet", "platform": MessageKey("platform.x"), "n": 12,
         "value": Percent(0.4), "start": THEN, "last": None},
    )  # fmt: skip
    assert finding_subject(finding) == "goal=Synlighet; platform=platform.x"


def test_each_section_gets_its_own_changes_and_a_failed_one_none() -> None:
    strategy = SectionResult("strategy", "ok", (Finding("a", "info"),))
    failed = SectionResult("security", "failed", error="E: e")
    other = SectionResult("channels", "ok", (Finding("b", "info"),))
    untouched = SectionResult("text", "ok", (Finding("c", "info"),))
    table = Table("t", "t", (), ())
    mine = SectionChanges((Finding("d", "info"),), (table,))
    changes = Changes(
        MappingProxyType({"strategy": mine, "channels": mine, "security": mine})
    )
    result = with_changes((strategy, failed, other, untouched), changes)
    assert [f.key for f in result[0].findings] == ["a", "d"]
    assert result[0].tables == (table,)
    assert result[1] is failed
    assert [f.key for f in result[2].findings] == ["b", "d"]
    assert result[2].tables == (table,)
    assert result[3] is untouched
