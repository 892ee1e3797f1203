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
    extra_rows: tuple[tuple[Param, ...], ...] = (),
) -> Review:
    """Two sections: ``coverage`` (ok, with everything) and ``security`` (failed).

    ``extra_rows`` are added to the table of posts per channel (channel, posts,
    reach, share, first day): captions with æøå and emoji, hostile texts, or enough
    rows for the table to span pages.
    """
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
                    statistic="median_of_rates",
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
                    *extra_rows,
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


@pytest.fixture(scope="session")  # a pure function: module fixtures may use it too
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


CHART = Chart(
    key="reach_by_channel",
    kind="bar",
    data=Table(
        key="reach_by_channel",
        title_key="section.channels.title",
        columns=(
            Column("channel", "report.column.channel", "label"),
            Column(
                "share", "report.column.share", "percent", "reach", "median_of_rates"
            ),
            Column("low", "report.column.share", "percent"),
            Column("high", "report.column.share", "percent"),
            Column("posts", "report.column.posts", "integer"),
        ),
        rows=(
            ("platform.facebook", 0.0734, 0.051, 0.094, 120),
            ("platform.tiktok", 0.12, None, None, 4),
        ),
    ),
    x="channel",
    y="share",
    low="low",
    high="high",
    n="posts",
    min_n=30,
)


def make_full_review(language: str = "nb") -> Review:
    """The hand-built review with a chart in its coverage section and a section
    with too little data (which says what would fill it)."""
    base = make_review(language)
    coverage = dataclasses.replace(base.sections[0], charts=(CHART,))
    gap = SectionResult(key="ai_tools", status="insufficient_data")
    return dataclasses.replace(base, sections=(coverage, gap, *base.sections[1:]))


@pytest.fixture
def full_review() -> Callable[[str], Review]:
    return make_full_review
