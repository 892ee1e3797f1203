"""Reading the time-use register: hours saved per task, and where they are to go.

One row per task that AI or another tool has made faster: the hours it saves a
month, and the hours of those planned for each of the checklist's seven uses of
freed time (``AREAS``). An empty area cell means nothing is planned for it (0).
Nothing here raises for a bad row: each problem becomes a row-level
``RegisterProblem`` (``register.time_use.*``) naming the column and an example of a
value that works. A row without readable hours saved is left out (its planned
hours mean nothing without them); an unreadable area cell counts as nothing
planned, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from fokus.i18n import Bilingual
from fokus.registers.reader import (
    Param,
    RegisterFile,
    RegisterProblem,
    RegisterRow,
    cell_problem,
    read_amount,
)

Area = Literal[
    "analysis", "creative", "prioritisation", "relationships", "human_content",
    "dialogue", "reuse",
]  # fmt: skip
AREAS: tuple[Area, ...] = get_args(Area)
"""The seven uses of saved time in the checklist, in its order (and the register's
columns)."""

PLANNED_SLACK = 0.05
"""Planned hours may exceed the hours saved by this much (rounding) unremarked."""


@dataclass(frozen=True, slots=True)
class TimeUseTask:
    """One task as registered; ``row`` is its spreadsheet row (header = 1)."""

    row: int
    task: str
    hours_saved: float
    """Hours a month the task saves."""
    planned: tuple[float, ...]
    """Hours a month planned for each of ``AREAS``, in that order."""

    def hours(self, area: Area) -> float:
        return self.planned[AREAS.index(area)]

    @property
    def planned_total(self) -> float:
        return sum(self.planned)

    @property
    def unallocated(self) -> float:
        """Hours saved that no area claims (never below zero)."""
        return max(0.0, self.hours_saved - self.planned_total)


@dataclass(frozen=True, slots=True)
class TimeUseRegister:
    """The tasks read from one file, and what was wrong with the rest."""

    file: str
    tasks: tuple[TimeUseTask, ...]
    problems: tuple[RegisterProblem, ...] = ()

    @property
    def hours_saved(self) -> float:
        return sum(t.hours_saved for t in self.tasks)

    @property
    def unallocated(self) -> float:
        return sum(t.unallocated for t in self.tasks)

    def planned(self, area: Area) -> float:
        return sum(t.hours(area) for t in self.tasks)


def time_use_from(file: RegisterFile) -> TimeUseRegister:
    """The typed tasks of a register file read by ``read_register``."""
    tasks: list[TimeUseTask] = []
    problems: list[RegisterProblem] = list(file.problems)
    for row in file.rows:
        task = _task(row, problems)
        if task is not None:
            tasks.append(task)
    return TimeUseRegister(file.file, tuple(tasks), tuple(problems))


def _task(row: RegisterRow, problems: list[RegisterProblem]) -> TimeUseTask | None:
    name = row.text("task") or f"#{row.number}"

    def problem(key: str, column: str, /, **params: Param) -> None:
        problems.append(
            cell_problem(
                f"register.time_use.{key}", row.number, "time_use", column,
                task=name, **params,
            )
        )  # fmt: skip

    if not row.text("task"):
        problem("no_task", "task")
    saved_text = row.text("hours_saved_per_month")
    saved = read_amount(row, "hours_saved_per_month", problem)
    if saved is None:
        if not saved_text:
            problem("no_hours_saved", "hours_saved_per_month")
        return None
    planned = tuple(read_amount(row, area, problem) or 0.0 for area in AREAS)
    if sum(planned) > saved + PLANNED_SLACK:
        problems.append(
            RegisterProblem(
                "register.time_use.planned_more_than_saved",
                row.number,
                {"task": name, "planned": _shown(sum(planned)),
                 "saved": _shown(saved)},
            )
        )  # fmt: skip
    return TimeUseTask(row.number, name, saved, planned)


def _shown(hours: float) -> Bilingual:
    """Hours for a message, with each language's decimal mark (a problem's
    parameters are text or whole numbers)."""
    written = f"{round(hours, 2):g}"
    return Bilingual(written.replace(".", ","), written)
