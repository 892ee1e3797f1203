"""The page in a real browser (Debian's chromium through Playwright, every request
but the file itself refused): phone and wide screen, keyboard, sorting.

Skipped only when chromium is missing and CI is not set; under CI it must be
there (scripts/apt-packages.txt); tests/conftest.py launches it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from html_pages import MakeReview, full_document, full_review

from fokus.report.html import render_document

LONG = "Jul på kaia " + "veldiglangtordutenmellomrom" * 6


@pytest.fixture
def chromium(browser: Any) -> Any:
    """pytest-playwright's browser: Debian's chromium (tests/conftest.py)."""
    return browser


@pytest.fixture
def report_file(review: MakeReview, tmp_path: Path) -> Path:
    path = tmp_path / "review.html"
    html = render_document(full_document(full_review(review, text=LONG), LONG))
    path.write_text(html, encoding="utf-8")
    return path


def _open(chromium: Any, path: Path, width: int) -> tuple[Any, list[str], list[str]]:
    page = chromium.new_page(viewport={"width": width, "height": 800})
    requests: list[str] = []
    errors: list[str] = []
    local = path.as_uri()

    def route(r: Any) -> None:
        if r.request.url.split("#")[0] == local:
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(local)
    return page, requests, errors


def test_phone_has_no_horizontal_page_scroll(chromium: Any, report_file: Path) -> None:
    page, requests, errors = _open(chromium, report_file, 380)
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] == widths[1] == 380
    # A wide table scrolls in its own region instead.
    region = page.locator("#coverage-table-1").locator("xpath=..")
    assert region.evaluate("e => getComputedStyle(e).overflowX") == "auto"
    assert requests == []
    assert errors == []


def test_wide_screen_keeps_a_comfortable_measure(
    chromium: Any, report_file: Path
) -> None:
    page, _, errors = _open(chromium, report_file, 1600)
    width = page.evaluate(
        "document.querySelector('main').getBoundingClientRect().width"
    )
    assert 700 < width <= 54 * 17
    assert errors == []


def test_keyboard_reaches_the_skip_link_and_sorts_tables(
    chromium: Any, report_file: Path
) -> None:
    page, _, errors = _open(chromium, report_file, 1024)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    # Sortable headers are buttons in the header cells, with aria-sort kept up to date.
    header = page.locator("#coverage-table-1 th").nth(1)
    button = header.locator("button")
    assert button.count() == 1
    cells = page.locator("#coverage-table-1 tbody tr td:nth-child(2)")
    assert cells.all_inner_texts() == ["1\u00a0204", "87", "3"]
    button.focus()
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "ascending"
    assert cells.all_inner_texts() == ["3", "87", "1\u00a0204"]
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "descending"
    assert cells.all_inner_texts() == ["1\u00a0204", "87", "3"]
    assert errors == []


@pytest.mark.slow
def test_demo_report_reads_on_a_phone(chromium: Any, demo_workspace: Path) -> None:
    # ``fokus demo`` has written the review already; it is only read here.
    report = demo_workspace / "reports" / "review.html"
    page, requests, errors = _open(chromium, report, 360)
    assert page.evaluate("document.documentElement.scrollWidth") == 360
    assert page.locator("#scorecard li.score").count() == 9
    assert 1 <= page.locator("#plan li.plan-item").count() <= 7
    links = page.evaluate(
        "Array.from(document.querySelectorAll('a[href^=\"#\"]'))"
        ".map(a => a.getAttribute('href').slice(1))"
        ".filter(id => !document.getElementById(id))"
    )
    assert links == []
    assert requests == []
    assert errors == []


def test_printing_never_leaves_white_text_on_a_missing_background(
    chromium: Any, report_file: Path
) -> None:
    page, _, _ = _open(chromium, report_file, 1024)
    script = "s => getComputedStyle(document.querySelector(s)).color"
    assert page.evaluate(script, ".cover-band") == "rgb(255, 255, 255)"
    page.emulate_media(media="print")
    # Browsers drop backgrounds when printing: the cover's text goes back to ink.
    for selector in (".cover-band", ".score-number"):
        assert page.evaluate(script, selector) == "rgb(27, 31, 36)"
