"""Reading the AI-tool register: one typed, validated row per tool.

The file is read by :mod:`fokus.registers.reader` (XLSX or CSV, Norwegian Excel or
the template's dialect, bokmål or English headers). Nothing here raises for a bad
row: each problem becomes a row-level ``RegisterProblem`` (``register.ai_tools.*``)
naming the column and an example of a value that works, and the good rows and good
cells are still read. A cell that cannot be read is left unknown (``None``), never
guessed.

Words the team writes are normalised to small closed sets, in bokmål or English:
the purpose category (``CATEGORY_WORDS``), how often the tool is used
(``FREQUENCY_WORDS``), and yes / no / unknown for personal data and the data
processing agreement.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, TypeVar, get_args

from fokus.registers.reader import (
    CellProblem,
    Param,
    RegisterFile,
    RegisterProblem,
    RegisterRow,
    cell_problem,
    is_unknown,
    parse_yes_no,
    read_amount,
    read_date,
)

AiCategory = Literal[
    "text", "image", "video", "audio", "captions", "translation", "analysis",
    "scheduling", "customer_dialogue", "other",
]  # fmt: skip
AI_CATEGORIES: tuple[AiCategory, ...] = get_args(AiCategory)
Frequency = Literal["daily", "weekly", "monthly", "rarely"]
FREQUENCIES: tuple[Frequency, ...] = get_args(Frequency)
Agreement = Literal["yes", "no", "unknown"]

CATEGORY_WORDS: Mapping[str, AiCategory] = {
    "tekst": "text", "tekster": "text", "text": "text", "skriving": "text",
    "writing": "text",
    "bilde": "image", "bilder": "image", "image": "image", "images": "image",
    "grafikk": "image", "graphics": "image", "foto": "image", "photo": "image",
    "design": "image",
    "video": "video", "videoer": "video", "videos": "video", "film": "video",
    "lyd": "audio", "audio": "audio", "tale": "audio", "speech": "audio",
    "podkast": "audio", "podcast": "audio", "musikk": "audio", "music": "audio",
    "teksting": "captions", "undertekster": "captions", "captions": "captions",
    "caption": "captions", "subtitles": "captions", "subtitling": "captions",
    "transkribering": "captions", "transcription": "captions",
    "oversettelse": "translation", "oversetting": "translation",
    "translation": "translation",
    "analyse": "analysis", "analysis": "analysis", "analytics": "analysis",
    "innsikt": "analysis", "insight": "analysis", "insights": "analysis",
    "planlegging": "scheduling", "publisering": "scheduling",
    "scheduling": "scheduling", "planning": "scheduling", "publishing": "scheduling",
    "kundedialog": "customer_dialogue", "kundeservice": "customer_dialogue",
    "dialog": "customer_dialogue", "customer dialogue": "customer_dialogue",
    "customer service": "customer_dialogue", "dialogue": "customer_dialogue",
    "chat": "customer_dialogue", "chatbot": "customer_dialogue",
    "customer_dialogue": "customer_dialogue",
    "annet": "other", "annen": "other", "other": "other", "diverse": "other",
}  # fmt: skip
"""Bokmål and English words for each purpose category (case-folded)."""

FREQUENCY_WORDS: Mapping[str, Frequency] = {
    "daglig": "daily", "hver dag": "daily", "daily": "daily", "every day": "daily",
    "ukentlig": "weekly", "hver uke": "weekly", "weekly": "weekly",
    "every week": "weekly",
    "månedlig": "monthly", "hver måned": "monthly", "monthly": "monthly",
    "every month": "monthly",
    "sjeldnere": "rarely", "sjelden": "rarely", "sjeldent": "rarely",
    "rarely": "rarely", "seldom": "rarely", "aldri": "rarely", "never": "rarely",
}  # fmt: skip
"""Bokmål and English words for how often a tool is used (case-folded)."""

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class AiTool:
    """One tool as registered; ``row`` is its spreadsheet row (header = 1).

    Numbers are ``None`` where the cell is empty or unreadable (then a problem says
    so): an unknown cost is not a free tool.
    """

    row: int
    tool: str
    category: AiCategory | None
    used_for: str
    owner: str
    users: int | None
    cost_per_month: float | None
    """Norwegian kroner a month."""
    hours_saved_per_month: float | None
    in_use_since: dt.date | None
    frequency: Frequency | None
    personal_data: bool | None
    """None: the register does not say (empty, or *vet ikke*)."""
    agreement: Agreement | None
    """The data processing agreement; None when the cell is empty."""

    @property
    def nok_per_hour(self) -> float | None:
        """Kroner per hour saved; None without both numbers or without hours."""
        cost, hours = self.cost_per_month, self.hours_saved_per_month
        if cost is None or hours is None or hours <= 0:
            return None
        return cost / hours


@dataclass(frozen=True, slots=True)
class AiToolRegister:
    """The tools read from one file, and what was wrong with the rest."""

    file: str
    tools: tuple[AiTool, ...]
    problems: tuple[RegisterProblem, ...] = ()


def ai_tools_from(file: RegisterFile, today: dt.date | None = None) -> AiToolRegister:
    """The typed tools of a register file read by ``read_register``.

    With ``today``, a start date after it is reported (and left unknown).
    """
    tools: list[AiTool] = []
    problems: list[RegisterProblem] = list(file.problems)
    seen: dict[str, int] = {}
    for row in file.rows:
        tool = _tool(row, today, problems)
        if tool is None:
            continue
        name = _SPACES.sub(" ", tool.tool).casefold()
        if name in seen:
            problems.append(
                cell_problem(
                    "register.ai_tools.duplicate", row.number, "ai_tools", "tool",
                    tool=tool.tool, first=seen[name],
                )
            )  # fmt: skip
            continue
        seen[name] = row.number
        tools.append(tool)
    return AiToolRegister(file.file, tuple(tools), tuple(problems))


def _tool(
    row: RegisterRow, today: dt.date | None, problems: list[RegisterProblem]
) -> AiTool | None:
    name = row.text("tool")

    def problem(key: str, column: str, /, **params: Param) -> None:
        problems.append(
            cell_problem(
                f"register.ai_tools.{key}", row.number, "ai_tools", column,
                tool=name, **params,
            )
        )  # fmt: skip

    if not name:
        problems.append(
            cell_problem("register.ai_tools.no_tool", row.number, "ai_tools", "tool")
        )
        return None
    return AiTool(
        row=row.number,
        tool=name,
        category=_word(row, "category", CATEGORY_WORDS, problem),
        used_for=row.text("used_for"),
        owner=row.text("owner"),
        users=_count(row, problem),
        cost_per_month=_amount(row, "cost_per_month", problem),
        hours_saved_per_month=_amount(row, "hours_saved_per_month", problem),
        in_use_since=_since(row, today, problem),
        frequency=_word(row, "frequency", FREQUENCY_WORDS, problem),
        personal_data=_personal_data(row, problem),
        agreement=_agreement(row, problem),
    )


_Word = TypeVar("_Word", bound=str)


def _word(
    row: RegisterRow, column: str, words: Mapping[str, _Word], problem: CellProblem
) -> _Word | None:
    text = row.text(column)
    if not text:
        return None
    found = words.get(_SPACES.sub(" ", text).casefold())
    if found is None:
        problem(f"unknown_{column}", column, value=text)
    return found


def _amount(row: RegisterRow, column: str, problem: CellProblem) -> float | None:
    return read_amount(row, column, problem, required=True)


def _count(row: RegisterRow, problem: CellProblem) -> int | None:
    value = read_amount(row, "users", problem)
    if value is None:
        return None
    if not value.is_integer():
        problem("not_a_count", "users", value=row.text("users"))
        return None
    return int(value)


def _since(
    row: RegisterRow, today: dt.date | None, problem: CellProblem
) -> dt.date | None:
    day = read_date(row, "in_use_since", problem)
    if day is not None and today is not None and day > today:
        problem("future_date", "in_use_since", value=row.text("in_use_since"))
        return None
    return day


def _personal_data(row: RegisterRow, problem: CellProblem) -> bool | None:
    text = row.text("personal_data")
    if not text or is_unknown(text):
        return None
    found = parse_yes_no(text)
    if found is None:
        problem("bad_yes_no", "personal_data", value=text)
    return found


def _agreement(row: RegisterRow, problem: CellProblem) -> Agreement | None:
    text = row.text("data_processing_agreement")
    if not text:
        return None
    if is_unknown(text):
        return "unknown"
    found = parse_yes_no(text)
    if found is None:
        problem("bad_agreement", "data_processing_agreement", value=text)
        return None
    return "yes" if found else "no"
