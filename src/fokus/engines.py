"""Where the review's tables come from: DuckDB (the workspace file) or Spark.

The analyses are ibis expressions over ``ReviewData``. DuckDB reads the workspace
database directly (``fokus.review.review_data``, over ``REVIEW_RELATIONS``). Spark reads the same
tables copied out as Parquet, the simplest honest path from one DuckDB file to a
cluster: what Spark computes on is byte for byte what DuckDB would read.
tests/engines runs every analysis on both and compares.

Two Parquet layouts, one reader (``spark_review_data``):

* ``export_review_parquet``: one file per table (``posts.parquet`` …), what
  ``fokus review --engine pyspark`` writes to a work folder;
* ``export_cluster_parquet`` (``fokus export-parquet``): posts and their metrics
  partitioned by platform and year, the other tables one file each, and a
  manifest ``_fokus.json``; for a cluster and object storage (docs/spark.md).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import shutil
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import ibis

from fokus import __version__
from fokus.analyses.base import ReviewData
from fokus.analyses.measures import post_measures, post_texts
from fokus.errors import ExitCode, FokusError
from fokus.store import Store
from fokus.store.parquet import (
    METRICS_BY_YEAR,
    PARTITION_COLUMNS,
    POSTS_BY_YEAR,
    export_parquet,
    export_partitioned,
    row_count,
)
from fokus.store.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    import ibis.expr.types as ir
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

PARTITIONED: Mapping[str, str] = {
    "posts": POSTS_BY_YEAR,
    "latest_post_metrics": METRICS_BY_YEAR,
}
"""The relations ``export_cluster_parquet`` partitions (by platform and year), and
the query that adds the year."""

MANIFEST = "_fokus.json"
"""The cluster layout's manifest: schema version, organisation, rows per table."""
MANIFEST_FORMAT = 1

SPARK_TIMEZONE = "UTC"
"""The Spark session time zone: the store keeps instants in UTC, and Spark shows a
timestamp in its session's zone."""


def export_review_parquet(store: Store, folder: Path) -> dict[str, Path]:
    """Copy every table the review reads to ``folder`` as Parquet, one file each."""
    return export_parquet(store, folder, tuple(REVIEW_RELATIONS.values()))


@dataclass(frozen=True, slots=True)
class ClusterExport:
    """What ``export_cluster_parquet`` wrote: rows per relation, and where."""

    folder: Path
    rows: Mapping[str, int]
    manifest: Path


def export_cluster_parquet(
    store: Store, out: Path, organisation: str, *, force: bool = False
) -> ClusterExport:
    """Write the review's tables to ``out`` for a cluster (docs/spark.md).

    Refuses a folder that is not empty unless ``force``; with ``force`` only what
    an earlier export wrote there is replaced, anything else is left alone.
    """
    _prepare(out, force=force)
    rows: dict[str, int] = {}
    single = [name for name in REVIEW_RELATIONS.values() if name not in PARTITIONED]
    for name, select in PARTITIONED.items():
        rows[name] = export_partitioned(store, out, name, select)
    export_parquet(store, out, single)
    rows.update({name: row_count(store, name) for name in single})
    manifest = out / MANIFEST
    document = {
        "format": MANIFEST_FORMAT,
        "fokus_version": __version__,
        "schema_version": SCHEMA_VERSION,
        "organisation": organisation,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "partition_by": list(PARTITION_COLUMNS),
        "tables": {
            name: {
                "rows": rows[name],
                "path": name if name in PARTITIONED else f"{name}.parquet",
                "partitioned": name in PARTITIONED,
            }
            for name in REVIEW_RELATIONS.values()
        },
    }
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    manifest.write_text(text, encoding="utf-8")
    return ClusterExport(out, rows, manifest)


def _ours(out: Path) -> set[str]:
    names = {MANIFEST}
    for name in REVIEW_RELATIONS.values():
        names.add(name if name in PARTITIONED else f"{name}.parquet")
    return names


def _prepare(out: Path, *, force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise FokusError(
            "engine.export_not_folder", "engine.export_not_folder.hint", path=str(out)
        )
    found = sorted(p.name for p in out.iterdir()) if out.exists() else []
    if found and not force:
        raise FokusError(
            "engine.export_not_empty", "engine.export_not_empty.hint", path=str(out)
        )
    for name in found:
        if name in _ours(out):
            path = out / name
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
    out.mkdir(parents=True, exist_ok=True)


def spark_review_data(
    session: SparkSession, folder: Path | str, prefix: str = "fokus"
) -> ReviewData:
    """The review's tables on Spark, from either Parquet layout.

    ``folder`` is a local folder or a URL Spark can read (``s3a://bucket/path``).
    A URL, or a local folder with a ``_fokus.json`` manifest, is read as
    ``export_cluster_parquet``'s layout; any other folder as
    ``export_review_parquet``'s. Sets the session's time zone to UTC (timestamps
    come back as UTC wall time, without a zone) and registers one temporary view
    per table, ``<prefix>_<table>``: give each workspace read in one session its
    own prefix.
    """
    session.conf.set("spark.sql.session.timeZone", SPARK_TIMEZONE)
    backend = ibis.pyspark.connect(session)
    location = str(folder).rstrip("/")
    cluster = "://" in location or (Path(location) / MANIFEST).exists()
    tables = {
        field: _read(backend, location, name, f"{prefix}_{name}", cluster=cluster)
        for field, name in REVIEW_RELATIONS.items()
    }
    measures = post_measures(
        tables["posts"], tables["daily"], tables["sources"]
    ).cache()
    # As on DuckDB (``review_data``), the sections read posts from the measures.
    return ReviewData(
        **{**tables, "posts": measures},
        measures=measures,
        texts=post_texts(tables["posts"]),
    )


def _read(
    backend: ibis.BaseBackend, location: str, name: str, view: str, *, cluster: bool
) -> ir.Table:
    if not (cluster and name in PARTITIONED):
        return backend.read_parquet(f"{location}/{name}.parquet", table_name=view)
    # Spark finds platform=…/year=… in the folder names and adds them as the last
    # columns; the year goes (it is only the partition key) and the platform goes
    # back to the front, where the store has it, so both layouts read the same.
    table = backend.read_parquet(f"{location}/{name}", table_name=view)
    rest = [c for c in table.columns if c not in PARTITION_COLUMNS]
    return table.select("platform", *rest)


def _java_found() -> bool:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return True
    return shutil.which("java") is not None


def check_spark() -> None:
    """A ``FokusError`` saying what to install when pyspark or Java is missing."""
    if importlib.util.find_spec("pyspark") is None:
        raise FokusError("engine.no_pyspark", "engine.no_pyspark.hint", ExitCode.USAGE)
    if not _java_found():
        raise FokusError("engine.no_java", "engine.no_java.hint", ExitCode.USAGE)


@contextmanager
def spark_session(
    master: str, conf: Sequence[tuple[str, str]] = ()
) -> Iterator[SparkSession]:
    """A Spark session on ``master`` with ``conf``; stopped afterwards, unless one
    was already running in this process (then that one is used as it is).

    Without pyspark or Java: a ``FokusError`` that says what to install.
    """
    check_spark()
    from pyspark.sql import SparkSession  # noqa: PLC0415 (optional extra)

    running = SparkSession.getActiveSession()
    if running is not None:
        yield running
        return
    builder = SparkSession.builder.master(master).appName("fokus-review")
    builder = builder.config("spark.sql.session.timeZone", SPARK_TIMEZONE)
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    for key, value in conf:
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    try:
        yield session
    finally:
        session.stop()
