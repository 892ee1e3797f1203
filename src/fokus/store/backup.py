"""One archive of a whole workspace, and its safe, verified restore.

The archive is a gzip-compressed tar file holding ``MANIFEST.json`` (first) and every
file of the workspace: ``fokus.toml``, ``exports/``, ``registers/``, ``reports/`` and
the database, copied after a checkpoint while the caller holds the workspace lock, so
the copy is consistent. The manifest lists each file's path, size and sha256.

Restore trusts nothing in the archive: only regular files whose paths are plain,
relative and named in the manifest are written, each checked against its size and
digest, into a temporary folder beside the target that is moved into place only when
everything matched.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

import duckdb

from fokus import __version__
from fokus.errors import ExitCode, FokusError
from fokus.store.lock import LOCK_NAME

MANIFEST = "MANIFEST.json"
FORMAT = "fokus-backup"
FORMAT_VERSION = 1
DATABASE = "fokus.duckdb"
_SKIPPED = frozenset({LOCK_NAME, DATABASE, DATABASE + ".wal"})
_MAX_MANIFEST_BYTES = 64 * 1024 * 1024
_CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class BackupEntry:
    """One file in the archive: its path in the workspace, size and sha256."""

    path: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class BackupSummary:
    """What a backup or restore covered."""

    files: int
    bytes: int


def backup_workspace(root: Path, archive: Path) -> BackupSummary:
    """Write ``archive`` (atomically) from the workspace in ``root``.

    The caller holds the workspace lock, so no fokus writes the store meanwhile.
    """
    files = _workspace_files(root)
    with tempfile.TemporaryDirectory(prefix="fokus-backup-") as scratch:
        database = root / DATABASE
        copied: Path | None = None
        if database.is_file():
            copied = Path(scratch) / DATABASE
            _consistent_copy(database, copied)
        sources = [(name, root / name) for name in files]
        if copied is not None:
            sources.append((DATABASE, copied))
        entries = [_entry(name, path) for name, path in sources]
        manifest = _manifest_bytes(entries)
        _write_archive(archive, manifest, sources)
    return BackupSummary(len(entries), sum(e.size for e in entries))


def restore_workspace(archive: Path, target: Path, *, force: bool) -> BackupSummary:
    """Unpack a verified ``archive`` into ``target``: all of it or nothing.

    Refuses a non-empty ``target`` unless ``force``; with ``force`` the old contents
    are replaced only after the whole archive has been checked.
    """
    target = target.absolute()
    if target.exists() and not target.is_dir():
        raise _error("store.restore.not_a_folder", path=str(target))
    if target.is_dir() and any(target.iterdir()) and not force:
        raise _error("store.restore.not_empty", path=str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".fokus-restore-", dir=target.parent))
    try:
        entries = _extract_verified(archive, staging)
        _replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BackupSummary(len(entries), sum(e.size for e in entries))


# -- writing ------------------------------------------------------------------------


def _workspace_files(root: Path) -> list[str]:
    """Every regular file under ``root`` (links not followed), as POSIX paths."""
    found: list[str] = []
    for folder, subfolders, names in os.walk(root):
        subfolders.sort()
        base = Path(folder)
        for name in sorted(names):
            path = base / name
            relative = path.relative_to(root).as_posix()
            if relative in _SKIPPED or path.is_symlink() or not path.is_file():
                continue
            found.append(relative)
    return found


def _consistent_copy(database: Path, copy: Path) -> None:
    """Fold the write-ahead log into the file, then copy the file."""
    try:
        con = duckdb.connect(str(database))
        try:
            con.execute("CHECKPOINT")
        finally:
            con.close()
    except duckdb.Error as error:
        raise FokusError(
            "store.locked",
            "store.locked.hint",
            ExitCode.STORE,
            path=str(database),
        ) from error
    shutil.copyfile(database, copy)


def _entry(name: str, path: Path) -> BackupEntry:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return BackupEntry(name, size, digest.hexdigest())


def _manifest_bytes(entries: list[BackupEntry]) -> bytes:
    document = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "fokus_version": __version__,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "files": [
            {"path": e.path, "size": e.size, "sha256": e.sha256} for e in entries
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")


def _write_archive(
    archive: Path, manifest: bytes, sources: list[tuple[str, Path]]
) -> None:
    archive = archive.absolute()
    archive.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{archive.name}.", dir=archive.parent)
    try:
        with os.fdopen(handle, "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz") as tar:
                _add_bytes(tar, MANIFEST, manifest)
                for name, path in sources:
                    info = tarfile.TarInfo(name)
                    info.size = path.stat().st_size
                    info.mtime = int(path.stat().st_mtime)
                    info.mode = 0o644
                    with path.open("rb") as data:
                        tar.addfile(info, data)
            raw.flush()
            os.fsync(raw.fileno())
        Path(temporary).replace(archive)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    import io  # noqa: PLC0415 (only here)

    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o644
    tar.addfile(info, io.BytesIO(data))


# -- reading ------------------------------------------------------------------------


def _extract_verified(archive: Path, staging: Path) -> list[BackupEntry]:
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            members = _members(tar)
            first = next(members, None)
            if first is None or first.name != MANIFEST:
                raise _error("store.restore.no_manifest", path=str(archive))
            entries = _read_manifest(tar, first, archive)
            expected = {e.path: e for e in entries}
            _check_space(entries, staging)
            seen: set[str] = set()
            for member in members:
                entry = _checked_member(member, expected, seen, archive)
                _extract_one(tar, member, entry, staging, archive)
                seen.add(entry.path)
    except (tarfile.TarError, EOFError, OSError, UnicodeDecodeError) as error:
        if isinstance(error, OSError) and not _is_archive_damage(error):
            raise _error(
                "store.restore.unreadable",
                path=str(archive),
                error=error.strerror or str(error),
            ) from None
        raise _error("store.restore.damaged", path=str(archive)) from None
    missing = sorted(set(expected) - seen)
    if missing:
        raise _error("store.restore.incomplete", path=str(archive), file=missing[0])
    return entries


def _is_archive_damage(error: OSError) -> bool:
    # gzip's BadGzipFile is an OSError; so is a CRC error from the decompressor.
    return error.errno is None


def _members(tar: tarfile.TarFile) -> Iterator[tarfile.TarInfo]:
    while (member := tar.next()) is not None:
        yield member


def _read_manifest(
    tar: tarfile.TarFile, member: tarfile.TarInfo, archive: Path
) -> list[BackupEntry]:
    if not member.isfile() or member.size > _MAX_MANIFEST_BYTES:
        raise _error("store.restore.bad_manifest", path=str(archive))
    stream = tar.extractfile(member)
    if stream is None:
        raise _error("store.restore.bad_manifest", path=str(archive))
    try:
        document = json.loads(stream.read().decode("utf-8"))
        if document["format"] != FORMAT or document["version"] != FORMAT_VERSION:
            raise ValueError(document["format"])
        entries = [
            BackupEntry(str(f["path"]), int(f["size"]), str(f["sha256"]))
            for f in document["files"]
        ]
    except (ValueError, KeyError, TypeError):
        raise _error("store.restore.bad_manifest", path=str(archive)) from None
    for entry in entries:
        if not _safe_path(entry.path) or entry.size < 0:
            raise _error(
                "store.restore.unsafe_path", path=str(archive), file=entry.path
            )
    if len({e.path for e in entries}) != len(entries):
        raise _error("store.restore.bad_manifest", path=str(archive))
    return entries


def _safe_path(name: str) -> bool:
    """A plain relative path: no root, no drive, no ``..``, no empty parts."""
    if not name or "\\" in name or "\x00" in name or ":" in name:
        return False
    pure = PurePosixPath(name)
    return (
        not pure.is_absolute()
        and all(part not in {"", ".", ".."} for part in name.split("/"))
        and pure.parts[0] != LOCK_NAME
    )


def _check_space(entries: list[BackupEntry], staging: Path) -> None:
    needed = sum(e.size for e in entries)
    free = shutil.disk_usage(staging).free
    if needed > free:
        raise _error(
            "store.restore.no_space", path=str(staging.parent), needed=needed, free=free
        )


def _checked_member(
    member: tarfile.TarInfo,
    expected: dict[str, BackupEntry],
    seen: set[str],
    archive: Path,
) -> BackupEntry:
    if not member.isfile():  # links, devices, folders: never written
        raise _error("store.restore.unsafe_path", path=str(archive), file=member.name)
    entry = expected.get(member.name)
    if entry is None or member.name in seen:
        raise _error("store.restore.unsafe_path", path=str(archive), file=member.name)
    if member.size != entry.size:
        raise _error("store.restore.tampered", path=str(archive), file=entry.path)
    return entry


def _extract_one(
    tar: tarfile.TarFile,
    member: tarfile.TarInfo,
    entry: BackupEntry,
    staging: Path,
    archive: Path,
) -> None:
    stream = tar.extractfile(member)
    if stream is None:
        raise _error("store.restore.unsafe_path", path=str(archive), file=entry.path)
    destination = staging / entry.path
    destination.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with destination.open("xb") as out:
        _copy_hashed(stream, out, digest)
    if digest.hexdigest() != entry.sha256:
        raise _error("store.restore.tampered", path=str(archive), file=entry.path)


def _copy_hashed(stream: IO[bytes], out: IO[bytes], digest: hashlib._Hash) -> None:
    while chunk := stream.read(_CHUNK):
        digest.update(chunk)
        out.write(chunk)


def _replace(staging: Path, target: Path) -> None:
    """Move the verified files into ``target``, clearing what was there."""
    if target.is_dir():
        for child in target.iterdir():
            if child.name == LOCK_NAME:  # held by this restore; see store/lock.py
                continue
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    else:
        target.mkdir(parents=True)
    for child in staging.iterdir():
        child.replace(target / child.name)


def _error(key: str, **params: object) -> FokusError:
    return FokusError(key, f"{key}.hint", ExitCode.BAD_INPUT, **params)
