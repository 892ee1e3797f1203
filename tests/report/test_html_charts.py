"""Charts in the HTML page: figure markup, the spec as escaped JSON data, the Vega
bundle once and only with charts, a hash-based policy, and the print variant."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import re
from collections.abc import Callable

from fokus.model.results import Review
from fokus.report import render_html
from hostile import HOSTILE as SET

MakeReview = Callable[..., Review]
HOSTILE = SET["script_breakout"]


def _scripts(html: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>\n", html, re.DOTALL)


def _data_blocks(html: str) -> dict[str, str]:
    return dict(
        re.findall(
            r'<script type="application/json" id="([^"]+)">(.*?)</script>',
            html,
            re.DOTALL,
        )
    )


def _policy(html: str) -> str:
    match = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert match is not None
    return match.group(1)


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def test_each_chart_is_a_figure_with_caption_summary_and_data(
    chart_review: MakeReview,
) -> None:
    html = render_html(chart_review("nb"), "w")
    assert html.count('<figure class="chart"') == 4
    assert html.count('<details class="chart-data">') == 4
    assert html.count("<summary>Tallene bak diagrammet</summary>") == 4
    assert (
        '<span class="chart-title" id="coverage-chart-1-title">Omfang og frekvens</span>'
        in html
    )
    assert '<span class="chart-note">Tallene bak diagrammet</span>' in html
    assert (
        '<p class="visually-hidden" id="coverage-chart-1-summary">Diagram: Omfang og '
        "frekvens. Viser Andel etter Kanal for 3 rader. Tallene står i tabellen under.</p>"
        in html
    )
    assert (
        '<div class="chart-view" aria-hidden="true" '
        'data-fokus-chart="coverage-chart-1-spec"></div>' in html
    )


def test_specs_are_json_data_with_markup_characters_escaped(
    chart_review: MakeReview,
) -> None:
    html = render_html(chart_review("nb"), "w")
    blocks = _data_blocks(html)
    assert sorted(blocks) == [
        "coverage-chart-1-spec",
        "coverage-chart-2-spec",
        "coverage-chart-3-spec",
        "coverage-chart-4-spec",
        "fokus-chart-locale",
    ]
    raw = blocks["coverage-chart-1-spec"]
    for character in "<>&\u2028\u2029":
        assert character not in raw
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in raw
    spec = json.loads(raw)
    labels = [row["x"] for row in spec["datasets"][spec["data"]["name"]]]
    assert HOSTILE in labels
    assert "alert(1)</script>" not in html.replace(f"<td>{_escaped(HOSTILE)}", "")
    locale = json.loads(blocks["fokus-chart-locale"])
    assert locale["format"]["decimal"] == ","
    assert locale["format"]["thousands"] == "\u00a0"
    assert locale["time"]["months"][0] == "januar"


def _escaped(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;")


def test_line_separators_are_escaped_in_the_json(chart_review: MakeReview) -> None:
    review = chart_review("en")
    bar = review.sections[0].charts[0]
    label = "a\u2028b\u2029c & <d>"
    rows = ((label, 0.1, 0.05, 0.2, 40),)
    changed = dataclasses.replace(bar, data=dataclasses.replace(bar.data, rows=rows))
    section = dataclasses.replace(review.sections[0], charts=(changed,))
    html = render_html(dataclasses.replace(review, sections=(section,)), "w")
    raw = _data_blocks(html)["coverage-chart-1-spec"]
    assert "a\\u2028b\\u2029c \\u0026 \\u003cd\\u003e" in raw
    spec = json.loads(raw)
    assert spec["datasets"][spec["data"]["name"]][0]["x"] == label


def test_bundle_is_inlined_once_and_every_script_is_hashed(
    chart_review: MakeReview,
) -> None:
    html = render_html(chart_review("nb"), "w")
    scripts = _scripts(html)
    assert len(scripts) == 3  # sortable.js, the Vega bundle, charts.js
    assert html.count("window.vegaEmbed=") == 1
    policy = _policy(html)
    for script in scripts:
        assert _hash(script) in policy
    assert "unsafe-eval" not in policy
    assert "unsafe-inline" not in policy
    assert "ast: true" in scripts[2]


def test_no_bundle_without_charts(review: MakeReview) -> None:
    html = render_html(review("nb"), "w")
    assert "vegaEmbed" not in html
    assert "fokus-chart-locale" not in html
    assert len(_scripts(html)) == 1


def test_print_shows_static_svg_and_no_script(chart_review: MakeReview) -> None:
    html = render_html(chart_review("nb"), "w", for_print=True)
    # No script, and no policy either: WeasyPrint runs no script and fetches nothing.
    assert "<script" not in html
    assert "Content-Security-Policy" not in html
    assert (
        html.count('<div class="chart-view chart-static" aria-hidden="true"><svg') == 4
    )
    assert ">Blåbærsyltetøy på Ålesund</text>" in html
    assert "&lt;svg onload=alert(1)&gt;</text>" in html
    assert "<svg onload" not in html
    # The heatmap legend's gradient id is made unique to its chart. vl-convert
    # numbers gradients with one counter per process, so the number depends on
    # what was drawn before; the chart's own prefix does not.
    gradient = re.search(r'id="(coverage-chart-2-gradient_\d+)"', html)
    assert gradient is not None
    assert f"url(#{gradient[1]})" in html
