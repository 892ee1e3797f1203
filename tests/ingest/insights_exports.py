"""Small synthetic classic Facebook Insights "Post data" workbooks, built in code.

Facebook wrote XML Spreadsheet 2003 under an ``.xls`` name; users re-saved it as
``.xlsx``. Cells are typed as Facebook typed them: text as String, counts as
Number, ``Posted`` as DateTime.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import xlsxwriter

Cell = str | int | float | dt.datetime
Rows = Sequence[Sequence[Cell]]
SheetData = tuple[str, Rows]

FIELDS = ["Post ID", "Permalink", "Post Message", "Type", "Countries", "Languages",
          "Posted", "Audience Targeting"]  # fmt: skip
PAGE = "1553363564876294"
DESCRIPTIONS = {
    "unique": "Lifetime: The number of people who saw it. (Unique Users)",
    "total": "Lifetime: The number of times it was seen. (Total Count)",
}


def post(
    post_id: str, posted: dt.datetime, message: str, kind: str = "Photo"
) -> list[Cell]:
    """The eight descriptive cells of a post row (Audience Targeting one space)."""
    return [
        f"{PAGE}_{post_id}", f"https://www.facebook.com/lok/posts/{post_id}",
        message, kind, "", "", posted, " ",
    ]  # fmt: skip


def key_metrics(
    metrics: Sequence[tuple[str, str]], posts: Sequence[Sequence[Cell]]
) -> SheetData:
    """``Key Metrics``: short names, descriptions (``unique``/``total``), posts.

    ``metrics`` are (header, unit) pairs; an empty unit writes no description.
    """
    header = [*FIELDS, *(name for name, _ in metrics)]
    description = [""] * len(FIELDS) + [DESCRIPTIONS.get(u, "") for _, u in metrics]
    return "Key Metrics", [header, description, *posts]


def breakdown(
    name: str,
    values: Sequence[str],
    rows: Sequence[tuple[Sequence[Cell], Sequence[Cell]]],
) -> SheetData:
    """A breakdown sheet: Description, the post's fields, one column per type.

    ``rows`` are (post cells, breakdown cells); the description is in row 2 only.
    """
    header = ["Description", *FIELDS, *values]
    body = [
        ["Lifetime: by type. (Total Count)" if i == 0 else "", *fields, *cells]
        for i, (fields, cells) in enumerate(rows)
    ]
    return name, [header, *body]


def _xml_cell(value: Cell) -> str:
    if isinstance(value, dt.datetime):
        kind, text = "DateTime", value.strftime("%Y-%m-%dT%H:%M:%S.000")
    elif isinstance(value, int | float):
        kind, text = "Number", repr(value) if isinstance(value, float) else str(value)
    else:
        kind, text = "String", escape(value)
    return f'<Cell><Data ss:Type="{kind}">{text}</Data></Cell>'


def spreadsheet_ml(sheets: Sequence[SheetData]) -> str:
    """The XML as Facebook wrote it (declaration, namespaces, one Table a sheet)."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"\n'
        ' xmlns:x="urn:schemas-microsoft-com:office:excel"\n'
        ' xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"\n'
        ' xmlns:html="http://www.w3.org/TR/REC-html40">\n'
    ]
    for name, rows in sheets:
        parts.append(f'<Worksheet ss:Name="{escape(name)}">\n<Table>\n')
        parts.extend(
            "<Row>\n" + "\n".join(_xml_cell(c) for c in row) + "\n</Row>\n"
            for row in rows
        )
        parts.append("</Table>\n</Worksheet>\n")
    parts.append("</Workbook>\n")
    return "".join(parts)


def write_xml(path: Path, sheets: Sequence[SheetData]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(spreadsheet_ml(sheets), encoding="utf-8")
    return path


def write_xlsx(path: Path, sheets: Sequence[SheetData]) -> Path:
    """The same sheets re-saved by Excel as .xlsx (dates as date cells)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path))
    when = workbook.add_format({"num_format": "m/d/yy h:mm AM/PM"})
    for name, rows in sheets:
        sheet = workbook.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, dt.datetime):
                    sheet.write_datetime(r, c, value, when)
                elif isinstance(value, str):
                    sheet.write_string(r, c, value)
                else:
                    sheet.write_number(r, c, value)
    workbook.close()
    return path
