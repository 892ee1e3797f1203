"""Readability as LIX (Björnsson's läsbarhetsindex), computed in-house.

LIX = words ÷ sentences + 100 × long words ÷ words, where a long word has more
than six letters. It needs no dictionary and no syllables, so it works the same
for bokmål, nynorsk and English, and it is what Norwegian editors and plain-
language guides use (docs/sections/text.md, "Readability").

* **Words** are runs of letters, with an inner hyphen or apostrophe allowed
  (``Nord-Norge`` is one word of nine letters). Web addresses, e-mail addresses,
  @handles and #hashtags are removed first: they are not read as words.
* **Sentences** end at ``.``, ``!``, ``?``, ``:`` or ``…`` followed by a space or
  the end, and at a line break; a piece of text with no word in it is no sentence.
  A text with words but no ending is one sentence.
* **Bands** are the Norwegian ones (``BANDS``), after Tansa and Klart sagt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from fokus.analyses.wordlists import WORD

LONG_WORD = 6
"""A word with more letters than this is long."""
MIN_WORDS = 10
"""Fewer words give no LIX: a short text's value says nothing."""

LixBand = Literal["very_easy", "easy", "medium", "hard", "very_hard"]
BANDS: tuple[tuple[float, LixBand], ...] = (
    (30, "very_easy"),
    (40, "easy"),
    (50, "medium"),
    (60, "hard"),
    (float("inf"), "very_hard"),
)
"""Upper bounds (exclusive): under 30 very easy (children's books), 30–39 easy
(fiction, popular press), 40–49 medium (a newspaper article), 50–59 hard
(official documents, specialist texts), 60 and over very hard."""
TOO_HARD = 60
"""From here (the "very hard" band) a profile text gets a finding; Norwegian
compounds push LIX up, so the "hard" band is shown but not reported."""

_DOMAIN = re.compile(
    r"[\w-]+(?:\.[\w-]+)*\.(?:no|com|org|net|eu|se|dk|io|info)(?:/\S*)?", re.IGNORECASE
)
_TRIM = ".,;:!?…()«»\"'’"
_CANDIDATE = re.compile(r"(?<!\S)\S*[.@#/]\S*")
_SENTENCE_END = re.compile(r"[.!?:…]+(?=\s|$)|\n")


@dataclass(frozen=True, slots=True)
class Lix:
    """A text's LIX and the counts behind it."""

    words: int
    sentences: int
    long_words: int

    @property
    def value(self) -> float | None:
        """None below ``MIN_WORDS`` words."""
        if self.words < MIN_WORDS or not self.sentences:
            return None
        return self.words / self.sentences + 100 * self.long_words / self.words


def strip_addresses(text: str) -> tuple[str, int]:
    """The text without web and e-mail addresses, @handles and #hashtags (their
    trailing punctuation kept, so a sentence still ends), and how many web
    addresses it had. Only words with ``.``, ``@``, ``#`` or ``/`` are looked at:
    far quicker than one regex over the whole text."""
    links = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal links
        token = match.group(0)
        core = token.strip(_TRIM)
        if not core:
            return token
        web = core.casefold().startswith(("http://", "https://", "www.")) or (
            "." in core and _DOMAIN.fullmatch(core) is not None
        )
        if web or core[0] in "@#" or ("@" in core and "." in core):
            links += web
            return token[len(token.rstrip(_TRIM)) :]
        return token

    return _CANDIDATE.sub(replace, text), links


def readable_words(text: str) -> list[str]:
    """The words LIX counts, in order."""
    return WORD.findall(strip_addresses(text)[0])


def lix(text: str) -> Lix:
    """The counts LIX is made of, for any text."""
    return lix_of_stripped(strip_addresses(text)[0])


def lix_of_stripped(cleaned: str) -> Lix:
    """LIX's counts for a text ``strip_addresses`` has already cleaned."""
    sentences = 0
    words = long_words = 0
    for piece in _SENTENCE_END.split(cleaned):
        found = WORD.findall(piece)
        if not found:
            continue
        sentences += 1
        words += len(found)
        long_words += sum(
            1 for w in found if len(w) > LONG_WORD and len(w) - _marks(w) > LONG_WORD
        )
    return Lix(words, sentences, long_words)


def _marks(word: str) -> int:
    """Hyphens and apostrophes inside a word: they are no letters."""
    return word.count("-") + word.count("'") + word.count("’")


def band(value: float) -> LixBand:
    """The Norwegian band a LIX value falls in."""
    return next(name for upper, name in BANDS if value < upper)
