"""What the conformance tests share: where the real files are, and an outcome.

The real files live beside the project in ``../shared`` (third-party files that are
never copied into the project); every module that reads them skips when it is absent.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

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
