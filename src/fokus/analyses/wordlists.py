"""Word lists for the text analyses: stop words, clichés and typical AI phrasing.

Kept as data in one place so they can be read, argued about and extended. Every
entry is lower case; matching is done on case-folded text.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
"""A word: letters only, with an inner apostrophe or hyphen (``kommune-Norge``,
``don't``); digits and underscores end it."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP_WORDS_NB: frozenset[str] = _words(
    """
alle allerede alltid andre annen annet av bare begge ble bli blir blitt bort bra
da dag dagen de deg dei deira deires dem den denne der dere deres derfor det dette
di din disse dit ditt du eller en ene eneste enn er et ett etter for fordi fra før
få får gjennom gjerne god godt ha hadde han hans har hennar henne hennes her hit
hjå ho hoe hos hun hva hvem hver hvilke hvilken hvis hvor hvordan hvorfor i ikke
ingen inn inni inntil jeg ja kan kanskje kom komme kommer kun kunne la lage man
mange med meg mellom men mer mest mot mye må måtte ned nei noe noen nok nå når og
også om opp oss over på rundt sa samme se selv seg sin sine sitt sjøl skal skulle
slik slike som så sånn til tre to uten ut var ved vi vil ville vår våre vårt være
vært å ogsa hele heller helt hvert ingenting litt mindre nesten nye ny nytt
annenhver fram frem igjen imot lenger like neste senere siden snart stadig sted
under unntatt år året årets gang ganger bl blant dvs osv pga ca kl
fått gi gir ga tar tatt går gikk gått ser sett ber bør trenger finner finnes
"""
)
"""Bokmål function words and very common verbs (after stopwords-iso's ``nb`` list,
shortened to what posts use)."""

STOP_WORDS_EN: frozenset[str] = _words(
    """
a about above after again against all also am an and any are aren as at be because
been before being below between both but by can cannot could did didn do does
doesn doing don down during each few for from further get gets got had has have
having he her here hers herself him himself his how i if in into is isn it its
itself just let like make me more most much must my myself new no nor not now of
off on once one only or other our ours ourselves out over own same see she should
so some such than that the their theirs them themselves then there these they
this those through to too under until up us very via was we were what when where
which while who whom why will with would you your yours yourself yourselves
today day week year time way well even still back get going go know take come
"""
)
"""English function words (after stopwords-iso's ``en`` list, shortened)."""

STOP_WORDS: frozenset[str] = STOP_WORDS_NB | STOP_WORDS_EN

CLICHES: tuple[str, ...] = (
    # Bokmål marketing and strategy clichés.
    "bærekraftig",
    "bærekraftige",
    "innovativ",
    "innovative",
    "fremtidsrettet",
    "fremtidsrettede",
    "framtidsrettet",
    "helhetlig",
    "helhetlige",
    "inkluderende",
    "attraktiv",
    "attraktive",
    "verdiskaping",
    "sammen skaper vi",
    "sammen for",
    "for deg, for oss",
    "stolte av å",
    "høy kvalitet",
    "spennende tilbud",
    "spennende reise",
    "bli med på reisen",
    "grønnere og smartere",
    "verdifulle opplevelser",
    "skape verdi",
    "levere tjenester",
    "et godt sted å bo",
    "i verdensklasse",
    "banebrytende",
    "skreddersydd",
    "sømløs",
    "sømløst",
    "løfte blikket",
    "i en verden der",
    "i en stadig mer",
    "i dagens samfunn",
    "neste nivå",
    "spille en nøkkelrolle",
    "en viktig rolle",
    "dykke ned i",
    "engasjerende",
    "unik mulighet",
    "ikke bare",
    "mer enn bare",
    # English marketing clichés and phrasing typical of generated text.
    "delve",
    "underscore",
    "intricate",
    "tapestry",
    "testament to",
    "navigate the",
    "in today's fast-paced",
    "fast-paced world",
    "ever-evolving",
    "game-changer",
    "game changer",
    "unlock",
    "unleash",
    "elevate",
    "seamless",
    "cutting-edge",
    "world-class",
    "sustainable",
    "empower",
    "leverage",
    "synergy",
    "journey",
    "we are proud to",
    "we're proud to",
    "excited to announce",
    "thrilled to",
    "stay tuned",
    "not just",
    "more than just",
    "next level",
    "key role",
    "in a world where",
    "look no further",
)
"""Phrases that make a text sound generic. One of them means nothing; fokus counts
them only when three or more come together (the cluster rule)."""

FIRST_PERSON: frozenset[str] = frozenset(
    {"jeg", "meg", "min", "mitt", "mine", "me", "my", "myself", "i'm", "i've", "i'll"}
)
"""First person singular: a named person speaking, not the organisation's "we".
English "I" is found apart (a capital I inside a sentence): in Norwegian "i" is
the preposition "in"."""

MONTHS: frozenset[str] = _words(
    """
januar februar mars april mai juni juli august september oktober november desember
january february march june july october december jan feb mar apr jun jul aug
sep sept okt oct nov des dec
mandag tirsdag onsdag torsdag fredag lørdag søndag monday tuesday wednesday
thursday friday saturday sunday
"""
)
"""Month and weekday names: a date written in words is a specific detail."""
