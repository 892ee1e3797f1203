"""What the conformance tests share: where the real files are, and an outcome.

The real files live beside the project in ``../shared`` (third-party files that are
never copied into the project); every module that reads them skips when it is absent.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import NamedTuple

from fokus.model.imports import ImportOutcome
from fokus.store import Store

SHARED = (Path(__file__).parents[2] / ".." / "shared").resolve()
SAMPLES = SHARED / "samples"
DATASETS = SHARED / "datasets"


class Expected(NamedTuple):
    """How one real file must come out of ``fokus import``."""

    status: str
    kind: str | None
    rows_imported: int
    rows_skipped: int
    refusal_key: str | None = None


def check_outcome(outcome: ImportOutcome, expected: Expected, store: Store) -> None:
    """The outcome is the expected one, and the import log agrees with it; a refused
    file stored nothing."""
    got = Expected(
        outcome.status,
        outcome.kind,
        outcome.rows_imported,
        outcome.rows_skipped,
        outcome.refusal_key,
    )
    assert got == expected
    if outcome.status == "refused":
        assert store.imports() == ()
        return
    [record] = store.imports()
    assert (record.rows_imported, record.rows_skipped) == (
        outcome.rows_imported,
        outcome.rows_skipped,
    )


def read_csv(path: Path) -> list[list[str]]:
    """Every record of a UTF-8 file (with or without a byte-order mark)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))
