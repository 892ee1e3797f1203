"""The AI-tool register: typed rows from Excel's CSV, English CSV and XLSX, and a
row-level problem for every kind of bad cell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

from fokus.i18n import translate
from fokus.registers.ai_tools import AiTool, AiToolRegister, ai_tools_from
from fokus.registers.reader import read_register

NB_HEADER = (
    "Verktøy;Formål;Brukes til;Ansvarlig;Antall brukere;Kostnad per måned (kr);"
    "Timer spart per måned;I bruk siden;Hvor ofte brukt;"
    "Behandler personopplysninger;Databehandleravtale"
)
EN_HEADER = (
    "Tool,Purpose category,Used for,Owner,Number of users,Cost per month (NOK),"
    "Hours saved per month,In use since,How often used,Processes personal data,"
    "Data processing agreement"
)
TODAY = dt.date(2026, 11, 20)


def _read(folder: Path, lines: list[str], encoding: str = "utf-8") -> AiToolRegister:
    (folder / "ai_tools.csv").write_bytes("\r\n".join(lines).encode(encoding))
    file = read_register(folder, "ai_tools")
    assert file is not None
    return ai_tools_from(file, TODAY)


def _tool(**changes: object) -> AiTool:
    base: dict[str, object] = {
        "row": 2, "tool": "ChatGPT Plus", "category": "text",
        "used_for": "Utkast til innleggstekster", "owner": "Kari Nordmann",
        "users": 4, "cost_per_month": 312.5, "hours_saved_per_month": 6.5,
        "in_use_since": dt.date(2025, 9, 1), "frequency": "weekly",
        "personal_data": False, "agreement": "unknown",
    }  # fmt: skip
    return AiTool(**{**base, **changes})  # type: ignore[arg-type]


def test_norwegian_excel_csv_in_windows_1252(tmp_path: Path) -> None:
    register = _read(tmp_path, [
        NB_HEADER,
        "ChatGPT Plus;Tekst;Utkast til innleggstekster;Kari Nordmann;4;312,50;6,5;"
        "01.09.2025;Ukentlig;nei;vet ikke",
        "Svarhjelp;kundedialog;Svar på meldinger;Ola;3;kr 1 150;8;1.9.25;"
        "daglig;ja;nei",
        "Opus Clip;video;Klipp;;;0;0;;sjeldnere;vet ikke;",
    ], "cp1252")  # fmt: skip
    assert register.problems == ()
    first, second, third = register.tools
    assert first == _tool()
    assert (second.category, second.cost_per_month, second.in_use_since) == (
        "customer_dialogue",
        1150.0,
        dt.date(2025, 9, 1),
    )
    assert (second.frequency, second.personal_data, second.agreement) == (
        "daily",
        True,
        "no",
    )
    assert third == AiTool(
        row=4, tool="Opus Clip", category="video", used_for="Klipp", owner="",
        users=None, cost_per_month=0.0, hours_saved_per_month=0.0, in_use_since=None,
        frequency="rarely", personal_data=None, agreement=None,
    )  # fmt: skip
    assert (first.nok_per_hour, third.nok_per_hour) == (312.5 / 6.5, None)


def test_english_csv_and_words(tmp_path: Path) -> None:
    register = _read(tmp_path, [
        EN_HEADER,
        "DeepL Pro,Translation,Translating posts,,3,300,3,2025-06-01,Every week,no,"
        "yes",
        "Notion AI,Customer service,FAQ answers,Eva,1,\"1,150.50\",2,,monthly,"
        "unknown,unknown",
    ])  # fmt: skip
    assert register.problems == ()
    deepl, notion = register.tools
    assert (deepl.category, deepl.frequency, deepl.agreement, deepl.owner) == (
        "translation",
        "weekly",
        "yes",
        "",
    )
    assert (notion.category, notion.cost_per_month, notion.personal_data) == (
        "customer_dialogue",
        1150.5,
        None,
    )
    assert notion.agreement == "unknown"


def test_a_workbook_with_number_and_date_cells(tmp_path: Path) -> None:
    book = xlsxwriter.Workbook(str(tmp_path / "ai_tools.xlsx"))
    sheet = book.add_worksheet()
    dates = book.add_format({"num_format": "dd.mm.yyyy"})
    sheet.write_row(0, 0, NB_HEADER.split(";"))
    sheet.write_row(1, 0, ["Canva Pro", "bilde", "Grafikk", "Aisha", 5, 1200.0, 10])
    sheet.write_datetime(1, 7, dt.datetime(2024, 12, 1), dates)
    sheet.write_row(1, 8, ["daglig", "nei", "ja"])
    book.close()
    file = read_register(tmp_path, "ai_tools")
    assert file is not None
    register = ai_tools_from(file, TODAY)
    assert register.problems == ()
    (canva,) = register.tools
    assert (canva.users, canva.cost_per_month, canva.hours_saved_per_month) == (
        5,
        1200.0,
        10.0,
    )
    assert (canva.in_use_since, canva.category) == (dt.date(2024, 12, 1), "image")


def test_every_bad_cell_is_a_row_problem_and_good_cells_are_kept(
    tmp_path: Path,
) -> None:
    register = _read(tmp_path, [
        EN_HEADER,
        "A,robots,x,Eva,2.5,-10,lots,someday,hourly,maybe,perhaps",
        ",text,no name,Eva,1,10,1,,,,",
        "B,text,drafts,Eva,1,,,2027-01-01,weekly,no,no",
        "a ,image,again,Eva,1,1,1,,,,",
    ])  # fmt: skip
    found = [(p.key.removeprefix("register.ai_tools."), p.row,
              str(p.params.get("column")), p.params.get("value"))
             for p in register.problems]  # fmt: skip
    assert found == [
        ("unknown_category", 2, "Purpose category", "robots"),
        ("not_a_count", 2, "Number of users", "2.5"),
        ("negative", 2, "Cost per month (NOK)", "-10"),
        ("bad_number", 2, "Hours saved per month", "lots"),
        ("bad_date", 2, "In use since", "someday"),
        ("unknown_frequency", 2, "How often used", "hourly"),
        ("bad_yes_no", 2, "Processes personal data", "maybe"),
        ("bad_agreement", 2, "Data processing agreement", "perhaps"),
        ("no_tool", 3, "Tool", None),
        ("missing_value", 4, "Cost per month (NOK)", None),
        ("missing_value", 4, "Hours saved per month", None),
        ("future_date", 4, "In use since", "2027-01-01"),
        ("duplicate", 5, "Tool", None),
    ]
    a, b = register.tools
    assert a == AiTool(
        row=2, tool="A", category=None, used_for="x", owner="Eva", users=None,
        cost_per_month=None, hours_saved_per_month=None, in_use_since=None,
        frequency=None, personal_data=None, agreement=None,
    )  # fmt: skip
    assert (b.tool, b.frequency, b.in_use_since, b.agreement) == (
        "B",
        "weekly",
        None,
        "no",
    )
    duplicate = register.problems[-1]
    assert (duplicate.params["tool"], duplicate.params["first"]) == ("a", 2)


def test_a_problem_reads_with_file_row_column_and_example(tmp_path: Path) -> None:
    register = _read(tmp_path, [NB_HEADER, "Gemini;tekst;x;Sigrid;2;240;mye;;;;"])
    (problem,) = register.problems
    params = {"file": "ai_tools.csv", "row": problem.row, **problem.params}
    assert translate(problem.key, "nb", **params) == (
        "ai_tools.csv, rad 2: «mye» i kolonnen «Timer spart per måned» for "
        "«Gemini» er ikke et tall. Skriv for eksempel 6,5."
    )
    assert translate(problem.key, "en", **params) == (
        'ai_tools.csv, row 2: "mye" in the column "Hours saved per month" for '
        "Gemini is not a number. Write, for example, 6.5."
    )


def test_without_today_a_future_date_is_kept(tmp_path: Path) -> None:
    (tmp_path / "ai_tools.csv").write_text(
        EN_HEADER + "\r\nX,text,y,Eva,1,1,1,2030-01-01,daily,no,yes\r\n",
        encoding="utf-8",
    )
    file = read_register(tmp_path, "ai_tools")
    assert file is not None
    (tool,) = ai_tools_from(file).tools
    assert tool.in_use_since == dt.date(2030, 1, 1)
