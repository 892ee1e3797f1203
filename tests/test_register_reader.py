"""The reader every register shares: files, headers, cells, file-level problems."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import xlsxwriter

from fokus.i18n import translate
from fokus.registers.reader import (
    RegisterProblem,
    cell_problem,
    is_unknown,
    parse_date,
    parse_number,
    parse_platform,
    parse_register,
    parse_yes_no,
    read_register,
    read_registers,
)
from fokus.registers.templates import REGISTERS, render_register_template


@pytest.mark.parametrize(
    ("cell", "number"),
    [
        ("6,5", 6.5), ("6.5", 6.5), ("1 150", 1150.0), ("1\u00a0150,50", 1150.5),
        ("1.150,50", 1150.5), ("1,150.50", 1150.5), ("kr 312", 312.0),
        ("312,-", 312.0), ("312 kr", 312.0), ("-2", -2.0), (7, 7.0), (2.25, 2.25),
        ("", None), ("seks", None), ("6,5,5", None), (True, None),
    ],
)  # fmt: skip
def test_numbers_the_way_people_write_them(cell: object, number: float | None) -> None:
    assert parse_number(cell) == number


def test_dates_yes_no_unknown_and_platforms() -> None:
    day = dt.date(2026, 3, 25)
    for cell in ("25.03.2026", "2026-03-25", "25/03/2026", "25.03.26", day):
        assert parse_date(cell) == day
    assert parse_date(dt.datetime(2026, 3, 25, 14, 0)) == day
    assert parse_date("25. mars") is None
    assert [parse_yes_no(v) for v in ("Ja", "yes", "X", "nei", "No", "vet ikke", "")] == [
        True, True, True, False, False, None, None,
    ]  # fmt: skip
    assert [is_unknown(v) for v in ("Vet ikke", "unknown", "?", "nei")] == [
        True, True, True, False,
    ]  # fmt: skip
    assert [parse_platform(v) for v in ("Twitter", "FB", "LinkedIn", "Snap")] == [
        "x", "facebook", "linkedin", None,
    ]  # fmt: skip


def test_norwegian_excel_csv_any_header_order(tmp_path: Path) -> None:
    (tmp_path / "time_use.csv").write_bytes(
        "Timer spart per måned;Oppgave;Dialog\r\n"
        "6,5;Teksting av video – lønnsomt;2\r\n;;\r\n"
        "Utkast til tekster med KI;8;2\r\n".encode("cp1252")
    )
    file = read_register(tmp_path, "time_use")
    assert file is not None
    assert (file.register, file.file, file.problems) == ("time_use", "time_use.csv", ())
    assert [(r.number, dict(r.cells)) for r in file.rows] == [
        (2, {"hours_saved_per_month": "6,5", "task": "Teksting av video – lønnsomt",
             "dialogue": "2"}),
        (4, {"hours_saved_per_month": "Utkast til tekster med KI", "task": "8",
             "dialogue": "2"}),
    ]  # fmt: skip


def test_workbook_cells_keep_their_types(tmp_path: Path) -> None:
    book = xlsxwriter.Workbook(str(tmp_path / "access.xlsx"))
    sheet = book.add_worksheet()
    sheet.write_row(
        0, 0, ["Person", "Platform", "Account or page", "Role", "Last active"]
    )
    sheet.write_row(1, 0, ["Kari", "Facebook", "Side", "admin"])
    sheet.write_datetime(
        1, 4, dt.datetime(2026, 3, 25), book.add_format({"num_format": "dd.mm.yyyy"})
    )
    book.close()
    (tmp_path / "access.csv").write_text("ignored when the workbook is there")
    file = read_register(tmp_path, "access")
    assert file is not None and file.file == "access.xlsx"
    (row,) = file.rows
    assert row.text("last_active") == "2026-03-25"
    assert parse_date(row.raw["last_active"]) == dt.date(2026, 3, 25)


def test_missing_columns_unreadable_file_and_template_rows(tmp_path: Path) -> None:
    file = parse_register(
        "access", "access.csv", [["Person", "Rolle"], ["Kari", "admin"]]
    )
    assert file.rows == ()
    assert file.problems == (
        RegisterProblem(
            "register.missing_columns",
            params={
                "columns": "Plattform / Platform, Konto eller side / Account or page"
            },
        ),
    )
    (tmp_path / "ai_tools.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    broken = read_register(tmp_path, "ai_tools")
    assert broken is not None and broken.rows == ()
    assert [p.key for p in broken.problems] == ["register.unreadable"]
    (tmp_path / "ai_tools.xlsx").unlink()
    for register in REGISTERS:
        for language in ("nb", "en"):
            (tmp_path / register.filename).write_bytes(
                render_register_template(register, language)
            )
            found = read_register(tmp_path, register.key)
            assert found is not None and (found.rows, found.problems) == ((), ())
    assert sorted(read_registers(tmp_path)) == sorted(r.key for r in REGISTERS)
    assert read_registers(tmp_path / "nowhere") == {}


def test_a_cell_problem_names_its_column_and_an_example_in_each_language() -> None:
    problem = cell_problem("register.x", 4, "access", "last_active", value="i går")
    assert (problem.key, problem.row, problem.params["value"]) == (
        "register.x",
        4,
        "i går",
    )
    column, example = problem.params["column"], problem.params["example"]
    shown = [
        translate("{column}: {example}", lang, column=column, example=example)
        for lang in ("nb", "en")
    ]
    assert shown == ["Sist aktiv: 25.03.2026", "Last active: 2026-03-25"]
    assert (str(column), str(example)) == ("Last active", "2026-03-25")  # the JSON
