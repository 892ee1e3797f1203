"""What every TikTok adapter shares: recognition, the account, the export day, notes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import ClassVar

from fokus.i18n import MessageKey
from fokus.ingest.base import ImportContext, Recognition, file_identity
from fokus.ingest.export_date import AsOfSource
from fokus.ingest.sniff import TextSample
from fokus.ingest.tiktok_columns import classify, features, foreign
from fokus.model.staging import FileIdentity
from fokus.model.vocab import Platform

Note = tuple[str, dict[str, str]]
Records = Sequence[Sequence[str]]

# The zip TikTok Studio gives names the follower files' folder after the account.
_FOLLOWERS_FOLDER = re.compile(r"^followers_(?P<handle>.+)$", re.IGNORECASE)
_SOURCES: dict[AsOfSource, str] = {
    "option": "import.note.tiktok.source.option",
    "file_name": "import.note.tiktok.source.file_name",
    "content": "import.note.tiktok.source.content",
    "file_date": "import.note.tiktok.source.file_date",
}


def split_header(
    records: Records,
) -> tuple[int, tuple[str, ...], list[tuple[str, ...]]]:
    """(index of the header, the header, the data rows): TikTok has no preamble."""
    for index, record in enumerate(records):
        if any(cell.strip() for cell in record):
            header = tuple(c.replace("\ufeff", "").strip() for c in record)
            return index, header, [tuple(r) for r in records[index + 1 :]]
    return 0, (), []


def account_of(context: ImportContext) -> str:
    """The handle from a ``Followers_<handle>`` folder, else the folder, else tiktok."""
    for part in reversed(PurePosixPath(context.display_name).parts[:-1]):
        if found := _FOLLOWERS_FOLDER.match(part):
            return found["handle"]
    return context.account_folder or "tiktok"


class TikTokAdapter:
    """Recognition shared by the TikTok kinds: their features, and nobody else's."""

    kind: ClassVar[str]
    platform: ClassVar[Platform] = "tiktok"

    def recognise(self, sample: TextSample) -> Recognition:
        """This kind's features, and a header no other TikTok kind or platform has."""
        _, header, rows = split_header(sample.records)
        if not header or foreign(header):
            return Recognition(self.kind, (), ("feature.tiktok.header",))
        recognition = Recognition.of(self.kind, features(self.kind, header, rows))
        if recognition.complete and classify(header, rows) != self.kind:
            return Recognition(
                self.kind, recognition.matched, ("feature.tiktok.header",)
            )
        return recognition


def identity(
    sample: TextSample,
    context: ImportContext,
    kind: str,
    columns: tuple[str, ...],
    as_of: tuple[dt.date, AsOfSource],
    *,
    extra_columns: tuple[str, ...] = (),
) -> FileIdentity:
    """What the import log records, with the export day TikTok's rules chose."""
    found = file_identity(
        sample, context, kind, "tiktok", columns, extra_columns=extra_columns
    )
    return dataclasses.replace(found, as_of=as_of[0], as_of_source=as_of[1])


def year_note(
    as_of: tuple[dt.date, AsOfSource], days: Sequence[dt.date | None]
) -> list[Note]:
    """Say that the years were inferred, from which export day, and the span."""
    known = [d for d in days if d is not None]
    if not known:
        return []
    return [
        (
            "import.note.tiktok.year_inferred",
            {
                "as_of": as_of[0].isoformat(),
                "source": MessageKey(_SOURCES[as_of[1]]),
                "first": min(known).isoformat(),
                "last": max(known).isoformat(),
            },
        )
    ]


def by_values_note(names: Sequence[str]) -> list[Note]:
    """Say which columns were found by their values because their header is unknown."""
    if not names:
        return []
    return [("import.note.tiktok.found_by_values", {"names": ", ".join(names)})]


def missing_note(counts: dict[str, int]) -> list[Note]:
    """Say how many values were marked missing (``undefined``, ``NAN``, ``--``)."""
    total = sum(counts.values())
    if not total:
        return []
    names = ", ".join(f"{name} ({n})" for name, n in counts.items() if n)
    return [
        ("import.note.tiktok.missing_values", {"count": str(total), "names": names})
    ]


def unknown_note(names: Sequence[str]) -> list[Note]:
    """Columns fokus does not know, kept under their own names."""
    if not names:
        return []
    return [
        (
            "import.note.unknown_columns",
            {"count": str(len(names)), "names": ", ".join(names)},
        )
    ]
