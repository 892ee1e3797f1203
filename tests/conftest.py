"""Fixtures shared by more than one test folder."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from fokus.model.results import Chart, Column, Period, Review, SectionResult, Table
from hostile import HOSTILE


@pytest.fixture(scope="session", autouse=True)
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The test run's own user cache folder (fokus keeps the Vega bundle there,
    ``fokus.report.bundle``), for the processes the tests start too: nothing
    from an earlier run, nothing left in the home folder."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("user-cache"))
    yield
    if before is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture(scope="session")
def demo_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo workspace made by ``fokus demo``, as a user makes it: built once per
    test session for the section tests (tests/analyses) and the engine contract
    (tests/engines)."""
    folder = tmp_path_factory.mktemp("demo") / "workspace"
    subprocess.run(
        [sys.executable, "-m", "fokus", "demo", str(folder), "--quiet", "--lang", "en"],
        check=True,
        capture_output=True,
    )
    return folder


HOSTILE_LABEL = HOSTILE["script_breakout"]
SVG_LABEL = HOSTILE["svg_onload"]


def make_charts() -> tuple[Chart, ...]:
    """One chart of each kind, with small groups, a suppressed cell, æøå and
    hostile labels."""
    bar = Chart(
        key="chart.bar",
        kind="bar",
        data=Table(
            key="bar",
            title_key="section.channels.title",
            columns=(
                Column("channel", "report.column.channel", "text"),
                Column(
                    "rate", "report.column.share", "percent", "reach", "median_of_rates"
                ),
                Column("low", "report.column.share", "percent"),
                Column("high", "report.column.share", "percent"),
                Column("n", "report.column.posts", "integer"),
            ),
            rows=(
                ("Blåbærsyltetøy på Ålesund", 0.0734, 0.051, 0.094, 1234),
                (HOSTILE_LABEL, 0.02, 0.01, 0.05, 12),
                (SVG_LABEL, 0.041, 0.03, 0.05, 300),
            ),
        ),
        x="channel",
        y="rate",
        low="low",
        high="high",
        n="n",
        min_n=30,
        note_key="report.chart.data",
    )
    heatmap = Chart(
        key="chart.heatmap",
        kind="heatmap",
        data=Table(
            key="heatmap",
            title_key="section.organic.title",
            columns=(
                Column("hour", "report.column.posts", "integer"),
                Column("day", "report.column.channel", "text"),
                Column("value", "report.column.reach", "number"),
                Column("n", "report.column.posts", "integer"),
            ),
            rows=(
                (8, "mandag", 120.5, 40),
                (9, "mandag", 2500.0, 3),
                (8, "tirsdag", 1234.5, 60),
                (9, "tirsdag", 80.0, 55),
            ),
        ),
        x="hour",
        y="value",
        series="day",
        n="n",
        min_n=5,
    )
    trend = Chart(
        key="chart.trend",
        kind="trend",
        data=Table(
            key="trend",
            title_key="section.text.title",
            columns=(
                Column("month", "report.column.date", "date"),
                Column("channel", "report.column.channel", "text"),
                Column("reach", "report.column.reach", "number"),
                Column("n", "report.column.posts", "integer"),
            ),
            rows=(
                (dt.date(2025, 1, 1), "Facebook", 1234.5, 40),
                (dt.date(2025, 2, 1), "Facebook", 2345.0, 8),
                (dt.date(2025, 1, 1), "Instagram", 900.0, 31),
                (dt.date(2025, 2, 1), "Instagram", 1100.0, 33),
            ),
        ),
        x="month",
        y="reach",
        series="channel",
        n="n",
        min_n=10,
    )
    pareto = Chart(
        key="chart.pareto",
        kind="pareto",
        data=Table(
            key="pareto",
            title_key="section.focus.title",
            columns=(
                Column("posts", "report.column.share", "percent"),
                Column("result", "report.column.share", "percent"),
            ),
            rows=((0.0, 0.0), (0.1, 0.5), (0.2, 0.8), (0.5, 0.95), (1.0, 1.0)),
        ),
        x="posts",
        y="result",
    )
    return (bar, heatmap, trend, pareto)


def make_chart_review(language: str = "nb") -> Review:
    """A review of one section holding the four charts (report and browser tests)."""
    return Review(
        organisation="Kystlaget Nord",
        language=language,
        generated_at=dt.datetime(2026, 1, 15, 9, 30, 12, tzinfo=dt.UTC),
        period=Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        sections=(SectionResult(key="coverage", status="ok", charts=make_charts()),),
    )


@pytest.fixture
def chart_review() -> Callable[..., Review]:
    return make_chart_review


# Browser tests (tests/browser, tests/report/test_html_browser.py): Debian's
# chromium driven by pytest-playwright's one session-wide browser (stack.md §5).
# Never ``playwright install``: it downloads, and fails offline. They skip only when
# chromium is absent and ``CI`` is unset; under CI a missing browser fails.
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any],
) -> dict[str, Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; scripts/apt-packages.txt installs it")
        pytest.skip(f"{CHROMIUM} is not installed")
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }
