"""The PDF: real WeasyPrint output, read back with poppler's tools (pdftoppm,
pdftotext, pdfinfo, pdffonts) and Pillow.

Without poppler-utils these tests skip on a developer's machine and fail under CI
(``CI`` set), where scripts/apt-packages.txt installs them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from fokus.model.results import Column, Param, Review, Table
from fokus.report import render_html, render_pdf
from fokus.report.html import PRINT_MAX_ROWS
from fokus.report.pdf import PdfDrawing, html_to_pdf
from fokus.report.printing import page_counter, print_stylesheet
from hostile import HOSTILE
from poppler import poppler_tool

MakeReview = Callable[..., Review]
CAPTION = "Sommer på brygga 🚀 æøå"
HOSTILE_SCRIPT = HOSTILE["script_tag"]
HOSTILE_FORMULA = HOSTILE["formula_hyperlink"]
HOSTILE_IMAGE = HOSTILE["img_remote"]
# The accent colour of the report (report.css --accent) and of the test's SVG.
ACCENT = (0x1F, 0x4E, 0x79)


def _run(*args: str | Path) -> str:
    result = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, check=True
    )
    return result.stdout


def _write(pdf: bytes, folder: Path, name: str = "review.pdf") -> Path:
    assert pdf.startswith(b"%PDF-")
    path = folder / name
    path.write_bytes(pdf)
    return path


def _info(path: Path) -> dict[str, str]:
    lines = _run(poppler_tool("pdfinfo"), path).splitlines()
    return {
        key.strip(): value.strip()
        for key, value in (line.split(":", 1) for line in lines if ":" in line)
    }


def _page_count(path: Path) -> int:
    return int(_info(path)["Pages"])


def _text(path: Path, page: int | None = None, *, layout: bool = False) -> str:
    args: list[str | Path] = [poppler_tool("pdftotext"), "-enc", "UTF-8"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    if layout:
        args.append("-layout")
    return _run(*args, path, "-")


def _pages_as_png(path: Path, folder: Path) -> list[Image.Image]:
    _run(poppler_tool("pdftoppm"), "-r", "50", "-png", path, folder / "page")
    files = sorted(folder.glob("page-*.png"))
    return [Image.open(f).convert("RGB") for f in files]


def _ink(image: Image.Image) -> int:
    """How many pixels are not white."""
    histogram = image.convert("L").histogram()
    return sum(histogram[:250])


def _has_colour(image: Image.Image, colour: tuple[int, int, int]) -> bool:
    """True when some pixel is within a few steps of ``colour`` (antialiasing)."""
    colours = image.getcolors(maxcolors=1 << 20) or []
    return any(
        all(abs(a - b) <= 6 for a, b in zip(found, colour, strict=True))
        for _, found in colours
    )


def _review(make: MakeReview, language: str = "nb") -> Review:
    rows: tuple[tuple[Param, ...], ...] = (
        (CAPTION, 5, 10.0, 0.5, None),
        (HOSTILE_SCRIPT, 6, 11.0, 0.25, None),
        (HOSTILE_FORMULA, 7, 12.0, 0.125, None),
        (HOSTILE_IMAGE, 8, 13.0, 0.0625, None),
    )
    return make(language, extra_rows=rows)


@pytest.fixture(scope="module")
def nb_pdf(review: MakeReview, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pdf")
    return _write(render_pdf(_review(review), "kystlaget"), folder)


def test_pages_are_a4_and_none_is_blank(nb_pdf: Path, tmp_path: Path) -> None:
    info = _info(nb_pdf)
    # Cover with contents, the scorecard, the action plan, the one consideration
    # (security), the method notes and the appendix (coverage): each on its own page.
    assert info["Pages"] == "6"
    assert info["Page size"] == "595.276 x 841.89 pts (A4)"
    pages = _pages_as_png(nb_pdf, tmp_path)
    assert len(pages) == 6
    assert all(page.size == (414, 585) for page in pages)  # A4 at 50 dpi
    # A page with only its footer has 84 such pixels; every page has far more.
    assert all(_ink(page) > 2000 for page in pages), [_ink(p) for p in pages]


def test_text_layer_has_letters_emoji_footer_and_contents(nb_pdf: Path) -> None:
    text = _text(nb_pdf)
    assert "æøå" in text
    assert "🚀" in text
    assert CAPTION in text
    for page in range(1, 7):
        assert f"Side {page} av 6" in _text(nb_pdf, page)
    contents = " ".join(_text(nb_pdf, 1).split())
    # Each entry with its page number after the dot leader.
    assert re.search(r"Status på de ni punktene[ .]+ 2\b", contents), contents
    assert re.search(r"Gjør dette først[ .]+ 3\b", contents), contents
    assert re.search(r"1\. Har dere kontroll på sikkerheten\?[ .]+ 4\b", contents)
    assert re.search(r"Om metoden[ .]+ 5\b", contents), contents
    assert re.search(r"Vedlegg[ .]+ 6\b", contents), contents
    # The running header: organisation on every page after the cover.
    assert "Kystlaget Nord" in _text(nb_pdf, 2).splitlines()[0]
    assert "Status på de ni punktene" in _text(nb_pdf, 2)
    assert "Har dere kontroll på sikkerheten?" in _text(nb_pdf, 4)
    assert "Vedlegg: Data og dekning" in _text(nb_pdf, 6)


def test_hostile_text_is_literal_text(nb_pdf: Path) -> None:
    text = _text(nb_pdf)
    for hostile in (HOSTILE_SCRIPT, HOSTILE_FORMULA, HOSTILE_IMAGE):
        assert hostile in text
    raw = nb_pdf.read_bytes()
    # No link to the outside, no script, no embedded file: the text stayed text.
    for marker in (b"/URI", b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile"):
        assert marker not in raw


def test_fonts_dejavu_with_noto_emoji(nb_pdf: Path) -> None:
    fonts = _run(poppler_tool("pdffonts"), nb_pdf)
    names = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}
    assert names == {
        "DejaVu-Sans",
        "DejaVu-Sans-Bold",
        "DejaVu-Sans-Mono",
        "Noto-Color-Emoji",
    }


def test_english_footer_and_contents(review: MakeReview, tmp_path: Path) -> None:
    path = _write(render_pdf(_review(review, "en"), "w"), tmp_path)
    assert _page_count(path) == 6
    first = _text(path, 1)
    assert "Page 1 of 6" in first
    assert "Contents" in first
    assert "Page 6 of 6" in _text(path, 6)


def test_long_table_spans_pages_without_cutting_a_row(
    review: MakeReview, tmp_path: Path
) -> None:
    # Each caption wraps over many lines; its first and last word must be on the
    # same page, or the row was cut. On paper the table stops after
    # PRINT_MAX_ROWS rows (3 of the hand-built review's own, then 37 of these)
    # and says where the rest are.
    words = " ".join(["brygge"] * 90)
    rows = tuple(
        (f"r{i:03d}a {words} r{i:03d}z", i, float(i), i / 200, None) for i in range(60)
    )
    path = _write(render_pdf(review(extra_rows=rows), "w"), tmp_path)
    pages = _page_count(path)
    seen: dict[str, list[int]] = {}
    table_pages = []
    for page in range(1, pages + 1):
        text = _text(path, page)
        found = re.findall(r"\b(r\d{3}[az])\b", text)
        for word in found:
            seen.setdefault(word, []).append(page)
        if found:
            table_pages.append(page)
            # The header row is repeated on every page the table spans.
            assert "Kanal" in text
            assert "Rekkevidde" in text
    assert len(table_pages) > 3
    shown = PRINT_MAX_ROWS - 3
    for i in range(shown):
        first, last = seen[f"r{i:03d}a"], seen[f"r{i:03d}z"]
        assert len(first) == 1, (i, first)
        assert first == last, (i, first, last)
    assert not [word for word in seen if int(word[1:4]) >= shown]
    assert (
        "Her vises de første 40 av 63 radene. Alle står i HTML-rapporten og i "
        "regnearket (review-tables.xlsx)."
    ) in " ".join(_text(path, table_pages[-1]).split())


def test_print_page_has_no_script_and_no_policy(review: MakeReview) -> None:
    printed = render_html(review(), "w", for_print=True)
    assert "<script" not in printed
    assert "Content-Security-Policy" not in printed
    assert '<style media="print">' in printed
    screen = render_html(review(), "w")
    assert screen.count("<script>") == 1
    assert "Content-Security-Policy" in screen
    # Both carry the same print stylesheet, so printing the HTML looks like the PDF.
    style = re.compile(r'<style media="print">(.*?)</style>', re.DOTALL)
    assert style.findall(printed) == style.findall(screen)
    assert style.findall(printed) == [print_stylesheet("nb")]


def test_page_counter_in_both_languages() -> None:
    assert page_counter("Side {page} av {pages}") == (
        '"Side " counter(page) " av " counter(pages)'
    )
    assert page_counter("{page}/{pages}") == 'counter(page) "/" counter(pages)'
    assert page_counter('Page" } </style>{page}') == (
        '"Page\\22  } \\3c /style\\3e " counter(page)'
    )
    assert print_stylesheet("nb").endswith(
        '@page { @bottom-right { content: "Side " counter(page) " av " '
        "counter(pages); } }\n"
    )
    assert '"Page " counter(page) " of " counter(pages)' in print_stylesheet("en")


def test_fetcher_refuses_every_url_but_data(tmp_path: Path) -> None:
    pixel = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQV"
        "R42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
    secret = tmp_path / "secret.css"
    secret.write_text("body { background: red; }", encoding="utf-8")
    html = f"""<!DOCTYPE html><html><head>
