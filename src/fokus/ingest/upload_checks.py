"""The checks an uploaded file passes before it is stored: its name and its bytes.

Pure functions over a name or a file on disk, used by :mod:`fokus.ingest.uploads`:

* ``safe_name`` keeps only the last part of a name, drops control, format (bidi
  overrides, zero-width) and Windows-forbidden characters and leading dots, and
  limits the length; ``unique_name`` picks a free name in a folder.
* ``sniff_content`` says what the bytes are (text, xlsx, xls, SpreadsheetML, zip
  archive) and refuses executables, PDFs and other binaries; ``check_suffix``
  refuses a name whose extension says something else than the bytes (a ``.csv``
  that is a zip).
* ``check_zip`` refuses a zip bomb before anything unpacks it: too many members,
  too much in total or in one member once unpacked, or a member compressed more
  than any spreadsheet is.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path, PurePath
from typing import Literal

from fokus.errors import FokusError
from fokus.i18n import MessageKey

Content = Literal["text", "xlsx", "xls", "xml", "zip"]

MAX_NAME_LENGTH = 120
MAX_ZIP_MEMBERS = 500
MAX_ZIP_TOTAL = 1 << 30
MAX_ZIP_MEMBER = 512 << 20
MAX_ZIP_RATIO = 200
"""Spreadsheet XML compresses some 5-50 times; a bomb compresses a thousand times."""
_RATIO_FROM = 1 << 20
"""Tiny members (a 40-byte file of spaces) may compress well without harm."""

_SUFFIXES: dict[Content, frozenset[str]] = {
    "text": frozenset({".csv", ".tsv", ".txt"}),
    "xlsx": frozenset({".xlsx"}),
    "xls": frozenset({".xls"}),
    "xml": frozenset({".xml", ".xls"}),  # Meta's SpreadsheetML is named .xls
    "zip": frozenset({".zip"}),
}
_BINARY = (
    b"MZ",  # Windows executables
    b"\x7fELF",
    b"%PDF",
    b"\x1f\x8b",  # gzip
    b"\xca\xfe\xba\xbe",
    b"\xcf\xfa\xed\xfe",  # Mach-O
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"Rar!",
    b"7z\xbc\xaf",
)
_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')
_SPACES = re.compile(r"\s+")
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}
)
_XML_STARTS = (b"<?xml", b"<Workbook", b"<ss:Workbook", b"<!DOCTYPE", b"<!doctype")


def safe_name(original: str) -> str:
    """A file name that is safe to create and to show: see the module text."""
    last = re.split(r"[/\\]", original)[-1]
    text = unicodedata.normalize("NFC", last)
    spaced = (" " if unicodedata.category(c) == "Zs" else c for c in text)
    kept = "".join(
        c for c in spaced if unicodedata.category(c)[0] not in "CZ" or c == " "
    )
    kept = _SPACES.sub(" ", _FORBIDDEN.sub("_", kept)).strip().lstrip(". ").rstrip(". ")
    path = PurePath(kept)
    suffix = path.suffix[:10] if path.suffix and path.stem else ""
    stem = path.stem if suffix else kept
    if stem.split(".")[0].casefold() in _RESERVED:
        stem = f"file-{stem}"
    stem = stem[: MAX_NAME_LENGTH - len(suffix)].rstrip(". ") or "upload"
    return stem + suffix


def unique_name(folder: Path, name: str) -> str:
    """``name``, or ``stem (2).ext`` … when a file of that name is in ``folder``."""
    if not (folder / name).exists():
        return name
    path = PurePath(name)
    stem = path.stem[: MAX_NAME_LENGTH - len(path.suffix) - 6]
    number = 2
    while (folder / f"{stem} ({number}){path.suffix}").exists():
        number += 1
    return f"{stem} ({number}){path.suffix}"


def sniff_content(path: Path) -> Content:
    """What the file's first bytes say it is; other binaries are refused."""
    with path.open("rb") as handle:
        head = handle.read(8192)
    if not head:
        raise FokusError("import.refused.empty", "import.refused.empty.hint")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(path)
    if head.startswith(_BINARY):
        raise FokusError("upload.refused.binary", "upload.refused.binary.hint")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(_XML_STARTS):
        return "xml"
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if not utf16 and b"\x00" in head:
        raise FokusError("upload.refused.binary", "upload.refused.binary.hint")
    return "text"


def _zip_kind(path: Path) -> Content:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FokusError(
            "upload.refused.damaged_zip", "upload.refused.damaged_zip.hint"
        ) from error
    if "[Content_Types].xml" in names:
        if "xl/workbook.xml" not in names:
            raise FokusError(
                "upload.refused.not_workbook", "upload.refused.not_workbook.hint"
            )
        return "xlsx"
    return "zip"


def check_suffix(name: str, content: Content) -> None:
    """Refuse a name whose extension says another kind of file than its bytes."""
    suffix = PurePath(name).suffix.casefold()
    if suffix not in _SUFFIXES[content]:
        raise FokusError(
            "upload.refused.suffix",
            "upload.refused.suffix.hint",
            suffix=suffix or "—",
            content=MessageKey(f"upload.content.{content}"),
        )


def check_zip(path: Path) -> None:
    """Refuse a zip bomb from its directory, before any member is unpacked."""
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
    total = sum(info.file_size for info in members)
    bomb = (
        len(members) > MAX_ZIP_MEMBERS
        or total > MAX_ZIP_TOTAL
        or any(info.file_size > MAX_ZIP_MEMBER for info in members)
        or any(
            info.file_size > _RATIO_FROM
            and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1)
            for info in members
        )
    )
    if bomb:
        raise FokusError(
            "upload.refused.zip_bomb",
            "upload.refused.zip_bomb.hint",
            members=len(members),
            size=total,
        )
