"""Which posts a variant of an experiment is: read from what the team wrote.

A variant cell is prose for people ("Ansatt snakker til kamera") and, to be
analysed, holds one or more markers that say which posts it is (docs/registers.md):

* ``#ansattfokus`` — posts whose text has the hashtag;
* ``etikett: Natur`` / ``label: Nature`` — posts with that label (Meta's custom
  labels, or a mapped labels column);
* ``format: reel`` (``bilde``, ``karusell``, ``video``, ``lenke``…) — posts of a format;
* ``kl. 07`` / ``7 am`` / ``07:00`` — posts published in that hour (local time);
* ``partallsuker`` / ``oddetallsuker`` (``even weeks`` / ``odd weeks``) — posts in
  even or odd ISO weeks: the switchback design, where the variant alternates by week;
* ``02.03.2026–15.03.2026`` — posts published in that period.

Markers in one cell must all hold (``format: reel, oddetallsuker`` = reels in odd
weeks). A cell without markers is prose only: ``parse_variant`` returns None.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from fokus.model.vocab import Format

WeekParity = Literal["odd", "even"]

FORMAT_WORDS: Mapping[str, Format] = {
    "bilde": "image", "bilder": "image", "foto": "image", "image": "image",
    "images": "image", "photo": "image", "photos": "image",
    "karusell": "carousel", "karuseller": "carousel", "carousel": "carousel",
    "album": "carousel", "video": "video", "videoer": "video", "videos": "video",
    "reel": "reel", "reels": "reel", "story": "story", "stories": "story",
    "lenke": "link", "lenker": "link", "link": "link", "links": "link",
    "tekst": "text", "text": "text", "status": "text", "dokument": "document",
    "document": "document", "live": "live", "avstemning": "poll", "poll": "poll",
}  # fmt: skip

_HASHTAG = re.compile(r"(?<![\w&#])#(\w+)")
_LABEL = re.compile(r"\b(?:etikett(?:er)?|labels?)\s*:\s*([^,;()]+)", re.IGNORECASE)
_FORMAT = re.compile(r"\bformat\s*:\s*([^,;()]+)", re.IGNORECASE)
_KL = re.compile(r"\bkl\.?\s*(\d{1,2})(?:[.:]\d{2})?\b", re.IGNORECASE)
_AM_PM = re.compile(r"\b(\d{1,2})(?::\d{2})?\s*([ap])\.?m\.?(?!\w)", re.IGNORECASE)
_NOON = re.compile(r"\b(?:12\s*)?noon\b", re.IGNORECASE)
_CLOCK = re.compile(r"(?<![\d.])(\d{1,2}):(\d{2})(?![\d.])(?!\s*[ap]\.?m)", re.I)
_EVEN = re.compile(r"\b(?:partallsuker?|like uker|even(?:-numbered)? weeks?)\b", re.I)
_ODD = re.compile(r"\b(?:oddetallsuker?|ulike uker|odd(?:-numbered)? weeks?)\b", re.I)
_DAY = r"(\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2})"
_PERIOD = re.compile(_DAY + r"\s*(?:[–—-]|til|to)\s*" + _DAY, re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class VariantRule:
    """The markers of one variant; a post is in the variant when all hold."""

    hashtags: tuple[str, ...] = ()
    """Casefolded, without ``#``; any one of them will do."""
    labels: tuple[str, ...] = ()
    """Casefolded; any one of them will do."""
    formats: tuple[Format, ...] = ()
    hours: tuple[int, ...] = ()
    """Local hours of publishing (0–23)."""
    weeks: WeekParity | None = None
    period: tuple[dt.date, dt.date] | None = None

    @property
    def needs_hour(self) -> bool:
        return bool(self.hours)

    def matches(
        self,
        *,
        text: str | None,
        labels: str | None,
        format_: str,
        hour: int | None,
        day: dt.date,
    ) -> bool:
        """Whether a post is in the variant (``hour`` None: its time is not known)."""
        if self.hashtags:
            tags = {t.casefold() for t in _HASHTAG.findall(text or "")}
            if not tags.intersection(self.hashtags):
                return False
        if self.labels and not set(split_labels(labels)).intersection(self.labels):
            return False
        if self.formats and format_ not in self.formats:
            return False
        if self.hours and (hour is None or hour not in self.hours):
            return False
        if self.weeks is not None:
            odd = day.isocalendar().week % 2 == 1
            if odd != (self.weeks == "odd"):
                return False
        return self.period is None or self.period[0] <= day <= self.period[1]


def split_labels(labels: str | None) -> tuple[str, ...]:
    """A post's labels cell as casefolded labels (``,``, ``;`` or ``|`` between)."""
    if not labels:
        return ()
    return tuple(
        part.strip().casefold() for part in re.split(r"[,;|]", labels) if part.strip()
    )


def parse_variant(cell: str) -> VariantRule | None:
    """The markers in a variant cell, or None when it has none (or a format
    fokus does not know: then the variant cannot be found either)."""
    hashtags = tuple(dict.fromkeys(t.casefold() for t in _HASHTAG.findall(cell)))
    labels = tuple(m.strip().casefold() for m in _LABEL.findall(cell) if m.strip())
    formats: list[Format] = []
    for value in _FORMAT.findall(cell):
        found = FORMAT_WORDS.get(value.strip().casefold())
        if found is None:
            return None
        formats.append(found)
    hours = _hours(cell)
    weeks: WeekParity | None = (
        "even" if _EVEN.search(cell) else "odd" if _ODD.search(cell) else None
    )
    period = _period(cell)
    if not (hashtags or labels or formats or hours or weeks or period):
        return None
    return VariantRule(hashtags, labels, tuple(formats), hours, weeks, period)


def _hours(cell: str) -> tuple[int, ...]:
    hours = [int(h) for h in _KL.findall(cell)]
    for hour, half in _AM_PM.findall(cell):
        value = int(hour) % 12
        hours.append(value + 12 if half.casefold() == "p" else value)
    if _NOON.search(cell):
        hours.append(12)
    if not _PERIOD.search(cell):
        hours += [int(h) for h, _minute in _CLOCK.findall(cell)]
    return tuple(sorted({h for h in hours if 0 <= h <= 23}))


def _period(cell: str) -> tuple[dt.date, dt.date] | None:
    match = _PERIOD.search(cell)
    if match is None:
        return None
    first, last = (_day(v) for v in match.groups())
    if first is None or last is None or last < first:
        return None
    return first, last


def _day(text: str) -> dt.date | None:
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None
