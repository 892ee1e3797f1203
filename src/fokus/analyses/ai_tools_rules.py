"""The rules of the AI-tools section, on the register's typed rows (no data, no I/O).

Every threshold is a named constant, documented with its reasoning in
docs/sections/ai_tools.md:

* **Overlap**: two tools overlap when they have the same purpose category (not
  *other*) and say much the same in *used for*: the overlap coefficient of their
  purpose words is at least ``OVERLAP_SIMILARITY`` (or one of them says nothing
  beyond the category). Overlapping tools form groups (chains count: A like B and
  B like C put all three together).
* **Value**: a tool's net value is ``hours saved × HOUR_VALUE_NOK − cost`` a month;
  its price per hour saved is ``cost ÷ hours``.
* **Verdicts**, in this order: *cancel* (paid, saves no time), *merge* (overlaps a
  tool of better value), *fix first* (personal data without a data processing
  agreement), *reconsider* (costs more per hour saved than an hour is worth, saves
  nothing, or is little used), *too new* to judge, *fill in* (cost or hours
  missing), *keep, but fix* (no owner, or personal data not stated), *keep*.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from fokus.analyses.genericness import words
from fokus.analyses.wordlists import STOP_WORDS
from fokus.registers.ai_tools import CATEGORY_WORDS, AiCategory, AiTool, Frequency

HOUR_VALUE_NOK = 500
"""What an hour of the team's time is taken to be worth, in kroner: about the full
cost of a communications adviser's hour (a salary near 700,000 kr a year, plus
employer's national insurance and pension, over about 1,700 working hours). An
assumption, not a statistic; a tool that costs more per hour saved costs more than
the time it gives back."""
OVERLAP_SIMILARITY = 0.5
"""Shared purpose words ÷ the shorter description's purpose words."""
LOW_HOURS = 2.0
"""Fewer hours saved a month than this (about half an hour a week) is little use."""
LITTLE_USE: frozenset[Frequency] = frozenset({"monthly", "rarely"})
"""Tools used this seldom are little used, whatever they are said to save."""
NEW_TOOL_DAYS = 90
"""A tool in use for fewer days is too new for its value to be judged."""
MIN_STEM = 4
_ENDINGS = ("ene", "er", "en", "et", "e", "s")
"""Plural and definite endings of bokmål and English, cut from purpose words."""

Verdict = Literal[
    "cancel", "merge", "fix_first", "reconsider", "too_new", "fill_in", "keep_fix",
    "keep",
]  # fmt: skip
KEPT: frozenset[Verdict] = frozenset({"keep", "keep_fix", "fix_first"})
"""Verdicts of the tools the section recommends keeping (some after a fix)."""
DataRisk = Literal["no_agreement", "unknown_agreement", "personal_data_unknown"]


def stem(word: str) -> str:
    """A crude stem: endings cut while at least ``MIN_STEM`` letters remain
    (``innleggstekster`` → ``innleggstekst``, ``videos`` → ``video``).

    Only inflections, unlike the topic finder's ``organic_topics.stem``, which also
    cuts *-ing* and *-ation* to gather a topic's words: here *teksting*
    (captioning) is other work than *tekst*, and *klipping* than *klipp*.
    """
    cut = True
    while cut:
        cut = False
        for ending in _ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
                word, cut = word[: -len(ending)], True
                break
    return word


_CATEGORY_STEMS: dict[AiCategory, frozenset[str]] = {}
for _word, _category in CATEGORY_WORDS.items():
    _CATEGORY_STEMS[_category] = _CATEGORY_STEMS.get(_category, frozenset()) | {
        stem(w) for w in words(_word)
    }


def purpose_words(tool: AiTool) -> frozenset[str]:
    """The stems of *used for* that say something: no stop words, and no words
    that only name the tool's own category (both tools share it already)."""
    own = _CATEGORY_STEMS.get(tool.category, frozenset()) if tool.category else set()
    stems = {stem(w) for w in words(tool.used_for) if w not in STOP_WORDS}
    return frozenset(stems - own)


def similarity(a: AiTool, b: AiTool) -> float:
    """The overlap coefficient of the two tools' purpose words, 1.0 when either
    says nothing beyond its category."""
    one, two = purpose_words(a), purpose_words(b)
    if not one or not two:
        return 1.0
    return len(one & two) / min(len(one), len(two))


