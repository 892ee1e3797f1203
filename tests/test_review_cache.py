"""The kept review results: stored and read back exactly, in a real DuckDB file."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import duckdb
import numpy as np

from fokus.i18n import Bilingual, Label, MessageKey, MessageKeys, Percent
from fokus.model.results import (
    Action,
    Chart,
    Column,
    Evidence,
    Finding,
    Period,
    SectionResult,
    Table,
)
from fokus.store import Store
from fokus.store.review_cache import CACHE_FORMAT, StoredReview

GENERATED = dt.datetime(2026, 11, 20, 9, 30, 15, 123456, tzinfo=dt.UTC)

TABLE = Table(
    "t",
    "table.title",
    (Column("a", "col.a"), Column("b", "col.b", "percent", "reach", "median_of_rates")),
    (
        (Label("impressions_organic", "metric.label", part=MessageKey("x.y")), 0.25),
        (Bilingual("Person", "Person (en)"), float("inf")),
        (dt.date(2026, 1, 2), None),
        ("<script>", 3),
    ),
)
SECTIONS = (
    SectionResult(
        "channels",
        "ok",
        findings=(
            Finding(
                "finding.a",
                "warning",
                {
                    "platform": MessageKey("platform.facebook"),
                    "day": dt.date(2026, 3, 1),
                    "n": 12,
                    "share": 0.125,
                    "change": Percent(0.276),
                    "formats": MessageKeys(("format.reel", "format.image")),
                },
                Evidence(12, 0.5, (0.25, 0.75), 0.9, "reach", "ratio_of_medians"),
            ),
            Finding("finding.b", "info"),
        ),
        tables=(TABLE,),
        actions=(Action("action.a", 3, 1, {"n": 2}, ("finding.a",)),),
        charts=(Chart("c", "bar", TABLE, "a", "b", n="b", min_n=10, note_key="n"),),
    ),
    SectionResult("security", "failed", error="ValueError: æøå"),
)


def test_results_read_back_exactly(tmp_path: Path) -> None:
    stored = StoredReview(
        "f" * 64,
        GENERATED,
        Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        SECTIONS,
    )
    with Store.open(tmp_path / "f.duckdb") as store:
        store.keep_review(stored)
    with Store.open(tmp_path / "f.duckdb", read_only=True) as store:
        found = store.kept_review("f" * 64)
        assert store.kept_review("0" * 64) is None
    assert found is not None
    # repr shows what == on the str subclasses does not: a Label's key and params.
    assert repr(found) == repr(stored)
    assert found.generated_at.tzinfo == dt.UTC
    cell = found.sections[0].tables[0].rows[0][0]
    assert isinstance(cell, Label) and cell.key == "metric.label"
    assert isinstance(cell.params["part"], MessageKey)
    params = found.sections[0].findings[0].params
    assert type(params["change"]) is Percent and params["change"] == 0.276
    assert type(params["formats"]) is MessageKeys
    assert params["formats"] == ("format.reel", "format.image")


def test_only_the_newest_review_is_kept(tmp_path: Path) -> None:
    with Store.open(tmp_path / "f.duckdb") as store:
        store.keep_review(StoredReview("a" * 64, GENERATED, None, SECTIONS))
        store.keep_review(StoredReview("b" * 64, GENERATED, None, ()))
        assert store.kept_review("a" * 64) is None
        kept = store.kept_review("b" * 64)
    assert kept == StoredReview("b" * 64, GENERATED, None, ())


def test_numpy_numbers_and_nan_are_kept_as_numbers(tmp_path: Path) -> None:
    section = SectionResult(
        "k", "ok", findings=(Finding("f", "info", {"n": np.int64(7), "x": math.nan}),)
    )
    with Store.open(tmp_path / "f.duckdb") as store:
        store.keep_review(StoredReview("c" * 64, GENERATED, None, (section,)))
        kept = store.kept_review("c" * 64)
    assert kept is not None
    params = kept.sections[0].findings[0].params
    assert params["n"] == 7 and type(params["n"]) is int
    assert isinstance(params["x"], float) and math.isnan(params["x"])


def test_an_unknown_value_type_is_not_kept(tmp_path: Path) -> None:
    class Odd(float):
        pass

    section = SectionResult("k", "ok", findings=(Finding("f", "info", {"x": Odd(1)}),))
    with Store.open(tmp_path / "f.duckdb") as store:
        try:
            store.keep_review(StoredReview("d" * 64, GENERATED, None, (section,)))
        except TypeError as error:
            assert str(error) == "a review value fokus cannot keep: Odd"
        else:
            raise AssertionError("an Odd value was kept")
        assert store.kept_review("d" * 64) is None


def _section(evidence: list[object], column: list[object]) -> str:
    """One section as the cache keeps it, built by hand."""
    return json.dumps([{
        "key": "channels", "status": "ok",
        "findings": [["finding.a", "info", {}, evidence]],
        "tables": [{"key": "t", "title_key": "table.title", "columns": [column],
                    "rows": [[0.25]]}],
        "actions": [], "error": None, "charts": [],
    }])  # fmt: skip


def _keep_raw(path: Path, cache_format: int, sections: str) -> None:
    with Store.open(path):
        pass  # the schema
    con = duckdb.connect(str(path))
    try:
        con.execute("DELETE FROM review_cache")
        con.execute(
            "INSERT INTO review_cache VALUES (?, ?, ?, NULL, NULL, ?)",
            ["e" * 64, cache_format, GENERATED, sections],
        )
    finally:
        con.close()


def _kept(path: Path) -> StoredReview | None:
    with Store.open(path, read_only=True) as store:
        return store.kept_review("e" * 64)


OLD_EVIDENCE = [12, 0.5, None, None, "all posts on every channel in the 12 months"]
OLD_COLUMN = ["b", "col.b", "percent", "reach or views, as the basis column says"]


def test_a_review_kept_with_free_text_denominators_is_computed_again(
    tmp_path: Path,
) -> None:
    # Regression: a review kept by an older fokus (cache format 1) held free English
    # text where a denominator name now is; read back, the report would crash on it.
    path = tmp_path / "f.duckdb"
    assert CACHE_FORMAT == 2
    _keep_raw(path, 1, _section(OLD_EVIDENCE, OLD_COLUMN))
    assert _kept(path) is None


def test_free_text_in_the_current_format_counts_as_damaged(tmp_path: Path) -> None:
    path = tmp_path / "f.duckdb"
    evidence = [12, 0.5, None, None, "reach", "median_of_rates"]
    column = ["b", "col.b", "percent", "reach_or_views", "median_per_post"]
    _keep_raw(path, CACHE_FORMAT, _section([*OLD_EVIDENCE, None], column))
    assert _kept(path) is None
    _keep_raw(path, CACHE_FORMAT, _section(evidence, [*OLD_COLUMN, None]))
    assert _kept(path) is None
    _keep_raw(path, CACHE_FORMAT, _section(evidence, [*column[:4], "median"]))
    assert _kept(path) is None
    _keep_raw(path, CACHE_FORMAT, _section(evidence, column))
    kept = _kept(path)
    assert kept is not None
    (section,) = kept.sections
    assert section.findings[0].evidence == Evidence(
        12, 0.5, None, None, "reach", "median_of_rates"
    )
    assert section.tables[0].columns == (
        Column("b", "col.b", "percent", "reach_or_views", "median_per_post"),
    )
