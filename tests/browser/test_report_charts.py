"""The report page in a real browser, with the network cut off: no request leaves
the file, no script fails, the policy is never violated, and every chart draws."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page

from fokus.model.results import Review
from fokus.report import render_html
from fokus.review import review_workspace
from fokus.workspace import open_workspace

pytestmark = pytest.mark.browser

_WATCH_POLICY = (
    "window.__violations = [];"
    "document.addEventListener('securitypolicyviolation',"
    " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
)


@dataclasses.dataclass
class Opened:
    requests: list[str]
    problems: list[str]
    violations: list[str]
    charts: list[tuple[str | None, int]]
    """Per chart view: its data-rendered state and how many marks its SVG has."""


def _open(page: Page, html: str, folder: Path) -> Opened:
    path = folder / "report.html"
    path.write_text(html, encoding="utf-8")
    url = path.as_uri()
    requests: list[str] = []
    problems: list[str] = []

    def route(route_: object) -> None:
        request = route_.request  # type: ignore[attr-defined]
        if request.url == url:
            route_.continue_()  # type: ignore[attr-defined]
        else:
            requests.append(request.url)
            route_.abort()  # type: ignore[attr-defined]

    page.route("**/*", route)
    page.on(
        "console",
        lambda m: (
            problems.append(f"{m.type}: {m.text}")
            if m.type in {"error", "warning"}
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))
    page.add_init_script(_WATCH_POLICY)
    page.goto(url)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-fokus-chart]')]"
        ".every(v => v.hasAttribute('data-rendered'))",
        timeout=30_000,
    )
    charts = page.eval_on_selector_all(
        "figure.chart [data-fokus-chart]",
        "views => views.map(v => [v.getAttribute('data-rendered'),"
        " v.querySelectorAll('svg .mark-rect path, svg .mark-rule line,"
        " svg .mark-line path, svg .mark-symbol path, svg .mark-text text').length])",
    )
    return Opened(
        requests,
        problems,
        page.evaluate("window.__violations"),
        [(state, count) for state, count in charts],
    )


def test_hand_built_charts_render_offline(
    page: Page, tmp_path: Path, chart_review: Callable[..., Review]
) -> None:
    review = chart_review("nb")
    opened = _open(page, render_html(review, "w"), tmp_path)
    assert opened.requests == []
    assert opened.problems == []
    assert opened.violations == []
    assert [state for state, _ in opened.charts] == ["true"] * 4
    assert all(count > 0 for _, count in opened.charts), opened.charts
    # The hostile label is drawn as text, not run.
    assert page.evaluate("typeof window.alert") == "function"
    labels = page.eval_on_selector_all(
        "#coverage-chart-1 svg text", "nodes => nodes.map(n => n.textContent)"
    )
    assert "Blåbærsyltetøy på Ålesund" in labels
    assert page.locator("#coverage-chart-1 svg script").count() == 0


def test_demo_review_renders_every_chart(
    page: Page, tmp_path: Path, demo_workspace: Path
) -> None:
    folder = tmp_path / "demo"
    shutil.copytree(demo_workspace, folder)
    review = review_workspace(open_workspace(folder), language="nb", record=False)
    expected = sum(len(section.charts) for section in review.sections)
    opened = _open(page, render_html(review, folder.name), tmp_path)
    assert opened.requests == []
    assert opened.problems == []
    assert opened.violations == []
    assert expected >= 6
    assert len(opened.charts) == expected
    assert [state for state, _ in opened.charts] == ["true"] * expected
    assert all(count > 0 for _, count in opened.charts), opened.charts
