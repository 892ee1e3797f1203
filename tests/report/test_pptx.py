"""The deck: written by python-pptx, opened again with python-pptx and read as a
presenter would see it (slide titles, the scorecard's cells, the texts)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from dataclasses import replace

from PIL import Image
from pptx import Presentation
from pptx.slide import Slide

from fokus.i18n import Language, MessageKey, translate
from fokus.model.results import (
    Action,
    Chart,
    Column,
    Finding,
    Period,
    Review,
    SectionResult,
    Table,
)
from fokus.report.blocks import ChartBlock
from fokus.report.charts import chart_png
from fokus.report.pptx import VERDICT_MAX, render_pptx, short_verdict
from hostile import HOSTILE as SET
from hostile import one_line

HOSTILE = " ".join(SET.values())
"""The whole shared set in one text (5,000 characters without a space among it)."""
SHOWN = one_line(HOSTILE)
TOO_FEW = Finding("finding.common.too_few", "warning", {"n": 12, "minimum": 30})
CHART = Chart(
    "posts_a_week",
    "bar",
    Table("posts_a_week", "section.channels.title",
          (Column("channel", "report.column.channel"),
           Column("posts", "report.column.posts", "integer")),
          (("Instagram", 52), ("Facebook", 104))),
    x="channel",
    y="posts",
)  # fmt: skip


def _review(organisation: str = "Kystlaget Nord", *, chart: bool = False) -> Review:
    """The appendix and the nine considerations, each standing differently."""
    hostile = Finding(
        "finding.security.public_email_domain",
        "critical",
        {"person": HOSTILE, "platform": MessageKey("platform.facebook"), "assets": "Side",
         "domain": "gmail.com"},
    )  # fmt: skip
    sections = (
        SectionResult("coverage", "ok", (TOO_FEW,)),
        SectionResult("strategy", "ok"),
        SectionResult("ai_tools", "insufficient_data"),
        SectionResult("time_use", "ok", (TOO_FEW,)),
        SectionResult("channels", "failed", error="E: e"),
        SectionResult("formats", "ok", (TOO_FEW,), charts=(CHART,) if chart else ()),
        SectionResult("text", "ok", (Finding("finding.common.too_few", "info",
                                             {"n": 40, "minimum": 30}),)),
        SectionResult("security", "ok", (hostile,), actions=(
            Action("action.security.public_email_domain", 3, 1, {"who": HOSTILE},
                   ("finding.security.public_email_domain",)),)),
        SectionResult("organic", "ok", (TOO_FEW,)),
        SectionResult("focus", "ok", (TOO_FEW,)),
    )  # fmt: skip
    return Review(
        organisation=organisation,
        language="nb",
        generated_at=dt.datetime(2026, 1, 15, 9, 30, tzinfo=dt.UTC),
        period=Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        sections=sections,
    )


def _open(data: bytes) -> list[Slide]:
    return list(Presentation(io.BytesIO(data)).slides)


def _title(slide: Slide) -> str:
    assert slide.shapes.title is not None
    return slide.shapes.title.text_frame.text


def _texts(slide: Slide) -> list[str]:
    """The slide's text boxes other than its title, as shown."""
    return [
        shape.text_frame.text
        for shape in slide.shapes
        if shape.has_text_frame and shape != slide.shapes.title
    ]


TOO_FEW_NB = (
    "Bare 12 innlegg har tall for perioden, og det trengs minst 30 for å si noe"
    " sikkert her."
)


