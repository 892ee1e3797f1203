"""The engine contract's fixtures: ONE Spark session for the whole test session, and
each data set read by both engines.

Spark runs in local mode on this machine. Without pyspark (``pip install -e
'.[spark]'``) or without Java (Debian: openjdk-17-jre-headless) the Spark tests
skip and say why.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from fokus.analyses.base import ReviewContext
from fokus.config import load_config
from fokus.engines import export_review_parquet, spark_review_data
from fokus.review import review_data
from fokus.store import Store
from fokus.workspace import open_workspace

sys.path.insert(0, str(Path(__file__).parent))
from engine_data import HANDMADE_CONFIG, EnginePair, build_handmade

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

DEMO_TODAY = dt.date(2026, 11, 20)
DATA_SETS = ("handmade", "demo")


def _java() -> str | None:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    """One local Spark session for every Spark test of the run."""
    try:
        from pyspark.sql import SparkSession  # noqa: PLC0415 (optional extra)
    except ImportError:
        pytest.skip("pyspark is not installed (pip install -e '.[spark]')")
    if _java() is None:
        pytest.skip(
            "Java is not installed: Spark needs a Java 17 runtime "
            "(Debian: apt-get install openjdk-17-jre-headless)"
        )
    # Two cores and small data: a JVM tuned to start fast (C1 compiler only) and
    # no code generation for each query saves about three quarters of the time
    # on this machine; results are the same, as they must be.
    session = (
        SparkSession.builder.master("local[2]")
        .appName("fokus-engine-contract")
        .config(
            "spark.driver.extraJavaOptions", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
        )
        .config("spark.driver.memory", "1g")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.codegen.wholeStage", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _pair(
    name: str, store: Store, context: ReviewContext, spark: SparkSession, folder: Path
) -> EnginePair:
    export_review_parquet(store, folder)
    on_spark = spark_review_data(spark, folder, f"fokus_{name}")
    return EnginePair(name, review_data(store), on_spark, context)


@pytest.fixture(scope="session", params=DATA_SETS)
def engines(
    request: pytest.FixtureRequest,
    spark: SparkSession,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[EnginePair]:
    """A data set on DuckDB (the workspace file) and on Spark (its Parquet copy)."""
    name = request.param
    folder = tmp_path_factory.mktemp(f"engines-{name}")
    if name == "handmade":
        path = folder / "fokus.duckdb"
        with Store.open(path) as store:
            build_handmade(store)
        config = load_config(HANDMADE_CONFIG)
    else:
        workspace = open_workspace(request.getfixturevalue("demo_workspace"))
        path, config = workspace.database_path, workspace.config
    with Store.open(path, read_only=True) as store:
        yield _pair(name, store, ReviewContext(config, DEMO_TODAY), spark,
                    folder / "parquet")  # fmt: skip
