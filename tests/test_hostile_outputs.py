"""The hostile set (tests/hostile.py) through every input and every output.

A demo workspace carries the set in its exports, registers and plan
(tests/hostile_workspace.py); ``fokus import`` and ``fokus review`` run on it as a
user runs them, and each file the review writes is read back: the HTML parsed,
the PDF's text layer, the JSON against its schema, the spreadsheet with openpyxl
and the deck with python-pptx.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import lxml.html
import openpyxl
import pptx
import pytest

from fokus.report.json import json_schema
from hostile import FORMULAS, HOSTILE, NO_NULL, REPLACEMENT, one_line, shown
from hostile_workspace import ORGANISATION, build
from poppler import poppler_tool
from scale_helpers import run

HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = build(tmp_path_factory.mktemp("hostile") / "workspace")
    imported = run("import", root, "--quiet")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "Refused: 0" in " ".join(imported.stdout.split())
    reviewed = run("review", root)
    assert reviewed.returncode == 0, reviewed.stdout + reviewed.stderr
    return root / "reports"


@pytest.fixture(scope="module")
def report_page(reports: Path) -> lxml.html.HtmlElement:
    html = (reports / "review.html").read_text("utf-8")
    return lxml.html.document_fromstring(html)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


# -- HTML -------------------------------------------------------------------------


def test_html_runs_only_its_own_scripts(report_page: lxml.html.HtmlElement) -> None:
    policy = report_page.xpath(
        "//meta[@http-equiv='Content-Security-Policy']/@content"
    )[0]
    allowed = set(re.findall(r"'sha256-([^']+)'", policy))
    scripts = report_page.xpath("//script")
    run_ = [s for s in scripts if s.get("type") != "application/json"]
    # Sorting, the Vega bundle and the chart embedding; every chart's spec and
    # the chart locale are JSON data blocks that parse as JSON.
    assert len(run_) == 3
    for script in run_:
        digest = hashlib.sha256((script.text or "").encode("utf-8")).digest()
        assert base64.b64encode(digest).decode() in allowed
        assert "alert(1)" not in (script.text or "")
    for block in scripts:
        if block.get("type") == "application/json":
            json.loads(block.text or "")
    assert len(report_page.xpath("//style")) == 3
    assert "display:none}" not in "".join(report_page.xpath("//style/text()"))


def test_html_has_no_element_or_attribute_from_the_data(
    report_page: lxml.html.HtmlElement,
) -> None:
    elements = [e for e in report_page.iter() if isinstance(e.tag, str)]
    assert not [e.tag for e in elements if e.tag in {"img", "svg", "iframe", "object"}]
    attributes = [(name, value) for e in elements for name, value in e.items()]
    assert not [name for name, _ in attributes if name.lower().startswith("on")]
    hrefs = [value for name, value in attributes if name == "href"]
    assert hrefs and all(re.fullmatch(r"#[a-z][a-z0-9_-]*", h) for h in hrefs)
    assert not [v for n, v in attributes if n in {"src", "action", "srcset", "style"}]


def test_html_shows_every_string_whole_and_hides_nothing(
    reports: Path, report_page: lxml.html.HtmlElement
) -> None:
    html = (reports / "review.html").read_text("utf-8")
    assert not HIDDEN.search(html)
    text = report_page.text_content()
    for name, hostile in HOSTILE.items():
        # A tab or CR reads as the space around it in HTML, so those are compared
        # with whitespace collapsed.
        seen = one_line(hostile) if "\t" in hostile or "\r" in hostile else None
        assert seen in " ".join(text.split()) if seen else shown(hostile) in text, name
    assert report_page.xpath("//title/text()")[0].endswith(shown(ORGANISATION))


# -- PDF --------------------------------------------------------------------------


def test_pdf_text_layer_shows_the_strings_and_nothing_overflows(
    reports: Path,
) -> None:
    pdf = reports / "review.pdf"
    text = subprocess.run(
        [poppler_tool("pdftotext"), "-enc", "UTF-8", pdf, "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = "".join(text.split())
    for name in ("script_tag", "img_onerror", "javascript_url", "css_url",
                 "formula_hyperlink", "template", "bidi_override"):  # fmt: skip
        assert "".join(shown(HOSTILE[name]).split()) in flat, name
    assert "Kystlaget" + "".join(shown(HOSTILE["script_tag"]).split()) in flat
    # The 5,000 x's break across lines (and pages) instead of running off the
    # page: every line of them fits, and all of them are there. A line's run is a
    # whole word of x's (the last line may hold only a few).
    runs = [len(run_) for run_ in re.findall(r"(?<!\S)x+(?!\S)", text)]
    assert max(runs) < 100
    assert sum(runs) >= 5000


def test_pdf_nothing_runs_past_the_page(reports: Path) -> None:
    # Was: the KPI tables (up to 22 columns) and number headers that never wrap
    # ran up to 57 pt past the A4 edge; wide tables now get landscape pages.
    boxes = subprocess.run(
        [poppler_tool("pdftotext"), "-bbox", reports / "review.pdf", "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = re.split(r"<page width=", boxes)[1:]
    assert len(pages) > 20
    widths = {round(float(page.split('"')[1])) for page in pages}
    assert widths == {595, 842}  # A4 portrait pages, and landscape ones
    for number, page in enumerate(pages, start=1):
        width = float(page.split('"')[1])
        right = [float(x) for x in re.findall(r'xMax="([0-9.]+)"', page)]
        assert max(right, default=0.0) <= width, number


# -- JSON -------------------------------------------------------------------------


def test_json_keeps_every_string_exactly_and_validates(reports: Path) -> None:
    document = json.loads((reports / "review.json").read_text("utf-8"))
    jsonschema.validate(document, json_schema())
    assert document["organisation"] == ORGANISATION
    strings = list(_strings(document))
    joined = "\n".join(strings)
    # Import trims a cell's leading and trailing whitespace (the tab, the CR and
    # the spaces before a would-be formula); everything else is kept as it came.
    for name, hostile in HOSTILE.items():
        assert hostile.strip() in joined, name
    assert REPLACEMENT not in joined


# -- XLSX -------------------------------------------------------------------------


def test_xlsx_has_no_formula_and_every_would_be_formula_is_text(
    reports: Path,
) -> None:
    book = openpyxl.load_workbook(reports / "review-tables.xlsx")
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = [c.value for c in cells if c.data_type == "s"]
    assert all(isinstance(t, str) for t in texts)
    assert not [t for t in texts if re.match(r"[=+\-@\t\r\uff1d]", str(t))]
    # A caption's leading tab, CR or spaces are trimmed on import; what is left
    # still starts like a formula, and has its apostrophe.
    for name, formula in FORMULAS.items():
        assert any(str(t).startswith("'" + formula.strip()) for t in texts), name
    assert not [t for t in texts if HIDDEN.search(str(t))]
    assert any(shown(HOSTILE["bidi_override"]) in str(t) for t in texts)


# -- PPTX -------------------------------------------------------------------------


def test_pptx_opens_and_shows_the_texts(reports: Path) -> None:
    deck = pptx.Presentation(str(reports / "review.pptx"))
    runs = [
        run_.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run_ in paragraph.runs
    ]
    assert runs[0] == one_line(ORGANISATION)
    assert len(deck.core_properties.title) <= 255
    joined = "\n".join(runs)
    assert not HIDDEN.search(joined)
    assert one_line(HOSTILE["script_tag"]) in joined


def test_the_inputs_carry_the_whole_set() -> None:
    # The CSV exports carry every string but the null byte; the registers and
    # the plan carry that too.
    assert set(HOSTILE) - set(NO_NULL) == {"null_byte"}
    assert HOSTILE["null_byte"] in ORGANISATION
