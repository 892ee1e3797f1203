"""Do the profiles agree with each other: names, handles, brand terms, facts.

* **Names.** The organisation's name and every brand term that is not a hashtag,
  as ``fokus.toml`` writes them, are looked for in every profile text, in the
  register's *account* column and in the page names the exports carry, with case,
  spaces and hyphens ignored. Every written form that differs from ``fokus.toml``
  ("Fjordvik Kommune" for "Fjordvik kommune") is a variant.
* **Handles.** The @handles in the register's *account* column: more than one
  across the platforms makes the organisation harder to find and to tag.
* **Brand terms.** How many profile texts use each term from ``fokus.toml``.
* **Facts.** A number stated about the same thing in two texts
  (``14 000 innbyggere`` and ``13 500 innbyggere``) that differs is a
  contradiction; so are different phone numbers or e-mail addresses, which may be
  right but should be checked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from fokus.analyses.profile_elements import facts
from fokus.registers.profiles import ProfileText


@dataclass(frozen=True, slots=True)
class NameForm:
    """One way a name is written, and where."""

    reference: str
    """The name as ``fokus.toml`` writes it."""
    form: str
    places: tuple[ProfileText, ...]

    @property
    def matches(self) -> bool:
        return self.form == self.reference


@dataclass(frozen=True, slots=True)
class TermUse:
    """A brand term and the profile texts that use it."""

    term: str
    texts: tuple[ProfileText, ...]


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two or more texts that state different values for one thing."""

    kind: str
    """``count`` (a number of something), ``phone`` or ``email``."""
    about: str
    """For a count, the word it counts (``innbyggere``)."""
    values: tuple[tuple[str, ProfileText], ...]


def _pattern(name: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in re.split(r"[\s-]+", name.strip()) if w]
    return re.compile(r"(?<!\w)" + r"[\s-]+".join(words) + r"(?!\w)", re.IGNORECASE)


def _spaced(text: str) -> str:
    return " ".join(text.split())


def name_forms(names: Sequence[str], texts: Sequence[ProfileText]) -> list[NameForm]:
    """Every written form of each name, the reference form first, in the order
    the names come; the account column counts as a place the name is written."""
    out: list[NameForm] = []
    for name in dict.fromkeys(n for n in names if not n.startswith("#")):
        pattern = _pattern(name)
        seen: dict[str, list[ProfileText]] = {}
        for text in texts:
            written = {_spaced(m.group(0)) for m in pattern.finditer(text.text)}
            if pattern.fullmatch(text.account.strip()):
                written.add(_spaced(text.account))
            for form in sorted(written):
                places = seen.setdefault(form, [])
                if text not in places:
                    places.append(text)
        reference = _spaced(name)
        ordered = sorted(seen, key=lambda f: (f != reference, f))
        out.extend(NameForm(reference, f, tuple(seen[f])) for f in ordered)
    return out


def handles(texts: Sequence[ProfileText]) -> dict[str, tuple[str, ...]]:
    """The @handles of the register's accounts: handle → platforms, in order."""
    found: dict[str, list[str]] = {}
    for text in texts:
        account = text.account.strip()
        if text.source == "register" and account.startswith("@"):
            platforms = found.setdefault(account.casefold(), [])
            if text.platform not in platforms:
                platforms.append(text.platform)
    return {handle: tuple(p) for handle, p in found.items()}


def term_uses(terms: Sequence[str], texts: Sequence[ProfileText]) -> list[TermUse]:
    """Each brand term and the texts that have it (case ignored; a hashtag as a
    whole word, so #fjordvik is not found in #fjordvikkommune)."""
    out = []
    for term in dict.fromkeys(terms):
        if term.startswith("#"):
            pattern = re.compile(re.escape(term) + r"(?![\w])", re.IGNORECASE)
        else:
            pattern = _pattern(term)
        out.append(TermUse(term, tuple(t for t in texts if pattern.search(t.text))))
    return out


def contradictions(texts: Sequence[ProfileText]) -> list[Contradiction]:
    """Facts that differ between texts, in a stable order."""
    stated: dict[tuple[str, str], list[tuple[str, ProfileText]]] = {}
    for text in texts:
        for key, value in facts(text.text).items():
            stated.setdefault(key, []).append((value, text))
    out = []
    for (kind, about), values in sorted(stated.items()):
        if len({v for v, _ in values}) > 1:
            out.append(Contradiction(kind, about, tuple(values)))
    return out