<link rel="stylesheet" href="{secret.as_uri()}">
<style>@import url("http://127.0.0.1:9/a.css");
p {{ background: url("https://127.0.0.1:9/b.png"); }}</style></head>
<body><p>Hei<img src="http://127.0.0.1:9/c.png"><img src="{pixel}">
<img src="ftp://127.0.0.1:9/d.png"></p></body></html>"""
    refused: list[str] = []
    pdf = html_to_pdf(html, refused.append)
    assert sorted(refused) == sorted(
        [
            secret.as_uri(),
            "http://127.0.0.1:9/a.css",
            "https://127.0.0.1:9/b.png",
            "http://127.0.0.1:9/c.png",
            "ftp://127.0.0.1:9/d.png",
        ]
    )
    path = _write(pdf, tmp_path)
    (page,) = _pages_as_png(path, tmp_path)
    assert not _has_colour(page, (255, 0, 0))  # the local stylesheet was not read


def test_inline_svg_is_drawn(review: MakeReview, tmp_path: Path) -> None:
    base = review()
    page = render_html(
        Review(
            organisation=base.organisation,
            language="nb",
            generated_at=base.generated_at,
            period=None,
            sections=(),
        ),
        "w",
        for_print=True,
    )
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" width="300" height="120"'
        ' viewBox="0 0 300 120"><title>Innlegg per kanal</title>'
        '<rect x="10" y="10" width="200" height="60" fill="#1f4e79"/>'
        '<image href="http://127.0.0.1:9/e.png" width="10" height="10"/>'
        '<text x="10" y="100" font-size="14">Blåbær og øl 🚀</text></svg>'
    )
    refused: list[str] = []
    path = _write(
        html_to_pdf(re.sub("(<main[^>]*>)", r"\1" + svg, page), refused.append),
        tmp_path,
    )
    assert refused == ["http://127.0.0.1:9/e.png"]
    (first, *_) = _pages_as_png(path, tmp_path)
    assert _has_colour(first, ACCENT)
    assert "Blåbær og øl" in _text(path, 1)


def _fokus(
    *args: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={
            **os.environ,
            "COLUMNS": "500",
            "NO_COLOR": "1",
            "PYTHONWARNINGS": "",
            **(env or {}),
        },
        check=False,
    )


@pytest.mark.slow
def test_fokus_review_writes_the_pdf(demo_workspace: Path, tmp_path: Path) -> None:
    copy = tmp_path / "demo"
    shutil.copytree(demo_workspace, copy)
    (copy / "reports" / "review.pdf").unlink(missing_ok=True)
    result = _fokus("-m", "fokus", "review", copy, "--lang", "nb")
    assert result.returncode == 0, result.stderr
    pdf = copy / "reports" / "review.pdf"
    html = copy / "reports" / "review.html"
    json = copy / "reports" / "review.json"
    reports = copy / "reports"
    assert result.stdout.splitlines() == [
        "Rapporten er skrevet:",
        f"  {html}",
        f"  {pdf}",
        f"  {json}",
        f"  {reports / 'review-tables.xlsx'}",
        f"  {reports / 'review.pptx'}",
    ]
    pages = _page_count(pdf)
    # Cover and contents, the nine considerations and the appendix, at least.
    assert pages >= 11
    images = _pages_as_png(pdf, tmp_path)
    assert len(images) == pages
    # A page with only its running header and footer has 563 such pixels; a
    # section's last few lines may stand alone on a page, so the bar is lower here.
    assert all(_ink(image) > 1000 for image in images), [_ink(i) for i in images]
    assert f"Side {pages} av {pages}" in _text(pdf, pages)


def test_a_crowded_tables_words_stay_whole_with_the_widths_fokus_chose(
    review: MakeReview, tmp_path: Path
) -> None:
    """Nine columns (a wide table, 7 pt) of long words that fill the page: with
    the widths of fokus.report.print_widths no word is broken inside its cell."""
    words = ["Målpassform", "Engasjement", "fjordvikkommune", "Instagramkonto",
             "Samarbeidet", "Rekkevidde", "Oppfølgingen", "Publisering",
             "Støttekanal"]  # fmt: skip
    table = Table(
        key="crowded",
        title_key="section.channels.title",
        columns=tuple(
            Column(f"c{i}", "report.column.channel", "text") for i in range(9)
        ),
        rows=tuple(tuple(words[(i + r) % 9] for i in range(9)) for r in range(5)),
    )
    made = review()
    section = replace(made.sections[0], tables=(table,))
    made = replace(made, sections=(section, *made.sections[1:]))
    text = _text(_write(render_pdf(made, "kystlaget"), tmp_path))
    for word in words:
        assert text.count(word) == 5, word


def test_the_pdf_drawn_aside_is_the_pdf_drawn_here(
    review: MakeReview, tmp_path: Path
) -> None:
    made = _review(review)
    with PdfDrawing(made, "kystlaget") as drawing:
        aside = _write(drawing.result(), tmp_path, "aside.pdf")
        assert drawing.drawn_aside
    here = _write(render_pdf(made, "kystlaget"), tmp_path, "here.pdf")
    assert _page_count(aside) == _page_count(here)
    assert _text(aside) == _text(here)
    assert CAPTION in _text(aside)


@pytest.mark.parametrize("python", ["/bin/false", "/no/such/python", ""])
def test_without_a_second_process_the_pdf_is_drawn_here(
    review: MakeReview, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, python: str
) -> None:
    # A second process that fails, or that cannot be started at all.
    monkeypatch.setattr(sys, "executable", python)
    with PdfDrawing(_review(review), "kystlaget") as drawing:
        pdf = _write(drawing.result(), tmp_path)
        assert not drawing.drawn_aside
    assert CAPTION in _text(pdf)


def test_leaving_without_the_result_stops_the_second_process(
    review: MakeReview,
) -> None:
    with PdfDrawing(_review(review), "kystlaget") as drawing:
        process = drawing._process
        assert process is not None and process.poll() is None
    assert process.returncode is not None
    assert not drawing.drawn_aside


def test_review_without_weasyprint_writes_html_and_json(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    made = _fokus("-m", "fokus", "init", root, "--lang", "nb")
    assert made.returncode == 0, made.stderr
    # A WeasyPrint that cannot load Pango, as when the system library is missing,
    # found first on the module path: by this process and by the second one that
    # draws the PDF (fokus.report.pdf.PdfDrawing).
    broken = tmp_path / "broken" / "weasyprint"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text(
        "raise OSError(\"cannot load library 'libpango-1.0-0'\")\n", encoding="utf-8"
    )
    result = _fokus(
        "-m", "fokus", "review", root, "--lang", "nb", "--pdf", root / "x.pdf",
        env={"PYTHONPATH": str(broken.parent)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    reports = root / "reports"
    assert (reports / "review.html").is_file()
    assert (reports / "review.json").is_file()
    assert not (root / "x.pdf").exists()
    err = " ".join(result.stderr.split())
    assert "Traceback" not in err
    assert err.startswith(
        "! PDF-en ble ikke laget: WeasyPrint, eller et systembibliotek den trenger, "
        "mangler (OSError: cannot load library 'libpango-1.0-0')."
    )
    assert "Installer WeasyPrint (pip install 'weasyprint>=70,<71')" in err
    # The list of files written leaves the PDF out.
    assert result.stdout.splitlines() == [
        "Rapporten er skrevet:",
        f"  {reports / 'review.html'}",
        f"  {reports / 'review.json'}",
        f"  {reports / 'review-tables.xlsx'}",
        f"  {reports / 'review.pptx'}",
    ]


def test_a_long_chart_table_stops_on_paper_too(
    chart_review: Callable[..., Review],
) -> None:
    # The chart is the picture of its table; on paper the table under it stops
    # after PRINT_MAX_ROWS rows like every other (a heatmap of 40 accounts had
    # 2,000 rows, and its table was most of the PDF's pages).
    review = chart_review("en")
    section = review.sections[0]
    bar = section.charts[0]
    rows = tuple((f"Channel {i:03d}", 0.01, 0.005, 0.02, 100) for i in range(70))
    long_bar = replace(bar, data=replace(bar.data, rows=rows))
    review = replace(
        review, sections=(replace(section, charts=(long_bar, *section.charts[1:])),)
    )
    printed = render_html(review, "w", for_print=True)
    figure = printed[printed.index('<figure class="chart"') :]
    figure = figure[: figure.index("</figure>")]
    shown = re.findall(r"<td[^>]*>Channel (\d{3})</td>", figure)
    assert shown == [f"{i:03d}" for i in range(PRINT_MAX_ROWS)]
    assert "The first 40 of 70 rows are shown here." in " ".join(figure.split())
    on_screen = render_html(review, "w")
    assert len(re.findall(r"<td[^>]*>Channel \d{3}</td>", on_screen)) == 70
