"""The incident playbook: what to do, per platform, on the bad day.

Four situations per platform (hacked, lost access, restricted or disabled, ad money
spent without permission), each a few ordered steps that end in the platform's own
help or recovery page (plain URLs in the catalogs, ``security.po``). The order of the
steps follows the containment order of [52] in docs/sections/security.md: stop the
money, find the back doors, remove and revoke, harden.

The review shows the platforms the workspace uses: its channels in fokus.toml, the
platforms in the access register and the platforms with imported data. When none of
them says anything, it shows all five, so an empty workspace still gets the playbook.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal, get_args

from fokus.model.results import Column, Param, Table

Group = Literal["meta", "linkedin", "tiktok", "google", "x"]
"""One playbook per company: Facebook and Instagram share Meta's, YouTube is Google's."""
GROUPS: tuple[Group, ...] = get_args(Group)
Situation = Literal["hacked", "lost_access", "restricted", "ad_fraud"]
SITUATIONS: tuple[Situation, ...] = get_args(Situation)

GROUP_OF: Mapping[str, Group] = {
    "facebook": "meta", "instagram": "meta", "meta": "meta", "linkedin": "linkedin",
    "tiktok": "tiktok", "youtube": "google", "x": "x",
}  # fmt: skip

_STEPS: Mapping[Group, Mapping[Situation, int]] = {
    "meta": {"hacked": 5, "lost_access": 4, "restricted": 4, "ad_fraud": 4},
    "linkedin": {"hacked": 4, "lost_access": 4, "restricted": 3, "ad_fraud": 4},
    "tiktok": {"hacked": 4, "lost_access": 3, "restricted": 3, "ad_fraud": 4},
    "google": {"hacked": 4, "lost_access": 3, "restricted": 3, "ad_fraud": 4},
    "x": {"hacked": 3, "lost_access": 3, "restricted": 2, "ad_fraud": 3},
}
"""How many steps of its own each situation has (catalog keys
``section.security.playbook.<group>.<situation>.<n>``)."""
PERSONAL_DATA_STEP = "section.security.playbook.personal_data"
"""The last step after any hack: messages may hold personal data (GDPR art. 33)."""


def steps(group: Group, situation: Situation) -> tuple[str, ...]:
    """The message keys of one situation's steps, in order."""
    own = tuple(
        f"section.security.playbook.{group}.{situation}.{n}"
        for n in range(1, _STEPS[group][situation] + 1)
    )
    return (*own, PERSONAL_DATA_STEP) if situation == "hacked" else own


def playbook_groups(platforms: Iterable[str]) -> tuple[Group, ...]:
    """The playbooks for the platforms the workspace uses, or all of them."""
    used = {GROUP_OF[p] for p in platforms if p in GROUP_OF}
    return tuple(g for g in GROUPS if g in used) or GROUPS


def playbook_tables(groups: Iterable[Group]) -> tuple[Table, ...]:
    """One table per platform: situation, step number, what to do."""
    tables = []
    for group in groups:
        rows: list[tuple[Param, ...]] = [
            (f"section.security.situation.{situation}", number, key)
            for situation in SITUATIONS
            for number, key in enumerate(steps(group, situation), start=1)
        ]
        tables.append(
            Table(
                f"security.playbook.{group}",
                f"table.security.playbook.{group}",
                (
                    Column("situation", "column.security.situation", "label"),
                    Column("step", "column.security.step", "integer"),
                    Column("action", "column.security.action", "label"),
                ),
                tuple(rows),
            )
        )
    return tuple(tables)
