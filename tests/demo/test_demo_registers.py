"""The demo's registers: the templates' CSV dialect, determinism, planted problems.

Every check reads the files back with Python's csv module, the way a register
reader would: ``;`` for bokmål, ``,`` for English, UTF-8 with a byte order mark.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest

from fokus.demo import write_demo_registers
from fokus.i18n import Language
from fokus.registers import REGISTERS, RegisterTemplate
from fokus.registers.templates import render_register, render_register_template

TODAY = dt.date(2026, 11, 20)
DELIMITER: dict[Language, str] = {"nb": ";", "en": ","}
ROW_COUNTS = {
    "access": 18,
    "ai_tools": 8,
    "time_use": 4,
    "profiles": 5,
    "experiments": 3,
}

Table = list[dict[str, str]]


def _read(path: Path, language: Language) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    return list(
        csv.reader(io.StringIO(text, newline=""), delimiter=DELIMITER[language])
    )


def _register(key: str) -> RegisterTemplate:
    return next(r for r in REGISTERS if r.key == key)


def _tables(folder: Path, language: Language) -> dict[str, Table]:
    """Each register's rows as dicts keyed by column key (not header)."""
    write_demo_registers(folder, language, today=TODAY)
    tables: dict[str, Table] = {}
    for register in REGISTERS:
        _header, *rows = _read(folder / register.filename, language)
        keys = [c.key for c in register.columns]
        tables[register.key] = [dict(zip(keys, row, strict=True)) for row in rows]
    return tables


def _day(value: str, language: Language) -> dt.date:
    if language == "nb":
        return dt.datetime.strptime(value, "%d.%m.%Y").date()
    return dt.date.fromisoformat(value)


def _hours(value: str) -> float:
    return float(value.replace(",", "."))


@pytest.fixture(params=["nb", "en"])
def language(request: pytest.FixtureRequest) -> Language:
    found: Language = request.param
    return found


@pytest.fixture
def tables(tmp_path: Path, language: Language) -> dict[str, Table]:
    return _tables(tmp_path, language)


# --- format ---------------------------------------------------------------------------


def test_files_read_back_to_the_template_headers(
    tmp_path: Path, language: Language
) -> None:
    paths = write_demo_registers(tmp_path, language, today=TODAY)
    assert paths == tuple(tmp_path / r.filename for r in REGISTERS)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        r.filename for r in REGISTERS
    )
    for register in REGISTERS:
        path = tmp_path / register.filename
        header, *rows = _read(path, language)
        assert header == [c.header(language) for c in register.columns]
        assert len(rows) == ROW_COUNTS[register.key]
        assert all(len(row) == len(header) for row in rows)
        raw = path.read_bytes()
        assert raw.count(b"\r\n") == raw.count(b"\n")  # CRLF only, even in cells
        # Same dialect as the template: the template's header line starts the file.
        template = render_register_template(register, language)
        assert raw.startswith(template.split(b"\r\n")[0] + b"\r\n")


def test_overwrites_the_templates_init_wrote(tmp_path: Path) -> None:
    (tmp_path / "access.csv").write_bytes(
        render_register_template(_register("access"), "nb")
    )
    write_demo_registers(tmp_path, "nb", today=TODAY)
    assert len(_read(tmp_path / "access.csv", "nb")) == 1 + ROW_COUNTS["access"]


def test_same_input_gives_byte_identical_files(tmp_path: Path) -> None:
    for language in ("nb", "en"):
        first = write_demo_registers(tmp_path / "a", language, today=TODAY)
        second = write_demo_registers(tmp_path / "b", language, today=TODAY)
        for a, b in zip(first, second, strict=True):
            assert a.read_bytes() == b.read_bytes()


def test_values_use_the_languages_dates_and_decimals(
    tables: dict[str, Table], language: Language
) -> None:
    dates = [row["last_active"] for row in tables["access"]]
    dates += [row["end_date"] for row in tables["access"] if row["end_date"]]
    dates += [row["start"] for row in tables["experiments"]]
    for value in dates:
        _day(value, language)  # raises if written the other language's way
    costs = [row["cost_per_month"] for row in tables["ai_tools"]]
    assert costs == ["920", "0", "240", "1200", "480", "0", "1150", "300"]
    assert _w(language, "01.09.2025", "2025-09-01") not in costs


def test_render_register_writes_rows_in_column_order() -> None:
    register = _register("experiments")
    keys = [c.key for c in register.columns]
    row = dict.fromkeys(keys, "") | {"name": "a;b", "platform": "X", "start": "1"}
    raw = render_register(register, [dict(reversed(row.items()))], "nb")
    assert (
        raw
        == (
            "\ufeffNavn;Hypotese;Måltall;Plattform;Variant A;Variant B;Start;Slutt;"
            'Beslutning\r\n"a;b";;;X;;;1;;\r\n'
        ).encode()
    )
    with pytest.raises(ValueError, match="experiments"):
        render_register(register, [{"name": "x"}], "nb")


# --- planted problems -----------------------------------------------------------------


def _w(language: Language, nb: str, en: str) -> str:
    return nb if language == "nb" else en


