"""Hostile text in every place the data reaches the page: parsed back, it has made
no element, no attribute and no link, and it reads literally."""

from __future__ import annotations

import base64
import re

import pytest
from html_pages import MakeReview, Page, full_document, full_review

from fokus.model.branding import Branding, Logo
from fokus.report.html import render_document
from hostile import HOSTILE, shown

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(40))
ALL = " ".join(HOSTILE.values())
"""The whole shared set in one text, put in every place the data reaches."""


@pytest.fixture
def pages(review: MakeReview) -> tuple[Page, Page, str]:
    hostile = render_document(full_document(full_review(review, text=ALL), ALL))
    benign = render_document(
        full_document(full_review(review, text="Jul på kaia"), "kystlaget")
    )
    return Page(hostile), Page(benign), hostile


def test_hostile_text_makes_no_element(pages: tuple[Page, Page, str]) -> None:
    hostile, benign, _ = pages
    # Organisation, workspace, finding and action parameters, table cells, chart
    # title, labels and note all hold the hostile text; the page has exactly the
    # structure it has with plain text there.
    assert hostile.outline == benign.outline
    assert [tag for tag, _ in hostile.elements] == [tag for tag, _ in benign.elements]


def test_only_our_script_and_styles(pages: tuple[Page, Page, str]) -> None:
    hostile, benign, _ = pages
    # Sorting, the Vega bundle and the chart embedding; the chart locale and the
    # spec are JSON data blocks, never run.
    scripts = [a for tag, a in hostile.elements if tag == "script"]
    assert len(scripts) == 5
    assert [a.get("type") for a in scripts].count("application/json") == 2
    assert len(hostile.scripts) == 3
    assert hostile.scripts == benign.scripts
    assert hostile.styles == benign.styles
    assert "alert" not in "".join(hostile.scripts + hostile.styles)


def test_no_event_handlers_and_only_local_links(pages: tuple[Page, Page, str]) -> None:
    hostile, _, _ = pages
    attributes = [
        (name, value) for _, a in hostile.elements for name, value in a.items()
    ]
    assert not [name for name, _ in attributes if name.startswith("on")]
    hrefs = [value or "" for name, value in attributes if name == "href"]
    assert hrefs
    assert all(re.fullmatch(r"#[a-z][a-z0-9_-]*", href) for href in hrefs)
    assert not [
        value
        for name, value in attributes
        if name in {"src", "action", "formaction", "srcset"}
    ]


def test_hostile_text_reads_literally(pages: tuple[Page, Page, str]) -> None:
    hostile, _, html = pages
    neutralised = shown(ALL)
    # Title, cover, workspace; finding, verdict, plan and action texts; the
    # chart's caption, note, summary for screen readers, data table and its note
    # in the method chapter; table cells and column labels: each shows the whole
    # text, as text.
    assert hostile.text.count(neutralised) == 23
    for text in HOSTILE.values():
        assert shown(text) in hostile.text
    assert "\u202e" not in html and "\x00" not in html and "\x07" not in html
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html


def test_hostile_organisation_in_the_logo_alt_text(review: MakeReview) -> None:
    logo = Branding(logo=Logo(PNG, "image/png"))
    html = render_document(full_document(full_review(review, text=ALL), "w"), logo)
    images = [a for tag, a in Page(html).elements if tag == "img"]
    assert images == [
        {
            "class": "logo",
            "src": "data:image/png;base64," + base64.b64encode(PNG).decode(),
            "alt": "Logoen til " + shown(ALL),
        }
    ]
