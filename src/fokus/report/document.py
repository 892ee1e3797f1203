"""A review as one report document: the sections translated into blocks, then the
scorecard and the action plan the report opens with.

The scorecard gives each of the nine considerations a standing and one line: the
standing comes from the most serious finding (critical → act now, warning → look
at it, otherwise in good shape), the line is that finding's own text, so the
verdict never says more than the section does. The action plan takes the sections'
actions, ranks them by expected impact, then by how serious the findings behind
them are, then by effort (less first), and keeps at most ``MAX_PLAN_ACTIONS``: do
less, but better, applies to the report too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from fokus.i18n import Language, parse_language, translate
from fokus.model.results import Review
from fokus.model.vocab import Severity
from fokus.report.blocks import (
    APPENDIX_SECTION,
    ActionBlock,
    ActionPlan,
    FindingBlock,
    FindingRef,
    PlanItem,
    ReportDocument,
    ScoreBlock,
    SectionBlock,
    Standing,
    as_utc,
    section_block,
)

FALLBACK_LANGUAGE: Language = "en"
"""Used when a review asks for a language fokus does not have: English is the one
most readers of an unsupported language can follow."""

MAX_PLAN_ACTIONS = 7
SEVERITY_RANK: dict[Severity, int] = {
    "info": 0,
    "notice": 1,
    "warning": 2,
    "critical": 3,
}


def build_document(review: Review, workspace: str) -> ReportDocument:
    """Translate a review into blocks, keeping the order of its sections."""
    language = parse_language(review.language) or FALLBACK_LANGUAGE
    sections = tuple(section_block(s, language) for s in review.sections)
    return ReportDocument(
        language=language,
        organisation=review.organisation,
        workspace=workspace,
        generated_at=as_utc(review.generated_at),
        period=review.period,
        sections=sections,
        scorecard=scorecard(sections, language),
        plan=action_plan(sections),
    )


def scorecard(
    sections: Sequence[SectionBlock], language: Language
) -> tuple[ScoreBlock, ...]:
    """One line per consideration, in the checklist's order."""
    considerations = [s for s in sections if s.key != APPENDIX_SECTION]
    return tuple(
        _score(number, section, language)
        for number, section in enumerate(considerations, start=1)
    )


def _score(number: int, section: SectionBlock, language: Language) -> ScoreBlock:
    worst = _most_serious(section.findings)
    standing = _standing(section, worst)
    if standing == "failed":
        verdict, anchor = translate("report.scorecard.verdict.failed", language), None
    elif worst is not None:
        verdict, anchor = worst.text, worst.anchor
    elif standing == "no_data":
        verdict, anchor = (
            section.fill or translate("report.scorecard.verdict.no_data", language),
            None,
        )
    else:
        verdict, anchor = translate("report.scorecard.verdict.good", language), None
    return ScoreBlock(number, section.key, section.title, standing, verdict, anchor)


def _most_serious(findings: Sequence[FindingBlock]) -> FindingBlock | None:
    """The first of the most serious findings (sections put the weightiest first)."""
    if not findings:
        return None
    top = max(SEVERITY_RANK[f.severity] for f in findings)
    return next(f for f in findings if SEVERITY_RANK[f.severity] == top)


def _standing(section: SectionBlock, worst: FindingBlock | None) -> Standing:
    if section.status == "failed":
        return "failed"
    if section.status == "insufficient_data":
        return "no_data"
    if worst is not None and worst.severity == "critical":
        return "act"
    if worst is not None and worst.severity == "warning":
        return "attention"
    return "good"


def action_plan(sections: Sequence[SectionBlock]) -> ActionPlan:
    """The most important actions of all sections, each linked to its findings.

    An action proposed twice in the same words (the same fix for two findings)
    is one item, linked to both.
    """
    candidates: dict[str, tuple[tuple[int, ...], PlanItem]] = {}
    order = 0
    for section in sections:
        for action in section.actions:
            refs = _findings_of(action, section)
            known = candidates.get(action.text)
            if known is not None:
                merged = tuple(dict.fromkeys((*known[1].findings, *refs)))
                candidates[action.text] = (known[0], replace(known[1], findings=merged))
                continue
            worst = max(
                (SEVERITY_RANK[f.severity] for f in _blocks_of(action, section)),
                default=0,
            )
            order += 1
            rank_key = (-action.impact, -worst, action.effort, order)
            candidates[action.text] = (
                rank_key,
                PlanItem(0, section.key, section.title, action.text,
                         action.impact, action.effort, refs),
            )  # fmt: skip
    ranked = sorted(candidates.values(), key=lambda pair: pair[0])
    items = tuple(
        replace(item, rank=rank)
        for rank, (_, item) in enumerate(ranked[:MAX_PLAN_ACTIONS], start=1)
    )
    return ActionPlan(items, max(0, len(ranked) - MAX_PLAN_ACTIONS))


def _blocks_of(action: ActionBlock, section: SectionBlock) -> tuple[FindingBlock, ...]:
    """The findings an action follows from: of its finding keys, those that share
    a parameter value with the action (the tool or person it names) when there
    are any, else every finding with those keys."""
    by_key = section.finding_anchors
    found = [f for key in action.finding_keys for f in by_key.get(key, ())]
    named = {v for v in action.params.values() if isinstance(v, str) and v}
    specific = [f for f in found if named & set(map(str, f.params.values()))]
    return tuple(specific or found)


def _findings_of(action: ActionBlock, section: SectionBlock) -> tuple[FindingRef, ...]:
    return tuple(FindingRef(f.anchor, f.text) for f in _blocks_of(action, section))
