"""Import files into a workspace: recognise, store, report, one file at a time."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fokus.errors import FokusError
from fokus.i18n import MessageKey, MessageKeys
from fokus.ingest.archive import is_archive, unpack_archive
from fokus.ingest.base import Adapter, ImportContext, Recognition
from fokus.ingest.registry import ADAPTERS
from fokus.ingest.sniff import TextSample, file_sha256, read_sample
from fokus.model.imports import ImportOutcome, SkippedRow
from fokus.store.database import Store

Progress = Callable[[str, int], None]
"""Called with a file's display name and the number of files done: before each file
(so a long file shows which it is) and after it."""


def display_name(path: Path, exports_dir: Path) -> str:
    """The path relative to exports/ when it is inside, else the file name."""
    try:
        return path.resolve().relative_to(exports_dir.resolve()).as_posix()
    except ValueError:
        return path.name


def choose_adapter(sample: TextSample) -> Adapter:
    """The one adapter that fully recognises the sample, or a refusal that says why."""
    recognitions = [(adapter, adapter.recognise(sample)) for adapter in ADAPTERS]
    for adapter, recognition in recognitions:
        if recognition.complete:
            return adapter
    closest: Recognition = max(
        (r for _, r in recognitions), key=lambda r: (len(r.matched), -len(r.missing))
    )
    if not closest.matched:
        raise FokusError(
            "import.refused.unknown_kind", "import.refused.unknown_kind.hint"
        )
    raise FokusError(
        "import.refused.incomplete",
        "import.refused.incomplete.hint",
        closest=MessageKey(f"kind.{closest.kind}"),
        matched=MessageKeys(closest.matched),
        missing=MessageKeys(closest.missing),
    )


def import_file(
    path: Path,
    store: Store,
    *,
    exports_dir: Path,
    timezone: str,
    as_of: dt.date | None = None,
    display_prefix: str = "",
    adapter: Adapter | None = None,
) -> ImportOutcome:
    """Import one file in one transaction; a refusal is an outcome, not an error.

    ``display_prefix`` names the archive a file came out of. ``adapter`` reads the
    file instead of the one recognition would choose (``fokus import --map``).
    """
    name = display_name(path, exports_dir)
    if display_prefix:
        name = f"{display_prefix}/{name}"
    try:
        # The digest of a large file takes as long as a good part of its import:
        # compute it beside the import, and wait for it first only when a file of
        # the same size was imported before (and this may be the same file again).
        with ThreadPoolExecutor(max_workers=1) as pool:
            sample = read_sample(path, pool.submit(file_sha256, path))
            earlier = (
                store.find_import(sample.sha256)
                if store.has_import_of_size(sample.size_bytes)
                else None
            )
            if earlier is not None:
                return ImportOutcome(
                    name,
                    "already_imported",
                    earlier.kind,
                    notes=(("import.note.same_as", {"file": earlier.file_name}),),
                )
            adapter = adapter or choose_adapter(sample)
            parts = Path(name).parts
            hint = parts[0].casefold() if len(parts) > 1 else ""
            with tempfile.TemporaryDirectory(prefix="fokus-") as scratch:
                context = ImportContext(name, timezone, as_of, hint, Path(scratch))
                stored = adapter.store(sample, context, store)
    except OSError as error:
        return ImportOutcome(
            name,
            "refused",
            refusal_key="import.refused.unreadable_file",
            refusal_hint_key="import.refused.unreadable_file.hint",
            refusal_params={"error": error.strerror or str(error)},
        )
    except FokusError as error:
        return ImportOutcome(
            name,
            "refused",
            refusal_key=error.message_key,
            refusal_hint_key=error.hint_key,
            refusal_params=dict(error.params),
        )
    counts = stored.counts
    return ImportOutcome(
        file=name,
        status="imported",
        kind=adapter.kind,
        rows_read=counts.rows_read,
        rows_imported=counts.rows_imported,
        rows_skipped=counts.rows_skipped,
        skipped=tuple(
            SkippedRow(s.source_row, s.reason, {"value": s.detail})
            for s in counts.skips
        ),
        as_of=stored.as_of,
        notes=stored.notes,
    )


def import_files(
    paths: Sequence[Path],
    store: Store,
    *,
    exports_dir: Path,
    timezone: str,
    as_of: dt.date | None = None,
    progress: Progress | None = None,
    adapter: Adapter | None = None,
) -> tuple[ImportOutcome, ...]:
    """Import each file on its own; one refused file does not stop the others.

    A zip archive (YouTube Studio's download) is opened and each file in it is
    imported on its own, named ``archive.zip/member.csv``. ``adapter`` reads every
    file instead of recognition (a mapping the user wrote).
    """
    outcomes: list[ImportOutcome] = []
    with store.one_checkpoint():
        for done, path in enumerate(paths, start=1):
            name = display_name(path, exports_dir)
            if progress is not None:
                progress(name, done - 1)
            if is_archive(path):
                outcomes.extend(
                    _import_archive(
                        path, name, store, timezone=timezone, as_of=as_of,
                        adapter=adapter,
                    )
                )  # fmt: skip
            else:
                outcomes.append(
                    import_file(
                        path, store, exports_dir=exports_dir, timezone=timezone,
                        as_of=as_of, adapter=adapter,
                    )
                )  # fmt: skip
            if progress is not None:
                progress(name, done)
    return tuple(outcomes)


def _import_archive(
    path: Path,
    name: str,
    store: Store,
    *,
    timezone: str,
    as_of: dt.date | None,
    adapter: Adapter | None,
) -> list[ImportOutcome]:
    with tempfile.TemporaryDirectory(prefix="fokus-zip-") as folder:
        try:
            members = unpack_archive(path, Path(folder))
        except FokusError as error:
            return [
                ImportOutcome(
                    name,
                    "refused",
                    refusal_key=error.message_key,
                    refusal_hint_key=error.hint_key,
                    refusal_params=dict(error.params),
                )
            ]
        return [
            import_file(
                member, store, exports_dir=Path(folder), timezone=timezone,
                as_of=as_of, display_prefix=name, adapter=adapter,
            )
            for member in members
        ]  # fmt: skip
