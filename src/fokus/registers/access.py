"""Reading the access register: who has which role on which asset, typed and checked.

The file is read by :mod:`fokus.registers.reader` (XLSX or CSV, Norwegian Excel or
the template's dialect, bokmål or English headers); the words in it by
:mod:`fokus.registers.access_words`. Nothing here raises for a bad row: each problem
becomes a ``RegisterProblem`` (``register.access.*``) naming the file, row, column
and an example, and every row that can be read is kept:

* a row without a person, asset or role, or on a platform fokus does not know, is
  left out (the audit cannot place it);
* a role, relation or asset type fokus does not know is reported and the row kept:
  an unknown role grants nothing in the audit, an unknown relation or type counts as
  not given;
* an unreadable yes/no counts as unknown, an unreadable date as not given.

An empty two-factor cell is unknown, as ``vet ikke`` is: the audit asks for it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from fokus.model.vocab import Platform
from fokus.registers.access_words import (
    AssetType,
    Relation,
    Role,
    TwoFactor,
    email_domain,
    parse_asset_type,
    parse_relation,
    parse_role,
)
from fokus.registers.reader import (
    CellProblem,
    Param,
    RegisterFile,
    RegisterProblem,
    RegisterRow,
    cell_problem,
    is_unknown,
    parse_platform,
    parse_yes_no,
    read_date,
    read_register,
)


@dataclass(frozen=True, slots=True)
class AccessRow:
    """One person's access to one asset; ``row`` is its spreadsheet row."""

    row: int
    person: str
    email_domain: str
    """Lower case, without the address's name part; empty when not given."""
    relation: Relation | None
    platform: Platform
    asset: str
    asset_type: AssetType | None
    role: Role
    role_raw: str
    """The role as written, in the platform's words."""
    two_factor_account: TwoFactor
    two_factor_profile: TwoFactor
    last_active: dt.date | None
    end_date: dt.date | None


@dataclass(frozen=True, slots=True)
class AccessRegister:
    """The rows read from one file, and what was wrong with the rest."""

    file: str
    rows: tuple[AccessRow, ...]
    problems: tuple[RegisterProblem, ...] = ()


def read_access(folder: Path) -> AccessRegister | None:
    """The access register in ``folder``, or None when there is none."""
    file = read_register(folder, "access")
    return None if file is None else access_from(file)


def access_from(file: RegisterFile) -> AccessRegister:
    """The typed rows of an access register file read by ``read_register``."""
    rows: list[AccessRow] = []
    problems: list[RegisterProblem] = list(file.problems)
    for row in file.rows:
        found = _row(row, problems)
        if found is not None:
            rows.append(found)
    return AccessRegister(file.file, tuple(rows), tuple(problems))


def _row(row: RegisterRow, problems: list[RegisterProblem]) -> AccessRow | None:
    def problem(key: str, column: str, /, **params: Param) -> None:
        problems.append(
            cell_problem(
                f"register.access.{key}",
                row.number,
                "access",
                column,
                **{"value": row.text(column), **params},
            )
        )

    empty = [c for c in ("person", "asset", "role") if not row.text(c)]
    for column in empty:
        problem("empty_cell", column)
    platform = parse_platform(row.text("platform"))
    if platform is None:
        problem("unknown_platform", "platform")
    if empty or platform is None:
        return None
    role = parse_role(row.text("role"), platform)
    if role is None:
        problem("unknown_role", "role")
    relation = parse_relation(row.text("relation"))
    if relation is None and row.text("relation"):
        problem("unknown_relation", "relation")
    asset_type = parse_asset_type(row.text("asset_type"))
    if asset_type is None and row.text("asset_type"):
        problem("unknown_asset_type", "asset_type")
    return AccessRow(
        row=row.number,
        person=row.text("person"),
        email_domain=email_domain(row.text("email_domain")),
        relation=relation,
        platform=platform,
        asset=row.text("asset"),
        asset_type=asset_type,
        role=role or "other",
        role_raw=row.text("role"),
        two_factor_account=_two_factor(row, "two_factor_account", problem),
        two_factor_profile=_two_factor(row, "two_factor_profile", problem),
        last_active=read_date(row, "last_active", problem),
        end_date=read_date(row, "end_date", problem),
    )


def _two_factor(row: RegisterRow, column: str, problem: CellProblem) -> TwoFactor:
    text = row.text(column)
    answer = parse_yes_no(text)
    if answer is None:
        if text and not is_unknown(text):
            problem("bad_yes_no", column)
        return "unknown"
    return "yes" if answer else "no"
