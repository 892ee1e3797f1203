"""A fuller hand-built review for the HTML page tests, and an HTML outline.

``full_review`` adds to ``conftest.make_review`` what the page is built around: a
consideration with a critical finding, an action and a chart, one with too little
data, and the failed one. ``full_document`` gives two of its sections a method note
and a fill text as the catalogs would, so the page's handling of them is tested
whatever the catalogs hold.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from html.parser import HTMLParser

from fokus.model.results import (
    Action,
    Chart,
    Column,
    Evidence,
    Finding,
    Param,
    Review,
    SectionResult,
    Table,
)
from fokus.report.blocks import ReportDocument
from fokus.report.document import build_document

MakeReview = Callable[..., Review]
METHOD = "Rekkevidde er delt på antall følgere; grupper under 30 innlegg er merket."
FILL = "Fyll ut registeret over KI-verktøy (registers/ai_tools.xlsx)."


def full_review(
    make: MakeReview, language: str = "nb", text: str = "Jul på kaia"
) -> Review:
    """Every text a reader sees from the data is ``text`` (organisation, cells,
    parameters, chart title and labels), so a hostile one reaches every place."""
    base = make(language, organisation=text, text_cell=text, finding_value=text)
    coverage, failed = base.sections
    chart = Chart(
        key="reach_by_channel",
        kind="bar",
        data=Table(
            key="reach_by_channel",
            title_key=text,
            columns=(
                Column("channel", text, "text"),
                Column("reach", "report.column.reach", "number", "followers"),
                Column("n", "report.column.posts", "integer"),
            ),
            rows=((text, 1200.5, 40), ("Instagram", 300.0, 12)),
        ),
        x="channel",
        y="reach",
        n="n",
        min_n=30,
        note_key=text,
    )
    strategy = SectionResult(
        key="strategy",
        status="ok",
        findings=(
            Finding("finding.common.period_short", "notice", _period(text)),
            Finding(
                "finding.common.too_few",
                "critical",
                {"n": text, "minimum": 30},
                Evidence(n=52, value=0.5, denominator="followers"),
            ),
        ),
        actions=(
            Action(
                "action.common.export_more",
                impact=3,
                effort=2,
                params={"days": text},
                finding_keys=("finding.common.too_few",),
            ),
        ),
        charts=(chart,),
    )
    thin = SectionResult(key="ai_tools", status="insufficient_data")
    return dataclasses.replace(base, sections=(coverage, strategy, thin, failed))


def _period(text: str) -> dict[str, Param]:
    return {"days": text, "minimum": 365, "start": text, "end": text}


def full_document(review: Review, workspace: str = "kystlaget") -> ReportDocument:
    doc = build_document(review, workspace)
    sections = tuple(
        dataclasses.replace(s, method=METHOD)
        if s.key == "strategy"
        else dataclasses.replace(s, fill=FILL)
        if s.key == "ai_tools"
        else s
        for s in doc.sections
    )
    return dataclasses.replace(doc, sections=sections)


_OUTLINED = frozenset(
    {
        "html", "head", "style", "script", "body", "header", "nav", "main", "footer",
        "section", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption",
        "table", "caption", "thead", "tbody", "tr", "th", "ul", "ol", "li",
        "details", "summary", "img", "a", "dl", "div",
    }
)  # fmt: skip
_SHOWN = ("id", "class", "href", "role", "scope", "lang", "aria-labelledby")


class Page(HTMLParser):
    """A parsed page: its elements with attributes, its text, and an outline of
    its structure (tags, ids, classes, links; no text)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []
        self.scripts: list[str] = []
        """Executable scripts; JSON data blocks (chart specs) are in ``data``."""
        self.data: list[str] = []
        self.styles: list[str] = []
        self._lines: list[str] = []
        self._depth = 0
        self._open: list[str] = []
        self._json = False
        self.feed(html)
        self.close()

    @property
    def outline(self) -> str:
        return "\n".join(self._lines) + "\n"

    @property
    def text(self) -> str:
        return "".join(self.texts)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        self._json = tag == "script" and attributes.get("type") == "application/json"
        if tag in _OUTLINED:
            shown = " ".join(
                f'{name}="{_short(attributes[name] or "")}"'
                for name in _SHOWN
                if name in attributes
            )
            self._lines.append(
                "  " * self._depth + f"<{tag}{' ' + shown if shown else ''}>"
            )
        if tag not in {"img", "meta", "br", "input", "link"}:
            self._open.append(tag)
            self._depth += tag in _OUTLINED

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            top = self._open.pop()
            self._depth -= top in _OUTLINED
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        current = self._open[-1] if self._open else ""
        if current == "script":
            (self.data if self._json else self.scripts).append(data)
        elif current == "style":
            self.styles.append(data)
        else:
            self.texts.append(data)


def _short(value: str) -> str:
    """A data URI's type only: the outline shows that a logo is there, not its bytes."""
    return value.split(",", 1)[0] + ",…" if value.startswith("data:") else value
