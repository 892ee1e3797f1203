"""The charts the sections make from the demo: the same numbers as their tables,
every group kept (small ones marked), and a spec the report can draw."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest
from posts_table import DEMO_TODAY

from fokus.analyses.ai_tools import AiTools
from fokus.analyses.base import Analysis, ReviewContext, ReviewData
from fokus.analyses.channels import Channels
from fokus.analyses.focus import Focus
from fokus.analyses.formats import Formats
from fokus.analyses.organic import Organic
from fokus.analyses.security import Security
from fokus.analyses.stats import MIN_POSTS
from fokus.analyses.strategy import Strategy
from fokus.analyses.text import Text
from fokus.model.results import Chart, SectionResult, Table
from fokus.registers.reader import read_registers
from fokus.report.blocks import section_block
from fokus.report.charts import chart_spec
from fokus.review import review_data
from fokus.store import Store
from fokus.workspace import open_workspace

Demo = tuple[ReviewData, ReviewContext]


def _table(result: SectionResult, key: str) -> Table:
    return next(t for t in result.tables if t.key == key)


def _rows(table: Table) -> list[dict[str, object]]:
    keys = [c.key for c in table.columns]
    return [dict(zip(keys, row, strict=True)) for row in table.rows]


def _chart(result: SectionResult, key: str) -> Chart:
    return next(c for c in result.charts if c.key == key)


def test_channel_bars_match_the_overview(
    demo_data: Demo,
) -> None:
    result = Channels().run(*demo_data)
    assert [c.key for c in result.charts] == ["channels.result", "channels.timing"]
    chart = _chart(result, "channels.result")
    assert (chart.kind, chart.n, chart.min_n) == ("bar", "n", MIN_POSTS)
    overview = _rows(_table(result, "channels.overview"))
    bars = _rows(chart.data)
    with_result = [r for r in overview if r["posts"] and r["basis"] is not None]
    assert len(bars) == len(with_result)
    for bar, row in zip(bars, with_result, strict=True):
        assert str(bar["channel"]).startswith(f"{row['platform']} · {row['account']}")
        if row["result"] is not None:  # large enough for the table
            assert (bar["result"], bar["low"], bar["high"]) == (
                row["result"],
                row["result_low"],
                row["result_high"],
            )
    # A small channel, blank in the table, still gets its (faded) bar.
    assert all(b["result"] is not None and b["n"] for b in bars)


def test_timing_heatmap_has_every_cell_of_the_table(demo_data: Demo) -> None:
    result = Channels().run(*demo_data)
    chart = _chart(result, "channels.timing")
    table = _rows(_table(result, "channels.timing"))
    cells = _rows(chart.data)
    assert (chart.kind, chart.x, chart.series) == ("heatmap", "hours", "day")
    assert [(c["hours"], c["n"], c["vs_baseline"]) for c in cells] == [
        (r["hours"], r["n"], r["vs_baseline"]) for r in table
    ]


def test_format_bars_come_from_the_ranking_tables(demo_data: Demo) -> None:
    result = Formats().run(*demo_data)
    assert [c.key for c in result.charts] == [
        "formats.reach.chart",
        "formats.rate.chart",
    ]
    for outcome in ("reach", "rate"):
        chart = _chart(result, f"formats.{outcome}.chart")
        ranked = [
            r
            for r in _rows(_table(result, f"formats.{outcome}"))
            if r["median"] is not None
        ]
        assert [
            (b["value"], b["low"], b["high"], b["n"]) for b in _rows(chart.data)
        ] == [(r["median"], r["low"], r["high"], r["n"]) for r in ranked]
    rate = _chart(result, "formats.rate.chart").data.columns[1]
    assert (rate.kind, rate.denominator is not None) == ("percent", True)


def test_organic_trend_is_the_trend_table(demo_data: Demo) -> None:
    result = Organic().run(*demo_data)
    (chart,) = result.charts
    assert (chart.kind, chart.x, chart.y, chart.series) == (
        "trend",
        "month",
        "reach",
        "platform",
    )
    assert chart.data.rows == _table(result, "organic.trend").rows
    assert chart.data.title_key == "table.organic.chart.trend"


def test_security_chart_counts_the_fix_list_by_severity(demo_workspace: Path) -> None:
    workspace = open_workspace(demo_workspace)
    registers = read_registers(workspace.registers_dir)
    context = ReviewContext(workspace.config, DEMO_TODAY, registers=registers)
    with Store.open(workspace.database_path, read_only=True) as store:
        result = Security().run(review_data(store), context)
    (chart,) = result.charts
    fixes = Counter(str(r[0]) for r in _table(result, "security.fix_list").rows)
    assert [(str(r[0]), r[1]) for r in chart.data.rows] == [
        (f"report.severity.{s}", fixes[f"report.severity.{s}"])
        for s in ("critical", "warning", "notice", "info")
    ]
    assert chart.data.rows[0][1] == 3  # the demo's three critical problems


@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_demo_chart_makes_a_spec(demo_data: Demo, language: str) -> None:
    sections = [a().run(*demo_data) for a in (Channels, Formats, Organic, Focus)]
    drawn = 0
    for section in sections:
        block = section_block(dataclasses.replace(section), language)  # type: ignore[arg-type]
        for chart in block.charts:
            spec = chart_spec(chart, language)  # type: ignore[arg-type]
            assert spec["title"]["text"] == chart.title
            drawn += 1
    assert drawn == 6


def _registered(demo_workspace: Path, analysis: Analysis) -> SectionResult:
    workspace = open_workspace(demo_workspace)
    registers = read_registers(workspace.registers_dir)
    context = ReviewContext(workspace.config, DEMO_TODAY, registers=registers)
    with Store.open(workspace.database_path, read_only=True) as store:
        return analysis.run(review_data(store), context)


def _shares(tables: list[Table], part: str, whole: str, names: tuple[str, ...]) -> list:
    return [
        (" · ".join(str(r[n]) for n in names if r[n] not in (None, "")), r[part] / r[whole])
        for table in tables
        for r in _rows(table)
        if isinstance(r[part], int | float) and isinstance(r[whole], int | float)
        and r[whole] != 0
    ]  # fmt: skip


def test_kpi_progress_is_value_over_target(demo_workspace: Path) -> None:
    result = _registered(demo_workspace, Strategy())
    (chart,) = result.charts
    tables = [
        t for t in result.tables if t.key in {"strategy.kpis", "strategy.kpi_rates"}
    ]
    expected = _shares(tables, "value", "target", ("metric", "channel"))
    assert [(str(a), b) for a, b in chart.data.rows] == expected
    assert len(expected) >= 3
    assert (chart.kind, chart.data.columns[1].kind) == ("bar", "percent")


def test_ai_tools_net_value_is_the_registers_column(demo_workspace: Path) -> None:
    result = _registered(demo_workspace, AiTools())
    (chart,) = result.charts
    rows = [
        r for r in _rows(_table(result, "ai_tools.tools")) if r["net_value"] is not None
    ]
    assert [(str(r[0]), r[1]) for r in chart.data.rows] == [
        (r["tool"], r["net_value"]) for r in rows
    ]
    assert len(rows) >= 5


def test_text_lengths_are_chars_over_limit(demo_workspace: Path) -> None:
    result = _registered(demo_workspace, Text())
    (chart,) = result.charts
    expected = _shares(
        [_table(result, "text.profiles")],
        "chars",
        "limit",
        ("platform", "account", "field"),
    )
    assert [(str(a), b) for a, b in chart.data.rows] == expected
    # The demo's Instagram bio is over its limit (150 characters).
    [(name, share)] = [(a, b) for a, b in expected if b > 1]
    assert name.startswith("platform.instagram")
    assert share * 150 > 150
