"""What a role lets a person do, and which rows are the same asset.

The audit's reading of the platforms' roles (docs/sections/security.md, *Roles*):

* **Admins** manage who else has access: Meta's *full control* and *admin*, LinkedIn's
  *super admin*, TikTok's and X's *admin*, YouTube's *owner* and *manager*.
* **Who can spend** on an **ad account**: its admins, and the roles that create or
  run ads (*advertiser*, *partial access*, TikTok's *operator*, LinkedIn's
  *Sponsored Content poster*). On a **payment method**: its admins, *partial
  access* and the finance roles that manage payments (*finance manager*, *billing*).
  Where a role's reach is not clear (*partial access* can be given with or without
  ad tasks), the person is counted: a list with one person too many is safer than one
  that misses someone.
* **Through the portfolio**: an admin of a business portfolio (Meta) or Business
  Center (TikTok) can give themselves any role on its ad accounts and payment
  methods, so they are listed beside the spenders of those assets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from fokus.model.vocab import Platform
from fokus.registers.access import AccessRow
from fokus.registers.access_words import AssetType, Relation, Role

ADMIN_ROLES: frozenset[Role] = frozenset(
    {"full_control", "admin", "super_admin", "owner", "manager"}
)
SPEND_ON_AD_ACCOUNT: frozenset[Role] = ADMIN_ROLES | {
    "partial_access", "advertiser", "operator", "sponsored_content_poster",
}  # fmt: skip
SPEND_ON_PAYMENT_METHOD: frozenset[Role] = ADMIN_ROLES | {
    "partial_access", "finance_manager",
}  # fmt: skip
EXTERNAL: frozenset[Relation] = frozenset({"agency", "partner", "freelancer"})
"""People outside the organisation."""
MONEY_ASSETS: frozenset[AssetType] = frozenset({"ad_account", "payment_method"})
SHARED_ASSETS: frozenset[AssetType] = MONEY_ASSETS | {"business_portfolio"}
"""Assets that belong to a platform's business tools, not to one app (a Meta ad
account serves Facebook and Instagram alike)."""


def family(platform: Platform) -> str:
    """The company whose business tools hold the asset: Facebook and Instagram are
    both Meta (one business portfolio, one Security Center)."""
    return "meta" if platform in ("facebook", "instagram", "meta") else platform


def has_ended(row: AccessRow, today: dt.date) -> bool:
    """The person's relation has ended: written as former, or the end date passed
    (access that ends today still holds today)."""
    return row.relation == "former" or (
        row.end_date is not None and row.end_date < today
    )


def is_admin(row: AccessRow) -> bool:
    return row.role in ADMIN_ROLES


def can_spend(row: AccessRow) -> bool:
    """Whether the row lets the person spend the organisation's money."""
    if row.asset_type == "ad_account":
        return row.role in SPEND_ON_AD_ACCOUNT
    if row.asset_type == "payment_method":
        return row.role in SPEND_ON_PAYMENT_METHOD
    return False


def is_powerful(row: AccessRow) -> bool:
    """Admin or spender: a missing safeguard on this row is critical."""
    return is_admin(row) or can_spend(row)


def is_external(row: AccessRow) -> bool:
    return row.relation in EXTERNAL


@dataclass(frozen=True, slots=True)
class Asset:
    """One asset and every row that gives someone access to it."""

    platform: Platform
    """The platform of its first row."""
    name: str
    asset_type: AssetType | None
    rows: tuple[AccessRow, ...]

    def people(self) -> tuple[str, ...]:
        return _people(self.rows)

    def admins(self, today: dt.date | None = None) -> tuple[str, ...]:
        """Its admins; with ``today``, only those whose relation has not ended."""
        return _people(
            r
            for r in self.rows
            if is_admin(r) and (today is None or not has_ended(r, today))
        )

    def full_control(self) -> tuple[str, ...]:
        return _people(r for r in self.rows if r.role == "full_control")

    def spenders(self) -> tuple[str, ...]:
        return _people(r for r in self.rows if can_spend(r))


def assets(rows: Sequence[AccessRow]) -> tuple[Asset, ...]:
    """The register's assets in the order of their first row. Rows are one asset
    when their names match (ignoring case) on the same platform, or on the same
    company's business tools for ad accounts, portfolios and payment methods."""
    groups: dict[tuple[str, str], list[AccessRow]] = {}
    for row in rows:
        shared = row.asset_type in SHARED_ASSETS
        where = family(row.platform) if shared else row.platform
        groups.setdefault((where, row.asset.casefold()), []).append(row)
    found = []
    for group in groups.values():
        first = group[0]
        kind = next((r.asset_type for r in group if r.asset_type), None)
        found.append(Asset(first.platform, first.asset, kind, tuple(group)))
    return tuple(found)


def portfolio_admins(asset: Asset, all_assets: Iterable[Asset]) -> tuple[str, ...]:
    """Admins of a portfolio of the same company who are not already spenders on
    this ad account or payment method: they could give themselves access."""
    if asset.asset_type not in MONEY_ASSETS:
        return ()
    spenders = {p.casefold() for p in asset.spenders()}
    return _people(
        r
        for other in all_assets
        if other.asset_type == "business_portfolio"
        and family(other.platform) == family(asset.platform)
        for r in other.rows
        if is_admin(r) and r.person.casefold() not in spenders
    )


def _people(rows: Iterable[AccessRow]) -> tuple[str, ...]:
    """Distinct people (ignoring case), in the order of their first row."""
    seen: dict[str, str] = {}
    for row in rows:
        seen.setdefault(row.person.casefold(), row.person)
    return tuple(seen.values())
