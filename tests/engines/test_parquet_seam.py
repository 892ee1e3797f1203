"""The seam to other engines: the review's tables copied out as Parquet read back
exactly as they were (no Spark or Java needed), and the comparison the contract
relies on does catch differences."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import ibis
import pytest

from fokus.analyses.measures import post_measures
from fokus.engines import REVIEW_RELATIONS, export_review_parquet
from fokus.review import review_data
from fokus.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from engine_compare import differences, sorted_rows
from engine_data import build_handmade


def test_every_review_table_survives_the_trip_through_parquet(tmp_path: Path) -> None:
    with Store.open(tmp_path / "fokus.duckdb") as store:
        build_handmade(store)
        written = export_review_parquet(store, tmp_path / "parquet")
        assert sorted(written) == sorted(REVIEW_RELATIONS.values())
        stored = ibis.duckdb.from_connection(store.connection)
        reader = ibis.duckdb.connect()
        tables = {
            field: reader.read_parquet(written[name])
            for field, name in REVIEW_RELATIONS.items()
        }
        for field, name in REVIEW_RELATIONS.items():
            original = stored.table(name)
            copy = tables[field]
            # Parquet keeps types, not NOT NULL constraints.
            assert _nullable(copy) == _nullable(original), field
            assert _rows(copy) == _rows(original), field
        measures = post_measures(tables["posts"], tables["daily"], tables["sources"])
        key = ("platform", "account_id", "post_id")
        a = sorted_rows(review_data(store).measures.to_pyarrow(), key)
        b = sorted_rows(measures.to_pyarrow(), key)
        assert len(a) == 105
        assert a == b


def _nullable(table: ibis.Table) -> dict[str, object]:
    return {name: kind.copy(nullable=True) for name, kind in table.schema().items()}


def _rows(table: ibis.Table) -> list[dict[str, object]]:
    key = [c for c in table.columns if c not in _LISTS]
    return sorted_rows(table.to_pyarrow(), key)


_LISTS = {"columns", "extra_columns", "extra", "engagement_components"}


def test_a_table_name_that_is_not_one_is_refused(tmp_path: Path) -> None:
    from fokus.store.parquet import export_parquet  # noqa: PLC0415

    with Store.open(tmp_path / "fokus.duckdb") as store, pytest.raises(ValueError):
        export_parquet(store, tmp_path, ["posts; DROP TABLE posts"])


def test_the_comparison_sees_what_differs() -> None:
    utc = dt.datetime(2026, 1, 5, 12, tzinfo=dt.UTC)
    assert differences([{"t": utc, "x": 0.1 + 0.2}], [{"t": utc.replace(tzinfo=None),
                                                       "x": 0.3}]) == []  # fmt: skip
    assert differences(1.0, 1.0 + 1e-8, "x") == ["x: 1.0 vs 1.00000001"]
    assert differences(None, 0.0, "x") == ["x: None vs 0.0"]
    assert differences(1, 1.0, "n") == []
    assert differences(True, 1, "b") == ["b: True (bool) vs 1 (int)"]
    assert differences(["a", "b"], ["b", "a"], "r") == [
        "r[0]: 'a' (str) vs 'b' (str)",
        "r[1]: 'b' (str) vs 'a' (str)",
    ]
    assert differences({"a": 1}, {"b": 1}) == [": keys ['a'] vs ['b']"]
