"""The report document's overviews: the scorecard and the ranked action plan."""

from __future__ import annotations

import datetime as dt

from fokus.model.results import Action, Finding, Param, Review, SectionResult
from fokus.model.vocab import SectionStatus, Severity
from fokus.report.document import MAX_PLAN_ACTIONS, build_document

CONSIDERATIONS = (
    "strategy", "ai_tools", "time_use", "channels", "formats", "text", "security",
    "organic", "focus",
)  # fmt: skip


def _review(*sections: SectionResult, language: str = "en") -> Review:
    return Review(
        organisation="Kystlaget",
        language=language,
        generated_at=dt.datetime(2026, 1, 15, tzinfo=dt.UTC),
        period=None,
        sections=sections,
    )


def _finding(severity: Severity, tool: str = "Kladd") -> Finding:
    return Finding(f"finding.ai_tools.test_{severity}", severity, {"tool": tool})


def _section(
    key: str,
    status: SectionStatus = "ok",
    findings: tuple[Finding, ...] = (),
    actions: tuple[Action, ...] = (),
) -> SectionResult:
    return SectionResult(key, status, findings=findings, actions=actions)


def test_the_scorecard_has_the_nine_considerations_in_order_without_coverage() -> None:
    sections = [_section("coverage", findings=(_finding("critical"),))]
    sections += [_section(key) for key in CONSIDERATIONS]
    doc = build_document(_review(*sections), "ws")
    assert [s.section for s in doc.scorecard] == list(CONSIDERATIONS)
    assert [s.number for s in doc.scorecard] == list(range(1, 10))
    assert {s.standing for s in doc.scorecard} == {"good"}
    assert doc.scorecard[0].verdict == "Nothing here calls for action."
    assert doc.appendix is not None and doc.appendix.key == "coverage"
    assert [s.key for s in doc.considerations] == list(CONSIDERATIONS)


def test_a_standing_follows_the_most_serious_finding_and_quotes_it() -> None:
    doc = build_document(
        _review(
            _section("coverage"),
            _section("strategy", findings=(_finding("notice"), _finding("warning"))),
            _section(
                "security",
                findings=(
                    _finding("warning"),
                    _finding("critical", "A"),
                    _finding("critical", "B"),
                ),
            ),
            _section("focus", "insufficient_data"),
            _section("organic", "failed"),
            _section("formats", "insufficient_data", findings=(_finding("info"),)),
        ),
        "ws",
    )
    card = {s.section: s for s in doc.scorecard}
    assert card["strategy"].standing == "attention"
    assert card["strategy"].anchor == "strategy-f2"
    assert card["security"].standing == "act"
    # The first of the two critical findings: sections put the weightiest first.
    assert card["security"].anchor == "security-f2"
    assert card["security"].verdict == doc.sections[2].findings[1].text
    assert card["focus"].standing == "no_data"
    assert card["focus"].anchor is None
    assert card["organic"].standing == "failed"
    assert card["organic"].verdict == (
        "The analysis stopped with an error; the rest of the report is unaffected."
    )
    # Too little data, but a finding that says why: the finding is the verdict.
    assert card["formats"].standing == "no_data"
    assert card["formats"].anchor == "formats-f1"


def test_finding_anchors_are_unique_per_section_and_position() -> None:
    doc = build_document(
        _review(
            _section("strategy", findings=(_finding("info"), _finding("info"))),
            _section("security", findings=(_finding("info"),)),
        ),
        "ws",
    )
    anchors = [f.anchor for s in doc.sections for f in s.findings]
    assert anchors == ["strategy-f1", "strategy-f2", "security-f1"]


def _action(key: str, impact: int, effort: int, tool: str = "", *finds: str) -> Action:
    params: dict[str, Param] = {"tool": tool, "cost": 100, "days": 365}
    return Action(key, impact, effort, params, finds)


def test_the_plan_ranks_by_impact_then_severity_then_effort() -> None:
    critical = "finding.ai_tools.test_critical"
    warning = "finding.ai_tools.test_warning"
    doc = build_document(
        _review(
            _section(
                "ai_tools",
                findings=(_finding("warning", "W"), _finding("critical", "C")),
                actions=(
                    _action("action.ai_tools.cancel", 2, 1, "low-impact"),
                    _action("action.ai_tools.reconsider", 3, 2, "W", warning),
                    _action("action.ai_tools.sign_agreement", 3, 2, "C", critical),
                    _action("action.ai_tools.assign_owner", 3, 1, "W", warning),
                ),
            ),
        ),
        "ws",
    )
    items = doc.plan.items
    assert [(i.rank, i.impact, i.effort) for i in items] == [
        (1, 3, 2),
        (2, 3, 1),
        (3, 3, 2),
        (4, 2, 1),
    ]
    # Same impact: the one behind a critical finding comes first, even at more
    # effort; then, behind equally serious findings, the easier one.
    assert items[0].findings[0].anchor == "ai_tools-f2"
    assert items[1].text == "Give W an owner."
    assert items[2].text == "Consider whether W is worth keeping."
    assert items[3].findings == ()
    assert doc.plan.more == 0


def test_the_plan_links_an_action_to_the_findings_it_names() -> None:
    key = "finding.ai_tools.test_warning"
    doc = build_document(
        _review(
            _section(
                "ai_tools",
                findings=(_finding("warning", "Kladd"), _finding("warning", "Penn")),
                actions=(_action("action.ai_tools.reconsider", 2, 1, "Penn", key),),
            ),
        ),
        "ws",
    )
    (item,) = doc.plan.items
    assert [f.anchor for f in item.findings] == ["ai_tools-f2"]
    assert item.findings[0].text == doc.sections[0].findings[1].text


def test_the_plan_keeps_seven_and_counts_the_rest_merging_identical_actions() -> None:
    actions = tuple(
        _action("action.ai_tools.cancel", 1, 1, f"tool {i}") for i in range(10)
    )
    twice = _action("action.common.export_more", 3, 1)
    doc = build_document(
        _review(
            _section("ai_tools", actions=actions),
            _section("channels", actions=(twice,)),
            _section("formats", actions=(twice,)),
        ),
        "ws",
    )
    assert len(doc.plan.items) == MAX_PLAN_ACTIONS == 7
    assert doc.plan.items[0].section == "channels"
    assert doc.plan.more == 11 - 7
