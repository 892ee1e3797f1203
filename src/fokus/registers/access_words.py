"""The words a team writes in the access register, and what fokus reads them as.

Roles are written in each platform's own words, in bokmål or English, as the
platform's settings show them (docs/registers.md lists them). They are read into a
small vocabulary that the security audit reasons about (``Role``); the text as
written is kept beside it. Matching ignores case, extra spaces, ``_`` (and ``-`` in
a role) and a note in brackets (``editor (limited)`` is ``editor``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal, get_args

from fokus.model.vocab import Platform

Relation = Literal["staff", "agency", "partner", "freelancer", "former"]
RELATIONS: tuple[Relation, ...] = get_args(Relation)

AssetType = Literal[
    "page", "account", "ad_account", "business_portfolio", "payment_method"
]
ASSET_TYPES: tuple[AssetType, ...] = get_args(AssetType)

Role = Literal[
    "full_control", "admin", "super_admin", "owner", "manager", "partial_access",
    "content_admin", "editor", "moderator", "curator", "advertiser", "operator",
    "sponsored_content_poster", "lead_gen_forms_manager", "landing_pages_manager",
    "finance_manager", "finance_analyst", "analyst", "viewer", "other",
]  # fmt: skip
"""``other``: a role fokus does not know; it grants nothing in the audit."""
ROLES: tuple[Role, ...] = get_args(Role)

TwoFactor = Literal["yes", "no", "unknown"]

_RELATIONS: Mapping[str, Relation] = {
    "ansatt": "staff", "ansatte": "staff", "fast ansatt": "staff",
    "midlertidig ansatt": "staff", "vikar": "staff", "intern": "staff",
    "staff": "staff", "employee": "staff", "internal": "staff",
    "byrå": "agency", "reklamebyrå": "agency", "kommunikasjonsbyrå": "agency",
    "mediebyrå": "agency", "pr-byrå": "agency", "agency": "agency",
    "partner": "partner", "samarbeidspartner": "partner", "leverandør": "partner",
    "supplier": "partner", "vendor": "partner",
    "frilanser": "freelancer", "frilans": "freelancer", "konsulent": "freelancer",
    "innleid": "freelancer", "freelancer": "freelancer", "freelance": "freelancer",
    "consultant": "freelancer", "contractor": "freelancer",
    "tidligere ansatt": "former", "tidligere": "former", "sluttet": "former",
    "tidligere byrå": "former", "tidligere partner": "former",
    "tidligere frilanser": "former", "former staff": "former",
    "former employee": "former", "former": "former", "ex-employee": "former",
    "left": "former", "former agency": "former", "former partner": "former",
    "former freelancer": "former",
}  # fmt: skip

_ASSET_TYPES: Mapping[str, AssetType] = {
    "side": "page", "facebook-side": "page", "linkedin-side": "page",
    "bedriftsside": "page", "utstillingsside": "page", "page": "page",
    "company page": "page", "showcase page": "page", "facebook page": "page",
    "konto": "account", "profil": "account", "kanal": "account",
    "bedriftskonto": "account", "account": "account", "profile": "account",
    "channel": "account", "business account": "account",
    "annonsekonto": "ad_account", "annonsekonti": "ad_account",
    "ad account": "ad_account", "ads account": "ad_account",
    "advertising account": "ad_account", "campaign manager": "ad_account",
    "google ads": "ad_account", "ads manager": "ad_account",
    "virksomhetsportefølje": "business_portfolio",
    "forretningsportefølje": "business_portfolio",
    "business portfolio": "business_portfolio",
    "business manager": "business_portfolio",
    "business center": "business_portfolio", "business centre": "business_portfolio",
    "meta business suite": "business_portfolio",
    "betalingsmåte": "payment_method", "betalingsmetode": "payment_method",
    "betalingskort": "payment_method", "kort": "payment_method",
    "kredittkort": "payment_method", "payment method": "payment_method",
    "credit card": "payment_method", "card": "payment_method",
}  # fmt: skip

_ROLES: Mapping[str, Role] = {
    # Meta: business portfolio, Page and ad account access.
    "full kontroll": "full_control", "full tilgang": "full_control",
    "full control": "full_control", "full access": "full_control",
    "delvis tilgang": "partial_access", "delvis kontroll": "partial_access",
    "partial access": "partial_access", "partial control": "partial_access",
    "ansattilgang": "partial_access", "employee access": "partial_access",
    "standard": "partial_access", "medlem": "partial_access",
    "member": "partial_access",
    "admin": "admin", "administrator": "admin", "adm": "admin",
    "account administrator": "admin", "kontoadministrator": "admin",
    "account manager": "admin", "bc admin": "admin",
    "annonsør": "advertiser", "advertiser": "advertiser", "annonser": "advertiser",
    "ads": "advertiser", "ad manager": "advertiser",
    "campaign manager": "advertiser", "kampanjeansvarlig": "advertiser",
    "administrere kampanjer": "advertiser", "manage campaigns": "advertiser",
    "redaktør": "editor", "editor": "editor", "innhold": "editor",
    "content": "editor", "content creator": "editor", "bidragsyter": "editor",
    "contributor": "editor", "creative manager": "editor",
    "moderator": "moderator", "meldinger": "moderator", "messages": "moderator",
    "community manager": "moderator",
    # LinkedIn Page admins and paid media admins.
    "superadmin": "super_admin", "super admin": "super_admin",
    "superadministrator": "super_admin", "super administrator": "super_admin",
    "designated admin": "super_admin",
    "innholdsadministrator": "content_admin", "innholdsadmin": "content_admin",
    "content admin": "content_admin", "content administrator": "content_admin",
    "kurator": "curator", "curator": "curator",
    "sponsored content poster": "sponsored_content_poster",
    "poster av sponset innhold": "sponsored_content_poster",
    "sponset innhold": "sponsored_content_poster",
    "lead gen forms manager": "lead_gen_forms_manager",
    "lead gen form manager": "lead_gen_forms_manager",
    "landing pages manager": "landing_pages_manager",
    "landing page manager": "landing_pages_manager",
    # TikTok Business Center, YouTube and Google.
    "operator": "operator", "operatør": "operator",
    "finance manager": "finance_manager", "finansansvarlig": "finance_manager",
    "økonomiansvarlig": "finance_manager", "økonomi": "finance_manager",
    "finans": "finance_manager", "finance": "finance_manager",
    "billing": "finance_manager", "billing admin": "finance_manager",
    "fakturering": "finance_manager", "betaling": "finance_manager",
    "finance analyst": "finance_analyst", "finansanalytiker": "finance_analyst",
    "økonomianalytiker": "finance_analyst",
    "eier": "owner", "owner": "owner", "hovedeier": "owner",
    "primary owner": "owner", "primæreier": "owner",
    "manager": "manager", "administrerer": "manager",
    "analytiker": "analyst", "analyst": "analyst", "analyse": "analyst",
    "innsikt": "analyst", "insights": "analyst", "view performance": "analyst",
    "se resultater": "analyst",
    "leser": "viewer", "seer": "viewer", "lesetilgang": "viewer",
    "kun lesetilgang": "viewer", "viewer": "viewer", "read only": "viewer",
    "read-only": "viewer",
}  # fmt: skip

_LINKEDIN: Mapping[Role, Role] = {
    # On a LinkedIn Page "admin" and "full control" can only mean the one role
    # that manages the Page's admins.
    "admin": "super_admin",
    "full_control": "super_admin",
}


def fold(text: str) -> str:
    """A cell as a vocabulary key: casefolded, a bracketed note dropped, ``_`` as a
    space, spaces collapsed (``Editor (limited)`` → ``editor``)."""
    text = re.sub(r"\([^)]*\)", " ", text.casefold()).replace("_", " ")
    return re.sub(r"\s+", " ", text).strip(" .")


def parse_relation(text: str) -> Relation | None:
    """The relation a cell names (``byrå``, ``former staff`` …), or None."""
    return _RELATIONS.get(fold(text))


def parse_asset_type(text: str) -> AssetType | None:
    """The kind of asset a cell names (``annonsekonto``, ``page`` …), or None."""
    return _ASSET_TYPES.get(fold(text))


def parse_role(text: str, platform: Platform) -> Role | None:
    """The role a cell names, in the platform's sense, or None when unknown."""
    found = _ROLES.get(fold(text)) or _ROLES.get(fold(text.replace("-", " ")))
    if found is not None and platform == "linkedin":
        return _LINKEDIN.get(found, found)
    return found


def email_domain(text: str) -> str:
    """The domain of a cell that holds a domain or a whole address: the part after
    the last ``@``, lower case, without a leading ``www.`` (``Ola@Gmail.com`` →
    ``gmail.com``). Only the domain is kept, so no address reaches the report."""
    domain = text.strip().rsplit("@", 1)[-1].strip().casefold().rstrip(".")
    return domain.removeprefix("www.")
