"""Zip archives as platforms hand them out (YouTube Studio's export is one).

Only the files an export can hold are unpacked, flat, into a private folder: no
paths from inside the archive are used, so a crafted name cannot write elsewhere,
and the unpacked size is capped before anything is written. An archive with a name
that climbs out of it (``../evil.csv``, ``/etc/x.csv``) is refused whole: no
platform packs its exports so, and such a zip file is crafted. Damaged data
(a bad CRC, broken compressed data, a password) is a refusal, never a crash.
"""

from __future__ import annotations

import datetime as dt
import lzma
import os
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import IO

from fokus.errors import FokusError
from fokus.ingest.workbook import MAX_UNPACKED_BYTES

MAX_MEMBERS = 500
_EARLIEST_YEAR = 2000
_EXPORT_SUFFIXES = frozenset({".csv", ".tsv", ".txt", ".xlsx", ".xls"})


def is_archive(path: Path) -> bool:
    """A zip file that is not itself a workbook (.xlsx files are zips too)."""
    try:
        with path.open("rb") as handle:
            if handle.read(4) != b"PK\x03\x04":
                return False
        with zipfile.ZipFile(path) as archive:
            return "[Content_Types].xml" not in archive.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def unpack_archive(path: Path, folder: Path) -> list[Path]:
    """The archive's export files, unpacked into ``folder``, in name order."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = [
                info
                for info in archive.infolist()
                if not info.is_dir()
                and PurePosixPath(info.filename).suffix.lower() in _EXPORT_SUFFIXES
                and not PurePosixPath(info.filename).name.startswith((".", "__MACOSX"))
                and "__MACOSX" not in PurePosixPath(info.filename).parts
            ]
            for info in archive.infolist():
                _refuse_unsafe_name(info.filename)
            if not members:
                raise FokusError(
                    "import.refused.empty_archive", "import.refused.empty_archive.hint"
                )
            total = sum(info.file_size for info in members)
            if len(members) > MAX_MEMBERS or total > MAX_UNPACKED_BYTES:
                raise FokusError(
                    "import.refused.archive_too_large",
                    "import.refused.archive_too_large.hint",
                    size=total,
                    members=len(members),
                )
            written: list[Path] = []
            for number, info in enumerate(sorted(members, key=lambda i: i.filename)):
                name = _flat_name(info.filename, number, {p.name for p in written})
                target = folder / name
                with archive.open(info) as source, target.open("wb") as out:
                    _copy_capped(source, out, info.file_size)
                # The member keeps the time the platform packed it: its export
                # date when neither its name nor its content gives one.
                if info.date_time[0] >= _EARLIEST_YEAR:  # 1980 means "not set"
                    packed = dt.datetime(*info.date_time, tzinfo=dt.UTC).timestamp()
                    os.utime(target, (packed, packed))
                written.append(target)
            return written
    except (
        zipfile.BadZipFile,  # also a member longer than its declared size (bad CRC)
        zipfile.LargeZipFile,
        NotImplementedError,  # a compression method Python lacks
        RuntimeError,  # an encrypted member
        zlib.error,  # broken deflate data
        lzma.LZMAError,
        EOFError,  # a member cut short
    ) as error:
        raise FokusError(
            "import.refused.damaged_archive",
            "import.refused.damaged_archive.hint",
            error=str(error).splitlines()[0][:200]
            if str(error)
            else type(error).__name__,
        ) from error


def _refuse_unsafe_name(inner: str) -> None:
    """A member whose path is absolute or climbs out of the archive."""
    path = PurePosixPath(inner.replace("\\", "/"))
    if (
        path.is_absolute()
        or ".." in path.parts
        or (path.parts and ":" in path.parts[0])
    ):
        raise FokusError(
            "import.refused.unsafe_archive",
            "import.refused.unsafe_archive.hint",
            name=inner[:200],
        )


def _flat_name(inner: str, number: int, taken: set[str]) -> str:
    """The member's own file name, made unique; never a path."""
    name = PurePosixPath(inner.replace("\\", "/")).name or f"file-{number}"
    if name in taken:
        stem, suffix = PurePosixPath(name).stem, PurePosixPath(name).suffix
        name = f"{stem} ({number}){suffix}"
    return name


def _copy_capped(source: IO[bytes], target: IO[bytes], declared: int) -> None:
    """Copy at most the declared size: a member that unpacks larger is refused."""
    copied = 0
    while chunk := source.read(1 << 20):
        copied += len(chunk)
        if copied > declared:
            raise FokusError(
                "import.refused.archive_too_large",
                "import.refused.archive_too_large.hint",
                size=copied,
                members=1,
            )
        target.write(chunk)
