"""The access audit's rules: each turns register rows into issues with a severity.

Every rule, threshold and source is in docs/sections/security.md. A row whose
relation has ended gets one issue only, *remove the access*: its two-factor or
activity no longer matters. Severities follow one principle: a gap on a row that
can manage others or spend money (:func:`~fokus.analyses.security_access.is_powerful`)
is one step worse than the same gap on a row that can only post or read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, get_args

from fokus.analyses.security_access import (
    Asset,
    assets,
    family,
    has_ended,
    is_admin,
    is_external,
    is_powerful,
)
from fokus.i18n import MessageKey
from fokus.model.results import Param
from fokus.model.vocab import Platform, Severity
from fokus.registers.access import AccessRow

MIN_ADMINS = 2
"""At least two admins per asset, so losing one person does not lock you out
(Meta business guidance [51]; LinkedIn: at least two super admins [53])."""
MAX_ADMINS = 3
"""At most three admins per asset [51]: every admin is a way in."""
MAX_FULL_CONTROL = 10
"""Meta Security Center: full control for "ideally 10 or fewer" people [50]."""
INACTIVE_DAYS = 90
"""Meta Security Center: remove people who have not logged in for 90 days [50]."""
BUS_FACTOR_ASSETS = 3
"""One person admin on every asset only matters once there are a few assets."""

PUBLIC_EMAIL_DOMAINS: frozenset[str] = frozenset({
    "gmail.com", "googlemail.com", "hotmail.com", "hotmail.no", "hotmail.co.uk",
    "outlook.com", "live.com", "live.no", "msn.com", "yahoo.com", "yahoo.no",
    "yahoo.co.uk", "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com",
    "proton.me", "protonmail.com", "pm.me", "gmx.com", "gmx.net", "mail.com",
    "yandex.com",
    # Norwegian internet providers' and portals' personal addresses.
    "online.no", "frisurf.no", "start.no", "c2i.net", "chello.no", "broadpark.no",
    "getmail.no", "lyse.net", "altibox.no",
})  # fmt: skip
"""Personal addresses anyone can create (Meta Security Center: remove people with
public email domains [50]); docs/sections/security.md lists them."""

Rule = Literal[
    "access_after_end", "former_with_access", "no_two_factor", "two_factor_unknown",
    "external_admin", "linkedin_paid_media", "no_admin", "too_few_admins",
    "linkedin_super_admins", "too_many_admins", "full_control_over_ten",
    "bus_factor", "public_email_domain", "inactive", "external_no_end_date",
    "tiktok_finance",
]  # fmt: skip
"""In the order the review lists issues of the same severity."""
RULES: tuple[Rule, ...] = get_args(Rule)

_TIKTOK_AD_RUNNERS = frozenset(
    {"full_control", "admin", "owner", "manager", "operator"}
)


@dataclass(frozen=True, slots=True)
class Issue:
    """One thing to fix: a rule broken by a person's access to an asset, by an
    asset (``person`` None) or by a person everywhere (``asset`` None)."""

    rule: Rule
    severity: Severity
    person: str | None
    platform: Platform | None
    asset: str | None
    params: Mapping[str, Param] = field(default_factory=dict)
    """The same for every asset of one person on one platform, so their findings
    can be told together."""


def audit(rows: Sequence[AccessRow], today: dt.date) -> list[Issue]:
    """Every issue in the register, rule by rule."""
    found = [issue for row in rows for issue in _row_issues(row, today)]
    registered = assets(rows)
    found.extend(i for asset in registered for i in _asset_issues(asset, today))
    found.extend(_full_control(rows))
    found.extend(_bus_factor(registered, today))
    found.extend(_tiktok_finance(rows, today))
    return found


def _row_issues(row: AccessRow, today: dt.date) -> list[Issue]:
    powerful = is_powerful(row)
    worse: Severity = "critical" if powerful else "warning"
    milder: Severity = "warning" if powerful else "notice"
    if has_ended(row, today):
        if row.end_date is not None and row.end_date < today:
            return [_issue(row, "access_after_end", worse, since=row.end_date)]
        return [_issue(row, "former_with_access", worse)]
    found = [*_two_factor(row, worse, milder), *_outsider(row, milder)]
    if row.email_domain in PUBLIC_EMAIL_DOMAINS:
        found.append(
            _issue(row, "public_email_domain", "warning", domain=row.email_domain)
        )
    if row.last_active is not None:
        days = (today - row.last_active).days
        if days >= INACTIVE_DAYS:
            found.append(
                _issue(row, "inactive", milder, last_active=row.last_active, days=days)
            )
    return found


def _issue(row: AccessRow, rule: Rule, severity: Severity, **params: Param) -> Issue:
    return Issue(rule, severity, row.person, row.platform, row.asset, params)


def _two_factor(row: AccessRow, worse: Severity, milder: Severity) -> list[Issue]:
    answers = {"account": row.two_factor_account, "profile": row.two_factor_profile}
    missing = [where for where, answer in answers.items() if answer == "no"]
    unknown = [where for where, answer in answers.items() if answer == "unknown"]
    if missing:
        return [_issue(row, "no_two_factor", worse, where=_where(missing))]
    if unknown:
        return [_issue(row, "two_factor_unknown", milder, where=_where(unknown))]
    return []


def _outsider(row: AccessRow, milder: Severity) -> list[Issue]:
    """Access for agencies, partners and freelancers: least privilege, time-boxed."""
    if not is_external(row) or row.relation is None:
        return []
    relation = MessageKey(f"section.security.relation.{row.relation}")
    found = []
    if row.platform == "linkedin":
        if row.role in ("super_admin", "content_admin"):
            found.append(
                _issue(row, "linkedin_paid_media", "warning", relation=relation)
            )
    elif is_admin(row) or row.role == "finance_manager":
        found.append(
            _issue(
                row, "external_admin", "warning", relation=relation, role=row.role_raw
            )
        )
    if row.end_date is None:
        found.append(_issue(row, "external_no_end_date", milder, relation=relation))
    return found


def _where(places: list[str]) -> MessageKey:
    which = "both" if len(places) == 2 else places[0]
    return MessageKey(f"section.security.where.{which}")


def _asset_issues(asset: Asset, today: dt.date) -> list[Issue]:
    if asset.asset_type == "payment_method":
        return []  # a card is managed through the portfolio, not by its own admins

    def issue(rule: Rule, people: tuple[str, ...]) -> Issue:
        params: dict[str, Param] = {"n": len(people), "people": ", ".join(people)}
        return Issue(rule, "warning", None, asset.platform, asset.name, params)

    found = []
    current = asset.admins(today)
    if len(current) < MIN_ADMINS:
        linkedin = asset.platform == "linkedin" and asset.asset_type in (None, "page")
        rule: Rule = (
            "linkedin_super_admins" if linkedin
            else "too_few_admins" if current
            else "no_admin"
        )  # fmt: skip
        found.append(issue(rule, current))
    holders = asset.admins()
    if len(holders) > MAX_ADMINS:
        found.append(issue("too_many_admins", holders))
    return found


def _full_control(rows: Sequence[AccessRow]) -> list[Issue]:
    """More than ten people who can manage access in one company's tools."""
    people: dict[str, dict[str, str]] = {}
    first: dict[str, Platform] = {}
    for row in rows:
        if is_admin(row):
            company = family(row.platform)
            people.setdefault(company, {}).setdefault(row.person.casefold(), row.person)
            first.setdefault(company, row.platform)
    return [
        Issue(
            "full_control_over_ten",
            "warning",
            None,
            first[company],
            None,
            {"n": len(names), "company": _company(company)},
        )
        for company, names in people.items()
        if len(names) > MAX_FULL_CONTROL
    ]


