"""How generic a post's text is: a transparent score from four visible parts.

This scores how *generic* a text reads. It does not, and cannot, tell whether a
text was written by a person or by a language model: detectors of that kind are
unreliable on short texts and biased against non-native writers. Each part is
shown on its own, so a reader can see why a post scored as it did:

* **specificity** (0–25 points when missing): names and places (capitalised words
  inside a sentence, @mentions), numbers and dates (digits, month and weekday
  names). Three or more specific details give 0 points; none give 25.
* **voice** (0–25): a first-person singular voice ("jeg", "I") and a question to
  the reader each take away half of the 25 points.
* **clichés** (0 or 25): phrases from :data:`~fokus.analyses.wordlists.CLICHES`.
  One or two mean nothing; three or more different ones in one text (the
  cluster rule) give 25 points.
* **repetition** (0–25): the highest word-shingle similarity (Jaccard on runs of
  three words) to the same account's previous :data:`HISTORY` posts, times 25.

The score is the sum, 0 (specific, personal, fresh) to 100 (generic). Pure Python
on small per-post data; the same input always gives the same score.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from fokus.analyses.wordlists import CLICHES, FIRST_PERSON, MONTHS, WORD

HISTORY = 20
"""How many of the account's earlier posts a text is compared with."""
SHINGLE = 3
"""Words per shingle in the repetition part."""
SPECIFIC_ENOUGH = 3
"""Specific details that take the specificity part to zero."""
CLUSTER = 3
"""Different clichés that must come together before they count."""
PART_POINTS = 25.0

_TOKEN = re.compile(r"[@#]?[^\W_]+(?:['’.,:-][^\W_]+)*")
_NUMBER = re.compile(r"\d")
_SENTENCE_END = re.compile(r"[.!?…:]+(?=\s|$)|\n")
# Longest phrases first, so "vi er stolte av" wins over a shorter phrase inside it.
_CLICHE = re.compile(
    r"(?<!\w)("
    + "|".join(re.escape(p) for p in sorted(set(CLICHES), key=lambda p: (-len(p), p)))
    + r")(?!\w)"
)


@dataclass(frozen=True, slots=True)
class TextPost:
    """What the score needs to know about a post."""

    key: str
    """Any identifier the caller uses to find the score again."""
    account: str
    order: str
    """Sorts the account's posts in publishing order (an ISO timestamp and id)."""
    text: str | None


@dataclass(frozen=True, slots=True)
class Genericness:
    """A post's score and each of its parts, so the score can be explained."""

    key: str
    specific: int
    """Distinct names, places, numbers and dates found."""
    first_person: bool
    question: bool
    cliches: tuple[str, ...]
    similarity: float
    """Highest Jaccard similarity to one of the account's previous posts."""

    @property
    def specificity_points(self) -> float:
        missing = max(0, SPECIFIC_ENOUGH - self.specific)
        return PART_POINTS * missing / SPECIFIC_ENOUGH

    @property
    def voice_points(self) -> float:
        return PART_POINTS * (2 - self.first_person - self.question) / 2

    @property
    def cliche_points(self) -> float:
        return PART_POINTS if len(self.cliches) >= CLUSTER else 0.0

    @property
    def repetition_points(self) -> float:
        return PART_POINTS * self.similarity

    @property
    def score(self) -> float:
        return (
            self.specificity_points
            + self.voice_points
            + self.cliche_points
            + self.repetition_points
        )


def _details(text: str, brand_words: frozenset[str]) -> Iterator[tuple[str, bool]]:
    """Each specific token (case-folded) and whether it names someone or somewhere:
    an @mention, or a capitalised word inside a sentence (not a month)."""
    for sentence in _SENTENCE_END.split(text):
        tokens = _TOKEN.findall(sentence)
        first_word = next((i for i, t in enumerate(tokens) if WORD.fullmatch(t)), -1)
        for i, token in enumerate(tokens):
            folded = token.casefold()
            if token.startswith("#") or folded in brand_words:
                continue
            dated = _NUMBER.search(token) or folded in MONTHS
            capital = i != first_word and token[0].isupper() and WORD.fullmatch(token)
            named = token.startswith("@") or (capital and folded not in MONTHS)
            if dated or named:
                yield folded, bool(named)


def specific_details(text: str, brand_words: frozenset[str] = frozenset()) -> int:
    """Distinct names, places, numbers and dates; the brand's own words don't count
    (every post names the organisation)."""
    return len({token for token, _named in _details(text, brand_words)})


def names(text: str, brand_words: frozenset[str] = frozenset()) -> frozenset[str]:
    """The names in a text (case-folded): @mentions and capitalised words inside a
    sentence — people mostly, places too; the brand's own words don't count."""
    return frozenset(token for token, named in _details(text, brand_words) if named)


def brand_words(brand_terms: Sequence[str]) -> frozenset[str]:
    """The case-folded words of the brand terms, which no text's details count."""
    return frozenset(w.casefold() for term in brand_terms for w in WORD.findall(term))


def first_person(text: str) -> bool:
    """A first-person singular voice: "jeg", "meg", "my"… or an English "I"."""
    for sentence in _SENTENCE_END.split(text):
        words = WORD.findall(sentence)
        if any(w.casefold() in FIRST_PERSON for w in words):
            return True
        # A capital "I" opening a sentence is usually the Norwegian preposition
        # ("I dag …"): it counts only before an English verb.
        if "I" in words[1:] or (
            words[:1] == ["I"] and len(words) > 1 and words[1].casefold() in _EN_I
        ):
            return True
    return False


_EN_I = frozenset({"am", "have", "was", "will", "think", "love", "can", "work", "met"})


def cliches(text: str) -> tuple[str, ...]:
    """The distinct cliché phrases in the text (matches do not overlap), in the
    order they appear."""
    return tuple(dict.fromkeys(_CLICHE.findall(text.casefold())))


def words(text: str) -> tuple[str, ...]:
    """The text's words, case-folded (letters only: numbers and emoji are not
    words)."""
    return tuple(w.casefold() for w in WORD.findall(text))


def shingles(text: str) -> frozenset[tuple[str, ...]]:
    """Runs of ``SHINGLE`` words (case-folded); a shorter text is one shingle."""
    found = words(text)
    if len(found) <= SHINGLE:
        return frozenset({found}) if found else frozenset()
    return frozenset(found[i : i + SHINGLE] for i in range(len(found) - SHINGLE + 1))


def jaccard(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def score_posts(
    posts: Iterable[TextPost], brand_terms: Sequence[str] = ()
) -> list[Genericness]:
    """A score for every post with text, each compared with its account's
    ``HISTORY`` previous posts (by ``order``); posts without text get none."""
    brand = brand_words(brand_terms)
    history: dict[str, list[frozenset[tuple[str, ...]]]] = {}
    scores = []
    for post in sorted(posts, key=lambda p: (p.account, p.order, p.key)):
        if not post.text or not post.text.strip():
            continue
        own = shingles(post.text)
        earlier = history.setdefault(post.account, [])
        similarity = max((jaccard(own, e) for e in earlier), default=0.0)
        earlier.append(own)
        if len(earlier) > HISTORY:
            earlier.pop(0)
        scores.append(
            Genericness(
                post.key,
                specific_details(post.text, brand),
                first_person(post.text),
                "?" in post.text,
                cliches(post.text),
                similarity,
            )
        )
    return scores
