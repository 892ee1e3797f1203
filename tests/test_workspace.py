"""The workspace folder (fokus.workspace), its fokus.toml templates and the register
templates (fokus.registers), plus the catalog entries their messages use."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path
from string import Formatter

import pytest

import fokus
from fokus.config import ChannelConfig, GoalConfig, KpiConfig, WorkspaceConfig
from fokus.errors import ExitCode, FokusError
from fokus.i18n import Language, catalog
from fokus.registers import REGISTERS, RegisterTemplate, write_register_template
from fokus.workspace import (
    Workspace,
    init_workspace,
    list_export_files,
    open_workspace,
)

TODAY = dt.date(2026, 3, 25)
SRC = Path(fokus.__file__).parent
DOCS = Path(__file__).resolve().parents[1] / "docs"

EXPECTED_FILES = {
    "fokus.toml",
    "exports/README.txt",
    "registers/access.csv",
    "registers/ai_tools.csv",
    "registers/time_use.csv",
    "registers/profiles.csv",
    "registers/experiments.csv",
}


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def _read_csv(path: Path, delimiter: str) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


def _fresh(organisation: str, language: Language, timezone: str) -> WorkspaceConfig:
    """What a fresh template says, before the user has changed anything."""
    nb = language == "nb"
    return WorkspaceConfig(
        organisation=organisation,
        language=language,
        timezone=timezone,
        strategy_reviewed=None,
        channels=(
            ChannelConfig("instagram", organisation, "main", 3.0),
            ChannelConfig("facebook", organisation, "support", 2.0),
        ),
        goals=(
            GoalConfig(
                key="synlighet" if nb else "visibility",
                text="Flere i målgruppen skal kjenne til det vi tilbyr"
                if nb
                else "More people in our audience know what we offer",
                serves="Flere brukere av tjenestene våre"
                if nb
                else "More people using our services",
                priority=1,
                kpis=(
                    KpiConfig(
                        metric="reach",
                        platform="instagram",
                        target=50000.0,
                        deadline=dt.date(2026, 12, 31),
                        text="Samlet rekkevidde på Instagram i løpet av året"
                        if nb
                        else "Total reach on Instagram over the year",
                    ),
                ),
            ),
        ),
        brand_terms=(organisation,),
    )


# --- init ----------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nb", "en"])
def test_init_writes_exactly_the_expected_files(
    tmp_path: Path, language: Language
) -> None:
    root = tmp_path / "kunde" / "2026"  # parents are created too
    init_workspace(root, "Oslo Museum", language, today=TODAY)
    assert _files(root) == EXPECTED_FILES
    assert {p.name for p in root.iterdir() if p.is_dir()} == {"exports", "registers"}


@pytest.mark.parametrize(
    ("language", "timezone"), [("nb", "Europe/Oslo"), ("en", "Europe/London")]
)
def test_fresh_template_loads_to_the_expected_config(
    tmp_path: Path, language: Language, timezone: str
) -> None:
    created = init_workspace(tmp_path, "Oslo Museum", language, timezone, today=TODAY)
    expected = _fresh("Oslo Museum", language, timezone)
    assert created == Workspace(tmp_path, expected)
    assert open_workspace(tmp_path) == Workspace(tmp_path, expected)


def test_default_time_zone_is_oslo(tmp_path: Path) -> None:
    assert init_workspace(tmp_path, "X", "en").config.timezone == "Europe/Oslo"


def test_template_is_commented_in_its_language(tmp_path: Path) -> None:
    init_workspace(tmp_path / "nb", "X", "nb", today=TODAY)
    init_workspace(tmp_path / "en", "X", "en", today=TODAY)
    nb = (tmp_path / "nb" / "fokus.toml").read_text(encoding="utf-8")
    en = (tmp_path / "en" / "fokus.toml").read_text(encoding="utf-8")
    assert "hovedkanal" in nb and "støttekanal" in nb and "lagt på is" in nb
    assert "main channel" in en and "support channel" in en
    # Every field is explained in the comments of both templates.
    for field in ("organisation", "language", "timezone", "strategy_reviewed"):
        assert f"{field} =" in nb and f"{field} =" in en
    for field in ("brand_terms", "posts_per_week_planned", "serves", "deadline"):
        assert field in nb and field in en


def test_exports_readme_is_in_the_workspace_language(tmp_path: Path) -> None:
    init_workspace(tmp_path / "nb", "X", "nb", today=TODAY)
    init_workspace(tmp_path / "en", "X", "en", today=TODAY)
    nb = (tmp_path / "nb" / "exports" / "README.txt").read_text(encoding="utf-8")
    en = (tmp_path / "en" / "exports" / "README.txt").read_text(encoding="utf-8")
    assert nb.startswith("Legg eksportfilene fra plattformene i denne mappa")
    assert en.startswith("Put the export files from the platforms in this folder")


@pytest.mark.parametrize(
    "organisation",
    [
        'Foreningen "Åpne dører" \\ Ærlig øl',
        "C:\\Users\\kari\\",
        "Tab\tog\nlinjeskift",
        "Nøtterøy & Tjøme «AS»",
        "\"'''\"\"\" ''' \\u00e5 #ikke kommentar",
    ],
)
def test_organisation_name_round_trips(tmp_path: Path, organisation: str) -> None:
    init_workspace(tmp_path, organisation, "nb", today=TODAY)
    config = open_workspace(tmp_path).config
    assert config.organisation == organisation.strip()
    assert config.brand_terms == (organisation.strip(),)
    assert [c.account for c in config.channels] == [organisation.strip()] * 2


def test_init_refuses_an_existing_workspace_and_leaves_it_byte_identical(
    tmp_path: Path,
) -> None:
    init_workspace(tmp_path, "Oslo Museum", "nb", today=TODAY)
    config = tmp_path / "fokus.toml"
    config.write_bytes(config.read_bytes() + b"# mine\n")
    before = {name: (tmp_path / name).read_bytes() for name in EXPECTED_FILES}
    with pytest.raises(FokusError) as caught:
        init_workspace(tmp_path, "Noe annet", "en", today=TODAY)
    assert caught.value.message_key == "workspace.exists"
    assert caught.value.hint_key == "workspace.exists.hint"
    assert dict(caught.value.params) == {"path": str(tmp_path)}
    assert {name: (tmp_path / name).read_bytes() for name in EXPECTED_FILES} == before
    assert _files(tmp_path) == EXPECTED_FILES


def test_init_keeps_files_already_in_the_folder(tmp_path: Path) -> None:
    (tmp_path / "registers").mkdir()
    (tmp_path / "registers" / "access.csv").write_bytes(
        b"Person;Rolle\r\nKari;admin\r\n"
    )
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "README.txt").write_bytes(b"my notes")
    init_workspace(tmp_path, "X", "nb", today=TODAY)
    access = (tmp_path / "registers" / "access.csv").read_bytes()
    assert access == b"Person;Rolle\r\nKari;admin\r\n"
    assert (tmp_path / "exports" / "README.txt").read_bytes() == b"my notes"
    assert _files(tmp_path) == EXPECTED_FILES


@pytest.mark.parametrize(
    ("timezone", "example"), [("Oslo", "Europe/Oslo"), ("Mars/Base", "Europe/Oslo")]
)
def test_init_with_bad_time_zone_creates_nothing(
    tmp_path: Path, timezone: str, example: str
) -> None:
    root = tmp_path / "ny"
    with pytest.raises(FokusError) as caught:
        init_workspace(root, "X", "nb", timezone)
    assert caught.value.message_key == "config.invalid_timezone"
    assert dict(caught.value.params) == {
        "source": "fokus.toml",
        "field": "timezone",
        "value": timezone,
        "example": example,
    }
    assert not root.exists()


def test_init_with_empty_organisation_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FokusError) as caught:
        init_workspace(tmp_path, "  ", "nb")
    assert caught.value.message_key == "config.empty"
    assert _files(tmp_path) == set()


def test_init_with_unknown_language_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FokusError) as caught:
        init_workspace(tmp_path, "X", "de")  # type: ignore[arg-type]
    assert caught.value.message_key == "config.invalid_language"
    assert caught.value.exit_code == ExitCode.BAD_INPUT
    assert dict(caught.value.params) == {
        "source": "fokus.toml",
        "field": "language",
        "value": "de",
        "allowed": "nb, en",
    }


def test_init_on_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("x")
    with pytest.raises(FokusError) as caught:
        init_workspace(target, "X", "nb")
    assert caught.value.message_key == "workspace.not_a_folder"
    assert target.read_text() == "x"


def test_init_reports_an_unwritable_folder(tmp_path: Path) -> None:
    # A file where the registers folder should be makes mkdir fail like a full disk.
    (tmp_path / "registers").write_text("not a folder")
    with pytest.raises(FokusError) as caught:
        init_workspace(tmp_path, "X", "nb", today=TODAY)
    assert caught.value.message_key == "workspace.write_failed"
    assert dict(caught.value.params) == {
        "path": str(tmp_path / "registers"),
        "error": "File exists",
    }
    assert not (tmp_path / "fokus.toml").exists()  # no half workspace


# --- open ----------------------------------------------------------------------------


def test_workspace_paths(tmp_path: Path) -> None:
    workspace = init_workspace(tmp_path, "X", "nb", today=TODAY)
    assert workspace.root == tmp_path
    assert workspace.config_path == tmp_path / "fokus.toml"
    assert workspace.exports_dir == tmp_path / "exports"
    assert workspace.registers_dir == tmp_path / "registers"
    assert workspace.reports_dir == tmp_path / "reports"
    assert workspace.database_path == tmp_path / "fokus.duckdb"


def test_open_makes_a_relative_path_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    init_workspace(tmp_path / "ws", "X", "nb", today=TODAY)
    monkeypatch.chdir(tmp_path)
    assert open_workspace(Path("ws")).root == tmp_path / "ws"


@pytest.mark.parametrize(
    ("setup", "key"),
    [
        ("nothing", "workspace.missing"),
        ("file", "workspace.not_a_folder"),
        ("empty folder", "workspace.no_config"),
    ],
)
def test_open_without_workspace_says_to_run_init(
    tmp_path: Path, setup: str, key: str
) -> None:
    root = tmp_path / "ws"
    if setup == "file":
        root.write_text("x")
    elif setup == "empty folder":
        root.mkdir()
    with pytest.raises(FokusError) as caught:
        open_workspace(root)
    assert caught.value.message_key == key
    assert caught.value.hint_key == f"{key}.hint"
    assert caught.value.exit_code == ExitCode.NO_WORKSPACE
    assert dict(caught.value.params) == {"path": str(root)}


def test_open_names_the_file_in_config_errors(tmp_path: Path) -> None:
    (tmp_path / "fokus.toml").write_text('organisation = "X"\nlangauge = "nb"\n')
    with pytest.raises(FokusError) as caught:
        open_workspace(tmp_path)
    assert caught.value.message_key == "config.unknown_key"
    assert dict(caught.value.params)["source"] == str(tmp_path / "fokus.toml")


def test_open_refuses_windows_1252_with_the_line(tmp_path: Path) -> None:
    text = 'organisation = "X"\n\n# Tromsø\n'
    (tmp_path / "fokus.toml").write_bytes(text.encode("cp1252"))
    with pytest.raises(FokusError) as caught:
        open_workspace(tmp_path)
    assert caught.value.message_key == "workspace.not_utf8"
    assert dict(caught.value.params) == {
        "path": str(tmp_path / "fokus.toml"),
        "line": 3,
    }


def test_open_accepts_a_byte_order_mark(tmp_path: Path) -> None:
    (tmp_path / "fokus.toml").write_bytes('\ufefforganisation = "Ås"'.encode())
    assert open_workspace(tmp_path).config.organisation == "Ås"


# --- exports -------------------------------------------------------------------------


def test_list_export_files_skips_clutter(tmp_path: Path) -> None:
    workspace = init_workspace(tmp_path, "X", "nb", today=TODAY)
    exports = workspace.exports_dir
    for name in (
        "b.csv",
        "A.xlsx",
        ".DS_Store",
        "~$A.xlsx",
        "Thumbs.db",
        "2025/meta/poster.csv",
        "2025/README.txt",  # only the README that init wrote is skipped
        ".git/config",
        "2025/.skjult.csv",
    ):
        (exports / name).parent.mkdir(parents=True, exist_ok=True)
        (exports / name).write_text("x")
    (exports / "tom mappe").mkdir()
    assert list_export_files(workspace) == (
        exports / "2025" / "README.txt",
        exports / "2025" / "meta" / "poster.csv",
        exports / "A.xlsx",
        exports / "b.csv",
    )


def test_list_export_files_of_a_fresh_or_missing_folder_is_empty(
    tmp_path: Path,
) -> None:
    workspace = init_workspace(tmp_path, "X", "nb", today=TODAY)
    assert list_export_files(workspace) == ()
    workspace.exports_dir.joinpath("README.txt").unlink()
    workspace.exports_dir.rmdir()
    assert list_export_files(workspace) == ()


# --- register templates --------------------------------------------------------------


def _register(key: str) -> RegisterTemplate:
    return next(r for r in REGISTERS if r.key == key)


def test_registers_are_the_five_with_one_file_each() -> None:
    assert [(r.key, r.filename) for r in REGISTERS] == [
        ("access", "access.csv"),
        ("ai_tools", "ai_tools.csv"),
        ("time_use", "time_use.csv"),
        ("profiles", "profiles.csv"),
        ("experiments", "experiments.csv"),
    ]


def test_access_template_reads_back_in_norwegian_excel_form(tmp_path: Path) -> None:
    init_workspace(tmp_path, "X", "nb", today=TODAY)
    path = tmp_path / "registers" / "access.csv"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read æøå
    assert raw.count(b"\r\n") == 2
    assert _read_csv(path, ";") == [
        [
            "Person",
            "E-postdomene",
            "Tilknytning",
            "Plattform",
            "Konto eller side",
            "Type",
            "Rolle",
            "Tofaktor på kontoen",
            "Tofaktor på personlig profil",
            "Sist aktiv",
            "Sluttdato",
        ],
        [
            "Kari Nordmann",
            "eksempel.kommune.no",
            "ansatt",
            "Facebook",
            "Eksempel kommune",
            "side",
            "full kontroll",
            "ja",
            "ja",
            "25.03.2026",
            "",
        ],
    ]


def test_ai_tools_template_in_english(tmp_path: Path) -> None:
    init_workspace(tmp_path, "X", "en", today=TODAY)
    assert _read_csv(tmp_path / "registers" / "ai_tools.csv", ",") == [
        [
            "Tool",
            "Purpose category",
            "Used for",
            "Owner",
            "Number of users",
            "Cost per month (NOK)",
            "Hours saved per month",
            "In use since",
            "How often used",
            "Processes personal data",
            "Data processing agreement",
        ],
        [
            "ChatGPT",
            "text",
            "Drafting post copy",
            "Kari Nordmann",
            "3",
            "312.50",
            "6.5",
            "2025-09-01",
            "weekly",
            "no",
            "unknown",
        ],
    ]


@pytest.mark.parametrize(
    ("language", "delimiter"), [("nb", ";"), ("en", ",")], ids=["nb", "en"]
)
@pytest.mark.parametrize("register", REGISTERS, ids=lambda r: r.key)
def test_every_template_reads_back_to_its_definition(
    tmp_path: Path, register: RegisterTemplate, language: Language, delimiter: str
) -> None:
    path = write_register_template(register, tmp_path, language)
    assert path == tmp_path / register.filename
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert _read_csv(path, delimiter) == [
        [column.header(language) for column in register.columns],
        [column.example(language) for column in register.columns],
    ]
    assert _files(tmp_path) == {register.filename}  # no temporary file left behind


def test_commas_in_english_examples_are_quoted(tmp_path: Path) -> None:
    path = write_register_template(_register("profiles"), tmp_path, "en")
    example = _read_csv(path, ",")[1]
    assert example[3] == (
        "News, events and services from Example Council. "
        "Ask us here – we reply on weekdays."
    )


NB_DATE = re.compile(r"^\d{2}\.\d{2}\.\d{4}$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.mark.parametrize("register", REGISTERS, ids=lambda r: r.key)
def test_examples_use_each_languages_dates_and_decimals(
    register: RegisterTemplate,
) -> None:
    for column in register.columns:
        if ISO_DATE.match(column.example_en):
            date = dt.date.fromisoformat(column.example_en)
            assert column.example_nb == date.strftime("%d.%m.%Y")
        assert not ISO_DATE.match(column.example_nb)
        if re.fullmatch(r"\d+\.\d+", column.example_en):
            assert column.example_nb == column.example_en.replace(".", ",")
    assert any(NB_DATE.match(c.example_nb) for c in register.columns) == (
        register.key != "time_use"
    )


def test_write_register_template_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "access.csv").write_bytes(b"mine")
    with pytest.raises(FokusError) as caught:
        write_register_template(_register("access"), tmp_path, "nb")
    assert caught.value.message_key == "register.template_exists"
    assert dict(caught.value.params) == {"path": str(tmp_path / "access.csv")}
    assert (tmp_path / "access.csv").read_bytes() == b"mine"


def test_registers_guide_describes_every_column() -> None:
    guide = (DOCS / "registers.md").read_text(encoding="utf-8")
    for register in REGISTERS:
        assert f"`{register.filename}`" in guide
        for column in register.columns:
            assert f"`{column.key}`" in guide, column.key
            assert column.header_nb in guide and column.header_en in guide


# --- catalogs ------------------------------------------------------------------------

MESSAGE_KEYS = (
    "config.syntax",
    "config.invalid_period",
    "config.range_needs",
    "config.start_after_deadline",
    "config.start_without_range",
    "config.unknown_key",
    "config.missing",
    "config.empty",
    "config.not_text",
    "config.not_text_list",
    "config.not_tables",
    "config.not_number",
    "config.not_whole_number",
    "config.too_small",
    "config.not_date",
    "config.invalid_language",
    "config.invalid_timezone",
    "config.invalid_platform",
    "config.invalid_role",
    "config.duplicate_channel",
    "config.duplicate_goal",
    "config.duplicate_pillar",
    "config.duplicate_query",
    "config.invalid_findability_method",
    "config.invalid_colour",
    "config.not_table",
    "workspace.missing",
    "workspace.not_a_folder",
    "workspace.no_config",
    "workspace.unreadable",
    "workspace.not_utf8",
    "workspace.exists",
    "workspace.write_failed",
    "register.template_exists",
    "config.invalid_engine",
    "config.not_spark_setting",
)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def test_every_message_key_in_the_source_is_listed() -> None:
    sources = [
        SRC / "config.py",
        SRC / "workspace.py",
        SRC / "registers" / "templates.py",
    ]
    literal = re.compile(r'"((?:config|workspace|register)\.[a-z_]+)"')
    used = {key for path in sources for key in literal.findall(path.read_text())}
    # The README text has no hint: it is file content, not a message.
    assert used - {"workspace.exports_readme"} <= set(MESSAGE_KEYS)


@pytest.mark.parametrize("key", MESSAGE_KEYS)
def test_messages_and_hints_exist_in_both_languages_alike(key: str) -> None:
    for name in (key, f"{key}.hint"):
        nb, en = catalog("nb").get(name), catalog("en").get(name)
        assert nb and en, name
        assert _placeholders(nb) == _placeholders(en), name


def test_register_help_and_readme_exist_in_both_languages() -> None:
    keys = [c.help_key for r in REGISTERS for c in r.columns]
    keys.append("workspace.exports_readme")
    for key in keys:
        assert catalog("nb").get(key) and catalog("en").get(key), key
