from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
from collections.abc import Callable

import pytest

from fokus import __version__
from fokus.model.results import Review, SectionResult
from fokus.report import render_html
from hostile import HOSTILE as SET

MakeReview = Callable[..., Review]
NBSP = "\u00a0"


def _inline(html: str, tag: str) -> str:
    match = re.search(rf"<{tag}>(.*?)</{tag}>", html, re.DOTALL)
    assert match is not None
    return match.group(1)


def _hostile_review(make: MakeReview, hostile: str) -> Review:
    base = make(organisation=hostile, text_cell=hostile, finding_value=hostile)
    failed = dataclasses.replace(base.sections[1], error=hostile)
    return dataclasses.replace(base, sections=(base.sections[0], failed))


def test_matches_golden_file(
    review: MakeReview, golden: Callable[[str, str], None]
) -> None:
    golden("review.nb.html", render_html(review("nb"), "kystlaget"))


@pytest.mark.parametrize(("language", "expected"), [("nb", "nb"), ("en", "en")])
def test_lang_attribute(review: MakeReview, language: str, expected: str) -> None:
    assert f'<html lang="{expected}">' in render_html(review(language), "w")


@pytest.mark.parametrize(
    ("hostile", "escaped"),
    [
        (SET["script_tag"], "&lt;script&gt;alert(1)&lt;/script&gt;"),
        (SET["attribute_breakout"], "&#34; onmouseover=&#34;alert(1)"),
        (
            SET["style_breakout"],
            "&lt;/style&gt;&lt;style&gt;body{display:none}&lt;/style&gt;",
        ),
        (SET["javascript_url"], "javascript:alert(1)"),
        (SET["bidi_override"], "evil\ufffdgpj.exe"),
        (SET["null_byte"], "nul\ufffdbyte"),
    ],
)
def test_untrusted_text_is_escaped_everywhere(
    review: MakeReview, hostile: str, escaped: str
) -> None:
    html = render_html(_hostile_review(review, hostile), hostile)
    # Organisation (title and cover), workspace, finding text (in its section and
    # in the action plan, which links to it), table cell, error.
    assert html.count(escaped) == 7
    assert "alert(1)</script>" not in html
    assert "onmouseover=" not in html.replace("onmouseover=&#34;", "")
    # The screen, the brand and the print stylesheet.
    assert html.count("</style>") == 3
    assert html.count("<script>") == 1
    assert "\u202e" not in html and "\x00" not in html
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs
    assert all(re.fullmatch(r"#[a-z0-9_-]+", href) for href in hrefs)


def test_hostile_section_key_gets_a_safe_id(review: MakeReview) -> None:
    base = review()
    odd = SectionResult(key='x" onclick="y', status="ok")
    twin = SectionResult(key="coverage", status="ok")
    html = render_html(
        dataclasses.replace(base, sections=(*base.sections, odd, twin)), "w"
    )
    # The appendix (the first coverage section) comes last, after the method
    # notes; a second section with its key is neither a consideration nor it.
    assert re.findall(r'<section id="([^"]+)"', html) == [
        "scorecard",
        "plan",
        "security",
        "section-2",
        "methods",
        "coverage",
    ]
    assert 'onclick="' not in html


def test_numbers_follow_the_locale_nb(review: MakeReview) -> None:
    html = render_html(review("nb"), "w")
    assert f'data-sort="12345.6">12{NBSP}345,6</td>' in html
    assert f'data-sort="1204.0">1{NBSP}204</td>' in html
    assert f'data-sort="0.0734">7,3{NBSP}%</td>' in html
    assert 'data-sort="2025-04-14">14. apr. 2025</td>' in html
    assert 'data-sort="">–</td>' in html
    assert "<td>Jul på kaia</td>" in html
    assert (
        f"n = 12{NBSP}345 · verdi 0,073 · usikkerhet 0,051 til 0,094 · "
        f"sannsynlighet 87{NBSP}% · målt mot rekkevidde"
    ) in html


