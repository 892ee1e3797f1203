"""Files: written so that a crash never leaves a half-written one in place, and zip
archives (XLSX workbooks) measured before anything in them is unpacked."""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from pathlib import Path

_SUFFIX = re.compile(r"[a-z0-9_]{8}")
"""What ``tempfile.mkstemp`` adds after the prefix: eight random characters."""


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over.

    The rename is atomic on the same file system: readers see the old file or the
    new one, never a mix, even if the process is killed half-way.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=_prefix(path), dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _prefix(path: Path) -> str:
    return f".{path.name}."


def remove_leftovers(path: Path) -> tuple[Path, ...]:
    """Remove the temporary files a killed ``write_atomically(path, …)`` left beside
    ``path``; returns them. Call it only while no other writer of ``path`` runs (a
    workspace's reports: under the workspace lock)."""
    prefix = _prefix(path)
    try:
        names = os.listdir(path.parent)
    except FileNotFoundError:
        return ()
    found = tuple(
        path.parent / name
        for name in sorted(names)
        if name.startswith(prefix) and _SUFFIX.fullmatch(name[len(prefix) :])
    )
    for leftover in found:
        leftover.unlink(missing_ok=True)
    return found


def unpacked_size(path: Path) -> int:
    """What the members of the zip archive at ``path`` unpack to, by its central
    directory, read before anything is unpacked, so that a zip bomb is refused on
    its own numbers. Raises ``zipfile.BadZipFile`` for a file that is no archive."""
    with zipfile.ZipFile(path) as archive:
        return sum(info.file_size for info in archive.infolist())
