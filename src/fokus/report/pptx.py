"""The review as a short 16:9 deck (``reports/review.pptx``), for those who present
in PowerPoint.

Slides: the title (organisation, period), the scorecard (the nine considerations,
each with its standing in words and its one-line verdict), the action plan (at most
seven), then one slide per consideration with its most important finding and one
chart as a picture. Every text is put in as a plain text run (python-pptx escapes
the XML); bidi controls are replaced as in the HTML and line breaks in untrusted
text become spaces, so a caption can neither break the XML nor the layout.

The chart pictures come from a callback (``ChartImage``; ``review.write_review``
passes ``fokus.report.charts.chart_png``, which draws the chart's Vega-Lite with
vl-convert, offline); without a callback, or for a section without charts, the
finding has the slide to itself. docs/report.md, "Deck".
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.table import _Cell
from pptx.text.text import TextFrame
from pptx.util import Emu, Inches, Pt

from fokus.i18n import Language, format_day, translate
from fokus.model.results import Review
from fokus.report.blocks import (
    ChartBlock,
    ReportDocument,
    ScoreBlock,
    SectionBlock,
    Standing,
)
from fokus.report.document import build_document
from fokus.report.plain import visible_text

ChartImage = Callable[[ChartBlock, Language], bytes | None]
"""A chart as PNG bytes in the language, or None when it cannot be drawn."""

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)
INNER_WIDTH = Emu(WIDTH - 2 * MARGIN)
BODY_TOP = Inches(1.35)
BODY_HEIGHT = Emu(HEIGHT - BODY_TOP - MARGIN)
VERDICT_MAX = 160
"""Characters of a verdict on the scorecard slide: its first sentence, cut here."""
INK = RGBColor(0x1F, 0x2A, 0x37)
MUTED = RGBColor(0x5B, 0x67, 0x75)
STANDING_FILL: dict[Standing, RGBColor] = {
    "good": RGBColor(0xDC, 0xF0, 0xE1),
    "attention": RGBColor(0xFD, 0xF0, 0xC8),
    "act": RGBColor(0xF8, 0xD7, 0xD3),
    "no_data": RGBColor(0xEC, 0xEE, 0xF1),
    "failed": RGBColor(0xEC, 0xEE, 0xF1),
}
_LAYOUT_TITLE, _LAYOUT_TITLE_ONLY = 0, 5
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[«\"(]?[A-ZÆØÅ])")
"""A full stop, then a capital: "14. mars", "kl. 07" and "jan. 2026" go on."""


def render_pptx(
    review: Review, workspace: str, chart_png: ChartImage | None = None
) -> bytes:
    """The review as a .pptx deck."""
    return deck_bytes(build_document(review, workspace), chart_png)


CORE_TITLE_MAX = 255
"""The longest title a deck's document properties may hold (python-pptx refuses
more)."""


def deck_text(value: str) -> str:
    """Untrusted text as it goes into a run: bidi controls replaced, any run of
    whitespace (line breaks included) one space."""
    return " ".join(visible_text(value).split())


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def short_verdict(text: str, limit: int = VERDICT_MAX) -> str:
    """A verdict's first sentence, cut at ``limit`` characters with an ellipsis."""
    return _cut(_SENTENCE_END.split(deck_text(text), maxsplit=1)[0], limit)


def deck_bytes(doc: ReportDocument, chart_png: ChartImage | None = None) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    language = doc.language
    title = translate(
        "report.document.title", language, organisation=_organisation(doc)
    )
    props = deck.core_properties
    props.title = _cut(deck_text(title), CORE_TITLE_MAX)
    props.author = props.last_modified_by = "fokus"
    props.created = props.modified = doc.generated_at.replace(tzinfo=None)
    props.revision = 1
    _title_slide(deck, doc)
    _scorecard_slide(deck, doc.scorecard, language)
    _plan_slide(deck, doc)
    scores = {s.section: s for s in doc.scorecard}
    for section in doc.considerations:
        _section_slide(deck, section, scores.get(section.key), language, chart_png)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _organisation(doc: ReportDocument) -> str:
    return doc.organisation.strip() or translate(
        "report.cover.organisation.unnamed", doc.language
    )


def _slide(deck: PresentationType, title: str) -> Slide:
    """A slide with its title across the top, the rest of it free."""
    slide: Slide = deck.slides.add_slide(deck.slide_layouts[_LAYOUT_TITLE_ONLY])
    shape = slide.shapes.title
    assert shape is not None
    shape.left, shape.top = MARGIN, Inches(0.35)
    shape.width, shape.height = INNER_WIDTH, Inches(0.9)
    _write(shape.text_frame, deck_text(title), size=28, bold=True)
    shape.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    return slide


def _write(
    frame: TextFrame,
    text: str,
    *,
    size: int,
    bold: bool = False,
    color: RGBColor = INK,
    new_paragraph: bool = False,
) -> None:
    """One plain run in the frame's first paragraph, or in a new one."""
    paragraph = frame.add_paragraph() if new_paragraph else frame.paragraphs[0]
    run = paragraph.add_run()
    run.text = text
    run.font.size, run.font.bold = Pt(size), bold
    run.font.color.rgb = color


