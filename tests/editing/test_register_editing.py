"""Register editing through the real registers/ files of a real workspace: exact
cells written, the file's dialect kept, field messages from the readers' own rules,
and nothing written when something is wrong."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import xlsxwriter

from fokus.editing.register_form import form_fields
from fokus.editing.register_rows import add_row, delete_row, rows, update_row
from fokus.errors import FokusError
from fokus.workspace import Workspace, init_workspace

TODAY = dt.date(2026, 3, 1)
CRLF = "\r\n"


@pytest.fixture
def nb(tmp_path: Path) -> Workspace:
    return init_workspace(tmp_path / "nb", "Fjordvik kommune", "nb", today=TODAY)


@pytest.fixture
def en(tmp_path: Path) -> Workspace:
    return init_workspace(tmp_path / "en", "Fjordvik Council", "en", today=TODAY)


def _lines(workspace: Workspace, name: str) -> list[str]:
    data = (workspace.registers_dir / name).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    return data[3:].decode("utf-8").split(CRLF)


ACCESS = {
    "person": "Ola Nordmann", "platform": "Instagram", "asset": "@fjordvik",
    "role": "admin", "relation": "byrå", "two_factor_account": "nei",
    "last_active": "2026-02-03",
}  # fmt: skip


def test_access_row_added_the_norwegian_excel_way(nb: Workspace) -> None:
    result = add_row(nb, "access", ACCESS, today=TODAY)
    assert (result.saved, result.messages) == (True, ())
    assert _lines(nb, "access.csv")[2:] == [
        "Ola Nordmann;;byrå;Instagram;@fjordvik;;admin;nei;;03.02.2026;",
        "",
    ]
    [row] = rows(nb, "access").rows
    assert (row.row_id, row.line) == (result.row_id, 3)
    assert row.values["last_active"] == "03.02.2026"
    assert row.values["relation"] == "byrå"


def test_access_row_in_an_english_workspace(en: Workspace) -> None:
    add_row(en, "access", {**ACCESS, "relation": "agency"}, today=TODAY)
    assert _lines(en, "access.csv")[2] == (
        "Ola Nordmann,,agency,Instagram,@fjordvik,,admin,nei,,2026-02-03,"
    )


def test_access_bad_values_give_field_messages_and_write_nothing(
    nb: Workspace,
) -> None:
    before = (nb.registers_dir / "access.csv").read_bytes()
    result = add_row(
        nb, "access", {**ACCESS, "role": "sjef", "two_factor_account": "kanskje"},
        today=TODAY,
    )  # fmt: skip
    assert result.saved is False
    assert [(m.column, m.key) for m in result.messages] == [
        ("role", "register.access.unknown_role"),
        ("two_factor_account", "register.access.bad_yes_no"),
    ]
    assert result.messages[1].text.startswith("access.csv, rad 3: «kanskje»")
    assert (nb.registers_dir / "access.csv").read_bytes() == before


def test_ai_tools_numbers_are_written_with_a_decimal_comma(nb: Workspace) -> None:
    values = {"tool": "Claude", "category": "tekst", "users": "2",
              "cost_per_month": "199.5", "hours_saved_per_month": "4,25",
              "in_use_since": "2025-10-01", "frequency": "daglig",
              "personal_data": "nei", "data_processing_agreement": "ja"}  # fmt: skip
    result = add_row(nb, "ai_tools", values, today=TODAY)
    assert result.saved, result.messages
    assert _lines(nb, "ai_tools.csv")[2] == (
        "Claude;tekst;;;2;199,5;4,25;01.10.2025;daglig;nei;ja"
    )


def test_ai_tools_bad_number(nb: Workspace) -> None:
    result = add_row(
        nb, "ai_tools",
        {"tool": "Claude", "cost_per_month": "gratis", "hours_saved_per_month": "2"},
        today=TODAY,
    )  # fmt: skip
    assert [(m.column, m.key) for m in result.messages] == [
        ("cost_per_month", "register.ai_tools.bad_number")
    ]


def test_time_use_update_keeps_the_id_of_other_rows(nb: Workspace) -> None:
    first = add_row(nb, "time_use", {"task": "Tekster", "hours_saved_per_month": "8"})
    second = add_row(nb, "time_use", {"task": "Bilder", "hours_saved_per_month": "2"})
    assert first.row_id and second.row_id
    changed = update_row(
        nb, "time_use", first.row_id,
        {"task": "Tekster", "hours_saved_per_month": "9.5", "analysis": "3"},
    )  # fmt: skip
    assert changed.saved
    table = rows(nb, "time_use")
    assert [(r.row_id, r.values["task"], r.values["hours_saved_per_month"],
             r.values["analysis"]) for r in table.rows] == [
        (changed.row_id, "Tekster", "9,5", "3"),
        (second.row_id, "Bilder", "2", ""),
    ]  # fmt: skip
    with pytest.raises(FokusError) as gone:
        update_row(nb, "time_use", first.row_id, {"task": "x"})
    assert gone.value.message_key == "registers_edit.row_gone"


def test_time_use_missing_hours(nb: Workspace) -> None:
    result = add_row(nb, "time_use", {"task": "Tekster", "hours_saved_per_month": ""})
    assert [(m.column, m.key) for m in result.messages] == [
        ("hours_saved_per_month", "register.time_use.no_hours_saved")
    ]


def test_profiles_add_and_delete(nb: Workspace) -> None:
    text = "Nyheter fra Fjordvik; vi svarer på hverdager."
    added = add_row(
        nb, "profiles",
        {"platform": "Facebook", "account": "Fjordvik", "field": "om oss",
         "text": text, "last_updated": "2026-01-12"},
    )  # fmt: skip
    assert added.saved and added.row_id
    assert _lines(nb, "profiles.csv")[2] == (
        f'Facebook;Fjordvik;om oss;"{text}";12.01.2026'
    )
    delete_row(nb, "profiles", added.row_id)
    assert rows(nb, "profiles").rows == ()
    assert len(_lines(nb, "profiles.csv")) == 3  # header, example, final line end


def test_profiles_unknown_field(nb: Workspace) -> None:
    result = add_row(
        nb, "profiles", {"platform": "Facebook", "field": "motto", "text": "Hei"}
    )
    assert [(m.column, m.key) for m in result.messages] == [
        ("field", "register.profiles.unknown_field")
    ]


def test_experiments_row(nb: Workspace) -> None:
    values = {"name": "Ansatte i reels", "platform": "Instagram",
              "variant_a": "Tekst og musikk", "variant_b": "#ansatte", "start": "2026-03-02",
              "end": "2026-04-26", "metric": "rekkevidde"}  # fmt: skip
    assert add_row(nb, "experiments", values).saved
    assert _lines(nb, "experiments.csv")[2] == (
        "Ansatte i reels;;rekkevidde;Instagram;Tekst og musikk;#ansatte;02.03.2026;"
        "26.04.2026;"
    )
    bad = add_row(nb, "experiments", {**values, "start": "i vår"})
    # The experiments reader names no column for a bad start: a row-level message.
    assert [(m.column, m.key) for m in bad.messages] == [
        (None, "register.experiments.bad_start")
    ]


def test_a_windows_1252_file_stays_so(nb: Workspace) -> None:
    path = nb.registers_dir / "time_use.csv"
    path.write_bytes("Oppgave;Timer spart per måned\nKlipp;2\n".encode("cp1252"))
    assert add_row(
        nb, "time_use", {"task": "Søk", "hours_saved_per_month": "1,5"}
    ).saved
    assert (
        path.read_bytes()
        == "Oppgave;Timer spart per måned\nKlipp;2\nSøk;1,5\n".encode("cp1252")
    )
    before = path.read_bytes()
    with pytest.raises(FokusError) as emoji:
        add_row(nb, "time_use", {"task": "Emoji 👍", "hours_saved_per_month": "1"})
    assert emoji.value.message_key == "registers_edit.not_encodable"
    assert path.read_bytes() == before


def test_a_line_csv_cannot_read_refuses_the_edit_and_keeps_the_file(
    nb: Workspace,
) -> None:
    path = nb.registers_dir / "time_use.csv"
    path.write_bytes(b'Oppgave;Timer\nKlipp;2\n"' + b"x" * 200_000 + b'";1\n')
    before = path.read_bytes()
    with pytest.raises(FokusError) as refused:
        add_row(nb, "time_use", {"task": "S\u00f8k", "hours_saved_per_month": "1"})
    assert refused.value.message_key == "registers_edit.damaged"
    assert (refused.value.params["file"], refused.value.params["line"]) == (
        "time_use.csv",
        3,
    )
    assert path.read_bytes() == before


def test_a_formula_is_refused(nb: Workspace) -> None:
    result = add_row(
        nb, "time_use", {"task": "=HYPERLINK(1)", "hours_saved_per_month": "1"}
    )
    assert [(m.column, m.key) for m in result.messages] == [
        ("task", "registers_edit.formula")
    ]


def test_the_example_row_alone_is_not_a_row(nb: Workspace) -> None:
    result = add_row(nb, "time_use", {"task": "", "hours_saved_per_month": ""})
    assert [m.key for m in result.messages] == ["registers_edit.empty_row"]


def test_an_xlsx_register_is_not_rewritten(nb: Workspace) -> None:
    book = xlsxwriter.Workbook(str(nb.registers_dir / "access.xlsx"))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["Person", "Plattform", "Konto eller side", "Rolle"])
    sheet.write_row(1, 0, ["Kari", "Facebook", "Fjordvik", "admin"])
    book.close()
    [row] = rows(nb, "access").rows
    assert (row.line, row.values["person"], row.values["role"]) == (2, "Kari", "admin")
    with pytest.raises(FokusError) as refused:
        add_row(nb, "access", ACCESS)
    assert (refused.value.message_key, refused.value.params["file"]) == (
        "registers_edit.xlsx",
        "access.xlsx",
    )


def test_form_fields() -> None:
    fields = form_fields("ai_tools", "nb")
    assert [(f.key, f.kind, f.required) for f in fields] == [
        ("tool", "text", True), ("category", "choice", False),
        ("used_for", "text", False), ("owner", "text", False),
        ("users", "number", False), ("cost_per_month", "number", False),
        ("hours_saved_per_month", "number", False),
        ("in_use_since", "date", False), ("frequency", "choice", False),
        ("personal_data", "boolean", False),
        ("data_processing_agreement", "choice", False),
    ]  # fmt: skip
    assert fields[8].choices == ("daglig", "ukentlig", "månedlig", "sjeldnere")
    assert fields[0].label == "Verktøy"
    assert form_fields("ai_tools", "en")[8].choices == (
        "daily",
        "weekly",
        "monthly",
        "rarely",
    )


@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_choice_reads_back_as_what_it_says(tmp_path: Path, language: str) -> None:
    workspace = init_workspace(tmp_path / "w", "F", language, today=TODAY)  # type: ignore[arg-type]
    access = {f.key: f for f in form_fields("access", language)}  # type: ignore[arg-type]
    for relation in access["relation"].choices:
        for asset_type in access["asset_type"].choices:
            result = add_row(
                workspace, "access",
                {**ACCESS, "relation": relation, "asset_type": asset_type,
                 "person": f"{relation} {asset_type}"},
            )  # fmt: skip
            assert result.saved, result.messages
