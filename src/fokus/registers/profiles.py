"""Reading the profile-text register: one typed, validated row per profile text.

The file is read by :mod:`fokus.registers.reader` (XLSX or CSV, Norwegian Excel or
the template's dialect, bokmål or English headers). Nothing here raises for a bad
row: each problem becomes a ``RegisterProblem`` with a message key
(``register.profiles.*``), the spreadsheet row, the column's header and the
template's example, and the good rows are still read.

The *field* is normalised to one of ``PROFILE_FIELDS``, from the words a team
writes in either language (``om oss`` is ``about``, ``slagord`` is ``tagline``).
Profile texts the exports carry (page and account names) are made here too, by
``export_names``: no platform export fokus reads holds a bio or an "about" text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal, get_args

from fokus.model.vocab import Platform
from fokus.registers.reader import (
    Param,
    RegisterFile,
    RegisterProblem,
    RegisterRow,
    cell_problem,
    parse_platform,
    read_date,
)

ProfileField = Literal["bio", "about", "tagline", "description", "link", "name"]
PROFILE_FIELDS: tuple[ProfileField, ...] = get_args(ProfileField)
ProfileSource = Literal["register", "export"]

_FIELDS: Mapping[str, ProfileField] = {
    "bio": "bio", "biografi": "bio", "intro": "bio", "introduksjon": "bio",
    "about": "about", "about us": "about", "om": "about", "om oss": "about",
    "om meg": "about", "om siden": "about", "about the page": "about",
    "tagline": "tagline", "slagord": "tagline", "slogan": "tagline",
    "headline": "tagline", "overskrift": "tagline",
    "description": "description", "beskrivelse": "description",
    "kort beskrivelse": "description", "short description": "description",
    "kanalbeskrivelse": "description", "channel description": "description",
    "link": "link", "lenke": "link", "lenker": "link", "nettside": "link",
    "nettsted": "link", "nettadresse": "link", "website": "link", "url": "link",
    "link in bio": "link", "lenke i bio": "link",
    "name": "name", "navn": "name", "sidenavn": "name", "page name": "name",
    "visningsnavn": "name", "display name": "name", "kontonavn": "name",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class ProfileText:
    """One text on one profile; ``row`` is its spreadsheet row (header = 1), or
    None for a text read from an export."""

    platform: Platform
    account: str
    field: ProfileField
    text: str
    last_updated: dt.date | None
    source: ProfileSource = "register"
    row: int | None = None


@dataclass(frozen=True, slots=True)
class ProfileRegister:
    """The profile texts read from one file, and what was wrong with the rest."""

    file: str
    texts: tuple[ProfileText, ...]
    problems: tuple[RegisterProblem, ...] = ()


def parse_field(value: str) -> ProfileField | None:
    """The field a cell names (``Om oss``, ``about``, ``Slagord`` …), or None."""
    folded = re.sub(r"[\s_]+", " ", value.strip().casefold()).strip(" :.")
    return _FIELDS.get(folded)


def profiles_from(file: RegisterFile) -> ProfileRegister:
    """The typed profile texts of a register file read by ``read_register``."""
    texts: list[ProfileText] = []
    problems: list[RegisterProblem] = list(file.problems)
    for row in file.rows:
        found = _profile(row, problems)
        if found is not None:
            texts.append(found)
    problems.extend(_duplicates(texts))
    return ProfileRegister(file.file, tuple(texts), tuple(problems))


def _profile(row: RegisterRow, problems: list[RegisterProblem]) -> ProfileText | None:
    def problem(key: str, column: str, /, **params: Param) -> None:
        problems.append(
            cell_problem(
                f"register.profiles.{key}", row.number, "profiles", column, **params
            )
        )

    platform = parse_platform(row.text("platform"))
    if platform is None:
        problem("unknown_platform", "platform", value=row.text("platform"))
    field = parse_field(row.text("field"))
    if field is None:
        problem("unknown_field", "field", value=row.text("field"))
    text = row.text("text")
    if not text:
        problem("no_text", "text")
    updated = read_date(row, "last_updated", problem)
    if platform is None or field is None or not text:
        return None
    return ProfileText(
        platform=platform,
        account=row.text("account"),
        field=field,
        text=text,
        last_updated=updated,
        row=row.number,
    )


def _duplicates(texts: Iterable[ProfileText]) -> list[RegisterProblem]:
    """The same field of the same account twice: only the first is one the
    profile can show; both are kept, and the team is told."""
    seen: dict[tuple[str, str, str], int] = {}
    problems = []
    for text in texts:
        key = (text.platform, text.account.casefold(), text.field)
        if key in seen and text.row is not None:
            problems.append(
                cell_problem(
                    "register.profiles.duplicate",
                    text.row,
                    "profiles",
                    "field",
                    value=text.field,
                    first=seen[key],
                )
            )
        else:
            seen.setdefault(key, text.row or 0)
    return problems


def export_names(
    accounts: Iterable[tuple[Platform, str | None, str | None]],
) -> tuple[ProfileText, ...]:
    """Profile names the exports carry: (platform, name, username) per account.

    Page and account names are the only profile texts in the platforms' exports
    (docs/sections/text.md); usernames become the ``account`` they belong to.
    """
    found = []
    for platform, name, username in accounts:
        if name and name.strip():
            account = f"@{username}" if username else name.strip()
            found.append(
                ProfileText(platform, account, "name", name.strip(), None, "export")
            )
    return tuple(found)
