"""Pseudonyms for people in a finished review (``fokus review --pseudonymise``).

The names are the people the registers name: the access register's persons, then
the AI-tool register's owners, in the order they first appear, so the same
registers always give the same pseudonyms ("Person A", "Person B" … "Person Z",
"Person AA" …). One pass over the finished ``Review`` replaces every name wherever a
section put it (findings, actions, table cells, a failed section's error), so no
section has to remember to: the HTML and the JSON are rendered from the result.

A name is replaced as a whole word, whatever its case and spacing, also with a
possessive *s* (*Ingrid Solbergs*, *Ingrid Solberg's*). A first name on its own
(*Ingrid*) is not: it may be a common word, and the register holds full names.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence

from fokus.i18n import Bilingual, Label, MessageKey, parse_language, translate
from fokus.model.results import Param, Review, SectionResult, Table
from fokus.registers.reader import RegisterFile
from fokus.registers.templates import RegisterKey

MIN_NAME_LENGTH = 2
"""A one-letter "name" would match every lone letter in the report."""
_NAME_COLUMNS: tuple[tuple[RegisterKey, str], ...] = (
    ("access", "person"),
    ("ai_tools", "owner"),
)


def people_in_registers(
    registers: Mapping[RegisterKey, RegisterFile],
) -> tuple[str, ...]:
    """Every person the registers name, in order of first appearance (a name
    written in two cases is one person)."""
    names: dict[str, str] = {}
    for register, column in _NAME_COLUMNS:
        file = registers.get(register)
        for row in () if file is None else file.rows:
            name = " ".join(row.text(column).split())
            if len(name) >= MIN_NAME_LENGTH:
                names.setdefault(name.casefold(), name)
    return tuple(names.values())


def letters(index: int) -> str:
    """0 → ``A``, 25 → ``Z``, 26 → ``AA``: spreadsheet column letters."""
    found = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        found = chr(ord("A") + rest) + found
    return found


def pseudonymise(review: Review, names: Sequence[str]) -> Review:
    """The review with every one of ``names`` replaced by its pseudonym."""
    if not names:
        return review
    language = parse_language(review.language) or "en"
    replacer = _Replacer(
        {
            name: translate("report.pseudonym", language, letter=letters(index))
            for index, name in enumerate(names)
        }
    )
    return dataclasses.replace(
        review, sections=tuple(replacer.section(s) for s in review.sections)
    )


def _pattern(name: str) -> str:
    return r"\s+".join(re.escape(part) for part in name.split())


class _Replacer:
    """Replaces whole names in text, and in every kind of value a review holds."""

    def __init__(self, pseudonyms: Mapping[str, str]) -> None:
        # Longest first, so "Ingrid Solberg Berg" wins over "Ingrid Solberg".
        ordered = sorted(pseudonyms.items(), key=lambda item: -len(item[0]))
        self._each = [
            (re.compile(_pattern(name), re.IGNORECASE), alias)
            for name, alias in ordered
        ]
        either = "|".join(_pattern(name) for name, _alias in ordered)
        self._any = re.compile(
            rf"(?<!\w)(?:{either})(?=(?:s|'s|’s)?(?!\w))", re.IGNORECASE
        )

    def text(self, text: str) -> str:
        return self._any.sub(self._alias, text)

    def _alias(self, match: re.Match[str]) -> str:
        found = match.group(0)
        return next(a for p, a in self._each if p.fullmatch(found))

    def param(self, value: Param) -> Param:
        """A parameter or cell: text has its names replaced, other values stay."""
        return self._str(value) if isinstance(value, str) else value

    def _str(self, value: str) -> str:
        """Text of any kind, kept as that kind; a message key is left alone."""
        if isinstance(value, MessageKey):
            return value
        if isinstance(value, Label):
            params = {
                k: self._str(v) if isinstance(v, str) else v
                for k, v in value.params.items()
            }
            return Label(self.text(str(value)), value.key, **params)
        if isinstance(value, Bilingual):
            return Bilingual(self.text(value.nb), self.text(str(value)))
        return self.text(value)

    def params(self, params: Mapping[str, Param]) -> dict[str, Param]:
        return {name: self.param(v) for name, v in params.items()}

    def section(self, result: SectionResult) -> SectionResult:
        return dataclasses.replace(
            result,
            findings=tuple(
                dataclasses.replace(f, params=self.params(f.params))
                for f in result.findings
            ),
            actions=tuple(
                dataclasses.replace(a, params=self.params(a.params))
                for a in result.actions
            ),
            tables=tuple(self._table(t) for t in result.tables),
            charts=tuple(
                dataclasses.replace(c, data=self._table(c.data)) for c in result.charts
            ),
            error=None if result.error is None else self.text(result.error),
        )

    def _table(self, table: Table) -> Table:
        rows = tuple(tuple(self.param(cell) for cell in row) for row in table.rows)
        return dataclasses.replace(table, rows=rows)
