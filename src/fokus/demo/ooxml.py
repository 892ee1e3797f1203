"""A tiny, dependency-free ``.xlsx`` writer, shaped like LinkedIn's own files.

LinkedIn writes its exports with Apache POI: shared strings, numbers as
``t="n"`` cells written like Java doubles (``153.0``), text dates, empty cells as
empty strings, and a ``<dimension ref="A1"/>`` that is wrong for every sheet
(export-formats.md §4). fokus has no ``.xls``/``.xlsx`` writer among its run-time
dependencies (python-calamine only reads), so the demo writes the ``.xlsx`` variant
with this module. Every zip entry carries the export time, and the parts are
written in a fixed order: the same workbook gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

Cell = str | int | float
Sheet = tuple[str, Sequence[Sequence[Cell]]]

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument"
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def java_double(value: float) -> str:
    """A number as Java's ``Double.toString`` writes it: ``153.0``, ``0.1``,
    ``0.027027027681469917``, and outside [0.001, 10⁷) ``1.0E-4``, ``1.2345E7``."""
    number = float(value)
    if number == 0 or 1e-3 <= abs(number) < 1e7:
        return repr(number)  # Python's shortest repr is decimal in this range
    sign, digits, exponent = Decimal(repr(number)).normalize().as_tuple()
    assert isinstance(exponent, int)
    text = "".join(map(str, digits))
    mantissa = f"{text[0]}.{text[1:] or '0'}"
    return f"{'-' if sign else ''}{mantissa}E{len(text) - 1 + exponent}"


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _sheet_xml(rows: Sequence[Sequence[Cell]], strings: dict[str, int]) -> str:
    out = [
        _HEAD,
        f'<worksheet xmlns="{_MAIN}"><dimension ref="A1"/><sheetViews>'
        '<sheetView workbookViewId="0"/></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15.0"/><sheetData>',
    ]
    for r, row in enumerate(rows, start=1):
        out.append(f'<row r="{r}">')
        for c, value in enumerate(row):
            ref = f"{_column(c)}{r}"
            if isinstance(value, str):
                index = strings.setdefault(value, len(strings))
                out.append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
            else:
                out.append(f'<c r="{ref}" t="n"><v>{java_double(value)}</v></c>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def _rels(targets: Sequence[tuple[str, str]]) -> str:
    body = "".join(
        f'<Relationship Id="rId{i}" Target="{target}" Type="{kind}"/>'
        for i, (target, kind) in enumerate(targets, start=1)
    )
    return f'{_HEAD}<Relationships xmlns="{_PKG}">{body}</Relationships>'


def write_xlsx(path: Path, sheets: Sequence[Sheet], created: dt.datetime) -> Path:
    """Write ``sheets`` (name, rows) as an ``.xlsx`` stamped ``created`` (UTC)."""
    strings: dict[str, int] = {}
    sheet_xml = [_sheet_xml(rows, strings) for _, rows in sheets]
    shared = "".join(
        f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings
    )
    n = len(sheets)
    parts: list[tuple[str, str]] = [
        (
            "[Content_Types].xml",
            f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default ContentType="application/vnd.openxmlformats-'
            'package.relationships+xml" Extension="rels"/><Default ContentType='
            '"application/xml" Extension="xml"/>'
            f'<Override ContentType="{_CT}.extended-properties+xml" '
            'PartName="/docProps/app.xml"/><Override ContentType="application/vnd.'
            'openxmlformats-package.core-properties+xml" PartName="/docProps/core.xml"/>'
            f'<Override ContentType="{_CT}.spreadsheetml.sharedStrings+xml" '
            'PartName="/xl/sharedStrings.xml"/>'
            f'<Override ContentType="{_CT}.spreadsheetml.styles+xml" '
            'PartName="/xl/styles.xml"/>'
            f'<Override ContentType="{_CT}.spreadsheetml.sheet.main+xml" '
            'PartName="/xl/workbook.xml"/>'
            + "".join(
                f'<Override ContentType="{_CT}.spreadsheetml.worksheet+xml" '
                f'PartName="/xl/worksheets/sheet{i}.xml"/>'
                for i in range(1, n + 1)
            )
            + "</Types>",
        ),
        (
            "_rels/.rels",
            _rels(
                [
                    ("xl/workbook.xml", f"{_REL}/officeDocument"),
                    ("docProps/app.xml", f"{_REL}/extended-properties"),
                    ("docProps/core.xml", f"{_PKG}/metadata/core-properties"),
                ]
            ),
        ),
        (
            "docProps/app.xml",
            f'{_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/'
            'officeDocument/2006/extended-properties"><Application>Apache POI'
            "</Application></Properties>",
        ),
        (
            "docProps/core.xml",
            f'{_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
            'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/'
            'elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dcterms:created xsi:type="dcterms:W3CDTF">'
            f"{created:%Y-%m-%dT%H:%M:%SZ}</dcterms:created>"
            "<dc:creator>Apache POI</dc:creator></cp:coreProperties>",
        ),
        (
            "xl/sharedStrings.xml",
            f'{_HEAD}<sst count="{len(strings)}" uniqueCount="{len(strings)}" '
            f'xmlns="{_MAIN}">{shared}</sst>',
        ),
        (
            "xl/styles.xml",
            f'{_HEAD}<styleSheet xmlns="{_MAIN}"><fonts count="1"><font><sz val="11.0"/>'
            '<name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill '
            'patternType="none"/></fill></fills><borders count="1"><border/></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
            'borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" '
            'fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>',
        ),
        (
            "xl/workbook.xml",
            f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><workbookPr '
            'date1904="false"/><bookViews><workbookView activeTab="0"/></bookViews>'
            "<sheets>"
            + "".join(
                f'<sheet name="{escape(name)}" r:id="rId{i + 2}" sheetId="{i}"/>'
                for i, (name, _) in enumerate(sheets, start=1)
            )
            + "</sheets></workbook>",
        ),
        (
            "xl/_rels/workbook.xml.rels",
            _rels(
                [
                    ("sharedStrings.xml", f"{_REL}/sharedStrings"),
                    ("styles.xml", f"{_REL}/styles"),
                    *(
                        (f"worksheets/sheet{i}.xml", f"{_REL}/worksheet")
                        for i in range(1, n + 1)
                    ),
                ]
            ),
        ),
        *(
            (f"xl/worksheets/sheet{i}.xml", xml)
            for i, xml in enumerate(sheet_xml, start=1)
        ),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    write_zip(path, parts, created)
    return path


def write_zip(
    path: Path, members: Sequence[tuple[str, str | bytes]], stamp: dt.datetime
) -> Path:
    """A deflated zip whose entries all carry ``stamp`` (zip times have a two-second
    resolution: odd seconds are written one second earlier): same members, same
    bytes."""
    moment = (
        stamp.year,
        stamp.month,
        stamp.day,
        stamp.hour,
        stamp.minute,
        stamp.second,
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=moment)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return path
