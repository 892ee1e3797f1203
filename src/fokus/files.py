"""Files: written so that a crash never leaves a half-written one in place, written
again only when what they are made from changed (``WrittenFiles``), and zip archives
(XLSX workbooks) measured before anything in them is unpacked."""

from __future__ import annotations

import hashlib
import json
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


class WrittenFiles:
    """What each file was last written from: a digest of its input and the sha256
    of the bytes written, kept in one JSON file (``manifest``).

    A file whose input digest is unchanged and whose bytes are still those written
    is ``current``: writing it again would write the same bytes. A manifest that is
    missing or unreadable only means every file is written again.
    """

    def __init__(self, manifest: Path) -> None:
        self.manifest = manifest
        self._entries: dict[str, dict[str, str]] = {}
        try:
            found = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(found, dict):
            self._entries = {
                key: value
                for key, value in found.items()
                if isinstance(value, dict)
                and isinstance(value.get("input"), str)
                and isinstance(value.get("sha256"), str)
            }

    def current(self, path: Path, digest: str) -> bool:
        """Whether ``path`` holds what was last written to it from ``digest``."""
        entry = self._entries.get(_key(path))
        if entry is None or entry["input"] != digest:
            return False
        try:
            return _sha256(path.read_bytes()) == entry["sha256"]
        except OSError:
            return False

    def write(self, path: Path, digest: str, data: bytes) -> None:
        """``write_atomically`` ``data`` to ``path``, made from ``digest``."""
        write_atomically(path, data)
        self._entries[_key(path)] = {"input": digest, "sha256": _sha256(data)}

    def save(self) -> None:
        """Keep the manifest (atomically; a crash before it only costs a rewrite)."""
        text = json.dumps(self._entries, indent=1, sort_keys=True) + "\n"
        write_atomically(self.manifest, text.encode("utf-8"))


def _key(path: Path) -> str:
    return str(path.resolve())


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def unpacked_size(path: Path) -> int:
    """What the members of the zip archive at ``path`` unpack to, by its central
    directory, read before anything is unpacked, so that a zip bomb is refused on
    its own numbers. Raises ``zipfile.BadZipFile`` for a file that is no archive."""
    with zipfile.ZipFile(path) as archive:
        return sum(info.file_size for info in archive.infolist())
