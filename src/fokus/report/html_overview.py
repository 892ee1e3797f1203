"""The parts of the HTML page around the sections: the cover's data coverage, the
scorecard, the action plan and the method notes chapter.

They link into the sections by the page's own ids (``Anchors``), which the
section views assign: a finding's anchor from ``blocks.py`` is used as is when it
is a plain identifier, so a link never carries text from the data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from fokus.i18n import Language, translate
from fokus.report.blocks import ActionPlan, ReportDocument, ScoreBlock
from fokus.report.document import MAX_PLAN_ACTIONS

_STANDING_ICON = {
    # A shape as well as a colour and a word: the standing reads in greyscale print
    # and for colour-blind readers alike.
    "good": "\u2713",  # ✓
    "attention": "\u25b2",  # ▲
    "act": "\u25c6",  # ◆
    "no_data": "\u25cb",  # ○
    "failed": "\u2715",  # ✕
}


@dataclass(frozen=True, slots=True)
class Anchors:
    """The page's ids for sections (by key) and findings (by blocks.py anchor)."""

    sections: Mapping[str, str]
    findings: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class CoverageView:
    notes: tuple[str, ...]
    """The data appendix's ``info`` findings: what was imported, from when."""
    considered: str
    """How many of the considerations had enough data."""


@dataclass(frozen=True, slots=True)
class ScoreView:
    number: int
    title: str
    href: str | None
    standing: str
    standing_css: str
    icon: str
    verdict: str
    verdict_href: str | None


@dataclass(frozen=True, slots=True)
class LinkView:
    text: str
    href: str | None


@dataclass(frozen=True, slots=True)
class PlanItemView:
    rank: int
    text: str
    section: LinkView
    meta: str
    findings: tuple[LinkView, ...]


@dataclass(frozen=True, slots=True)
class PlanView:
    items: tuple[PlanItemView, ...]
    more: str | None


@dataclass(frozen=True, slots=True)
class MethodView:
    title: str
    href: str | None
    note: str | None
    charts: tuple[str, ...]
    """What each of the section's charts shows."""


@dataclass(frozen=True, slots=True)
class MethodsView:
    ranking: tuple[str, ...]
    """How findings, the scorecard and the plan are ranked, paragraph by paragraph."""
    sections: tuple[MethodView, ...]


def coverage_view(doc: ReportDocument) -> CoverageView:
    appendix = doc.appendix
    notes = (
        ()
        if appendix is None
        else tuple(f.text for f in appendix.findings if f.severity == "info")
    )
    considerations = doc.considerations
    enough = sum(1 for s in considerations if s.status == "ok")
    considered = translate(
        "report_html.cover.considered",
        doc.language,
        n=enough,
        total=len(considerations),
    )
    return CoverageView(notes, considered)


def score_views(
    scorecard: tuple[ScoreBlock, ...], anchors: Anchors, lang: Language
) -> tuple[ScoreView, ...]:
    return tuple(
        ScoreView(
            number=score.number,
            title=score.title,
            href=_href(anchors.sections.get(score.section)),
            standing=translate(f"report.scorecard.standing.{score.standing}", lang),
            standing_css=score.standing,
            icon=_STANDING_ICON[score.standing],
            verdict=score.verdict,
            verdict_href=None
            if score.anchor is None
            else _href(anchors.findings.get(score.anchor)),
        )
        for score in scorecard
    )


def plan_view(plan: ActionPlan, anchors: Anchors, lang: Language) -> PlanView:
    items = tuple(
        PlanItemView(
            rank=item.rank,
            text=item.text,
            section=LinkView(
                item.section_title, _href(anchors.sections.get(item.section))
            ),
            meta=effect_and_effort(item.impact, item.effort, lang),
            findings=tuple(
                LinkView(ref.text, _href(anchors.findings.get(ref.anchor)))
                for ref in item.findings
            ),
        )
        for item in plan.items
    )
    more = translate("report.plan.more", lang, n=plan.more) if plan.more else None
    return PlanView(items, more)


def effect_and_effort(impact: int, effort: int, lang: Language) -> str:
    """``Effekt: stor · innsats: liten``: the 1–3 scales in words."""
    return translate(
        "report_html.action.meta",
        lang,
        impact=translate(f"report_html.impact.{_level(impact)}", lang),
        effort=translate(f"report_html.effort.{_level(effort)}", lang),
    )


def _level(value: int) -> int:
    return min(3, max(1, value))


def methods_view(doc: ReportDocument, anchors: Anchors) -> MethodsView:
    lang = doc.language
    ranking = tuple(
        translate(f"report_html.methods.{part}", lang, max=MAX_PLAN_ACTIONS)
        for part in ("ranking", "scorecard", "plan", "evidence")
    )
    appendix = () if doc.appendix is None else (doc.appendix,)
    sections = tuple(
        MethodView(
            title=section.title,
            href=_href(anchors.sections.get(section.key)),
            note=section.method,
            charts=tuple(
                f"{chart.title}: {chart.note}" for chart in section.charts if chart.note
            ),
        )
        for section in (*doc.considerations, *appendix)
        if section.method or any(chart.note for chart in section.charts)
    )
    return MethodsView(ranking, sections)


def _href(dom_id: str | None) -> str | None:
    return None if dom_id is None else f"#{dom_id}"
