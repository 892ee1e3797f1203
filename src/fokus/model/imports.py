"""What an import did, file by file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

ImportStatus = Literal["imported", "already_imported", "refused"]


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """One unusable row: its spreadsheet row number (header = row 1) and why."""

    row: int
    reason_key: str
    params: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """The result of importing one file."""

    file: str
    status: ImportStatus
    kind: str | None = None
    rows_read: int = 0
    rows_imported: int = 0
    rows_skipped: int = 0
    skipped: tuple[SkippedRow, ...] = ()
    as_of: dt.date | None = None
    notes: tuple[tuple[str, Mapping[str, str]], ...] = ()
    """Things the user should know (key, params): an inferred date, unknown columns."""
    refusal_key: str | None = None
    refusal_hint_key: str | None = None
    refusal_params: Mapping[str, object] = field(default_factory=dict)
