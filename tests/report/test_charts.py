"""Chart specs and SVG: exact encodings per kind, small groups, suppressed heatmap
cells, locale formats, and hostile labels escaped in the SVG."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import altair as alt
import jsonschema
import pytest
import vl_convert as vlc

from fokus.model.results import Review
from fokus.report.blocks import ChartBlock, section_block
from fokus.report.charts import (
    FORMAT_LOCALE,
    TIME_FORMAT_LOCALE,
    chart_png,
    chart_spec,
    chart_spec_json,
    chart_svg,
    summary,
)
from hostile import HOSTILE

NBSP = "\u00a0"
HOSTILE_LABEL = HOSTILE["script_breakout"]  # as in conftest.make_charts
SVG_LABEL = HOSTILE["svg_onload"]
Blocks = Callable[..., dict[str, ChartBlock]]


@pytest.fixture
def blocks(chart_review: Callable[..., Review]) -> Blocks:
    """The hand-built review's four chart blocks by kind, in a language."""

    def make(language: str = "nb") -> dict[str, ChartBlock]:
        review = chart_review(language)
        section = section_block(review.sections[0], review.language)
        return {chart.kind: chart for chart in section.charts}

    return make


def _values(spec: dict[str, Any]) -> list[dict[str, Any]]:
    values: list[dict[str, Any]] = spec["datasets"][spec["data"]["name"]]
    return values


def _texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_bar_has_bars_an_interval_and_named_axes(blocks: Blocks) -> None:
    spec = chart_spec(blocks()["bar"], "nb")
    bars, rule = spec["layer"]
    assert spec["title"] == {"text": "Omfang og frekvens", "anchor": "start"}
    assert spec["width"] == 360
    assert spec["height"] == {"step": 22}
    assert bars["mark"] == {"type": "bar", "color": "#3b6e8f"}
    assert bars["encoding"]["y"] == {
        "field": "x",
        "type": "nominal",
        "sort": None,
        "title": "Kanal",
        "axis": {"labelLimit": 260},
    }
    assert bars["encoding"]["x"] == {
        "field": "y",
        "type": "quantitative",
        "title": "Andel (%), målt mot rekkevidde",
        "axis": {"format": ".0%"},
        "scale": {"zero": True},
    }
    assert rule["mark"] == {"type": "rule", "color": "#6b7280", "strokeWidth": 1.5}
    assert rule["encoding"]["x"] == {"field": "low", "type": "quantitative"}
    assert rule["encoding"]["x2"] == {"field": "high"}


def test_bar_marks_small_groups_faded_with_a_legend(blocks: Blocks) -> None:
    spec = chart_spec(blocks()["bar"], "nb")
    assert spec["layer"][0]["encoding"]["opacity"] == {
        "field": "group",
        "type": "ordinal",
        "scale": {
            "domain": ["30 innlegg eller flere", "færre enn 30 innlegg"],
            "range": [1.0, 0.35],
        },
        "legend": {"orient": "bottom", "title": None},
    }
    assert _values(spec) == [
        {
            "x": "Blåbærsyltetøy på Ålesund",
            "y": 0.0734,
            "low": 0.051,
            "high": 0.094,
            "n": 1234.0,
            "group": "30 innlegg eller flere",
        },
        {
            "x": HOSTILE_LABEL,
            "y": 0.02,
            "low": 0.01,
            "high": 0.05,
            "n": 12.0,
            "group": "færre enn 30 innlegg",
        },
        {
            "x": SVG_LABEL,
            "y": 0.041,
            "low": 0.03,
            "high": 0.05,
            "n": 300.0,
            "group": "30 innlegg eller flere",
        },
    ]


def test_no_small_group_legend_when_every_group_is_large(blocks: Blocks) -> None:
    bar = blocks()["bar"]
    large = bar.data.__class__(
        bar.data.key, bar.data.title, bar.data.columns, bar.data.rows[:1]
    )
    spec = chart_spec(
        ChartBlock(
            bar.key, "bar", large, "channel", "rate", None, None, None, "n", 30, None
        ),
        "en",
    )
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar"]
    assert "opacity" not in spec["layer"][0]["encoding"]


def test_heatmap_leaves_thin_cells_empty_and_says_so(blocks: Blocks) -> None:
    spec = chart_spec(blocks()["heatmap"], "nb")
    outline, cells = spec["layer"]
    assert spec["title"]["subtitle"] == [
        "Tomme ruter: færre enn 5 innlegg, for lite til å si noe"
    ]
    assert outline["mark"]["fill"] == "#ffffff"
    assert cells["transform"] == [{"filter": "isValid(datum.y)"}]
    assert cells["encoding"]["color"]["field"] == "y"
    assert cells["encoding"]["color"]["scale"] == {"scheme": "blues"}
    assert cells["encoding"]["y"]["field"] == "series"
    # The cell with 3 posts keeps its place but loses its value.
    assert [(v["x"], v["series"], v["y"]) for v in _values(spec)] == [
        (8.0, "mandag", 120.5),
        (9.0, "mandag", None),
        (8.0, "tirsdag", 1234.5),
        (9.0, "tirsdag", 80.0),
    ]


