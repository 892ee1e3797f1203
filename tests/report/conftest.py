"""A hand-built review for the report tests, and golden-file checking.

Set ``FOKUS_UPDATE_GOLDEN=1`` to rewrite the golden files from the current output;
then read the diff before committing it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from fokus.model.results import (
    Action,
    Chart,
    Column,
    Evidence,
    Finding,
    Param,
    Period,
    Review,
    SectionResult,
    Table,
)

GOLDEN = Path(__file__).parent / "golden"


def make_review(
    language: str = "nb",
    organisation: str = "Kystlaget Nord",
    text_cell: str = "Jul på kaia",
    finding_value: Param = 12,
) -> Review:
    """Two sections: ``coverage`` (ok, with everything) and ``security`` (failed)."""
    coverage = SectionResult(
        key="coverage",
        status="ok",
        findings=(
            Finding(
                key="finding.common.too_few",
                severity="warning",
                params={"n": finding_value, "minimum": 30},
                evidence=Evidence(
                    n=12345,
                    value=0.0734,
                    interval=(0.051, 0.094),
                    probability=0.87,
                    denominator="reach",
                ),
            ),
            Finding(
                key="finding.common.period_short",
                severity="notice",
                params={
                    "minimum": 365,
                    "days": 90,
                    "start": dt.date(2025, 1, 1),
                    "end": dt.date(2025, 3, 31),
                },
            ),
            Finding(
                key="coverage.not_in_any_catalog",
                severity="info",
                params={"share": float("nan")},
                evidence=Evidence(
                    n=3, value=float("inf"), interval=(float("nan"), 1.0)
                ),
            ),
        ),
        tables=(
            Table(
                key="posts_per_channel",
                title_key="section.channels.title",
                columns=(
                    Column("channel", "report.column.channel", "text"),
                    Column("posts", "report.column.posts", "integer"),
                    Column("reach", "report.column.reach", "number"),
                    Column("share", "report.column.share", "percent"),
                    Column("first", "report.column.date", "date"),
                ),
                rows=(
                    (text_cell, 1204, 12345.6, 0.0734, dt.date(2025, 4, 14)),
                    ("Instagram", 87, float("nan"), None, None),
                    ("LinkedIn", 3, -0.25, 1.0, dt.date(2025, 12, 31)),
                ),
            ),
        ),
        actions=(
            Action(
                key="action.common.export_more",
                impact=3,
                effort=1,
                params={"days": 365},
                finding_keys=("finding.common.too_few", "finding.common.period_short"),
            ),
        ),
    )
    security = SectionResult(
        key="security",
        status="failed",
        error="ZeroDivisionError: division by zero",
    )
    return Review(
        organisation=organisation,
        language=language,
        generated_at=dt.datetime(2026, 1, 15, 9, 30, 12, tzinfo=dt.UTC),
        period=Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        sections=(coverage, security),
    )


@pytest.fixture
def review() -> Callable[..., Review]:
    return make_review


@pytest.fixture
def golden() -> Callable[[str, str], None]:
    """Compare text with ``golden/<name>``, or rewrite it when asked to."""

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if os.environ.get("FOKUS_UPDATE_GOLDEN") == "1":
            path.write_text(actual, encoding="utf-8", newline="\n")
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, f"{name} differs; FOKUS_UPDATE_GOLDEN=1 rewrites it"

    return check


HOSTILE_LABEL = "</script><script>alert(1)</script>"
SVG_LABEL = "<svg onload=alert(1)>"


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
                Column("rate", "report.column.share", "percent", "reach; median"),
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
    """The hand-built review with the four charts on its first section."""
    base = make_review(language)
    first = dataclasses.replace(base.sections[0], charts=make_charts())
    return dataclasses.replace(base, sections=(first, *base.sections[1:]))


@pytest.fixture
def chart_review() -> Callable[..., Review]:
    return make_chart_review
