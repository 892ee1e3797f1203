"""Zip archives as platforms hand them out (YouTube Studio's export is one).

Only the files an export can hold are unpacked, flat, into a private folder: no
paths from inside the archive are used, so a crafted name cannot write elsewhere,
and the unpacked size is capped before anything is written.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath
from typing import IO

from fokus.errors import FokusError
from fokus.ingest.workbook import MAX_UNPACKED_BYTES

MAX_MEMBERS = 500
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
            if not members:
                raise FokusError(
                    "import.refused.empty_archive", "import.refused.empty_archive.hint"
                )
            total = sum(info.file_size for info in members)
            if len(members) > MAX_MEMBERS or total > MAX_UNPACKED_BYTES:
                raise FokusError(
                    "import.refused.too_large_unpacked",
                    "import.refused.too_large_unpacked.hint",
                    size=total,
                )
            written: list[Path] = []
            for number, info in enumerate(sorted(members, key=lambda i: i.filename)):
                name = _flat_name(info.filename, number, {p.name for p in written})
                target = folder / name
                with archive.open(info) as source, target.open("wb") as out:
                    _copy_capped(source, out, info.file_size)
                written.append(target)
            return written
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError) as error:
        raise FokusError(
            "import.refused.damaged_workbook",
            "import.refused.damaged_workbook.hint",
            error=str(error) or type(error).__name__,
        ) from error


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
                "import.refused.too_large_unpacked",
                "import.refused.too_large_unpacked.hint",
                size=copied,
            )
        target.write(chunk)