def test_trend_draws_one_line_per_series_over_utc_dates(blocks: Blocks) -> None:
    spec = chart_spec(blocks("en")["trend"], "en")
    line, points = spec["layer"]
    assert line["mark"] == {"type": "line", "color": "#3b6e8f", "strokeWidth": 2}
    assert line["encoding"]["x"]["type"] == "temporal"
    assert line["encoding"]["x"]["scale"] == {"type": "utc"}
    assert line["encoding"]["x"]["axis"]["format"] == "%b %Y"
    assert line["encoding"]["color"]["field"] == "series"
    assert line["encoding"]["color"]["title"] == "Channel"
    assert points["encoding"]["opacity"]["scale"]["domain"] == [
        "10 posts or more",
        "fewer than 10 posts",
    ]
    assert [(v["x"], v["series"], v["group"]) for v in _values(spec)] == [
        ("2025-01-01", "Facebook", "10 posts or more"),
        ("2025-02-01", "Facebook", "fewer than 10 posts"),
        ("2025-01-01", "Instagram", "10 posts or more"),
        ("2025-02-01", "Instagram", "10 posts or more"),
    ]


def test_pareto_marks_the_80_percent_line(blocks: Blocks) -> None:
    spec = chart_spec(blocks()["pareto"], "nb")
    curve, points, rule, label = spec["layer"]
    assert points["mark"]["type"] == "point"
    assert curve["mark"]["type"] == "line"
    assert curve["encoding"]["x"]["scale"] == {"domain": [0, 1]}
    assert curve["encoding"]["y"]["axis"] == {"format": ".0%"}
    assert rule["mark"]["type"] == "rule"
    assert rule["encoding"] == {"y": {"field": "y", "type": "quantitative"}}
    rule_data = spec["datasets"][rule["data"]["name"]]
    assert rule_data == [{"y": 0.8, "label": "80 % av resultatet"}]
    assert label["mark"]["type"] == "text"
    # No group sizes, so no small-group field and no faded points.
    assert spec["datasets"][points["data"]["name"]] == [
        {"x": 0.0, "y": 0.0},
        {"x": 0.1, "y": 0.5},
        {"x": 0.2, "y": 0.8},
        {"x": 0.5, "y": 0.95},
        {"x": 1.0, "y": 1.0},
    ]
    assert "opacity" not in points["encoding"]


@pytest.mark.parametrize(
    ("language", "ticks", "thousands"),
    [("nb", f"4{NBSP}%", f"2{NBSP}000"), ("en", "4%", "2,000")],
)
def test_numbers_follow_the_locale_in_the_svg(
    blocks: Blocks, language: str, ticks: str, thousands: str
) -> None:
    blocks = blocks(language)
    assert ticks in _texts(chart_svg(blocks["bar"], language))
    trend = _texts(chart_svg(blocks["trend"], language))
    assert thousands in trend


def test_dates_follow_the_locale_in_the_svg(blocks: Blocks) -> None:
    assert "feb. 2025" in _texts(chart_svg(blocks()["trend"], "nb"))
    assert "Feb 2025" in _texts(chart_svg(blocks("en")["trend"], "en"))


def test_svg_is_made_offline_with_title_and_norwegian_letters(blocks: Blocks) -> None:
    svg = chart_svg(blocks()["bar"], "nb")
    assert svg.startswith("<svg")
    texts = _texts(svg)
    assert "Omfang og frekvens" in texts
    assert "Blåbærsyltetøy på Ålesund" in texts
    assert "Andel (%), målt mot rekkevidde" in texts
    assert "færre enn 30 innlegg" in texts


@pytest.mark.parametrize("kind", ["bar", "heatmap", "trend", "pareto"])
def test_the_decks_png_is_vl_converts_own_picture_of_the_chart(
    blocks: Blocks, kind: str
) -> None:
    """chart_png rasterises the SVG the print version draws; the pixels are the
    ones vl-convert draws from the spec itself, locale included."""
    chart = blocks("nb")[kind]
    own = vlc.vegalite_to_png(
        chart_spec_json(chart, "nb"),
        scale=2,
        allowed_base_urls=[],
        format_locale=dict(FORMAT_LOCALE["nb"]),
        time_format_locale=dict(TIME_FORMAT_LOCALE["nb"]),
    )
    assert chart_png(chart, "nb") == own


def test_hostile_labels_are_escaped_in_the_svg(blocks: Blocks) -> None:
    svg = chart_svg(blocks()["bar"], "nb")
    assert "<script" not in svg
    assert "<svg onload" not in svg
    assert svg.count("<svg") == 1
    assert "&lt;svg onload=alert(1)&gt;" in _texts(svg)
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in svg


def test_summary_is_a_sentence_about_the_chart(blocks: Blocks) -> None:
    assert summary(blocks()["bar"], "nb") == (
        "Diagram: Omfang og frekvens. Viser Andel etter Kanal for 3 rader. "
        "Tallene står i tabellen under."
    )


def test_same_block_gives_the_same_spec(blocks: Blocks) -> None:
    assert chart_spec(blocks()["heatmap"], "en") == chart_spec(
        blocks()["heatmap"], "en"
    )


@pytest.mark.parametrize("kind", ["bar", "heatmap", "trend", "pareto"])
@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_kind_is_valid_vega_lite(
    blocks: Blocks, kind: str, language: str
) -> None:
    # chart_spec builds without Altair's checks (for speed); the schema check is here.
    spec = chart_spec(blocks(language)[kind], language)
    alt.TopLevelLayerSpec.validate(spec)
    broken = {**spec, "layer": [{**spec["layer"][0], "mark": {"type": "bars"}}]}
    with pytest.raises(jsonschema.ValidationError):
        alt.TopLevelLayerSpec.validate(broken)
