"""Spreadsheets as downloaded: Excel ``.xlsx`` and ``.xls`` and XML Spreadsheet 2003.

LinkedIn writes real BIFF8 ``.xls``; TikTok offers ``.xlsx``; old Facebook Insights
"Post data" files are XML Spreadsheet 2003 with an ``.xls`` name. Every cell is read
as the text a CSV of the same sheet would hold, so importers treat a sheet like the
records of a CSV file. calamine reads the binary formats; the XML format is parsed
with defusedxml, which refuses entity expansion and external entities.
"""

from __future__ import annotations

import csv
import datetime as dt
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from defusedxml import DefusedXmlException, ElementTree
from python_calamine import CalamineError, CalamineWorkbook

from fokus.errors import FokusError
from fokus.files import unpacked_size
from fokus.model.staging import CsvSource

if TYPE_CHECKING:
    # Types only: the XML itself is parsed by defusedxml.
    from xml.etree.ElementTree import Element

Container = Literal["xlsx", "xls", "xml"]
MAX_UNPACKED_BYTES = 1 << 31
"""A workbook that unpacks to more than this is refused (a zip bomb, or no export)."""
_XML_NS = "urn:schemas-microsoft-com:office:spreadsheet"
_NS = {"ss": _XML_NS}
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
"""Excel's limits: an XML sheet that reaches past them is damaged (or an attack)."""
_XML_STARTS = (b"<?xml", b"<!DOCTYPE", b"<!doctype", b"<Workbook", b"<ss:Workbook")


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet: its name and every row as text (trailing empty rows dropped)."""

    name: str
    rows: tuple[tuple[str, ...], ...]


def container_of(head: bytes, path: Path) -> Container | Literal["zip"] | None:
    """What kind of spreadsheet (or plain zip archive) the first bytes announce."""
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        return "xlsx" if "[Content_Types].xml" in names else "zip"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(_XML_STARTS) and _XML_NS.encode() in head:
        return "xml"
    return None


def read_workbook(path: Path, container: Container) -> tuple[Sheet, ...]:
    """Every sheet of a workbook as text; a damaged file is a clear refusal."""
    if container == "xml":
        try:
            return _read_spreadsheet_ml(path)
        except DefusedXmlException as error:
            # A DTD, an entity or an external reference: never in a real export,
            # and how XML attacks work ("billion laughs", file:///etc/passwd).
            # Named apart from damage, so that nobody tries to repair it.
            raise FokusError(
                "import.refused.unsafe_xml", "import.refused.unsafe_xml.hint"
            ) from error
        except (ElementTree.ParseError, ValueError, LookupError) as error:
            # LookupError: an XML declaration naming an encoding Python does not
            # know (found by tests/fuzz).
            raise _damaged(error) from error
    try:
        if container == "xlsx":
            _check_unpacked_size(path)
        workbook = CalamineWorkbook.from_path(str(path))
        return tuple(
            Sheet(
                name, _trimmed(_text_rows(workbook.get_sheet_by_name(name).to_python()))
            )
            for name in workbook.sheet_names
        )
    except (
        CalamineError,  # and its subclasses: password, XML and zip errors
        zipfile.BadZipFile,
        ValueError,
    ) as error:
        raise _damaged(error) from error


def _damaged(error: Exception) -> FokusError:
    return FokusError(
        "import.refused.damaged_workbook",
        "import.refused.damaged_workbook.hint",
        error=str(error).splitlines()[0][:200] if str(error) else type(error).__name__,
    )


def _check_unpacked_size(path: Path) -> None:
    unpacked = unpacked_size(path)
    if unpacked > MAX_UNPACKED_BYTES:
        raise FokusError(
            "import.refused.too_large_unpacked",
            "import.refused.too_large_unpacked.hint",
            size=unpacked,
        )


def cell_text(value: object) -> str:  # noqa: PLR0911 (one case per cell type)
    """A cell as a CSV would hold it: ``153`` not ``153.0``, ISO dates."""
    if value is None:
        return ""
    if type(value) is int:  # not a bool: those are their own type
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        seconds = int(value.total_seconds())
        return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return str(value)


def _float_text(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _text_rows(rows: Iterable[Sequence[object]]) -> list[tuple[str, ...]]:
    # Nearly every cell is text or a float (.xlsx stores every number as one):
    # handling those two inline, without cell_text's chain of type tests, cuts the
    # time of a large sheet by more than half (100,000 posts: 2 million cells).
    return [
        tuple(
            [
                cell
                if type(cell) is str
                else _float_text(cell)
                if type(cell) is float
                else cell_text(cell)
                for cell in row
            ]
        )
        for row in rows
    ]


def _trimmed(rows: list[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    return tuple(rows)


def _read_spreadsheet_ml(path: Path) -> tuple[Sheet, ...]:
    """XML Spreadsheet 2003: ``Worksheet/Table/Row/Cell/Data``, with sparse cells.

    Rows and cells may skip ahead with ``ss:Index``; a cell merged across or down
    (``ss:MergeAcross``, ``ss:MergeDown``) covers the places after or below it,
    which the next cells do not name. Text is kept as written, spaces included.
    """
    root = ElementTree.parse(path, forbid_dtd=True).getroot()
    return tuple(
        Sheet(worksheet.get(_ss("Name")) or "", _trimmed(_xml_rows(worksheet)))
        for worksheet in root.iterfind("ss:Worksheet", _NS)
    )


def _ss(name: str) -> str:
    return f"{{{_XML_NS}}}{name}"


def _xml_rows(worksheet: Element) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    covered: dict[int, set[int]] = {}  # row -> columns covered by a merge from above
    for row in worksheet.iterfind("ss:Table/ss:Row", _NS):
        at = _position(row.get(_ss("Index")), len(rows), MAX_ROWS)
        rows.extend([()] * (at - len(rows)))
        taken = covered.pop(at, set())
        cells: dict[int, str] = {}
        column = 0
        for cell in row.iterfind("ss:Cell", _NS):
            column = _position(cell.get(_ss("Index")), column, MAX_COLUMNS)
            while cell.get(_ss("Index")) is None and column in taken:
                column += 1
            cells[column] = _xml_cell_text(cell)
            across = _span(cell.get(_ss("MergeAcross")))
            for below in range(1, _span(cell.get(_ss("MergeDown"))) + 1):
                covered.setdefault(at + below, set()).update(
                    range(column, column + across + 1)
                )
            column += across + 1
        width = max(cells, default=-1) + 1
        rows.append(tuple(cells.get(i, "") for i in range(width)))
    return rows


def _position(index: str | None, following: int, limit: int) -> int:
    """The 0-based place of a row or cell: its ``ss:Index`` (1-based) if given."""
    if index is None:
        place = following
    else:
        try:
            place = int(index) - 1
        except ValueError:
            raise ValueError(f"ss:Index={index!r} is not a number") from None
        if place < following:
            raise ValueError(f"ss:Index={index} goes back to a place already filled")
    if place >= limit:
        raise ValueError(f"the sheet is larger than Excel allows ({place + 1})")
    return place


def _span(value: str | None) -> int:
    if value is None:
        return 0
    try:
        return max(0, min(int(value), MAX_COLUMNS))
    except ValueError:
        raise ValueError(f"a merge of {value!r} cells") from None


def _xml_cell_text(cell: Element) -> str:
    """A cell's value as calamine would write it for the same cell of an .xlsx."""
    data = cell.find("ss:Data", _NS)
    if data is None:
        return ""
    text = "".join(data.itertext())
    kind = data.get(_ss("Type"))
    if kind == "DateTime":
        return _xml_datetime(text)
    if kind == "Number":
        try:
            return cell_text(float(text))
        except ValueError:
            return text
    if kind == "Boolean":
        return {"1": "true", "0": "false"}.get(text.strip(), text)
    return text


def _xml_datetime(text: str) -> str:
    """``2017-07-26T07:00:00.000`` → ``2017-07-26 07:00:00`` (as calamine writes)."""
    try:
        return cell_text(dt.datetime.fromisoformat(text.strip()))
    except ValueError:
        return text


def write_csv(
    rows: Sequence[Sequence[str]], folder: Path, name: str, *, first_row: int
) -> CsvSource:
    """Write rows (a header row, then data) as a UTF-8 CSV the store can read.

    ``first_row`` is the spreadsheet row number of the first data row, so skipped
    rows are reported where the user sees them.
    """
    target = folder / name
    with target.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    width = max((len(row) for row in rows), default=0)
    return CsvSource(target, ",", 1, width, first_row)
