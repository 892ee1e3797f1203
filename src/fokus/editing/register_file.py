"""A register CSV as written, kept the user's way: its encoding, delimiter, line ends.

Reading gives the header and the data records exactly as the file holds them;
writing puts them back in the same dialect, atomically, so the file still opens in
Excel as it did. A register kept as XLSX is not rewritten (fokus would lose its
formatting): editing it is refused with what to do.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from fokus.errors import FokusError
from fokus.files import write_atomically
from fokus.i18n import Language
from fokus.registers.reader import register_path, template
from fokus.registers.templates import RegisterKey

FileEncoding = Literal["utf-8-sig", "utf-8", "cp1252"]


@dataclass(frozen=True, slots=True)
class CsvRegister:
    """A register file's records and how to write them back."""

    path: Path
    encoding: FileEncoding
    delimiter: str
    line_end: str
    records: tuple[tuple[str, ...], ...]
    """The header first, then every record as the file holds it."""


def load(folder: Path, register: RegisterKey, language: Language) -> CsvRegister:
    """The register's CSV in ``folder``; a new, empty one (not yet written) if none."""
    path = register_path(folder, register)
    if path is None:
        found = template(register)
        header = tuple(c.header(language) for c in found.columns)
        return CsvRegister(
            folder / found.filename, "utf-8-sig", ";" if language == "nb" else ",",
            "\r\n", (header,),
        )  # fmt: skip
    if path.suffix == ".xlsx":
        raise FokusError(
            "registers_edit.xlsx", "registers_edit.xlsx.hint", file=path.name
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FokusError(
            "registers_edit.unreadable",
            "registers_edit.unreadable.hint",
            file=path.name,
            error=error.strerror or str(error),
        ) from error
    encoding, text = _decode(data)
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    line_end = "\r\n" if "\r\n" in text else "\n"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = tuple(tuple(record) for record in reader)
    except csv.Error as error:  # a NUL byte, a field over 131,072 characters
        raise FokusError(
            "registers_edit.damaged",
            "registers_edit.damaged.hint",
            file=path.name,
            line=reader.line_num,
            error=str(error),
        ) from None
    return CsvRegister(path, encoding, delimiter, line_end, records or ((),))


def _decode(data: bytes) -> tuple[FileEncoding, str]:
    # The same order as the register reader (reader.csv_rows).
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", data[3:].decode("utf-8", "replace")
    try:
        return "utf-8", data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252", data.decode("cp1252", "replace")


def save(file: CsvRegister, records: tuple[tuple[str, ...], ...]) -> None:
    """Write ``records`` (header first) in the file's dialect, atomically.

    Raises ``FokusError`` when a character cannot be written in the file's encoding
    (an emoji in a Windows-1252 file); the file is then unchanged.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=file.delimiter, lineterminator=file.line_end)
    writer.writerows(records)
    text = buffer.getvalue()
    try:
        data = text.encode(file.encoding)
    except UnicodeEncodeError as error:
        raise FokusError(
            "registers_edit.not_encodable",
            "registers_edit.not_encodable.hint",
            file=file.path.name,
            character=error.object[error.start : error.end],
        ) from error
    write_atomically(file.path, data)
