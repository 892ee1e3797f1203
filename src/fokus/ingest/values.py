"""Recognise columns by what they hold when their header is unknown.

A header in a language fokus has not seen (or a column renamed by hand) still holds
links, dates, ids and numbers that look the same in every language. Importers use
this as a fallback, and say in the import summary which columns were found so;
``fokus map suggest`` uses it to propose a mapping.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from fokus.ingest.numbers import parse_number

ValueKind = Literal["url", "date", "id", "number", "text", "empty"]

_MONTH = r"(?:jan|feb|mar|apr|may|mai|jun|jul|aug|sep|oct|okt|nov|dec|des)[a-z]*\.?"
_DATE_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?.*)?$",
        r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}(?: \d{1,2}:\d{2}(?::\d{2})?)?$",
        rf"^(?:[a-z]{{3}},? )?{_MONTH} \d{{1,2}},? \d{{4}}$",  # Mon Feb 17 2025
        rf"^\d{{1,2}}\.? {_MONTH},? \d{{4}}$",  # 17. feb 2025
        rf"^{_MONTH} \d{{1,2}}$",  # July 16 (TikTok: no year)
    )
)
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_ID = re.compile(r"^\s?[-_A-Za-z0-9:]{6,}$")
_SHARE = 0.8
"""The share of a column's non-empty values that must fit a kind."""


def looks_like_date(value: str) -> bool:
    """A date or date and time in one of the ways exports write them."""
    text = " ".join(value.split())
    return any(pattern.match(text) for pattern in _DATE_PATTERNS)


def value_kind(values: Sequence[str]) -> ValueKind:  # noqa: PLR0911
    """What most non-empty values of a column are."""
    filled = [v.strip() for v in values if v.strip()]
    if not filled:
        return "empty"

    def share(test: object) -> float:
        assert callable(test)
        return sum(1 for v in filled if test(v)) / len(filled)

    if share(_URL.match) >= _SHARE:
        return "url"
    if share(looks_like_date) >= _SHARE:
        return "date"
    # Long digit strings are ids, not counts: post ids are 15-19 digits.
    if share(lambda v: v.isdigit() and len(v) >= 12) >= _SHARE:
        return "id"
    if share(lambda v: parse_number(v) is not None) >= _SHARE:
        return "number"
    if share(lambda v: bool(_ID.match(v)) and not v.isalpha()) >= _SHARE and all(
        " " not in v.strip() for v in filled
    ):
        return "id"
    return "text"


def column_kinds(rows: Sequence[Sequence[str]], width: int) -> tuple[ValueKind, ...]:
    """The kind of each column of ``rows`` (data rows, no header)."""
    return tuple(
        value_kind([row[i] if i < len(row) else "" for row in rows])
        for i in range(width)
    )


def find_column(
    rows: Sequence[Sequence[str]],
    width: int,
    kind: ValueKind,
    *,
    contains: str = "",
    taken: frozenset[int] = frozenset(),
) -> int | None:
    """The first column of ``kind`` not already taken; ``contains`` narrows URLs
    (``linkedin.com/feed/update``) and other text to columns holding that text."""
    kinds = column_kinds(rows, width)
    for index, found in enumerate(kinds):
        if index in taken or found != kind:
            continue
        if contains and not any(
            contains in (row[index] if index < len(row) else "") for row in rows
        ):
            continue
        return index
    return None
