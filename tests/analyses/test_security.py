"""The security section's rules, each on a hand-built access register that breaks it
and one that does not; the fix list, the per-asset table and the playbook."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import pytest

from fokus.analyses.security import security_section
from fokus.analyses.security_playbook import (
    GROUPS,
    SITUATIONS,
    playbook_groups,
    steps,
)
from fokus.analyses.security_rules import PUBLIC_EMAIL_DOMAINS, RULES
from fokus.config import WorkspaceConfig, load_config
from fokus.i18n import catalog
from fokus.model.results import Finding, SectionResult, Table
from fokus.registers.access import AccessRegister, access_from
from fokus.registers.reader import parse_register, template

TODAY = dt.date(2026, 11, 20)
HEADER = [c.key for c in template("access").columns]
RECENT = "2026-11-01"


def row(
    person: str,
    asset: str = "Page",
    role: str = "admin",
    *,
    platform: str = "Facebook",
    asset_type: str = "page",
    relation: str = "staff",
    domain: str = "org.no",
    account: str = "yes",
    profile: str = "yes",
    last_active: str = RECENT,
    end_date: str = "",
) -> list[str]:
    return [person, domain, relation, platform, asset, asset_type, role, account,
            profile, last_active, end_date]  # fmt: skip


def register(*rows: list[str]) -> AccessRegister:
    return access_from(parse_register("access", "access.csv", [HEADER, *rows]))


def config(*channels: str) -> WorkspaceConfig:
    text = 'organisation = "Test"\n' + "".join(
        f'[[channels]]\nplatform = "{c}"\naccount = "a{n}"\nrole = "main"\n'
        for n, c in enumerate(channels)
    )
    return load_config(text)


def run(*rows: list[str], channels: Sequence[str] = ()) -> SectionResult:
    return security_section(register(*rows), config(*channels), TODAY)


# Two admins who do everything right: a page no rule objects to.
OK = (row("Ann"), row("Bo"))


def found(result: SectionResult, key: str) -> list[tuple[str, dict[str, object]]]:
    """(severity, params as plain values) of every finding with the key."""
    return [
        (f.severity, {k: str(v) for k, v in f.params.items()})
        for f in result.findings
        if f.key == f"finding.security.{key}"
    ]


def table(result: SectionResult, key: str) -> Table:
    [found_table] = [t for t in result.tables if t.key == f"security.{key}"]
    return found_table


def keys(result: SectionResult) -> list[str]:
    return [f.key.removeprefix("finding.security.") for f in result.findings]


def test_a_healthy_register_breaks_no_rule() -> None:
    result = run(*OK, channels=["facebook"])
    assert result.status == "ok"
    assert keys(result) == []
    assert table(result, "fix_list").rows == ()
    assert [a.key for a in result.actions] == ["action.security.drill"]


# --- relation ended -----------------------------------------------------------------


def test_access_after_the_end_date_is_critical_for_an_admin() -> None:
    result = run(*OK, row("Tor", end_date="2026-10-01"),
                 row("Eli", role="editor", end_date="19.11.2026"))  # fmt: skip
    assert found(result, "access_after_end") == [
        ("critical", {"platform": "platform.facebook", "since": "2026-10-01",
                      "person": "Tor", "assets": "Page"}),
        ("warning", {"platform": "platform.facebook", "since": "2026-11-19",
                     "person": "Eli", "assets": "Page"}),
    ]  # fmt: skip
    # The fix is removal: no two-factor or activity findings for them.
    assert keys(result) == ["access_after_end", "access_after_end"]


def test_access_that_ends_today_or_later_is_not_flagged() -> None:
    result = run(*OK, row("Tor", end_date="2026-11-20"),
                 row("Eli", role="editor", end_date="2027-01-01"))  # fmt: skip
    assert found(result, "access_after_end") == []
    assert found(result, "former_with_access") == []


def test_former_staff_without_an_end_date_still_holding_access() -> None:
    result = run(*OK, row("Tor", relation="tidligere ansatt"))
    assert found(result, "former_with_access") == [
        ("critical", {"platform": "platform.facebook", "person": "Tor",
                      "assets": "Page"}),
    ]  # fmt: skip
    assert found(run(*OK, row("Tor", relation="ansatt")), "former_with_access") == []


# --- two-factor ---------------------------------------------------------------------


def test_no_two_factor_is_critical_for_an_admin_and_a_warning_for_an_editor() -> None:
    result = run(*OK, row("Sig", account="nei"),
                 row("Nora", role="redaktør", profile="no"))  # fmt: skip
    assert found(result, "no_two_factor") == [
        ("critical", {"platform": "platform.facebook", "person": "Sig",
                      "assets": "Page", "where": "section.security.where.account"}),
        ("warning", {"platform": "platform.facebook", "person": "Nora",
                     "assets": "Page", "where": "section.security.where.profile"}),
    ]  # fmt: skip


def test_two_factor_on_both_is_not_flagged() -> None:
    result = run(*OK, row("Nora", role="redaktør"))
    assert found(result, "no_two_factor") + found(result, "two_factor_unknown") == []


def test_unknown_or_empty_two_factor_is_its_own_finding() -> None:
    result = run(*OK, row("Ai", account="", profile="vet ikke"),
                 row("Nora", role="analyst", profile="?"))  # fmt: skip
    assert found(result, "two_factor_unknown") == [
        ("warning", {"platform": "platform.facebook", "person": "Ai",
                     "assets": "Page", "where": "section.security.where.both"}),
        ("notice", {"platform": "platform.facebook", "person": "Nora",
                    "assets": "Page", "where": "section.security.where.profile"}),
    ]  # fmt: skip
    # "No" on one and "unknown" on the other is told as "no".
    mixed = run(*OK, row("Ai", account="no", profile=""))
    assert keys(mixed) == ["no_two_factor"]


def test_one_person_on_several_assets_is_one_finding_and_several_fixes() -> None:
    result = run(*OK, row("Ann", "Ads", asset_type="ad account"),
                 row("Bo", "Ads", asset_type="ad account"),
                 row("Sig", account="no"),
                 row("Sig", "Ads", "advertiser", asset_type="ad account",
                     account="no"))  # fmt: skip
    assert found(result, "no_two_factor") == [
        ("critical", {"platform": "platform.facebook", "person": "Sig",
                      "assets": "Ads, Page", "where": "section.security.where.account"}),
    ]  # fmt: skip
    fixes = [(r[1], r[3]) for r in table(result, "fix_list").rows]
    assert fixes == [("Sig", "Ads"), ("Sig", "Page")]


# --- people outside the organisation ------------------------------------------------


def test_an_agency_with_full_control_and_no_end_date() -> None:
    result = run(*OK, row("Fjordlys AS", role="full kontroll", relation="byrå"))
    assert found(result, "external_admin") == [
        ("warning", {"platform": "platform.facebook", "person": "Fjordlys AS",
                     "assets": "Page", "relation": "section.security.relation.agency",
                     "role": "full kontroll"}),
    ]  # fmt: skip
    assert found(result, "external_no_end_date") == [
        ("warning", {"platform": "platform.facebook", "person": "Fjordlys AS",
                     "assets": "Page", "relation": "section.security.relation.agency"}),
    ]  # fmt: skip


def test_an_agency_editor_with_an_end_date_breaks_neither_rule() -> None:
    result = run(*OK, row("Fjordlys AS", role="editor", relation="agency",
                          end_date="2027-06-30"))  # fmt: skip
    assert keys(result) == []


def test_a_freelancer_without_an_end_date_is_a_notice() -> None:
    result = run(*OK, row("Ola", role="editor", relation="frilanser"))
    assert found(result, "external_no_end_date") == [
        ("notice", {"platform": "platform.facebook", "person": "Ola",
                    "assets": "Page",
                    "relation": "section.security.relation.freelancer"}),
    ]  # fmt: skip
    assert found(result, "external_admin") == []


def test_an_outsider_with_a_finance_role_is_an_external_admin() -> None:
    result = run(*OK, row("Pay AS", "Card", "finance manager", relation="partner",
                          asset_type="payment method", end_date="2027-01-01"))  # fmt: skip
    assert [(s, p["role"]) for s, p in found(result, "external_admin")] == [
        ("warning", "finance manager"),
    ]


def test_linkedin_outsiders_get_paid_media_roles_not_page_admin_roles() -> None:
    page = {"platform": "LinkedIn", "end_date": "2027-01-01", "relation": "agency"}
    admins = (row("Ann", platform="LinkedIn"), row("Bo", platform="LinkedIn"))
    result = run(*OK, *admins, row("Byrå AS", role="content admin", **page))
    assert found(result, "linkedin_paid_media") == [
        ("warning", {"platform": "platform.linkedin", "person": "Byrå AS",
                     "assets": "Page", "relation": "section.security.relation.agency"}),
    ]  # fmt: skip
    assert found(result, "external_admin") == []
    fine = run(*OK, *admins, row("Byrå AS", role="Sponsored Content poster", **page))
    assert keys(fine) == []


# --- email, activity ------------------------------------------------------------------


def test_a_public_email_domain_is_flagged_and_an_own_domain_is_not() -> None:
    result = run(*OK, row("Ola", role="editor", domain="Ola.Dahl@Gmail.com"))
    assert found(result, "public_email_domain") == [
        ("warning", {"platform": "platform.facebook", "person": "Ola",
                     "assets": "Page", "domain": "gmail.com"}),
    ]  # fmt: skip
    assert keys(run(*OK, row("Ola", role="editor", domain="fjordvik.no"))) == []
    assert {"gmail.com", "hotmail.com", "outlook.com", "yahoo.com", "icloud.com",
            "online.no"} <= PUBLIC_EMAIL_DOMAINS  # fmt: skip


def test_access_unused_for_90_days_is_flagged_and_89_days_is_not() -> None:
    result = run(*OK, row("Mag", role="superadmin", platform="LinkedIn",
                          last_active="22.08.2026"),
                 row("Liv", role="editor", last_active="2026-08-23"))  # fmt: skip
    assert found(result, "inactive") == [
        ("warning", {"platform": "platform.linkedin", "person": "Mag",
                     "assets": "Page", "last_active": "2026-08-22", "days": "90"}),
    ]  # fmt: skip


# --- admins per asset -----------------------------------------------------------------


def test_an_asset_with_one_admin() -> None:
    result = run(*OK, row("Hen", "Ads", asset_type="annonsekonto"),
                 row("Ann", "Ads", "analyst", asset_type="annonsekonto"))  # fmt: skip
    assert found(result, "too_few_admins") == [
        ("warning", {"platform": "platform.facebook", "n": "1", "people": "Hen",
                     "asset": "Ads"}),
    ]  # fmt: skip


def test_an_admin_who_has_left_does_not_count_towards_the_two() -> None:
    result = run(row("Ann"), row("Tor", end_date="2026-01-01"))
    assert [p["people"] for _s, p in found(result, "too_few_admins")] == ["Ann"]
    assert found(run(*OK), "too_few_admins") == []


def test_an_asset_with_no_admin_and_a_payment_method_without_admins() -> None:
    result = run(*OK, row("Ann", "Other page", "editor"),
                 row("Fin", "Card", "finance", asset_type="betalingsmåte"))  # fmt: skip
    assert found(result, "no_admin") == [
        ("warning", {"platform": "platform.facebook", "n": "0", "people": "",
                     "asset": "Other page"}),
    ]  # fmt: skip


def test_a_linkedin_page_needs_two_super_admins() -> None:
    result = run(row("Jo", role="super admin", platform="LinkedIn"),
                 row("Mag", role="content admin", platform="LinkedIn"))  # fmt: skip
    assert found(result, "linkedin_super_admins") == [
        ("warning", {"platform": "platform.linkedin", "n": "1", "people": "Jo",
                     "asset": "Page"}),
    ]  # fmt: skip
    assert found(result, "too_few_admins") == []
    two = run(row("Jo", role="super admin", platform="LinkedIn"),
              row("Mag", role="admin", platform="LinkedIn"))  # fmt: skip
    assert keys(two) == []


def test_more_than_three_admins_on_one_asset() -> None:
    four = run(*OK, row("Cy"), row("Di", role="full control"))
    assert found(four, "too_many_admins") == [
        ("warning", {"platform": "platform.facebook", "n": "4",
                     "people": "Ann, Bo, Cy, Di", "asset": "Page"}),
    ]  # fmt: skip
    assert found(run(*OK, row("Cy")), "too_many_admins") == []


def test_full_control_for_more_than_ten_people_in_metas_tools() -> None:
    people = [f"P{n:02}" for n in range(11)]
    rows = [row(p, f"Page {i // 3}", platform="Facebook" if i % 2 else "Instagram")
            for i, p in enumerate(people)]  # fmt: skip
    result = run(*rows)
    assert [(s, p["n"], p["company"]) for s, p in found(result, "full_control_over_ten")
            ] == [("warning", "11", "section.security.company.meta")]  # fmt: skip
    assert found(run(*rows[:10]), "full_control_over_ten") == []


def test_one_person_admin_of_every_asset() -> None:
    rows = [row("Ann", a) for a in ("A", "B", "C")]
    rows += [row("Bo", "A"), row("Cy", "B"), row("Di", "C")]
    result = run(*rows)
    assert found(result, "bus_factor") == [("warning", {"n": "3", "person": "Ann"})]
    assert found(run(*rows[:2], row("Bo", "A"), row("Cy", "B")), "bus_factor") == []
    shared = run(*rows, row("Ed", "D"), row("Fa", "D"))
    assert found(shared, "bus_factor") == []


def test_tiktok_finance_role_held_by_someone_who_runs_the_ads() -> None:
    tiktok = {"platform": "TikTok", "asset_type": "annonsekonto"}
    base = (row("Ann", "Ads", **tiktok), row("Bo", "Ads", **tiktok))
    result = run(*base, row("Ann", "Ads", "finance manager", **tiktok))
    assert found(result, "tiktok_finance") == [
        ("notice", {"platform": "platform.tiktok", "person": "Ann"}),
    ]
    apart = run(*base, row("Cy", "Ads", "finance manager", **tiktok))
    assert found(apart, "tiktok_finance") == []


# --- spending, channels -------------------------------------------------------------


def test_who_can_spend_on_an_ad_account_from_role_and_asset_type() -> None:
    ads = {"asset_type": "ad account"}
    result = run(
        row("Ann", "Ads", **ads), row("Bo", "Ads", "advertiser", **ads),
        row("Cy", "Ads", "analyst", **ads), row("Di", "Ads", "editor", **ads),
        row("Ann", "Portfolio", asset_type="business portfolio"),
        row("Ed", "Portfolio", "full control", asset_type="business portfolio"),
        row("Bo", "Card", "finance manager", asset_type="payment method"),
    )  # fmt: skip
    assert found(result, "spenders_portfolio") == [
        ("info", {"platform": "platform.facebook", "asset": "Ads", "n": "2",
                  "people": "Ann, Bo", "via": "Ed"}),
        ("info", {"platform": "platform.facebook", "asset": "Card", "n": "1",
                  "people": "Bo", "via": "Ann, Ed"}),
    ]  # fmt: skip
    assets = {r[1]: r for r in table(result, "assets").rows}
    assert assets["Ads"] == ("platform.facebook", "Ads",
                             "section.security.asset_type.ad_account",
                             4, 1, 0, "Ann, Bo", "Ed")  # fmt: skip
    assert assets["Portfolio"][4:] == (2, 1, None, None)


def test_spenders_without_a_portfolio() -> None:
    ads = {"asset_type": "ad account", "platform": "TikTok"}
    result = run(row("Ann", "Ads", **ads), row("Bo", "Ads", "operator", **ads))
    assert found(result, "spenders") == [
        ("info", {"platform": "platform.tiktok", "asset": "Ads", "n": "2",
                  "people": "Ann, Bo"}),
    ]  # fmt: skip


def test_channels_in_the_plan_that_no_one_is_registered_for() -> None:
    result = run(*OK, channels=["facebook", "youtube", "x", "youtube"])
    assert found(result, "unregistered_channel") == [
        ("notice", {"platform": "platform.youtube"}),
        ("notice", {"platform": "platform.x"}),
    ]
    assert "action.security.register_channels" in [a.key for a in result.actions]
    assert found(run(*OK, channels=["facebook"]), "unregistered_channel") == []


# --- the section's shape --------------------------------------------------------------


def test_the_fix_list_is_worst_first_and_actions_follow() -> None:
    result = run(*OK, row("Ola", role="editor", relation="freelancer"),
                 row("Tor", end_date="2026-01-01"), row("Sig", account="no"))  # fmt: skip
    rows = table(result, "fix_list").rows
    assert [(r[0], r[1], str(r[4])) for r in rows] == [
        ("report.severity.critical", "Tor", "access_after_end"),
        ("report.severity.critical", "Sig", "no_two_factor"),
        ("report.severity.warning", None, "too_many_admins"),
        ("report.severity.notice", "Ola", "external_no_end_date"),
    ]
    what, fix = rows[0][4], rows[0][5]
    assert (what.key, fix.key) == (  # type: ignore[union-attr]
        "section.security.what.access_after_end",
        "section.security.fix.access_after_end",
    )
    assert [(a.key, a.impact, a.params.get("who")) for a in result.actions] == [
        ("action.security.access_after_end", 3, "Tor"),
        ("action.security.no_two_factor", 3, "Sig"),
        ("action.security.too_many_admins", 2, "Page"),
        ("action.security.external_no_end_date", 1, "Ola"),
        ("action.security.drill", 2, None),
    ]


def test_no_register_is_insufficient_data_with_the_whole_playbook() -> None:
    result = security_section(None, config(), TODAY)
    assert result.status == "insufficient_data"
    assert [f.key for f in result.findings] == ["finding.security.no_register"]
    assert [t.key for t in result.tables] == [
        f"security.playbook.{g}" for g in ("meta", "linkedin", "tiktok", "google", "x")
    ]
    assert [a.key for a in result.actions] == ["action.security.fill_register"]


def test_a_register_with_only_broken_rows_says_so_and_shows_its_problems() -> None:
    result = security_section(register(row("", platform="Myspace")), config(), TODAY)
    assert result.status == "insufficient_data"
    assert [(f.key, f.severity) for f in result.findings] == [
        ("finding.security.empty_register", "warning"),
        ("register.access.empty_cell", "notice"),
        ("register.access.unknown_platform", "notice"),
    ]
    assert result.findings[1].params["file"] == "access.csv"
    assert result.findings[1].params["row"] == 2


def test_register_problems_are_shown_beside_the_audit() -> None:
    result = run(*OK, row("Cy", role="sjef"))
    assert isinstance(result.findings[-1], Finding)
    assert result.findings[-1].key == "register.access.unknown_role"
    assert result.findings[-1].params["value"] == "sjef"


# --- the playbook ---------------------------------------------------------------------


def test_the_playbook_covers_the_platforms_in_use_or_all() -> None:
    assert playbook_groups([]) == GROUPS
    assert playbook_groups(["other"]) == GROUPS
    assert playbook_groups(["youtube", "instagram", "facebook"]) == ("meta", "google")
    result = security_section(
        register(*OK, row("Ann", platform="TikTok"), row("Bo", platform="TikTok")),
        config("linkedin"), TODAY, platforms_in_data=["x"],
    )  # fmt: skip
    playbooks = [t.key for t in result.tables if "playbook" in t.key]
    assert playbooks == [f"security.playbook.{g}" for g in ("meta", "linkedin",
                                                             "tiktok", "x")]  # fmt: skip
    meta = table(result, "playbook.meta")
    assert meta.rows[0] == (
        "section.security.situation.hacked",
        1,
        "section.security.playbook.meta.hacked.1",
    )
    assert meta.rows[5][2] == "section.security.playbook.personal_data"


OFFICIAL = {
    "meta": ("facebook.com", "instagram.com"),
    "linkedin": ("linkedin.com",),
    "tiktok": ("tiktok.com",),
    "google": ("google.com",),
    "x": ("x.com",),
}
URL = re.compile(r"https://([a-z.]+)(/\S*)?")


@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_situation_ends_at_the_platforms_own_pages(language: str) -> None:
    texts = catalog(language)  # type: ignore[arg-type]
    for group in GROUPS:
        for situation in SITUATIONS:
            keys = steps(group, situation)
            assert all(k in texts for k in keys), (group, situation)
            own = [
                texts[k]
                for k in keys
                if k.startswith(f"section.security.playbook.{group}")
            ]
            hosts = [m.group(1) for t in own for m in URL.finditer(t)]
            assert hosts, (group, situation)  # at least one official page
            assert all(h.endswith(OFFICIAL[group]) for h in hosts), (group, hosts)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_rule_has_a_finding_what_fix_and_action_text(language: str) -> None:
    texts = catalog(language)  # type: ignore[arg-type]
    for rule in RULES:
        for prefix in ("finding.security", "action.security", "section.security.what",
                       "section.security.fix"):  # fmt: skip
            assert f"{prefix}.{rule}" in texts, (prefix, rule)