def test_numbers_follow_the_locale_en(review: MakeReview) -> None:
    html = render_html(review("en"), "w")
    assert 'data-sort="12345.6">12,345.6</td>' in html
    assert 'data-sort="1204.0">1,204</td>' in html
    assert 'data-sort="0.0734">7.3%</td>' in html
    assert 'data-sort="2025-04-14">14 Apr 2025</td>' in html
    assert (
        "n = 12,345 · value 0.073 · uncertainty 0.051 to 0.094 · "
        "probability 87% · relative to reach"
    ) in html


def test_numeric_columns_are_right_aligned(review: MakeReview) -> None:
    html = render_html(review(), "w")
    assert re.findall(r"<th scope=\"col\"( class=\"num\")?>", html) == [
        "",
        ' class="num"',
        ' class="num"',
        ' class="num"',
        "",
    ]
    assert ".num { text-align: right;" in html


def test_section_order_is_kept(review: MakeReview) -> None:
    base = review()
    flipped = dataclasses.replace(base, sections=tuple(reversed(base.sections)))
    html = render_html(flipped, "w")
    assert re.findall(r'<section id="([^"]+)"', html) == [
        "scorecard", "plan", "security", "methods", "coverage"
    ]  # fmt: skip
    nav = html[html.index("<nav") : html.index("</nav>")]
    assert re.findall(r'<li><a href="#([^"]+)"', nav) == [
        "scorecard", "plan", "security", "methods", "coverage"
    ]  # fmt: skip


def test_failed_section_has_a_callout_with_details(review: MakeReview) -> None:
    html = render_html(review("nb"), "w")
    failed = html[html.index('<section id="security"') :]
    assert "Denne delen kunne ikke lages" in failed
    assert "Resten av rapporten er laget som vanlig" in failed
    assert "<details>" in failed
    assert "<pre>ZeroDivisionError: division by zero</pre>" in failed
    assert html.count('class="callout callout-failed"') == 1


def test_insufficient_section_says_so(review: MakeReview) -> None:
    base = review("en")
    thin = SectionResult(key="formats", status="insufficient_data")
    html = render_html(dataclasses.replace(base, sections=(thin,)), "w")
    assert "Visual formats" in html
    assert "Too little data" in html
    assert "too little data here to draw firm conclusions" in html


def test_cover_and_footer(review: MakeReview) -> None:
    nb = render_html(review("nb"), "kystlaget")
    assert "<dd>1. jan. 2025 – 31. des. 2025</dd>" in nb
    assert "<dd>15. jan. 2026</dd>" in nb
    assert f"Laget med fokus {__version__}" in nb
    en = render_html(dataclasses.replace(review("en"), period=None), "kystlaget")
    assert "<dd>No dated data yet</dd>" in en
    assert f"Made with fokus {__version__}" in en
    assert ">Contents</h2>" in en


def test_self_contained_with_matching_policy(review: MakeReview) -> None:
    html = render_html(review(), "w")
    for pattern in ("http://", "https://", "src=", "url(", "@import", "@font-face"):
        assert pattern not in html
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy is not None

    def digest(text: str) -> str:
        value = hashlib.sha256(text.encode("utf-8")).digest()
        return "sha256-" + base64.b64encode(value).decode("ascii")

    styles = re.findall(r"<style(?: media=\"print\")?>(.*?)</style>", html, re.DOTALL)
    assert len(styles) == 3  # the style sheet, the brand colours, the print sheet
    hashes = " ".join(f"'{digest(style)}'" for style in styles)
    assert f"style-src {hashes};" in policy.group(1)
    assert f"script-src '{digest(_inline(html, 'script'))}';" in policy.group(1)
    assert "default-src 'none'" in policy.group(1)


def test_same_review_gives_identical_html(review: MakeReview) -> None:
    assert render_html(review(), "w") == render_html(review(), "w")