def _title_slide(deck: PresentationType, doc: ReportDocument) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[_LAYOUT_TITLE])
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    assert title is not None
    for shape, top, height in ((title, 2.2, 1.5), (subtitle, 3.9, 1.6)):
        shape.left, shape.width = MARGIN, INNER_WIDTH
        shape.top, shape.height = Inches(top), Inches(height)
    _write(title.text_frame, deck_text(_organisation(doc)), size=40, bold=True)
    frame = subtitle.text_frame
    language = doc.language
    _write(frame, translate("report.cover.kicker", language), size=22, color=MUTED)
    if doc.period is None:
        period = translate("report.cover.period.none", language)
    else:
        period = translate(
            "report.cover.period.value",
            language,
            start=format_day(doc.period.start, language),
            end=format_day(doc.period.end, language),
        )
    label = translate("report.cover.period.label", language)
    _write(frame, f"{label}: {period}", size=18, color=MUTED, new_paragraph=True)


def _scorecard_slide(
    deck: PresentationType, scores: Sequence[ScoreBlock], language: Language
) -> None:
    slide = _slide(deck, translate("report.scorecard.title", language))
    shape = slide.shapes.add_table(
        len(scores) + 1, 3, MARGIN, BODY_TOP, INNER_WIDTH, BODY_HEIGHT
    )
    table = shape.table
    widths = (Inches(4.2), Inches(1.9))
    table.columns[0].width, table.columns[1].width = widths
    table.columns[2].width = Emu(INNER_WIDTH - sum(widths))
    headers = ("consideration", "standing", "verdict")
    for col, key in enumerate(headers):
        _cell(table.cell(0, col), translate(f"report.deck.column.{key}", language))
    for row, score in enumerate(scores, start=1):
        standing = translate(f"report.scorecard.standing.{score.standing}", language)
        cells = (
            f"{score.number}. {deck_text(score.title)}",
            standing,
            short_verdict(score.verdict),
        )
        for col, text in enumerate(cells):
            _cell(table.cell(row, col), text, plain=True)
        fill = table.cell(row, 1).fill
        fill.solid()
        fill.fore_color.rgb = STANDING_FILL[score.standing]


def _cell(cell: _Cell, text: str, *, plain: bool = False) -> None:
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    cell.margin_top = cell.margin_bottom = Inches(0.03)
    frame = cell.text_frame
    frame.word_wrap = True
    _write(frame, text, size=11, bold=not plain)
    if plain:
        cell.fill.background()


def _plan_slide(deck: PresentationType, doc: ReportDocument) -> None:
    language = doc.language
    slide = _slide(deck, translate("report.plan.title", language))
    box = slide.shapes.add_textbox(MARGIN, BODY_TOP, INNER_WIDTH, BODY_HEIGHT)
    frame = box.text_frame
    frame.word_wrap = True
    first = True
    for item in doc.plan.items:
        _write(frame, f"{item.rank}. {deck_text(item.text)}", size=16, bold=True,
               new_paragraph=not first)  # fmt: skip
        first = False
        meta = translate(
            "report.action.meta", language, impact=item.impact, effort=item.effort
        )
        _write(frame, f"{deck_text(item.section_title)} · {meta}", size=11,
               color=MUTED, new_paragraph=True)  # fmt: skip
    if not doc.plan.items:
        _write(frame, translate("report.deck.plan.none", language), size=16)
    elif doc.plan.more:
        _write(frame, translate("report.plan.more", language, n=doc.plan.more),
               size=12, color=MUTED, new_paragraph=True)  # fmt: skip


def _section_slide(
    deck: PresentationType,
    section: SectionBlock,
    score: ScoreBlock | None,
    language: Language,
    chart_png: ChartImage | None,
) -> None:
    slide = _slide(deck, section.title)
    picture = None
    chart = section.charts[0] if section.charts else None
    if chart is not None and chart_png is not None:
        picture = chart_png(chart, language)
    text_width = INNER_WIDTH if picture is None else Inches(4.6)
    box = slide.shapes.add_textbox(MARGIN, BODY_TOP, text_width, BODY_HEIGHT)
    frame = box.text_frame
    frame.word_wrap = True
    if score is not None:
        standing = translate(f"report.scorecard.standing.{score.standing}", language)
        _write(frame, standing, size=14, bold=True, color=MUTED)
        _write(frame, deck_text(score.verdict), size=18, new_paragraph=True)
    if picture is not None and chart is not None:
        left = Emu(MARGIN + text_width + Inches(0.3))
        shown = slide.shapes.add_picture(
            io.BytesIO(picture), left, BODY_TOP, width=Emu(WIDTH - MARGIN - left)
        )
        if shown.height > BODY_HEIGHT:  # a tall chart: fit it
            ratio = BODY_HEIGHT / shown.height
            shown.height = Emu(int(shown.height * ratio))
            shown.width = Emu(int(shown.width * ratio))
        # The picture's text alternative, the chart's title (python-pptx has no
        # API for it): the first element of a picture's XML is its properties.
        element: Any = shown._element
        element[0][0].set("descr", deck_text(chart.title))
