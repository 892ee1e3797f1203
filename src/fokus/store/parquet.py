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
