"""Every table of the review as a spreadsheet (``reports/review-tables.xlsx``).

One sheet per section, in the report's order: the section's title, then its tables
and its charts' data tables one under another, each with its title and its column
headers in the review's language. Numbers are written as numbers, dates as dates
and shares as percentages, so the reader can sort, sum and chart them.

Texts come from exports and registers and are untrusted: a text that a spreadsheet
would take for a formula (``=``, ``+``, ``-``, ``@``, TAB or CR first, after any
leading whitespace) is written as a string with a visible apostrophe in front, as
OWASP recommends, and never through xlsxwriter's guessing ``write``; right-to-left
override and isolate characters are replaced as in the HTML. docs/report.md,
"Spreadsheet".
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from fokus.i18n import Language, show, translate
from fokus.model.results import CellKind, Param, Review
from fokus.report.blocks import (
    ReportDocument,
    SectionBlock,
    TableBlock,
    is_missing,
    optional_text,
)
from fokus.report.document import build_document
from fokus.report.plain import visible_text

SHEET_NAME_MAX = 31
"""Excel's limit on a sheet name's length."""
TEXT_MAX = 32767
"""Excel's limit on a cell's text."""
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_FORMULA_START = re.compile(r"^(?:[\t\r]|\s*[=+\-@\uff1d\uff0b\uff0d\uff20])")
"""What a spreadsheet may read as the start of a formula (the full-width forms
too, which some spreadsheets fold to the plain ones)."""
_NUMBER_FORMATS: dict[CellKind, str] = {
    "integer": "#,##0",
    "number": "#,##0.0##",
    "percent": "0.0%",
}
_DATE_FORMATS: dict[Language, str] = {"nb": "dd.mm.yyyy", "en": "yyyy-mm-dd"}
_WIDTH_MIN, _WIDTH_MAX = 8, 60


def render_xlsx(review: Review, workspace: str) -> bytes:
    """The review's tables as an .xlsx file."""
    return xlsx_bytes(build_document(review, workspace))


def spreadsheet_text(value: str) -> str:
    """A text as it may go into a cell: bidi controls replaced, a would-be formula
    turned into text with an apostrophe in front, and no longer than Excel allows."""
    text = visible_text(value)
    if _FORMULA_START.match(text):
        text = "'" + text
    return text[:TEXT_MAX]


def sheet_names(titles: Sequence[str]) -> tuple[str, ...]:
    """Valid, distinct sheet names for ``titles``: at most 31 characters, none of
    ``[]:*?/\\``, no apostrophe at either end, and no two alike (case ignored)."""
    names: list[str] = []
    taken: set[str] = set()
    for title in titles:
        base = _SHEET_FORBIDDEN.sub(" ", visible_text(title))
        base = " ".join(base.split()).strip("'").strip() or "Sheet"
        name, number = base[:SHEET_NAME_MAX], 1
        while name.casefold() in taken:
            number += 1
            suffix = f" ({number})"
            name = base[: SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
        taken.add(name.casefold())
        names.append(name)
    return tuple(names)


def xlsx_bytes(doc: ReportDocument) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            # write() is never called, but should it ever be, it guesses nothing.
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "remove_timezone": True,
        },
    )
    workbook.set_properties(
        {
            "title": spreadsheet_text(
                translate(
                    "report.tables.title", doc.language, organisation=doc.organisation
                )
            ),
            "created": doc.generated_at.replace(tzinfo=None),
        }
    )
    styles = _Styles(workbook, doc.language)
    names = sheet_names([_sheet_title(s, doc.language) for s in doc.sections])
    for section, name in zip(doc.sections, names, strict=True):
        _sheet(workbook.add_worksheet(name), section, styles)
    workbook.close()
    return buffer.getvalue()


def _sheet_title(section: SectionBlock, language: Language) -> str:
    """The section's short name, or its title for a section without one."""
    return (
        optional_text(f"report.tables.sheet.{section.key}", language) or section.title
    )


class _Styles:
    """The workbook's cell formats, made once."""

    def __init__(self, workbook: xlsxwriter.Workbook, language: Language) -> None:
        self.language = language
        self.section = workbook.add_format({"bold": True, "font_size": 14})
        self.title = workbook.add_format({"bold": True, "font_size": 12})
        self.header = workbook.add_format(
            {"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"}
        )
        self.text = workbook.add_format({"valign": "top"})
        self.date = workbook.add_format({"num_format": _DATE_FORMATS[language]})
        self.numbers = {
            kind: workbook.add_format({"num_format": pattern})
            for kind, pattern in _NUMBER_FORMATS.items()
        }


def _tables(section: SectionBlock) -> Iterable[TableBlock]:
    yield from section.tables
    yield from (chart.data for chart in section.charts)


def _sheet(sheet: Worksheet, section: SectionBlock, styles: _Styles) -> None:
    sheet.write_string(0, 0, spreadsheet_text(section.title), styles.section)
    widths: dict[int, int] = {}
    row = 2
    tables = list(_tables(section))
    if not tables:
        sheet.write_string(row, 0, translate("report.tables.none", styles.language))
    for table in tables:
        sheet.write_string(row, 0, spreadsheet_text(table.title), styles.title)
        row += 1
        for col, column in enumerate(table.columns):
            label = spreadsheet_text(column.label)
            sheet.write_string(row, col, label, styles.header)
            widths[col] = max(widths.get(col, 0), len(label))
        row += 1
        for values in table.rows:
            for col, (value, column) in enumerate(
                zip(values, table.columns, strict=False)
            ):
                shown = _cell(sheet, (row, col), value, column.kind, styles=styles)
                widths[col] = max(widths.get(col, 0), shown)
            row += 1
        row += 1
    for col, width in widths.items():
        sheet.set_column(col, col, min(max(width + 2, _WIDTH_MIN), _WIDTH_MAX))


def _cell(
    sheet: Worksheet,
    at: tuple[int, int],
    value: Param,
    kind: CellKind,
    *,
    styles: _Styles,
) -> int:
    """Write one cell by its column's kind; returns its width in characters. A
    value of another type than its column says is written as text."""
    row, col = at
    language = styles.language
    if is_missing(value):
        return 0
    number = styles.numbers.get(kind)
    if (
        number is not None
        and isinstance(value, int | float)
        and not isinstance(value, bool)
    ):
        sheet.write_number(row, col, value, number)
        return 12
    if kind == "date" and isinstance(value, dt.date):
        sheet.write_datetime(row, col, value, styles.date)
        return 10
    text = show(value, language) if kind == "label" else _text(value)
    text = spreadsheet_text(text)
    sheet.write_string(row, col, text, styles.text)
    return len(text)


def _text(value: Param) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
