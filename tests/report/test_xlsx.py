"""The spreadsheet of every table: written by xlsxwriter, read back with calamine
(as a spreadsheet would), its sheet XML checked for formulas."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import replace

from python_calamine import CalamineWorkbook

from fokus.model.results import Column, Review, SectionResult, Table
from fokus.report.xlsx import render_xlsx, sheet_names, spreadsheet_text
from hostile import FORMULAS, shown
from hostile import HOSTILE as SET

HOSTILE = (
    *FORMULAS.values(),
    *(
        SET[name]
        for name in ("bidi_override", "control", "null_byte", "emoji_combining")
    ),
)
SHOWN = (
    *("'" + text for text in FORMULAS.values()),
    *(shown(SET[name]) for name in ("bidi_override", "control", "null_byte")),
    SET["emoji_combining"],
)


def _sheets(data: bytes) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def _number_formats(data: bytes, sheet: int) -> dict[str, str]:
    """Each cell's number format code, read from the file's own XML."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        styles = archive.read("xl/styles.xml").decode()
        xml = archive.read(f"xl/worksheets/sheet{sheet}.xml").decode()
    codes = dict(re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', styles))
    xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S)
    assert xfs is not None
    ids = re.findall(r'<xf numFmtId="(\d+)"', xfs.group(1))
    return {
        cell: codes.get(ids[int(style)], ids[int(style)])
        for cell, style in re.findall(r'<c r="([A-Z]+\d+)" s="(\d+)"', xml)
    }


def test_every_table_with_numbers_dates_and_percentages(
    review: Callable[..., Review],
) -> None:
    data = render_xlsx(review("nb"), "ws")
    sheets = _sheets(data)
    assert list(sheets) == ["Data og dekning", "Sikkerhet"]
    assert sheets["Data og dekning"] == [
        ["Data og dekning", "", "", "", ""],
        ["", "", "", "", ""],
        ["Omfang og frekvens", "", "", "", ""],
        ["Kanal", "Innlegg", "Rekkevidde", "Andel", "Dato"],
        ["Jul på kaia", 1204.0, 12345.6, 0.0734, dt.date(2025, 4, 14)],
        ["Instagram", 87.0, "", "", ""],  # NaN and None: empty cells
        ["LinkedIn", 3.0, -0.25, 1.0, dt.date(2025, 12, 31)],
    ]
    # The failed section has a sheet too, saying it has no tables.
    assert sheets["Sikkerhet"] == [
        ["Har dere kontroll på sikkerheten?"],
        [""],
        ["Denne delen har ingen tabeller."],
    ]
    formats = _number_formats(data, 1)
    assert [formats[c] for c in ("B5", "C5", "D5", "E5")] == [
        "#,##0", "#,##0.0##", "0.0%", "dd.mm.yyyy",
    ]  # fmt: skip
    english = _sheets(render_xlsx(review("en"), "ws"))
    assert list(english) == ["Data and coverage", "Security"]
    assert english["Data and coverage"][3] == [
        "Channel", "Posts", "Reach", "Share", "Date",
    ]  # fmt: skip
    assert _number_formats(render_xlsx(review("en"), "ws"), 1)["E5"] == "yyyy-mm-dd"


def _hostile_review(review: Callable[..., Review]) -> Review:
    table = Table(
        "hostile",
        "section.channels.title",
        (Column("caption", "report.column.channel"),
         Column("label", "report.column.channel", "label")),
        tuple((text, text) for text in HOSTILE),
    )  # fmt: skip
    base = review("en", organisation='=HYPERLINK("http://x","y")')
    sections = (SectionResult("channels", "ok", tables=(table,)),)
    return replace(base, sections=sections)


def test_hostile_texts_come_back_as_literal_text_and_no_formula(
    review: Callable[..., Review],
) -> None:
    data = render_xlsx(_hostile_review(review), "ws")
    [(_, rows)] = _sheets(data).items()
    assert [tuple(row) for row in rows[4:]] == [(text, text) for text in SHOWN]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        xml = "".join(archive.read(n).decode() for n in names if n.endswith(".xml"))
    assert "<f>" not in xml and "<f " not in xml
    assert "xl/calcChain.xml" not in names
    # The captions are shared strings, with the apostrophe in the text itself.
    assert '<t>\'=HYPERLINK("http://x","y")</t>' in xml
    assert "<t>'@SUM(A1:A2)</t>" in xml


def test_the_neutralisation_rule() -> None:
    assert [spreadsheet_text(t) for t in HOSTILE] == list(SHOWN)
    assert spreadsheet_text("a=b") == "a=b"
    assert spreadsheet_text("") == ""
    assert spreadsheet_text(" ") == " "
    assert spreadsheet_text("x" * 40000) == "x" * 32767


def test_sheet_names_are_valid_and_distinct() -> None:
    assert sheet_names(
        ["A" * 40, "a" * 40, "x[y]:z*?/\\w", "'quoted'", "", "\u202eevil", "ok", "OK"]
    ) == (
        "A" * 31,
        "a" * 27 + " (2)",
        "x y z w",
        "quoted",
        "Sheet",
        "\ufffdevil",
        "ok",
        "OK (2)",
    )
