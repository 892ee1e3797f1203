"""The profile-text register: typed rows, field words in both languages, row-level
problems, Norwegian Excel's CSV, and the names the exports carry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fokus.i18n import translate
from fokus.registers.profiles import (
    ProfileRegister,
    ProfileText,
    export_names,
    parse_field,
    profiles_from,
)
from fokus.registers.reader import parse_register, read_register
from fokus.registers.templates import REGISTERS, render_register_template

HEADER = ["Plattform", "Konto", "Felt", "Tekst", "Sist oppdatert"]


@pytest.mark.parametrize(
    ("cell", "field"),
    [
        ("bio", "bio"), ("Bio", "bio"), ("intro", "bio"), ("Om oss", "about"),
        ("about", "about"), ("om_oss", "about"), ("Slagord", "tagline"),
        ("tagline", "tagline"), ("Beskrivelse", "description"),
        ("description", "description"), ("Lenke", "link"), ("nettside", "link"),
        ("link", "link"), ("Navn", "name"), ("name", "name"), ("Om oss:", "about"),
        ("historikk", None), ("", None),
    ],
)  # fmt: skip
def test_fields_in_bokmal_and_english(cell: str, field: str | None) -> None:
    assert parse_field(cell) == field


def test_norwegian_excel_csv_windows_1252(tmp_path: Path) -> None:
    (tmp_path / "profiles.csv").write_bytes(
        "Plattform;Konto;Felt;Tekst;Sist oppdatert\r\n"
        "Instagram;@ås_kommune;Bio;Nyheter fra Ås kommune – «følg oss»;25.03.2026\r\n"
        "Facebook;Ås kommune;Om oss;Åpningstider: 08–15;\r\n".encode("cp1252")
    )
    file = read_register(tmp_path, "profiles")
    assert file is not None
    read = profiles_from(file)
    assert read.problems == ()
    assert read.texts == (
        ProfileText("instagram", "@ås_kommune", "bio",
                    "Nyheter fra Ås kommune – «følg oss»", dt.date(2026, 3, 25),
                    "register", 2),
        ProfileText("facebook", "Ås kommune", "about", "Åpningstider: 08–15", None,
                    "register", 3),
    )  # fmt: skip


def test_bad_rows_give_row_level_messages_and_good_rows_are_kept() -> None:
    rows = [
        HEADER,
        ["Snapchat", "@x", "bio", "Hei", ""],
        ["Instagram", "@x", "historikk", "Hei", ""],
        ["Instagram", "@x", "bio", "", ""],
        ["Instagram", "@x", "bio", "Hei fra oss", "i fjor"],
        ["Instagram", "@X", "Bio", "Hei igjen", ""],
    ]
    read = profiles_from(parse_register("profiles", "profiles.csv", rows))
    assert [(t.row, t.text, t.last_updated) for t in read.texts] == [
        (5, "Hei fra oss", None),
        (6, "Hei igjen", None),
    ]
    assert [(p.key, p.row) for p in read.problems] == [
        ("register.profiles.unknown_platform", 2),
        ("register.profiles.unknown_field", 3),
        ("register.profiles.no_text", 4),
        ("register.profiles.bad_date", 5),
        ("register.profiles.duplicate", 6),
    ]
    bad_date = read.problems[3]
    shown = translate(bad_date.key, "nb", file="profiles.csv", row=5, **bad_date.params)
    assert shown == (
        "profiles.csv, rad 5: «i fjor» i kolonnen «Sist oppdatert» er ikke en dato. "
        "Skriv for eksempel 12.01.2026. Teksten er sjekket uten dato."
    )
    unknown = read.problems[0]
    shown = translate(unknown.key, "en", file="profiles.csv", row=2, **unknown.params)
    assert shown.startswith(
        "profiles.csv, row 2: “Snapchat” in the column “Platform” is not a channel"
    )
    assert "Write, for example, Instagram." in shown


def test_the_templates_example_row_is_no_profile_text(tmp_path: Path) -> None:
    register = next(r for r in REGISTERS if r.key == "profiles")
    for language in ("nb", "en"):
        (tmp_path / "profiles.csv").write_bytes(
            render_register_template(register, language)
        )
        file = read_register(tmp_path, "profiles")
        assert file is not None
        assert profiles_from(file) == ProfileRegister("profiles.csv", (), ())


def test_export_names_are_name_texts_and_empty_names_are_left_out() -> None:
    found = export_names(
        [
            ("facebook", "Fjordvik kommune", None),
            ("instagram", " Fjordvik kommune ", "fjordvik_kommune"),
            ("linkedin", None, None),
            ("x", "  ", "fjordvik"),
        ]
    )
    assert found == (
        ProfileText("facebook", "Fjordvik kommune", "name", "Fjordvik kommune", None,
                    "export"),
        ProfileText("instagram", "@fjordvik_kommune", "name", "Fjordvik kommune",
                    None, "export"),
    )  # fmt: skip
