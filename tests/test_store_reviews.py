"""Each review's key figures in the store: read back as written, one review per
day, kept whole or not at all, and a schema 2 store migrated."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from fokus.model.history import (
    ChannelFigure,
    FindingFigure,
    KpiFigure,
    ReviewRecord,
    SectionFigure,
)
from fokus.store import Store
from fokus.store.schema import MIGRATIONS, SCHEMA_VERSION

FIRST = dt.date(2025, 7, 31)
SECOND = dt.date(2026, 1, 31)


def _record(day: dt.date, status: str = "column.strategy.status.met") -> ReviewRecord:
    return ReviewRecord(
        reviewed_on=day,
        generated_at=dt.datetime(day.year, day.month, day.day, 9, 30, tzinfo=dt.UTC),
        data_end=day - dt.timedelta(days=1),
        strategy_reviewed=dt.date(2025, 1, 10),
        sections=(SectionFigure("coverage", "ok"), SectionFigure("strategy", "failed")),
        kpis=(
            KpiFigure(
                "Synlighet",
                "",
                "column.strategy.metric.reach",
                "column.strategy.all_channels",
                dt.date(2025, 1, 1),
                dt.date(2025, 12, 31),
                1234.5,
                None,
                status,
                40,
            ),
        ),
        channels=(
            ChannelFigure(
                "platform.x", "Acc", "column.strategy.role.other", 2.5, 30, 0.6
            ),
            ChannelFigure("platform.tiktok", "tt", None, None, None, None),
        ),
        findings=(
            FindingFigure(
                "coverage",
                "finding.coverage.no_posts",
                "warning",
                "",
                "Ingen innlegg",
                "No posts",
            ),
        ),
    )


def _same(record: ReviewRecord | None) -> ReviewRecord | None:
    """The record with its time in UTC (DuckDB gives it in the session's zone)."""
    if record is None:
        return None
    return replace(record, generated_at=record.generated_at.astimezone(dt.UTC))


def test_a_review_record_is_stored_and_read_back(tmp_path: Path) -> None:
    with Store.open(tmp_path / "f.duckdb") as store:
        assert store.previous_review(SECOND) is None
        store.record_review(_record(FIRST))
        store.record_review(_record(SECOND))
    with Store.open(tmp_path / "f.duckdb") as store:
        assert _same(store.previous_review(SECOND)) == _record(SECOND)
        assert _same(store.previous_review(SECOND - dt.timedelta(days=1))) == (
            _record(FIRST)
        )
        assert store.previous_review(FIRST - dt.timedelta(days=1)) is None


def test_a_second_review_on_the_same_day_replaces_the_first(tmp_path: Path) -> None:
    with Store.open(tmp_path / "f.duckdb") as store:
        store.record_review(_record(FIRST))
        store.record_review(_record(FIRST, "column.strategy.status.behind"))
        found = store.previous_review(FIRST)
        counts = store.connection.execute(
            "SELECT (SELECT count(*) FROM reviews), (SELECT count(*) FROM review_kpis)"
        ).fetchall()
    assert found is not None
    assert [k.status for k in found.kpis] == ["column.strategy.status.behind"]
    assert counts == [(1, 1)]


def test_a_record_that_fails_half_way_leaves_the_store_as_it_was(
    tmp_path: Path,
) -> None:
    # Too many posts for the column: the insert fails after the day's old rows
    # were deleted and the new review row written.
    broken = ChannelFigure("platform.x", "Acc", None, None, 2**40, None)
    with Store.open(tmp_path / "f.duckdb") as store:
        store.record_review(_record(FIRST))
        before = _dump(store)
        record = replace(_record(FIRST, "column.strategy.status.behind"),
                         channels=(broken,))  # fmt: skip
        with pytest.raises(duckdb.Error):
            store.record_review(record)
        assert _dump(store) == before
        assert len(before["review_kpis"]) == 1


def _dump(store: Store) -> dict[str, list[tuple[object, ...]]]:
    tables = ("reviews", "review_sections", "review_kpis", "review_channels",
              "review_findings")  # fmt: skip
    return {
        t: sorted(store.connection.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
        for t in tables
    }


def test_a_schema_2_store_gets_the_review_tables(tmp_path: Path) -> None:
    path = tmp_path / "f.duckdb"
    con = duckdb.connect(str(path))
    for statements in MIGRATIONS[:2]:
        for statement in statements:
            con.execute(statement)
    con.execute("INSERT INTO meta VALUES ('schema_version', '2')")
    con.close()
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION == 5
        store.record_review(_record(FIRST))
        assert store.previous_review(FIRST) is not None
