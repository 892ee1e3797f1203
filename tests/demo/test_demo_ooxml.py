"""The demo's tiny .xlsx writer: read back with python_calamine, same bytes twice."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
import python_calamine

from fokus.demo.ooxml import java_double, write_xlsx

CREATED = dt.datetime(2026, 3, 24, 12, 25, 8)


@pytest.mark.parametrize(
    ("value", "text"),
    [(153, "153.0"), (0.0, "0.0"), (0.1, "0.1"), (-2, "-2.0"),
     (0.027027027681469917, "0.027027027681469917"), (1e-05, "1.0E-5"),
     (2.5e-07, "2.5E-7"), (12345678.5, "1.23456785E7"), (1e7, "1.0E7"),
     (-0.0005, "-5.0E-4"), (9999999.0, "9999999.0")],
)  # fmt: skip
def test_numbers_are_written_as_java_writes_doubles(value: float, text: str) -> None:
    assert java_double(value) == text


def test_workbook_reads_back(tmp_path: Path) -> None:
    sheets = [
        ("Metrics", [["Beskrivelse, med «sitat» & <tegn>", ""], ["Date", "Impressions"],
                     ["03/22/2026", 40], ["03/23/2026", 0.054054055362939835]]),
        ("All posts", [["Linje én\nlinje to 🙂", " ledende mellomrom", 7]]),
    ]  # fmt: skip
    path = write_xlsx(tmp_path / "a.xlsx", sheets, CREATED)
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    assert book.sheet_names == ["Metrics", "All posts"]
    assert book.get_sheet_by_name("Metrics").to_python() == [
        ["Beskrivelse, med «sitat» & <tegn>", ""],
        ["Date", "Impressions"],
        ["03/22/2026", 40.0],
        ["03/23/2026", 0.054054055362939835],
    ]
    assert book.get_sheet_by_name("All posts").to_python() == [
        ["Linje én\nlinje to 🙂", " ledende mellomrom", 7.0]
    ]
    with zipfile.ZipFile(path) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2026, 3, 24, 12, 25, 8)}
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        app = archive.read("docProps/app.xml").decode()
    assert '<dimension ref="A1"/>' in sheet  # wrong on purpose, as LinkedIn's is
    assert '<c r="B3" t="n"><v>40.0</v></c>' in sheet
    assert "<Application>Apache POI</Application>" in app
    again = write_xlsx(tmp_path / "b.xlsx", sheets, CREATED)
    assert again.read_bytes() == path.read_bytes()
