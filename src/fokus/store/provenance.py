"""Where imported files came from: the uploader the web app names, and skip reasons.

The ``uploads`` table (schema.py) holds one row per file received through the web
app; the import log itself stays as ``fokus import`` writes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fokus.store.database import Store


@dataclass(frozen=True, slots=True)
class UploadRecord:
    """One uploaded file: its name in exports/, the name it was sent with, by whom."""

    stored_name: str
    original_name: str
    sha256: str
    uploaded_by: str | None
    uploaded_at: dt.datetime


def record_upload(
    store: Store,
    stored_name: str,
    original_name: str,
    sha256: str,
    uploaded_by: str | None,
) -> None:
    """Remember who sent ``stored_name`` (replacing an earlier row of that name)."""
    store.connection.execute(
        "INSERT OR REPLACE INTO uploads VALUES (?, ?, ?, ?, now())",
        [stored_name, original_name, sha256, uploaded_by],
    )


def uploads(store: Store) -> tuple[UploadRecord, ...]:
    """Every uploaded file, by stored name."""
    rows = store.connection.execute(
        "SELECT stored_name, original_name, sha256, uploaded_by, uploaded_at "
        "FROM uploads ORDER BY stored_name"
    ).fetchall()
    return tuple(UploadRecord(*row) for row in rows)


def skip_reasons(store: Store) -> dict[int, tuple[tuple[str, int], ...]]:
    """Per import: each reason rows were skipped for, with how many rows."""
    rows = store.connection.execute(
        "SELECT import_id, reason, count(*) FROM import_skips "
        "GROUP BY import_id, reason ORDER BY import_id, reason"
    ).fetchall()
    found: dict[int, list[tuple[str, int]]] = {}
    for import_id, reason, count in rows:
        found.setdefault(int(import_id), []).append((str(reason), int(count)))
    return {key: tuple(value) for key, value in found.items()}
