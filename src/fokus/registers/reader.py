"""Reading any register: the file, its header, its rows, and what is wrong with them.

A register is ``registers/<key>.xlsx`` or ``registers/<key>.csv`` (the workbook wins
when both are there). A CSV may be written the way Norwegian Excel saves it (``;``,
Windows-1252, decimal comma, ``25.03.2026``) or the way the template is written
(UTF-8 with a byte order mark); headers may be bokmål, English or the column keys.
Nothing here raises for bad content: an unreadable file or a missing required column
becomes a ``RegisterProblem`` for the whole file, and the typed readers of each
register (``access.py``, ``ai_tools.py`` …) add row-level problems with the cell
parsers below, keeping every good row. Rows that repeat the template's example row,
and empty rows, are left out.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from python_calamine import CalamineError, CalamineWorkbook

from fokus.files import unpacked_size
from fokus.i18n import Bilingual
from fokus.model.vocab import Platform
from fokus.registers.templates import REGISTERS, RegisterKey, RegisterTemplate

Param = str | int

MAX_REGISTER_BYTES = 32 << 20
"""A register larger than this (a workbook: unpacked) is refused before it is read:
thousands of rows fit in a few megabytes; more is a wrong file or a zip bomb."""
DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%y")
"""Dates a register may hold: Norwegian, ISO, British, and two-digit years."""

_PLATFORMS: Mapping[str, Platform] = {
    "facebook": "facebook", "fb": "facebook", "meta": "facebook",
    "instagram": "instagram", "ig": "instagram", "linkedin": "linkedin",
    "tiktok": "tiktok", "youtube": "youtube", "x": "x", "twitter": "x",
    "x (twitter)": "x", "twitter (x)": "x",
}  # fmt: skip
_YES = frozenset({"ja", "j", "yes", "y", "true", "sann", "1", "x", "på", "on"})
_NO = frozenset({"nei", "n", "no", "false", "usann", "0", "av", "off"})
_UNKNOWN = frozenset({"vet ikke", "ukjent", "unknown", "don't know", "?", "uklart"})


@dataclass(frozen=True, slots=True)
class RegisterProblem:
    """Something wrong in a register; ``row`` is None for the whole file.

    ``key`` is a catalog key; ``params`` fill it (``file`` is added where shown).
    """

    key: str
    row: int | None = None
    params: Mapping[str, Param] = field(default_factory=dict)


class CellProblem(Protocol):
    """How a register's cell readers report a problem: a key within the register
    (``bad_number`` …), the column, and what the message needs."""

    def __call__(self, key: str, column: str, /, **params: Param) -> None: ...


def read_amount(
    row: RegisterRow, column: str, problem: CellProblem, *, required: bool = False
) -> float | None:
    """A number of zero or more from a cell (hours, kroner, people).

    None when the cell is empty (reported as ``missing_value`` when ``required``),
    unreadable (``bad_number``) or below zero (``negative``).
    """
    text = row.text(column)
    if not text:
        if required:
            problem("missing_value", column)
        return None
    value = parse_number(row.raw.get(column))
    if value is None:
        problem("bad_number", column, value=text)
        return None
    if value < 0:
        problem("negative", column, value=text)
        return None
    return value


def read_date(row: RegisterRow, column: str, problem: CellProblem) -> dt.date | None:
    """A day from a cell; None when the cell is empty, or unreadable (reported as
    ``bad_date``)."""
    text = row.text(column)
    if not text:
        return None
    day = parse_date(row.raw.get(column))
    if day is None:
        problem("bad_date", column, value=text)
    return day


def cell_problem(
    key: str, row: int, register: RegisterKey, column: str, **params: Param
) -> RegisterProblem:
    """A problem with one cell: ``params`` get ``column`` (its header) and
    ``example`` (the template's example value), each shown in the review's language.
    """
    found = next(c for c in template(register).columns if c.key == column)
    shown: dict[str, Param] = {
        "column": Bilingual(found.header_nb, found.header_en),
        "example": Bilingual(found.example_nb, found.example_en),
        **params,
    }
    return RegisterProblem(key, row, shown)


@dataclass(frozen=True, slots=True)
class RegisterRow:
    """One data row: its spreadsheet row number (header = 1), its cells as trimmed
    text by column key, and as the file held them (numbers and dates from XLSX)."""

    number: int
    cells: Mapping[str, str]
    raw: Mapping[str, object]

    def text(self, key: str) -> str:
        return self.cells.get(key, "")


@dataclass(frozen=True, slots=True)
class RegisterFile:
    """A register as read: its data rows and the problems with the whole file."""

    register: RegisterKey
    file: str
    rows: tuple[RegisterRow, ...]
    problems: tuple[RegisterProblem, ...] = ()


def template(key: RegisterKey) -> RegisterTemplate:
    """The template (columns, headers, examples) of one register."""
    return next(r for r in REGISTERS if r.key == key)


def register_path(folder: Path, key: RegisterKey) -> Path | None:
    """The register's file in ``folder`` (XLSX before CSV), or None."""
    for suffix in (".xlsx", ".csv"):
        path = folder / f"{key}{suffix}"
        if path.is_file():
            return path
    return None


def read_registers(folder: Path) -> dict[RegisterKey, RegisterFile]:
    """Every register there is in ``folder``, by key."""
    found = {r.key: read_register(folder, r.key) for r in REGISTERS}
    return {key: file for key, file in found.items() if file is not None}


def read_register(folder: Path, key: RegisterKey) -> RegisterFile | None:
    """The register ``key`` in ``folder``, or None when there is none."""
    path = register_path(folder, key)
    if path is None:
        return None
    try:
        size = _size(path)
        if size > MAX_REGISTER_BYTES:
            problem = RegisterProblem(
                "register.too_large",
                params={"size": -(-size // 2**20), "limit": MAX_REGISTER_BYTES >> 20},
            )
            return RegisterFile(key, path.name, (), (problem,))
        rows = xlsx_rows(path) if path.suffix == ".xlsx" else csv_rows(path)
    except (OSError, CalamineError, csv.Error, UnicodeDecodeError) as error:
        problem = RegisterProblem("register.unreadable", params={"error": str(error)})
        return RegisterFile(key, path.name, (), (problem,))
    return parse_register(key, path.name, rows)


def _size(path: Path) -> int:
    """The file's size, or for a workbook what it unpacks to (its own numbers)."""
    if path.suffix == ".xlsx":
        try:
            return max(path.stat().st_size, unpacked_size(path))
        except zipfile.BadZipFile:
            pass  # calamine says what is wrong with it
    return path.stat().st_size


def parse_register(
    key: RegisterKey, file: str, rows: Sequence[Sequence[object]]
) -> RegisterFile:
    """A register from a header row and data rows of cells (text, numbers, dates)."""
    register = template(key)
    if not rows:
        return RegisterFile(key, file, ())
    columns = column_indexes(register, rows[0])
    missing = [k for k in register.required if k not in columns]
    if missing:
        headers = ", ".join(
            f"{c.header_nb} / {c.header_en}"
            for c in register.columns
            if c.key in missing
        )
        problem = RegisterProblem(
            "register.missing_columns", params={"columns": headers}
        )
        return RegisterFile(key, file, (), (problem,))
    found: list[RegisterRow] = []
    for number, row in enumerate(rows[1:], start=2):
        raw = {k: row[i] if i < len(row) else None for k, i in columns.items()}
        cells = {k: cell_text(v) for k, v in raw.items()}
        if not any(cells.values()) or _is_example(register, cells):
            continue
        found.append(RegisterRow(number, cells, raw))
    return RegisterFile(key, file, tuple(found))


def column_indexes(
    register: RegisterTemplate, header: Sequence[object]
) -> dict[str, int]:
    """Column key → index, from bokmål or English headers (or the keys)."""
    names: dict[str, str] = {}
    for column in register.columns:
        for name in (column.header_nb, column.header_en, column.key):
            names[_fold(name)] = column.key
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = names.get(_fold(cell_text(cell)))
        if key is not None and key not in found:
            found[key] = index
    return found


def _is_example(register: RegisterTemplate, cells: Mapping[str, str]) -> bool:
    return any(
        all(cells.get(c.key, "") == c.example(language) for c in register.columns)
        for language in ("nb", "en")
    )


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().casefold().lstrip("\ufeff"))


def cell_text(value: object) -> str:
    """A cell as trimmed text; whole numbers from a workbook lose their ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    return str(value).strip()


def parse_date(value: object) -> dt.date | None:
    """A day from a cell: a workbook date, or text in one of ``DATE_FORMATS``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


_NUMBER = re.compile(r"^[-+]?\d+(?:[.,]\d+)?$")


def parse_number(value: object) -> float | None:
    """A number from a cell: ``6,5``, ``6.5``, ``1 150``, ``1.150,50``, ``kr 312``.

    Spaces (also non-breaking) group thousands; with both ``.`` and ``,`` the last
    is the decimal mark; a currency word or ``%`` sign around it is ignored.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = cell_text(value).casefold()
    text = re.sub(r"^(?:kr\.?|nok)\s*|\s*(?:kr\.?|nok|,-|%)$", "", text)
    text = re.sub(r"[\s\u00a0\u202f]", "", text)
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        text = text.replace("." if decimal == "," else ",", "")
    text = text.replace(",", ".")
    if not _NUMBER.match(text):
        return None
    return float(text)


def parse_yes_no(value: object) -> bool | None:
    """True for yes (``ja``, ``yes``, ``x`` …), False for no, None otherwise."""
    text = cell_text(value).casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None


def parse_platform(value: object) -> Platform | None:
    """The platform a cell names (``Facebook``, ``Twitter``, ``X`` …), or None."""
    return _PLATFORMS.get(cell_text(value).casefold())


def is_unknown(value: object) -> bool:
    """Whether a cell says it is not known (``vet ikke``, ``unknown``, ``?``)."""
    return cell_text(value).casefold() in _UNKNOWN


def csv_rows(path: Path) -> list[list[str]]:
    """Rows of a CSV as Excel (nb or en) or the template writes it."""
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252")  # Norwegian Excel's "CSV (semikolondelt)"
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def xlsx_rows(path: Path) -> list[list[object]]:
    """Rows of the first sheet of a workbook, as cells (text, numbers, dates)."""
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    return [list(row) for row in sheet.to_python(skip_empty_area=False)]
