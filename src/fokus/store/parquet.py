"""Copy the store's tables out as Parquet files, for another engine to read."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fokus.store.database import Store


def export_parquet(
    store: Store, folder: Path, relations: Sequence[str]
) -> dict[str, Path]:
    """Write each table or view to ``folder/<name>.parquet``, exactly as it reads.

    Column types carry over: timestamps with time zone as UTC instants, lists as
    Parquet lists. Returns the file of each relation.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name in relations:
        if not name.isidentifier():
            raise ValueError(f"not a table name: {name!r}")
        path = folder / f"{name}.parquet"
        target = str(path).replace("'", "''")
        store.connection.execute(
            f"COPY (SELECT * FROM {name}) TO '{target}' (FORMAT parquet)"
        )
        written[name] = path
    return written


PARTITION_COLUMNS = ("platform", "year")
"""How ``export_partitioned`` splits a large table: one folder per platform, then
per year of the post's publishing day (``platform=instagram/year=2025/``)."""


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def export_partitioned(store: Store, folder: Path, name: str, select: str) -> int:
    """Write ``select`` (which has ``platform`` and ``year`` columns) to
    ``folder/<name>/`` as Hive-partitioned Parquet; returns the rows written.

    The partition columns live in the folder names, not in the files (DuckDB's
    default and what Spark and DuckDB read back with Hive partitioning).
    """
    if not name.isidentifier():
        raise ValueError(f"not a table name: {name!r}")
    target = folder / name
    store.connection.execute(
        f"COPY ({select}) TO {_quoted(target)} "
        f"(FORMAT parquet, PARTITION_BY ({', '.join(PARTITION_COLUMNS)}))"
    )
    return _count(store, f"SELECT count(*) FROM ({select})")


def _count(store: Store, sql: str) -> int:
    return int(store.connection.execute(sql).fetchall()[0][0])


def row_count(store: Store, relation: str) -> int:
    """The rows of one table or view."""
    if not relation.isidentifier():
        raise ValueError(f"not a table name: {relation!r}")
    return _count(store, f"SELECT count(*) FROM {relation}")


POSTS_BY_YEAR = "SELECT *, year(published_day) AS year FROM posts"
"""The newest snapshot of each post, with the year it is partitioned by."""
METRICS_BY_YEAR = (
    "SELECT m.*, year(p.published_day) AS year FROM latest_post_metrics m "
    "JOIN posts p ON p.platform = m.platform AND p.account_id = m.account_id "
    "AND p.post_id = m.post_id"
)
"""Each post's metrics, partitioned by the year of the post they belong to."""