def test_access_problems(tables: dict[str, Table], language: Language) -> None:
    rows = tables["access"]
    full, no = _w(language, "full kontroll", "full control"), _w(language, "nei", "no")
    page = [r for r in rows if r["asset"] == "Fjordvik kommune"]
    on_page = {r["person"] for r in page if r["platform"] == "Facebook"}
    full_on_page = [r for r in page if r["role"] == full]
    assert len(full_on_page) == 6 and len(on_page) == 7  # too many with full control
    former = [
        r
        for r in rows
        if r["relation"] == _w(language, "tidligere ansatt", "former staff")
    ]
    assert [(r["person"], r["role"], r["end_date"]) for r in former] == [
        ("Tor Eide", full, _w(language, "24.01.2026", "2026-01-24"))
    ]
    agency = [r for r in rows if r["relation"] == _w(language, "byrå", "agency")]
    assert [(r["person"], r["role"], r["end_date"]) for r in agency] == [
        ("Fjordlys Reklame AS", full, "")
    ]
    no_account = [r["person"] for r in rows if r["two_factor_account"] == no]
    no_profile = [r["person"] for r in rows if r["two_factor_profile"] == no]
    assert no_account == ["Sigrid Lunde", "Henrik Aas"]
    assert no_profile == ["Sigrid Lunde", "Nora Vik", "Henrik Aas"]
    ads = [
        r for r in rows if r["asset_type"] == _w(language, "annonsekonto", "ad account")
    ]
    assert [(r["person"], r["role"]) for r in ads] == [
        ("Henrik Aas", "admin"),
        ("Ingrid Solberg", _w(language, "analytiker", "analyst")),
    ]  # one admin
    assert [r["person"] for r in rows if r["email_domain"] == "gmail.com"] == [
        "Ola Dahl"
    ]
    stale = [
        r
        for r in rows
        if _day(r["last_active"], language) < TODAY - dt.timedelta(days=90)
        and not r["end_date"]
    ]
    assert [(r["person"], r["platform"]) for r in stale] == [
        ("Magnus Hauge", "LinkedIn")
    ]
    assert {r["platform"] for r in rows} == {
        "Facebook", "Instagram", "LinkedIn", "TikTok"
    }  # fmt: skip


def test_ai_tool_problems(tables: dict[str, Table], language: Language) -> None:
    tools = {row["tool"]: row for row in tables["ai_tools"]}
    text = _w(language, "tekst", "text")
    assert [t for t, r in tools.items() if r["category"] == text] == [
        "ChatGPT Plus",
        "Microsoft Copilot",
        "Gemini",
    ]
    yes, unknown = _w(language, "ja", "yes"), _w(language, "vet ikke", "unknown")
    personal = [
        (t, r["data_processing_agreement"])
        for t, r in tools.items()
        if r["personal_data"] == yes
    ]
    assert personal == [("Svarhjelp", unknown)]
    assert (
        tools["Opus Clip"]["cost_per_month"],
        tools["Opus Clip"]["hours_saved_per_month"],
    ) == ("1150", "0")
    assert [t for t, r in tools.items() if not r["owner"]] == ["DeepL Pro"]


def test_time_use_problems(tables: dict[str, Table], language: Language) -> None:
    areas = [c.key for c in _register("time_use").columns][2:]
    assert len(areas) == 7
    rows = tables["time_use"]
    saved = sum(_hours(r["hours_saved_per_month"]) for r in rows)
    planned = sum(_hours(r[a]) for r in rows for a in areas)
    assert (saved, planned) == (41, 25)  # 16 hours a month unallocated
    assert (
        sum(_hours(r["prioritisation"]) + _hours(r["relationships"]) for r in rows) == 0
    )


def test_profile_problems(tables: dict[str, Table], language: Language) -> None:
    rows = {(r["platform"], r["field"]): r for r in tables["profiles"]}
    about, description = (
        _w(language, "om oss", "about"),
        _w(language, "beskrivelse", "description"),
    )
    assert len(rows[("Instagram", "bio")]["text"]) > 150
    for field in (about, description):
        text = rows[("Facebook", field)]["text"]
        assert not any(
            mark in text for mark in ("@", "kommune.no", "http", "tlf", "phone")
        )
        assert not re.search(r"\d{8}|\d{2} \d{2} \d{2} \d{2}", text)  # phone
    assert {r["account"] for r in rows.values()} == {
        "Fjordvik kommune", "@fjordvik_kommune", "Fjordvik Kommune", "@fjordvik.kommune"
    }  # fmt: skip
    assert rows[("LinkedIn", about)]["account"] == "Fjordvik Kommune"
    linkedin = rows[("LinkedIn", about)]["text"]
    assert linkedin.startswith(
        _w(language, "Fjordvik Kommune is a", "Fjordvik Kommune er en")
    )
    foreign = _w(language, " the ", " er ")  # a word of the other language
    assert [k for k, r in rows.items() if foreign in r["text"]] == [("LinkedIn", about)]
    hours = rows[("Facebook", description)]
    assert f"{TODAY.year - 2}: " in hours["text"]
    assert _day(hours["last_updated"], language) == dt.date(TODAY.year - 2, 5, 28)


def test_experiment_problems(tables: dict[str, Table], language: Language) -> None:
    rows = {r["name"]: r for r in tables["experiments"]}
    start = TODAY.replace(year=TODAY.year - 2, day=1)  # the demo's first day
    for row in rows.values():
        assert (
            start <= _day(row["start"], language) < _day(row["end"], language) <= TODAY
        )
    proper, no_metric, overlap = rows.values()
    assert proper["name"] == _w(language, "Ansatte i reels", "Staff in reels")
    assert all(proper.values())
    assert no_metric["name"] == _w(language, "Publisering kl. 07", "Posting at 7 am")
    assert no_metric["metric"] == ""
    assert overlap["platform"] == no_metric["platform"] == "Facebook"
    assert _day(overlap["start"], language) <= _day(no_metric["end"], language)
    assert _day(no_metric["start"], language) <= _day(overlap["end"], language)
    assert proper["platform"] == "Instagram"