def test_the_deck_has_the_title_scorecard_plan_and_a_slide_per_consideration() -> None:
    data = render_pptx(_review(), "ws")
    deck = Presentation(io.BytesIO(data))
    assert (deck.slide_width, deck.slide_height) == (12191695, 6858000)  # 16:9
    slides = list(deck.slides)
    assert [_title(s) for s in slides] == [
        "Kystlaget Nord",
        "Status på de ni punktene",
        "Gjør dette først",
        "Trenger strategien en justering?",
        "Bruker dere AI på en optimal måte?",
        "Hva bør tiden dere sparer, gå til?",
        "Omfang og frekvens",
        "Visuelle virkemidler",
        "Er teksten viktigere enn før?",
        "Har dere kontroll på sikkerheten?",
        "Prioriter organisk innhold",
        "Tør dere å gjøre mindre – men bedre?",
    ]
    assert _texts(slides[0]) == [
        "Årlig gjennomgang av sosiale medier\nPeriode: 1. jan. 2025 – 31. des. 2025"
    ]
    [table] = [s.table for s in slides[1].shapes if s.has_table]
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    verdict = short_verdict(
        f"{SHOWN} logger inn på Facebook: Side med en privat e-postadresse (gmail.com)."
    )
    assert cells == [
        ["Punkt", "Status", "Kort fortalt"],
        ["1. Trenger strategien en justering?", "I god form",
         "Ingen funn som krever tiltak."],
        ["2. Bruker dere AI på en optimal måte?", "For lite data",
         short_verdict(translate("section.ai_tools.fill", "nb"))],
        ["3. Hva bør tiden dere sparer, gå til?", "Bør følges opp", TOO_FEW_NB],
        ["4. Omfang og frekvens", "Analysen feilet",
         "Analysen stoppet med en feil; resten av rapporten er uberørt."],
        ["5. Visuelle virkemidler", "Bør følges opp", TOO_FEW_NB],
        ["6. Er teksten viktigere enn før?", "I god form",
         TOO_FEW_NB.replace("12", "40")],
        ["7. Har dere kontroll på sikkerheten?", "Må rettes nå", verdict],
        ["8. Prioriter organisk innhold", "Bør følges opp", TOO_FEW_NB],
        ["9. Tør dere å gjøre mindre – men bedre?", "Bør følges opp", TOO_FEW_NB],
    ]  # fmt: skip
    # The verdict of a finding about a person named with the whole set is cut
    # to the one line the scorecard has room for.
    assert len(verdict) == VERDICT_MAX and verdict.endswith("…")
    assert verdict.startswith(
        '<script>alert(1)</script> </script><script>alert(1)</script> " onmouseover='
    )
    assert _texts(slides[2]) == [
        f"1. Flytt {SHOWN} over på en e-postadresse på organisasjonens (eller byråets)"
        " eget domene.\nHar dere kontroll på sikkerheten? · Forventet effekt: 3 ·"
        " innsats: 1"
    ]
    assert _texts(slides[9])[0].split("\n") == [
        "Må rettes nå",
        f"{SHOWN} logger inn på Facebook: Side med en privat e-postadresse"
        " (gmail.com). En slik konto kan ikke organisasjonen stenge eller"
        " gjenopprette når personen slutter.",
    ]


def test_hostile_texts_are_plain_text_runs() -> None:
    data = render_pptx(_review(organisation=HOSTILE), "ws")
    slides = _open(data)
    assert _title(slides[0]) == SHOWN
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = "".join(
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.startswith("ppt/slides/slide")
        )
    assert "<script>" not in xml
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in xml
    for hidden in ("\u202e", "\x00", "\x07", "\x1b"):
        assert hidden not in xml
    # The document title holds at most 255 characters (python-pptx refuses more).
    title = Presentation(io.BytesIO(data)).core_properties.title
    assert len(title) == 255 and title.endswith("…")
    assert title.startswith(translate("report.document.title", "nb", organisation=""))


def _png(chart: ChartBlock, language: Language) -> bytes:
    """A stand-in for the chart module's PNG: its size tells the chart apart."""
    assert (chart.key, chart.title, language) == (
        "posts_a_week", "Omfang og frekvens", "nb"
    )  # fmt: skip
    buffer = io.BytesIO()
    Image.new("RGB", (800, 500), (40, 90, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_sections_first_chart_goes_in_as_a_picture_with_its_title() -> None:
    slides = _open(render_pptx(_review(chart=True), "ws", _png))
    formats = slides[7]
    assert _title(formats) == "Visuelle virkemidler"
    [picture] = [s for s in formats.shapes if s.shape_type == 13]  # PICTURE
    assert picture._element[0][0].get("descr") == "Omfang og frekvens"
    assert picture.image.size == (800, 500)
    assert round(picture.width / picture.height, 2) == 1.6
    # No other slide has a picture, and without the callback none has one.
    assert [
        i for i, s in enumerate(slides) if any(x.shape_type == 13 for x in s.shapes)
    ] == [7]
    plain = _open(render_pptx(_review(chart=True), "ws"))
    assert not any(x.shape_type == 13 for s in plain for x in s.shapes)


def test_a_verdict_on_the_scorecard_is_its_first_sentence_cut_short() -> None:
    assert short_verdict("Én setning. En til.") == "Én setning."
    # Norwegian dates and abbreviations have full stops inside a sentence.
    assert (
        short_verdict(
            "Gjennomgått 14. mars 2024, kl. 07 og 24. jan. 2026. «Neste» her."
        )
        == "Gjennomgått 14. mars 2024, kl. 07 og 24. jan. 2026."
    )
    assert short_verdict("Is it? Yes! Ø er også stor.") == "Is it?"
    assert short_verdict("Linje\nmed\u202eskift") == "Linje med\ufffdskift"
    long = "a" * 200
    assert short_verdict(long) == "a" * 159 + "…"


def test_the_chart_modules_png_goes_in_as_drawn(
    chart_review: Callable[[str], Review],
) -> None:
    """The real chart_png (vl-convert, offline): a PNG twice the spec's size."""
    charts = chart_review("nb")
    # The four charts, in a consideration's section: its slide shows the first.
    review = replace(charts, sections=(replace(charts.sections[0], key="channels"),))
    slides = _open(render_pptx(review, "ws", chart_png))
    pictures = [
        (i, x) for i, s in enumerate(slides) for x in s.shapes if x.shape_type == 13
    ]
    assert len(pictures) == 1
    (_, picture) = pictures[0]
    assert picture.image.content_type == "image/png"
    assert picture.image.blob.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = picture.image.size
    assert width > 600 and height > 200
