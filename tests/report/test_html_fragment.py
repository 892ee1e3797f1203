"""The review as an HTML fragment for the web app: the same templates as the page,
nothing a strict Content-Security-Policy would block, hostile text escaped."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable
from html.parser import HTMLParser

import pytest

from fokus.model.results import Review
from fokus.report import chart_script, render_fragment, render_html
from fokus.report.bundle import javascript_bundle
from hostile import HOSTILE as SET

MakeReview = Callable[..., Review]
HOSTILE = SET["script_tag"] + SET["img_onerror"] + SET["javascript_url"]


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each script element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


def _hostile_review(make: MakeReview) -> Review:
    base = make(organisation=HOSTILE, text_cell=HOSTILE, finding_value=HOSTILE)
    failed = dataclasses.replace(base.sections[1], error=HOSTILE)
    return dataclasses.replace(base, sections=(base.sections[0], failed))


def test_fragment_matches_golden_file(
    review: MakeReview, golden: Callable[[str, str], None]
) -> None:
    golden("review.nb.fragment.html", render_fragment(review("nb"), "kystlaget"))


@pytest.mark.parametrize("language", ["nb", "en"])
def test_fragment_is_the_page_s_main_content(
    review: MakeReview, chart_review: MakeReview, language: str
) -> None:
    for made in (review(language), chart_review(language)):
        page = render_html(made, "w")
        fragment = render_fragment(made, "w")
        main = re.search(r'<main id="main" tabindex="-1">\n(.*)</main>', page, re.S)
        assert main is not None
        assert fragment.startswith(f'<div class="fokus-review" lang="{language}">\n')
        assert fragment.endswith("</div>\n")
        assert main.group(1) in fragment


def test_nothing_inline_that_a_strict_policy_blocks(
    review: MakeReview, chart_review: MakeReview
) -> None:
    for made in (review("nb"), chart_review("en"), _hostile_review(review)):
        html = render_fragment(made, "w")
        tags = _tags(html)
        assert "style" not in {tag for tag, _ in tags}
        for tag, attrs in tags:
            assert "style" not in attrs, tag
            assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
            for name in ("href", "src"):
                assert not (attrs.get(name) or "").lower().startswith("javascript:")
            if tag == "script":
                assert attrs == {"type": "application/json", "id": attrs["id"]}


def test_charts_are_data_blocks_for_the_static_script(chart_review: MakeReview) -> None:
    html = render_fragment(chart_review("nb"), "w")
    ids = re.findall(r'<script type="application/json" id="([^"]+)">', html)
    assert ids == [
        "coverage-chart-1-spec", "coverage-chart-2-spec", "coverage-chart-3-spec",
        "coverage-chart-4-spec", "fokus-chart-locale",
    ]  # fmt: skip
    assert html.count('data-fokus-chart="coverage-chart-') == 4
    assert "alert(1)</script>" not in html
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in html


def test_hostile_text_stays_escaped(review: MakeReview) -> None:
    html = render_fragment(_hostile_review(review), "w")
    assert "<script>alert" not in html and "<img" not in html
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
        "javascript:alert(1)" in html
    )


def test_the_chart_script_is_the_bundle_and_the_page_scripts() -> None:
    asset = chart_script()
    text = asset.data.decode("utf-8")
    assert text.startswith(javascript_bundle())
    assert 'document.querySelectorAll("[data-fokus-chart]")' in text
    assert "Sortable tables" in text
    assert asset.sha256 == hashlib.sha256(asset.data).hexdigest()
    assert asset.name == f"fokus-review.{asset.sha256[:16]}.js"
    assert asset.content_type == "text/javascript; charset=utf-8"
    assert chart_script() is asset  # made once