def overlaps(a: AiTool, b: AiTool) -> bool:
    """Same purpose category (not *other*) and much the same use."""
    if a.category is None or a.category == "other" or a.category != b.category:
        return False
    return similarity(a, b) >= OVERLAP_SIMILARITY


def overlap_groups(tools: Sequence[AiTool]) -> list[tuple[AiTool, ...]]:
    """Groups of two or more tools joined by overlaps, in register order."""
    parent = list(range(len(tools)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(tools):
        for j in range(i + 1, len(tools)):
            if overlaps(a, tools[j]):
                parent[root(j)] = root(i)
    groups: dict[int, list[AiTool]] = {}
    for i, tool in enumerate(tools):
        groups.setdefault(root(i), []).append(tool)
    return [tuple(g) for g in groups.values() if len(g) > 1]


def net_value(tool: AiTool) -> float | None:
    """Hours saved × ``HOUR_VALUE_NOK`` − cost, kroner a month; None if unknown."""
    if tool.cost_per_month is None or tool.hours_saved_per_month is None:
        return None
    return tool.hours_saved_per_month * HOUR_VALUE_NOK - tool.cost_per_month


def best_of(group: Sequence[AiTool]) -> AiTool | None:
    """The tool of a group with the best net value (then more hours, lower cost,
    earlier row); None when no tool in it has a known value."""
    known = [t for t in group if net_value(t) is not None]
    if not known:
        return None
    return max(
        known,
        key=lambda t: (
            net_value(t),
            t.hours_saved_per_month,
            -(t.cost_per_month or 0.0),
            -t.row,
        ),
    )


@dataclass(frozen=True, slots=True)
class Judgement:
    """What the section concludes about one tool, and why."""

    tool: AiTool
    verdict: Verdict
    group: tuple[AiTool, ...] = ()
    """The tools it overlaps with (itself included); empty when none."""
    kept_in_group: AiTool | None = None
    too_new: bool = False
    no_value: bool = False
    costs_more: bool = False
    little_use: bool = False
    data_risk: DataRisk | None = None
    no_owner: bool = False


def data_risk(tool: AiTool) -> DataRisk | None:
    """Personal data without an agreement (or without knowing either)."""
    if tool.agreement == "yes" or tool.personal_data is False:
        return None
    if tool.personal_data is None:
        return "personal_data_unknown"
    return "no_agreement" if tool.agreement == "no" else "unknown_agreement"


def is_little_used(tool: AiTool) -> bool:
    hours = tool.hours_saved_per_month
    return (
        tool.frequency in LITTLE_USE
        or tool.users == 0
        or (hours is not None and 0 < hours < LOW_HOURS)
    )


def judge(tools: Sequence[AiTool], today: dt.date) -> list[Judgement]:
    """A judgement for every tool, in register order."""
    in_group: dict[int, tuple[AiTool, ...]] = {}
    for group in overlap_groups(tools):
        for tool in group:
            in_group[tool.row] = group
    return [_judge(t, in_group.get(t.row, ()), today) for t in tools]


def _judge(tool: AiTool, group: tuple[AiTool, ...], today: dt.date) -> Judgement:
    since = tool.in_use_since
    new = since is not None and (today - since).days < NEW_TOOL_DAYS
    hours, cost = tool.hours_saved_per_month, tool.cost_per_month
    no_value = not new and hours == 0
    per_hour = tool.nok_per_hour
    costs_more = not new and per_hour is not None and per_hour > HOUR_VALUE_NOK
    little = not new and not no_value and is_little_used(tool)
    kept = best_of(group) if group else None
    risk = data_risk(tool)
    verdict: Verdict
    if no_value and cost is not None and cost > 0:
        verdict = "cancel"
    elif kept is not None and kept is not tool:
        verdict = "merge"
    elif risk in ("no_agreement", "unknown_agreement"):
        verdict = "fix_first"
    elif no_value or costs_more or little:
        verdict = "reconsider"
    elif new:
        verdict = "too_new"
    elif cost is None or hours is None:
        verdict = "fill_in"
    elif not tool.owner or risk is not None:
        verdict = "keep_fix"
    else:
        verdict = "keep"
    return Judgement(
        tool=tool,
        verdict=verdict,
        group=group,
        kept_in_group=kept,
        too_new=new,
        no_value=no_value,
        costs_more=costs_more,
        little_use=little,
        data_risk=risk,
        no_owner=not tool.owner,
    )
