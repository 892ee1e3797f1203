"""Where the review's tables come from: DuckDB (the workspace file) or Spark.

The analyses are ibis expressions over ``ReviewData``. DuckDB reads the workspace
database directly (``fokus.review.review_data``, over ``REVIEW_RELATIONS``). Spark reads the same
tables copied out as Parquet (``export_review_parquet``), the simplest honest path
from one DuckDB file to a cluster: what Spark computes on is byte for byte what
DuckDB would read. tests/engines runs every analysis on both and compares.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import ibis

from fokus.analyses.base import ReviewData
from fokus.analyses.measures import post_measures
from fokus.store import Store
from fokus.store.parquet import export_parquet

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

REVIEW_RELATIONS: Mapping[str, str] = {
    "posts": "posts",
    "metrics": "latest_post_metrics",
    "daily": "latest_daily",
    "audience": "audience",
    "imports": "imports",
    "accounts": "accounts",
    "sources": "source_definitions",
}
"""Each ``ReviewData`` field and the store's table or view it reads."""

SPARK_TIMEZONE = "UTC"
"""The Spark session time zone: the store keeps instants in UTC, and Spark shows a
timestamp in its session's zone."""


def export_review_parquet(store: Store, folder: Path) -> dict[str, Path]:
    """Copy every table the review reads to ``folder`` as Parquet, one file each."""
    return export_parquet(store, folder, tuple(REVIEW_RELATIONS.values()))


def spark_review_data(
    session: SparkSession, folder: Path, prefix: str = "fokus"
) -> ReviewData:
    """The review's tables from ``export_review_parquet``'s files, on Spark.

    Sets the session's time zone to UTC (timestamps come back as UTC wall time,
    without a zone) and registers one temporary view per table,
    ``<prefix>_<table>``: give each workspace read in one session its own prefix.
    """
    session.conf.set("spark.sql.session.timeZone", SPARK_TIMEZONE)
    backend = ibis.pyspark.connect(session)
    tables = {
        field: backend.read_parquet(
            str(folder / f"{name}.parquet"), table_name=f"{prefix}_{name}"
        )
        for field, name in REVIEW_RELATIONS.items()
    }
    measures = post_measures(
        tables["posts"], tables["daily"], tables["sources"]
    ).cache()
    # As on DuckDB (``review_data``), the sections read posts from the measures.
    return ReviewData(**{**tables, "posts": measures}, measures=measures)
