"""What was read from each register, in one place: the summary a validation run
ends with. Each register's own module reads its rows; this only counts them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from fokus.registers.access import access_from
from fokus.registers.ai_tools import ai_tools_from
from fokus.registers.experiments import experiments_from
from fokus.registers.profiles import profiles_from
from fokus.registers.reader import RegisterFile, RegisterProblem
from fokus.registers.templates import REGISTERS, RegisterKey
from fokus.registers.time_use import time_use_from


@dataclass(frozen=True, slots=True)
class RegisterSummary:
    """One register: its file (None when there is none), its data rows, and its
    problems (for the whole file, and in how many rows)."""

    register: RegisterKey
    file: str | None
    rows: int
    problems: int
    rows_with_problems: int


def register_problems(
    today: dt.date,
) -> Mapping[RegisterKey, Callable[[RegisterFile], Sequence[RegisterProblem]]]:
    return {
        "access": lambda f: access_from(f).problems,
        "ai_tools": lambda f: ai_tools_from(f, today).problems,
        "time_use": lambda f: time_use_from(f).problems,
        "profiles": lambda f: profiles_from(f).problems,
        "experiments": lambda f: experiments_from(f).problems,
    }


def summarise(
    files: Mapping[RegisterKey, RegisterFile], today: dt.date
) -> tuple[RegisterSummary, ...]:
    """Every register in ``REGISTERS`` order, read or not."""
    readers = register_problems(today)
    found = []
    for register in REGISTERS:
        file = files.get(register.key)
        if file is None:
            found.append(RegisterSummary(register.key, None, 0, 0, 0))
            continue
        problems = readers[register.key](file)
        rows = {p.row for p in problems if p.row is not None}
        found.append(
            RegisterSummary(
                register.key, file.file, len(file.rows), len(problems), len(rows)
            )
        )
    return tuple(found)
