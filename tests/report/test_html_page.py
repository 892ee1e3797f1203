"""The HTML page's structure: cover, contents, scorecard, action plan, the sections
in the checklist's order, method notes and data appendix; headings, ids and links."""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable

import pytest
from html_pages import FILL, METHOD, MakeReview, Page, full_document, full_review

from fokus.report import render_html
from fokus.report.html import render_document


@pytest.fixture
def report_page(review: MakeReview) -> Page:
    return Page(render_document(full_document(full_review(review))))


def _ids(page: Page) -> list[str]:
    return [a["id"] or "" for _, a in page.elements if "id" in a]


def _between(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


def test_outline_matches_golden_file(
    review: MakeReview, golden: Callable[[str, str], None]
) -> None:
    golden(
        "review.nb.outline.txt",
        Page(render_document(full_document(full_review(review)))).outline,
    )


def test_parts_come_in_report_order(report_page: Page) -> None:
    sections = [a["id"] for tag, a in report_page.elements if tag == "section"]
    # The nine (here three) in the review's order, the appendix after the methods.
    assert sections == [
        "scorecard", "plan", "strategy", "ai_tools", "security", "methods", "coverage"
    ]  # fmt: skip


def test_contents_lists_every_part(report_page: Page) -> None:
    nav = _between(report_page.outline, '<nav id="contents"', "<main")
    assert re.findall(r'href="#([^"]+)"', nav) == [
        "scorecard", "plan", "strategy", "ai_tools", "security", "methods", "coverage"
    ]  # fmt: skip


def test_headings_one_h1_and_no_skipped_level(report_page: Page) -> None:
    levels = [
        int(tag[1]) for tag, _ in report_page.elements if re.fullmatch(r"h[1-6]", tag)
    ]
    assert levels.count(1) == 1
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))


def test_ids_are_unique_and_every_link_lands(report_page: Page) -> None:
    ids = _ids(report_page)
    assert len(ids) == len(set(ids))
    hrefs = [a["href"] for tag, a in report_page.elements if tag == "a"]
    assert hrefs
    assert all(h is not None and h[1:] in ids for h in hrefs)


def test_every_finding_carries_its_anchor(report_page: Page) -> None:
    anchors = [
        a["id"]
        for tag, a in report_page.elements
        if tag == "li" and "finding" in (a.get("class") or "")
    ]
    assert anchors == [
        "strategy-f1", "strategy-f2", "coverage-f1", "coverage-f2", "coverage-f3"
    ]  # fmt: skip


def test_tables_have_captions_and_header_scope(report_page: Page) -> None:
    tags = [tag for tag, _ in report_page.elements]
    assert tags.count("table") == 2
    assert tags.count("caption") == 2
    assert all(
        a.get("scope") == "col" for tag, a in report_page.elements if tag == "th"
    )


def test_skip_link_and_language(report_page: Page) -> None:
    body = [tag for tag, _ in report_page.elements].index("body")
    # The first thing in the body, so the first Tab reaches it.
    assert report_page.elements[body + 1] == ("a", {"class": "skip", "href": "#main"})
    assert report_page.elements[0] == ("html", {"lang": "nb"})
    assert "Hopp til innholdet" in report_page.text


def test_scorecard_lines(review: MakeReview) -> None:
    html = render_html(full_review(review, "en"), "w")
    scorecard = _between(html, '<section id="scorecard"', "</section>")
    # Number, title linking to its section, the standing in words and a shape, and
    # the verdict: the most serious finding's text, linking to it.
    shown = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", scorecard)).strip()
    assert shown == (
        "Where the nine considerations stand "
        "1 Does the strategy need adjusting? ◆ Fix now Only Jul på kaia posts have "
        "figures for the period; at least 30 are needed to say anything firm here. "
        # Too little data and no finding: the verdict says what would fill it.
        "2 Are you using AI in the best way? ○ Too little data Fill in "
        "registers/ai_tools.csv (fokus init writes the template): one row per AI "
        "tool, with its purpose, owner, users, cost a month, hours saved a month and "
        "whether it handles personal data. "
        "3 Is your security under control? ✕ Analysis failed The analysis stopped "
        "with an error; the rest of the report is unaffected."
    )
    assert '<a href="#strategy-f2">Only Jul på kaia posts' in scorecard
    assert (
        'class="standing standing-act"><span class="icon" aria-hidden="true">◆</span> Fix now</p>'
        in scorecard
    )


def test_action_plan_ranks_and_links(review: MakeReview) -> None:
    html = render_html(full_review(review, "en"), "w")
    plan = _between(html, '<section id="plan"', "</section>")
    items = re.findall(r'<p class="action-meta">(.*?)</p>', plan, re.DOTALL)
    assert items == [
        'Impact: high · effort: medium · from <a href="#strategy">Does the strategy need adjusting?</a>',
        'Impact: high · effort: low · from <a href="#coverage">Data and coverage</a>',
    ]
    # Each item's findings (the second item's section link comes between).
    links = _between(plan, 'class="plan-findings"', "</ol>")
    assert re.findall(r'<a href="#([^"]+)">', links) == [
        "strategy-f2", "coverage", "coverage-f1", "coverage-f2"
    ]  # fmt: skip
    assert "more actions" not in plan


def test_plan_says_how_many_more(review: MakeReview) -> None:
    base = full_review(review, "en")
    strategy = base.sections[1]
    many = tuple(
        dataclasses.replace(strategy.actions[0], params={"days": n}) for n in range(10)
    )
    review_ = dataclasses.replace(
        base,
        sections=(
            base.sections[0],
            dataclasses.replace(strategy, actions=many),
            *base.sections[2:],
        ),
    )
    plan = _between(render_html(review_, "w"), '<section id="plan"', "</section>")
    assert plan.count('class="plan-item"') == 7
    assert (
        '<p class="plan-more">The sections below propose 4 more actions, each where it belongs.</p>'
        in plan
    )


def test_method_note_and_fill(review: MakeReview) -> None:
    html = render_document(full_document(full_review(review)))
    strategy = _between(html, '<section id="strategy"', "</section>")
    assert (
        '<details class="method">\n    <summary>Slik er dette regnet ut</summary>\n'
        f"    <p>{METHOD}</p>\n  </details>\n</section>"
    ) in strategy + "</section>"
    thin = _between(html, '<section id="ai_tools"', "</section>")
    assert f"<p><strong>Dette trengs:</strong> {FILL}</p>" in thin
    methods = _between(html, '<section id="methods"', "</section>")
    assert "Slik er funn og tiltak rangert" in methods
    assert "Vi tar med høyst 7." in methods
    assert (
        f'<h3><a href="#strategy">Trenger strategien en justering?</a></h3>\n  <p>{METHOD}</p>'
        in methods
    )
    assert "<li>Jul på kaia: Jul på kaia</li>" in methods


def test_cover_tells_the_data_coverage(report_page: Page) -> None:
    cover = _between(report_page.outline, "<header", "<nav")
    assert '<ul class="coverage-notes">' in cover
    assert "1 av 3 punkter hadde nok data til en vurdering." in report_page.text
    # The appendix's info finding (here a bare key: the catalog has no such text).
    assert "coverage.not_in_any_catalog" in report_page.text


def test_appendix_is_titled_as_such(report_page: Page) -> None:
    assert "Vedlegg: Data og dekning" in report_page.text
