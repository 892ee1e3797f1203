"""The adapter protocol: recognise an export by content, then store it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import ClassVar, Protocol

from fokus.ingest.export_date import export_date
from fokus.ingest.sniff import TextSample
from fokus.model.staging import FileIdentity
from fokus.model.vocab import Platform
from fokus.store.database import StagedCounts, Store


@dataclass(frozen=True, slots=True)
class Recognition:
    """How well a file fits an export kind: what was found and what is missing."""

    kind: str
    matched: tuple[str, ...]
    """Message keys (``feature.post_id`` …) of what the file has."""
    missing: tuple[str, ...]
    """Message keys of what the kind needs and the file lacks."""

    @classmethod
    def of(cls, kind: str, features: Mapping[str, bool]) -> Recognition:
        """From each feature's message key and whether the file has it."""
        return cls(
            kind,
            tuple(key for key, found in features.items() if found),
            tuple(key for key, found in features.items() if not found),
        )

    @property
    def complete(self) -> bool:
        """Everything the kind needs is there."""
        return not self.missing and bool(self.matched)


PLATFORM_FOLDERS = frozenset({
    "facebook", "instagram", "meta", "linkedin", "tiktok", "youtube", "x",
    "twitter", "x_twitter", "x-twitter",
})  # fmt: skip
"""Folder names that name a platform, not an account."""


@dataclass(frozen=True, slots=True)
class ImportContext:
    """What an adapter may need besides the file."""

    display_name: str
    """The file's name as the user knows it (relative to exports/)."""
    timezone: str
    as_of: dt.date | None
    """The export date given on the command line, if any."""
    folder_hint: str
    """The sub-folder of exports/ the file sits in (``facebook``, ``instagram`` …)."""
    scratch: Path
    """A private temporary folder for transcoded copies."""

    @property
    def account_folder(self) -> str | None:
        """The innermost folder of the file's path that names an account, lower
        case: not a zip file and not a platform's name (``exports/x/fjordvik/…`` →
        ``fjordvik``). Files that do not name their account are stored under it."""
        for part in reversed(PurePosixPath(self.display_name).parts[:-1]):
            name = part.strip().casefold()
            if name and not name.endswith(".zip") and name not in PLATFORM_FOLDERS:
                return name
        return None


@dataclass(frozen=True, slots=True)
class Stored:
    """What an adapter stored, and notes worth telling the user."""

    counts: StagedCounts
    as_of: dt.date
    notes: tuple[tuple[str, Mapping[str, str]], ...] = field(default_factory=tuple)


def file_identity(
    sample: TextSample,
    context: ImportContext,
    kind: str,
    platform: Platform,
    columns: tuple[str, ...],
    *,
    content_date: dt.date | None = None,
    extra_columns: tuple[str, ...] = (),
) -> FileIdentity:
    """What the import log records about a file; the export date chosen here."""
    as_of, source = export_date(sample.path, context.as_of, content_date)
    return FileIdentity(
        name=context.display_name,
        sha256=sample.sha256,
        size_bytes=sample.size_bytes,
        kind=kind,
        platform=platform,
        encoding=sample.encoding if sample.container == "csv" else sample.container,
        delimiter=sample.delimiter if sample.container == "csv" else None,
        columns=columns,
        as_of=as_of,
        as_of_source=source,
        extra_columns=extra_columns,
    )


class Adapter(Protocol):
    """One export kind. ``recognise`` must be cheap and never raise."""

    kind: ClassVar[str]
    platform: ClassVar[Platform]

    def recognise(self, sample: TextSample) -> Recognition:
        """Compare the sample with what this kind looks like."""
        ...

    def store(self, sample: TextSample, context: ImportContext, store: Store) -> Stored:
        """Read the whole file and store it in one transaction."""
        ...
