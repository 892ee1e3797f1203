"""Receiving a file through the web app: checked, stored under exports/, imported.

``receive_upload`` copies the stream to a hidden file in the workspace (never more
than ``max_bytes``, never the whole upload in memory), checks its bytes
(:mod:`fokus.ingest.upload_checks`), moves it to ``exports/`` under a safe, unique
name and imports it exactly as ``fokus import`` does: the same recognition, the same
one-transaction-per-file store. A refused file leaves nothing behind; a file whose
bytes were imported before is said to be so and not stored again. The uploader is
recorded beside the import log (``store.provenance``); ``import_history`` lists every
import with it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from fokus.errors import FokusError
from fokus.ingest.pipeline import import_files
from fokus.ingest.upload_checks import (
    check_suffix,
    check_zip,
    safe_name,
    sniff_content,
    unique_name,
)
from fokus.model.imports import ImportOutcome, ImportStatus
from fokus.store import Store
from fokus.store.database import ImportRecord
from fokus.store.provenance import UploadRecord, record_upload, skip_reasons, uploads
from fokus.workspace import Workspace

_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class UploadResult:
    """What became of one uploaded file.

    ``outcomes`` are the import's results (one per file; an archive has one per
    member), with the kind, rows and skipped rows with their line numbers. A refusal
    before import (too large, not an export, a zip bomb) is ``refusal_*``.
    """

    original_name: str
    """The name as sent, for display only (untrusted: escape it)."""
    stored_name: str | None
    """The file's name in exports/ when it was kept."""
    status: ImportStatus
    sha256: str | None = None
    outcomes: tuple[ImportOutcome, ...] = ()
    refusal_key: str | None = None
    refusal_hint_key: str | None = None
    refusal_params: dict[str, object] | None = None

    @property
    def rows_read(self) -> int:
        return sum(o.rows_read for o in self.outcomes)

    @property
    def rows_imported(self) -> int:
        return sum(o.rows_imported for o in self.outcomes)

    @property
    def rows_skipped(self) -> int:
        return sum(o.rows_skipped for o in self.outcomes)


def receive_upload(
    workspace: Workspace,
    filename: str,
    stream: BinaryIO,
    *,
    max_bytes: int,
    uploaded_by: str | None = None,
) -> UploadResult:
    """Store and import one uploaded file; every refusal is a result, not an error."""
    exports = workspace.exports_dir
    exports.mkdir(parents=True, exist_ok=True)
    name = safe_name(filename)
    handle, temporary = tempfile.mkstemp(prefix=".upload-", dir=exports)
    scratch = Path(temporary)
    try:
        with os.fdopen(handle, "wb") as out:
            sha256 = _copy_capped(stream, out, max_bytes)
        _check(scratch, name)
        with Store.open(workspace.database_path) as store:
            earlier = store.find_import(sha256)
            if earlier is not None:
                return UploadResult(
                    filename, None, "already_imported", sha256,
                    refusal_key="upload.already_imported",
                    refusal_hint_key="upload.already_imported.hint",
                    refusal_params={"file": earlier.file_name},
                )  # fmt: skip
            return _import(
                workspace, store, scratch, original=filename, name=name,
                sha256=sha256, uploaded_by=uploaded_by,
            )  # fmt: skip
    except FokusError as error:
        return UploadResult(
            filename, None, "refused", None,
            refusal_key=error.message_key,
            refusal_hint_key=error.hint_key,
            refusal_params=_within(error.params, workspace.root),
        )  # fmt: skip
    finally:
        scratch.unlink(missing_ok=True)


def _within(params: Mapping[str, object], root: Path) -> dict[str, object]:
    """The parameters with the server's folders cut to the workspace's own paths
    (``fokus.duckdb``, not ``/srv/fokus/…/fokus.duckdb``): a refusal is shown to web
    users, who have no business with the server's file system."""
    folders = sorted({str(root), str(root.absolute())}, key=len, reverse=True)
    cut = dict(params)
    for key, value in params.items():
        if isinstance(value, str):
            text = value
            for folder in folders:
                text = text.replace(folder + os.sep, "").replace(folder, ".")
            cut[key] = text
    return cut


def busy(filename: str, seconds: int) -> UploadResult:
    """The answer for a file not received because the workspace stayed busy (another
    import, review or backup held its lock) for ``seconds``: nothing was read."""
    return UploadResult(
        filename, None, "refused", None,
        refusal_key="upload.busy",
        refusal_hint_key="upload.busy.hint",
        refusal_params={"seconds": seconds},
    )  # fmt: skip


def _copy_capped(stream: BinaryIO, out: BinaryIO, max_bytes: int) -> str:
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise FokusError(
                "upload.refused.too_large",
                "upload.refused.too_large.hint",
                limit=max_bytes // (1 << 20) or 1,
            )
        digest.update(chunk)
        out.write(chunk)
    return digest.hexdigest()


def _check(path: Path, name: str) -> None:
    content = sniff_content(path)
    check_suffix(name, content)
    if content in {"xlsx", "zip"}:
        check_zip(path)


def _import(
    workspace: Workspace,
    store: Store,
    scratch: Path,
    *,
    original: str,
    name: str,
    sha256: str,
    uploaded_by: str | None,
) -> UploadResult:
    stored = unique_name(workspace.exports_dir, name)
    target = workspace.exports_dir / stored
    scratch.replace(target)
    outcomes = import_files(
        [target],
        store,
        exports_dir=workspace.exports_dir,
        timezone=workspace.config.timezone,
    )
    if all(o.status != "imported" for o in outcomes):
        target.unlink(missing_ok=True)
        status: ImportStatus = (
            "already_imported"
            if all(o.status == "already_imported" for o in outcomes)
            else "refused"
        )
        return UploadResult(original, None, status, sha256, outcomes)
    record_upload(store, stored, original, sha256, uploaded_by)
    return UploadResult(original, stored, "imported", sha256, outcomes)


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One imported file with where it came from."""

    file: str
    kind: str
    """The kind's catalog key is ``kind.<kind>``."""
    imported_at: dt.datetime
    rows_read: int
    rows_imported: int
    rows_skipped: int
    skip_reasons: tuple[tuple[str, int], ...]
    """Each reason's catalog key, and how many rows it left out."""
    sha256: str
    original_name: str | None
    """The name it was uploaded with; None for a file imported by ``fokus import``."""
    uploaded_by: str | None


def import_history(workspace: Workspace) -> tuple[HistoryEntry, ...]:
    """Every import of the workspace, newest first, with its uploader if known."""
    if not workspace.database_path.exists():
        return ()
    with Store.open(workspace.database_path) as store:  # migrates an older file
        records = store.imports()
        reasons = skip_reasons(store)
        sent = {u.stored_name: u for u in uploads(store)}
    return tuple(
        _entry(record, reasons.get(record.import_id, ()), sent)
        for record in reversed(records)
    )


def _entry(
    record: ImportRecord,
    reasons: tuple[tuple[str, int], ...],
    sent: dict[str, UploadRecord],
) -> HistoryEntry:
    upload = sent.get(record.file_name) or sent.get(record.file_name.split("/")[0])
    return HistoryEntry(
        file=record.file_name,
        kind=record.kind,
        imported_at=record.imported_at,
        rows_read=record.rows_read,
        rows_imported=record.rows_imported,
        rows_skipped=record.rows_skipped,
        skip_reasons=reasons,
        sha256=record.sha256,
        original_name=upload.original_name if upload else None,
        uploaded_by=upload.uploaded_by if upload else None,
    )
