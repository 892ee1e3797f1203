"""The access register reader: Norwegian Excel's CSV, the platforms' role words, and
a row-level message for every cell fokus cannot read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fokus.registers.access import AccessRow, access_from, read_access
from fokus.registers.access_words import (
    email_domain,
    parse_asset_type,
    parse_relation,
    parse_role,
)
from fokus.registers.reader import parse_register
from fokus.registers.templates import REGISTERS, render_register_template

NB_HEADER = (
    "Person;E-postdomene;Tilknytning;Plattform;Konto eller side;Type;Rolle;"
    "Tofaktor på kontoen;Tofaktor på personlig profil;Sist aktiv;Sluttdato"
)
EN_HEADER = (
    "Person,Email domain,Relation,Platform,Account or page,Asset type,Role,"
    "Two-factor on account,Two-factor on personal profile,Last active,End date"
)


def _write(path: Path, lines: list[str], encoding: str) -> Path:
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path


def test_norwegian_excel_csv_windows_1252(tmp_path: Path) -> None:
    _write(tmp_path / "access.csv", [
        NB_HEADER,
        "Åse Ødegård;fjordvik.kommune.no;ansatt;Facebook;Fjordvik kommune;side;"
        "full kontroll;ja;ja;25.03.2026;",
        "Bjørn Økland;Byrå.no;byrå;TikTok;Fjordvik – annonser;annonsekonto;"
        "Økonomiansvarlig;nei;vet ikke;1.3.2026;31.12.2026",
    ], "cp1252")  # fmt: skip
    register = read_access(tmp_path)
    assert register is not None
    assert register.problems == ()
    assert register.rows == (
        AccessRow(
            row=2, person="Åse Ødegård", email_domain="fjordvik.kommune.no",
            relation="staff", platform="facebook", asset="Fjordvik kommune",
            asset_type="page", role="full_control", role_raw="full kontroll",
            two_factor_account="yes", two_factor_profile="yes",
            last_active=dt.date(2026, 3, 25), end_date=None,
        ),
        AccessRow(
            row=3, person="Bjørn Økland", email_domain="byrå.no",
            relation="agency", platform="tiktok", asset="Fjordvik – annonser",
            asset_type="ad_account", role="finance_manager",
            role_raw="Økonomiansvarlig", two_factor_account="no",
            two_factor_profile="unknown", last_active=dt.date(2026, 3, 1),
            end_date=dt.date(2026, 12, 31),
        ),
    )  # fmt: skip


def test_the_templates_example_row_is_not_read(tmp_path: Path) -> None:
    [template] = [r for r in REGISTERS if r.key == "access"]
    for language in ("nb", "en"):
        (tmp_path / "access.csv").write_bytes(
            render_register_template(template, language)
        )
        register = read_access(tmp_path)
        assert register is not None
        assert (register.rows, register.problems) == ((), ())


def test_every_unreadable_cell_gets_a_row_level_problem(tmp_path: Path) -> None:
    _write(tmp_path / "access.csv", [
        EN_HEADER,
        ",example.org,staff,Facebook,Page,page,admin,yes,yes,,",
        "Ann,example.org,staff,MySpace,Page,page,admin,yes,yes,,",
        "Bo,example.org,cousin,Facebook,Page,thing,boss,maybe,,yesterday,2026-13-01",
        "Cy,example.org,staff,LinkedIn,Page,page,Admin,yes,yes,2026-03-01,",
    ], "utf-8")  # fmt: skip
    register = read_access(tmp_path)
    assert register is not None
    shown = [
        (p.key, p.row, p.params["value"], str(p.params["column"]))
        for p in register.problems
    ]
    assert shown == [
        ("register.access.empty_cell", 2, "", "Person"),
        ("register.access.unknown_platform", 3, "MySpace", "Platform"),
        ("register.access.unknown_role", 4, "boss", "Role"),
        ("register.access.unknown_relation", 4, "cousin", "Relation"),
        ("register.access.unknown_asset_type", 4, "thing", "Asset type"),
        ("register.access.bad_yes_no", 4, "maybe", "Two-factor on account"),
        ("register.access.bad_date", 4, "yesterday", "Last active"),
        ("register.access.bad_date", 4, "2026-13-01", "End date"),
    ]
    # The column and its example are shown in the reader's language.
    first = register.problems[0].params
    assert first["column"].nb == "Person"  # type: ignore[union-attr]
    assert first["example"].nb == "Kari Nordmann"  # type: ignore[union-attr]
    # Rows that can be placed are kept, with what could not be read as not given.
    bo, cy = register.rows
    assert (bo.person, bo.role, bo.role_raw, bo.relation, bo.asset_type) == (
        "Bo", "other", "boss", None, None,
    )  # fmt: skip
    assert (bo.two_factor_account, bo.two_factor_profile) == ("unknown", "unknown")
    assert (bo.last_active, bo.end_date) == (None, None)
    assert (cy.platform, cy.role) == ("linkedin", "super_admin")


def test_a_register_without_its_required_columns_reads_nothing() -> None:
    file = parse_register("access", "access.csv", [["Person", "Rolle"], ["A", "admin"]])
    register = access_from(file)
    assert register.rows == ()
    assert [p.key for p in register.problems] == ["register.missing_columns"]


@pytest.mark.parametrize(
    ("text", "platform", "role"),
    [
        ("Full kontroll", "facebook", "full_control"),
        ("Delvis tilgang", "facebook", "partial_access"),
        ("full control", "linkedin", "super_admin"),
        ("admin", "linkedin", "super_admin"),
        ("admin", "tiktok", "admin"),
        ("Superadmin", "linkedin", "super_admin"),
        ("Content admin", "linkedin", "content_admin"),
        ("Sponsored Content poster", "linkedin", "sponsored_content_poster"),
        ("Lead-Gen Forms Manager", "linkedin", "lead_gen_forms_manager"),
        ("Landing Pages manager", "linkedin", "landing_pages_manager"),
        ("Operator", "tiktok", "operator"),
        ("Finance Manager", "tiktok", "finance_manager"),
        ("Finance analyst", "tiktok", "finance_analyst"),
        ("Editor (limited)", "youtube", "editor"),
        ("Primary owner", "youtube", "owner"),
        ("Annonsør", "facebook", "advertiser"),
        ("  analytiker ", "instagram", "analyst"),
        ("sjef", "facebook", None),
    ],
)
def test_roles_in_the_platforms_own_words(
    text: str, platform: str, role: str | None
) -> None:
    assert parse_role(text, platform) == role  # type: ignore[arg-type]


def test_relations_asset_types_and_email_domains() -> None:
    assert [parse_relation(t) for t in ("Byrå", "former staff", "Tidligere ansatt",
                                        "konsulent", "?")] == [
        "agency", "former", "former", "freelancer", None,
    ]  # fmt: skip
    assert [parse_asset_type(t) for t in ("Annonsekonto", "business center",
                                          "Betalingsmåte", "Page", "")] == [
        "ad_account", "business_portfolio", "payment_method", "page", None,
    ]  # fmt: skip
    assert [email_domain(t) for t in ("Ola.Dahl@Gmail.com", " www.Kommune.no ",
                                      "@online.no", "")] == [
        "gmail.com", "kommune.no", "online.no", "",
    ]  # fmt: skip
