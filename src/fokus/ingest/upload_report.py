"""An upload's result in words: what a web page shows for each file received.

One ``FileReport`` per file imported (an archive gives one per member), or one for
a file refused before import; every text is translated, none is escaped (the page
escapes, as names and skipped values are untrusted).
"""

from __future__ import annotations

from dataclasses import dataclass

from fokus.i18n import Language, translate
from fokus.ingest.uploads import UploadResult
from fokus.model.imports import ImportOutcome, ImportStatus


@dataclass(frozen=True, slots=True)
class FileReport:
    """One file: its kind in plain words, its rows, each skipped row by line, and the
    refusal (or the earlier import) with what to do."""

    name: str
    status: ImportStatus
    kind: str | None
    rows_read: int
    rows_imported: int
    rows_skipped: int
    skipped: tuple[tuple[int, str], ...]
    """(line in the file, with the header as line 1; why it was skipped)"""
    notes: tuple[str, ...]
    message: str | None
    hint: str | None


def describe_upload(result: UploadResult, language: Language) -> tuple[FileReport, ...]:
    """The result of one upload as the page lists it."""
    if result.refusal_key is not None:
        params = result.refusal_params or {}
        return (
            FileReport(
                result.original_name, result.status, None, 0, 0, 0, (), (),
                translate(result.refusal_key, language, **params),
                translate(result.refusal_hint_key or "", language, **params),
            ),
        )  # fmt: skip
    return tuple(_file(o, result, language) for o in result.outcomes)


def _file(
    outcome: ImportOutcome, result: UploadResult, language: Language
) -> FileReport:
    # The stored name is the import's; the page shows the name it was sent with.
    stored = result.stored_name
    name = outcome.file
    if stored is not None and (name == stored or name.startswith(f"{stored}/")):
        name = result.original_name + name[len(stored) :]
    elif stored is None and "/" not in name:
        name = result.original_name
    refused = outcome.status == "refused"
    params = outcome.refusal_params
    return FileReport(
        name=name,
        status=outcome.status,
        kind=translate(f"kind.{outcome.kind}", language) if outcome.kind else None,
        rows_read=outcome.rows_read,
        rows_imported=outcome.rows_imported,
        rows_skipped=outcome.rows_skipped,
        skipped=tuple(
            (s.row, translate(s.reason_key, language, **s.params))
            for s in outcome.skipped
        ),
        notes=tuple(translate(key, language, **p) for key, p in outcome.notes),
        message=translate(outcome.refusal_key or "", language, **params)
        if refused
        else None,
        hint=translate(outcome.refusal_hint_key or "", language, **params)
        if refused
        else None,
    )
