"""What a profile text tells a reader, and a language model: a transparent rule set.

Five elements, each found by a rule anyone can check (docs/sections/text.md,
"Elements"), in bokmål, nynorsk and English:

* **who**: the organisation's name or one of its brand terms (not a hashtag),
  case and spacing ignored;
* **what**: at least ``WHAT_WORDS`` content words besides the name, places and
  links (words of three letters or more that are not stop words);
* **where**: a place: a place preposition followed by a capitalised word
  (*i Fjordvik*, *på Vestlandet*, *in Bergen*), a postcode and town
  (*6800 Førde*), a street address (*Storgata 5*), or a Norwegian county, region,
  large town or the country by name;
* **contact**: a web address, an e-mail address or a phone number, in the text or
  in a ``link`` field of the same profile;
* **call to action**: a piece of the text (after a full stop, colon, dash, line
  break or emoji) that starts with an imperative (*Send oss en melding*, *Follow
  us*), an arrow emoji, or "lenke i bio" / "link in bio".

Which elements each field should have is ``EXPECTED``; a name or a link field is
checked for other things. The same module finds years in the past (``old_years``),
and the facts two texts could contradict (``facts``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import Literal

from fokus.analyses.wordlists import STOP_WORDS
from fokus.registers.profiles import ProfileField


def _set(words: str) -> frozenset[str]:
    """A set of words written one after another, as word lists are kept."""
    return frozenset(words.split())


Element = Literal["who", "what", "where", "contact", "cta"]
ELEMENTS: tuple[Element, ...] = ("who", "what", "where", "contact", "cta")
WHAT_WORDS = 3

EXPECTED: Mapping[ProfileField, tuple[Element, ...]] = {
    "bio": ELEMENTS,
    "about": ELEMENTS,
    "description": ELEMENTS,
    "tagline": ("what",),
    "link": ("contact",),
    "name": (),
}
"""The elements each kind of field should carry: a tagline is one line about what
the organisation does; a link field should hold a working address."""

_PREPOSITIONS = _set(
    "i på fra frå ved nær utenfor utanfor rundt in at from near across around outside"
)
_NOT_PLACES = _set(
    "Instagram Facebook LinkedIn TikTok YouTube X Twitter Snapchat Threads "
    "Messenger WhatsApp Google English Engelsk Norsk Norwegian"
)
PLACES = _set("""
    Norge Noreg Norway Norden Skandinavia Scandinavia Vestlandet Østlandet
    Sørlandet Nord-Norge Midt-Norge Trøndelag Agder Rogaland Vestland Nordland
    Troms Finnmark Innlandet Akershus Buskerud Østfold Vestfold Telemark Oslo
    Bergen Trondheim Stavanger Tromsø Kristiansand Drammen Fredrikstad Sandnes
    Ålesund Bodø
    """) | {"Møre og Romsdal"}
"""Counties (2024), regions, the largest towns and the country: a place by name."""

_CTA_VERBS = _set("""
    les se følg send ring besøk tagg spør bestill meld søk kontakt skriv finn last
    klikk trykk del bli lær abonner kom ta gi hør lytt sjekk stem registrer book
    kjøp prøv oppdag utforsk opplev sjå høyr gje
    follow visit call send message dm tag ask book sign apply read see find
    download click tap join learn contact email shop subscribe watch listen
    discover explore check get share register buy try
    """)
_ARROWS = frozenset("👇👉⬇➡→⤵⏬")
_LINK_IN_BIO = re.compile(r"\b(?:lenke|lenka|link)\s+i\s+bio\b|\blink in bio\b", re.I)

URL = re.compile(
    r"https?://\S+|www\.\S+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:no|com|org|net|eu|se|dk|io|info)(?:/[^\s,;)]*)?",
    re.IGNORECASE,
)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
PHONE = re.compile(
    r"(?<![\d/])(?:\+\d{2}\s?)?(?:\d{2}\s?\d{2}\s?\d{2}\s?\d{2}|\d{3}\s\d{2}\s\d{3})"
    r"(?![\d/])"
)
_POSTCODE = re.compile(r"\b\d{4}\s+[A-ZÆØÅ][a-zæøå]+")
_STREET = re.compile(
    r"\b[A-ZÆØÅ][\w-]*(?:gate|gata|veien|vei|vegen|veg|plass|plassen|torget|torg|"
    r"allé|street|road|square)\s+\d+",
)
_SEGMENT = re.compile(r"[.!?:…–—|•·\n]+|[^\w\s,;'’()\"«»&%/+@#-]")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_PUNCTUATION = re.compile(r"[^\w\s#-]")
_YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d{2})(?![\d.,]\d)")
_SINCE = _set(
    "siden sidan since etablert established grunnlagt founded stiftet est "
    "opprettet fra frå from"
)


def _folded(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").split())


def names_in(text: str, names: Sequence[str]) -> list[str]:
    """The names (case and spacing ignored) the text mentions."""
    folded = " " + _folded(_PUNCTUATION.sub(" ", text)) + " "
    return [n for n in names if f" {_folded(n)} " in folded]


def has_who(text: str, names: Sequence[str]) -> bool:
    return bool(names_in(text, [n for n in names if not n.startswith("#")]))


def has_what(text: str, names: Sequence[str]) -> bool:
    """Enough content words besides the names, places and links."""
    rest = URL.sub(" ", EMAIL.sub(" ", text))
    for name in sorted(names, key=len, reverse=True):
        rest = re.sub(re.escape(name), " ", rest, flags=re.IGNORECASE)
    words = [
        w
        for w in _WORD.findall(rest)
        if len(w) >= 3 and w.casefold() not in STOP_WORDS and w not in PLACES
    ]
    return len(words) >= WHAT_WORDS


def has_where(text: str) -> bool:
    if _POSTCODE.search(text) or _STREET.search(text):
        return True
    if any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text) for p in PLACES):
        return True
    words = _WORD.findall(text)
    return any(
        first.casefold() in _PREPOSITIONS
        and second[0].isupper()
        and second not in _NOT_PLACES
        for first, second in pairwise(words)
    )


def has_contact(text: str) -> bool:
    return bool(URL.search(text) or EMAIL.search(text) or PHONE.search(text))


def has_cta(text: str) -> bool:
    if any(c in _ARROWS for c in text) or _LINK_IN_BIO.search(text):
        return True
    for piece in _SEGMENT.split(text):
        words = _WORD.findall(piece)
        if words and words[0].casefold() in _CTA_VERBS:
            return True
    return False


def elements(
    text: str, names: Sequence[str], *, linked: bool = False
) -> dict[Element, bool]:
    """Which of the five elements the text has; ``linked`` when the same profile
    has a link field, which gives it contact."""
    return {
        "who": has_who(text, names),
        "what": has_what(text, names),
        "where": has_where(text),
        "contact": linked or has_contact(text),
        "cta": has_cta(text),
    }


def old_years(text: str, today: dt.date) -> list[int]:
    """Years before this one that the text mentions, other than a founding year
    ("siden 1998", "founded in 2001"): a season or an event that has passed."""
    found = []
    for match in _YEAR.finditer(text):
        year = int(match.group(1))
        before = _WORD.findall(text[max(0, match.start() - 25) : match.start()])
        if year >= today.year or any(w.casefold() in _SINCE for w in before[-2:]):
            continue
        if year not in found:
            found.append(year)
    return found


_FACT = re.compile(r"(\d{1,3}(?:[  .,]\d{3})+|\d+)\s+([^\W\d_]{4,})")


def facts(text: str) -> dict[tuple[str, str], str]:
    """Numbers a text states about something (``14 000 innbyggere``), keyed by
    ("count", the word after it, case-folded), and its phone numbers and e-mail
    addresses (("phone", ""), ("email", "")), for comparing texts."""
    found: dict[tuple[str, str], str] = {}
    without_contacts = PHONE.sub(" ", URL.sub(" ", text))
    for number, word in _FACT.findall(without_contacts):
        digits = re.sub(r"\D", "", number)
        found.setdefault(("count", word.casefold()), digits)
    phones = sorted({re.sub(r"\D", "", p)[-8:] for p in PHONE.findall(text)})
    if phones:
        found[("phone", "")] = ", ".join(phones)
    emails = sorted({e.casefold() for e in EMAIL.findall(text)})
    if emails:
        found[("email", "")] = ", ".join(emails)
    return found
