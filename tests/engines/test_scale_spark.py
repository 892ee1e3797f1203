"""Spark reads ``fokus export-parquet``'s layout as the store, and ``fokus review
--engine pyspark`` runs the review on Spark (one local session, marker ``spark``)."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from fokus.config import EngineConfig
from fokus.engines import export_cluster_parquet, spark_review_data
from fokus.review import review_data, run_review
from fokus.store import Store
from fokus.workspace import open_workspace

sys.path.insert(0, str(Path(__file__).parent))
from engine_compare import differences, report, sorted_rows

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

pytestmark = [
    pytest.mark.spark,
    # As in test_contract.py: ibis's pandas use and pyspark's Arrow socket.
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:unclosed <socket.socket:ResourceWarning"),
    pytest.mark.filterwarnings(
        "ignore:Exception ignored in. <socket.socket:"
        "pytest.PytestUnraisableExceptionWarning"
    ),
]

POST_KEY = ("platform", "account_id", "post_id")
DAY = dt.date(2026, 11, 20)


@pytest.fixture
def copy(demo_workspace: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    shutil.copytree(demo_workspace, folder)
    return folder


def test_spark_reads_the_cluster_layout_as_the_store(
    spark: SparkSession, copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "cluster"
    with Store.open(copy / "fokus.duckdb", read_only=True) as store:
        export_cluster_parquet(store, out, "Fjordvik kommune")
        duck = review_data(store)
        on_spark = spark_review_data(spark, out, "fokus_cluster")
        for field in ("metrics", "daily", "audience", "imports", "accounts"):
            mine, theirs = getattr(duck, field), getattr(on_spark, field)
            assert theirs.columns == mine.columns, field
            assert theirs.count().to_pyarrow().as_py() == (
                mine.count().to_pyarrow().as_py()
            ), field
        measured = duck.measures.to_pyarrow()
        spark_measured = on_spark.measures.to_pyarrow()
    assert spark_measured.schema.names == measured.schema.names
    assert spark_measured.num_rows == measured.num_rows > 1000
    found = differences(
        sorted_rows(measured, POST_KEY), sorted_rows(spark_measured, POST_KEY)
    )
    assert not found, report(found)


def test_review_on_spark_finds_what_duckdb_finds(
    spark: SparkSession, copy: Path
) -> None:
    workspace = open_workspace(copy)
    now = dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC)
    on_duckdb = run_review(workspace, today=DAY, now=now, record=False).review
    run = run_review(
        workspace,
        today=DAY,
        now=now,
        record=False,
        engine=EngineConfig("pyspark", "local[2]"),
    )
    assert not run.reused
    assert [(s.key, s.status) for s in run.review.sections] == [
        (s.key, s.status) for s in on_duckdb.sections
    ]
    assert all(s.status != "failed" for s in run.review.sections)
    assert [[f.key for f in s.findings] for s in run.review.sections] == [
        [f.key for f in s.findings] for s in on_duckdb.sections
    ]