def _company(company: str) -> MessageKey:
    if company == "meta":
        return MessageKey("section.security.company.meta")
    return MessageKey(f"platform.{company}")


def _bus_factor(registered: Sequence[Asset], today: dt.date) -> list[Issue]:
    """One person admin on every asset that has an admin (three or more)."""
    managed = [
        {p.casefold(): p for p in a.admins(today)}
        for a in registered
        if a.asset_type != "payment_method" and a.admins(today)
    ]
    if len(managed) < BUS_FACTOR_ASSETS:
        return []
    everywhere = set.intersection(*(set(m) for m in managed))
    return [
        Issue("bus_factor", "warning", managed[0][key], None, None, {"n": len(managed)})
        for key in sorted(everywhere)
    ]


def _tiktok_finance(rows: Sequence[AccessRow], today: dt.date) -> list[Issue]:
    """The same person both runs TikTok ads and manages what pays for them."""
    roles: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for row in rows:
        if row.platform == "tiktok" and not has_ended(row, today):
            key = row.person.casefold()
            roles.setdefault(key, set()).add(row.role)
            names.setdefault(key, row.person)
    return [
        Issue("tiktok_finance", "notice", names[key], "tiktok", None)
        for key, held in roles.items()
        if "finance_manager" in held and held & _TIKTOK_AD_RUNNERS
    ]
