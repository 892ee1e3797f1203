"""Guess what a file's columns are, for ``fokus map suggest``.

Headers are looked up in every header table fokus has (the Meta names of
``fokus.ingest.headers``, the tables of the other importers, and the plain words
below, in English and bokmål); values are read with ``fokus.ingest.values`` (links,
dates, ids, numbers). Nothing here is final: the suggestion says what each guess
came from, and the user checks it.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Literal, cast

import fokus.ingest
from fokus.ingest import headers
from fokus.ingest.headers import normalise
from fokus.model.mapping import CanonicalField
from fokus.model.vocab import FORMATS, POST_METRICS, Format, PostMetric

Target = tuple[Literal["field", "metric", "account"], str]

# Plain words people and tools use, in English and bokmål, beside the platforms'
# own headers.
_PLAIN_FIELDS: Mapping[str, tuple[str, ...]] = {
    "post_id": ("id", "post id", "post_id", "tweet id", "video id", "media id",
                "message id", "campaign id", "innlegg id", "innleggs id"),
    "published": ("date", "published", "publish date", "published at", "posted",
                  "post date", "created", "created at", "time", "sent", "send time",
                  "dato", "publisert", "publiseringsdato", "tidspunkt", "sendt"),
    "text": ("text", "caption", "message", "subject", "content", "body", "post",
             "tekst", "emne", "innhold", "melding"),
    "permalink": ("link", "url", "post link", "post url", "lenke", "adresse"),
    "format": ("type", "format", "media type", "content type", "post format",
               "innholdstype", "medietype"),
    "labels": ("labels", "tags", "tag", "etiketter", "stikkord", "merkelapper"),
    "paid": ("paid", "promoted", "boosted", "sponsored", "is paid", "ad",
             "betalt", "sponset", "forsterket", "annonse"),
    "account": ("account", "page", "profile", "username", "handle", "konto",
                "side", "profil", "brukernavn"),
}  # fmt: skip
_PLAIN_METRICS: Mapping[PostMetric, tuple[str, ...]] = {
    "likes": ("like", "likes", "liker", "hearts"),
    "comments": ("comment", "comments", "kommentar", "kommentarer"),
    "shares": ("share", "shares", "deling", "delinger", "reposts", "retweets"),
    "saves": ("save", "saves", "lagret", "lagringer"),
    "interactions": ("interactions", "total interactions", "interaksjoner"),
    "engagements": ("engagement", "engagements", "engasjement"),
    "total_clicks": ("clicks", "klikk"),
    "replies": ("reply", "replies", "svar"),
    "follows": ("follows", "new followers", "nye følgere"),
}
# Words a field table of an importer may use for the mapping's own fields.
_FIELD_KEYS: Mapping[str, str] = {
    "post_id": "post_id", "publish_time": "published", "published": "published",
    "title": "text", "description": "text", "text": "text", "caption": "text",
    "permalink": "permalink", "post_type": "format", "format": "format",
    "custom_labels": "labels", "labels": "labels", "paid": "paid",
    "page_name": "account", "account_name": "account", "account_username": "account",
}  # fmt: skip
# Leading words that say nothing about what is counted ("Lifetime Post Total Reach").
_FILLER = ("lifetime", "post", "posts", "total", "totalt", "antall", "number of",
           "sum", "#")  # fmt: skip
FORMAT_WORDS: Mapping[str, Format] = {
    **{f: f for f in FORMATS},
    "photo": "image", "photos": "image", "picture": "image", "bilde": "image",
    "bilder": "image", "images": "image", "videos": "video", "videoer": "video",
    "reels": "reel", "links": "link", "lenke": "link", "lenker": "link",
    "status": "text", "tekst": "text", "album": "carousel", "albums": "carousel",
    "karusell": "carousel", "stories": "story", "dokument": "document",
    "avstemning": "poll", "direktesending": "live",
}  # fmt: skip
PAID_WORDS: Mapping[str, Literal["paid", "organic"]] = {
    "1": "paid", "true": "paid", "yes": "paid", "ja": "paid", "paid": "paid",
    "sponsored": "paid", "promoted": "paid", "boosted": "paid", "betalt": "paid",
    "sponset": "paid", "0": "organic", "false": "organic", "no": "organic",
    "nei": "organic", "organic": "organic", "organisk": "organic",
}  # fmt: skip
DATE_CANDIDATES = (
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M",
    "%Y-%m-%d", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d",
    "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y",
    "%d/%m/%Y %H:%M", "%m/%d/%Y %H:%M", "%d/%m/%Y", "%m/%d/%Y",
    "%Y-%m-%d %H:%M:%S%z", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d %H:%M %z",
    "%b %d, %Y", "%a, %b %d, %Y", "%a %b %d %Y", "%d %b %Y", "%d. %b %Y",
)  # fmt: skip
PART_WORDS: Mapping[str, tuple[str, ...]] = {
    "year": ("year", "år", "aar"),
    "month": ("month", "måned", "maaned", "mnd"),
    "day": ("day", "dag", "day of month"),
    "hour": ("hour", "time", "klokkeslett", "kl"),
    "minute": ("minute", "minutt"),
}
_PART_RANGE: Mapping[str, tuple[int, int]] = {
    "year": (1990, 2100), "month": (1, 12), "day": (1, 31), "hour": (0, 23),
    "minute": (0, 59),
}  # fmt: skip


@cache
def header_targets() -> Mapping[str, Target]:
    """Every header name fokus knows (normalised) and what it names."""
    found: dict[str, Target] = {}
    for table in _tables():
        for key, names in table.items():
            target = _target(key)
            if target is not None:
                for name in (key.replace("_", " "), *names):
                    found.setdefault(normalise(name), target)
    return found


def _target(key: str) -> Target | None:
    if key in POST_METRICS:
        return ("metric", key)
    field = _FIELD_KEYS.get(key, key if key in _PLAIN_FIELDS else None)
    if field == "account":
        return ("account", "account")
    return ("field", field) if field is not None else None


def _tables() -> list[Mapping[str, tuple[str, ...]]]:
    """The plain tables, Meta's, then any importer's header table (an upper-case
    module-level mapping of names to tuples of header names)."""
    tables: list[Mapping[str, tuple[str, ...]]] = [
        headers.POST_FIELDS,
        cast("Mapping[str, tuple[str, ...]]", headers.POST_METRICS),
        _PLAIN_FIELDS,
        cast("Mapping[str, tuple[str, ...]]", _PLAIN_METRICS),
    ]
    for info in pkgutil.iter_modules(fokus.ingest.__path__):
        if info.name.startswith("mapping"):
            continue
        try:
            module = importlib.import_module(f"fokus.ingest.{info.name}")
        except ImportError:  # pragma: no cover (a broken module is not ours to fix)
            continue
        for name, value in vars(module).items():
            if name.isupper() and _is_header_table(value) and value not in tables:
                tables.append(cast("Mapping[str, tuple[str, ...]]", value))
    return tables


def _is_header_table(value: object) -> bool:
    return (
        isinstance(value, Mapping)
        and bool(value)
        and all(
            isinstance(k, str)
            and isinstance(v, tuple)
            and all(isinstance(n, str) for n in v)
            for k, v in value.items()
        )
    )


def header_target(header: str) -> Target | None:
    """What a header names, trying it as written, without filler words, and in
    singular or plural."""
    targets = header_targets()
    name = normalise(header)
    candidates = [name]
    stripped = name
    for _ in range(4):
        for word in _FILLER:
            if stripped.startswith(word + " "):
                stripped = stripped[len(word) + 1 :]
        candidates.append(stripped)
    for candidate in list(candidates):
        candidates += [candidate + "s", candidate.removesuffix("s")]
    for candidate in candidates:
        if candidate in targets:
            return targets[candidate]
    return None


def part_of(header: str) -> str | None:
    """The date part a header names (``Post Month`` → month)."""
    words = re.findall(r"[^\W\d_]+", normalise(header))
    for part, names in PART_WORDS.items():
        if any(word in names for word in words):
            return part
    return None


def fits_part(values: Sequence[str], part: str) -> bool:
    low, high = _PART_RANGE[part]
    filled = [v.strip() for v in values if v.strip()]
    return bool(filled) and all(v.isdigit() and low <= int(v) <= high for v in filled)


def date_formats_fitting(values: Sequence[str]) -> tuple[str, ...]:
    """The candidate formats that read every value (blank ones aside)."""
    filled = [" ".join(v.split()) for v in values if v.strip()][:200]
    if not filled:
        return ()
    return tuple(
        pattern
        for pattern in DATE_CANDIDATES
        if all(_reads(value, pattern) for value in filled)
    )


def guess_date_format(values: Sequence[str]) -> str | None:
    """The format that reads all these values, if any does."""
    fitting = date_formats_fitting(values)
    return fitting[0] if fitting else None


def _reads(value: str, pattern: str) -> bool:
    try:
        dt.datetime.strptime(value, pattern)
    except ValueError:
        return False
    return True


def format_values(values: Sequence[str]) -> tuple[tuple[str, Format | None], ...]:
    """The distinct values of a format column and the format each word means."""
    distinct = sorted({" ".join(v.split()) for v in values if v.strip()})
    return tuple((v, FORMAT_WORDS.get(v.casefold())) for v in distinct)


def looks_like_formats(values: Sequence[str]) -> bool:
    """Few distinct values, most of them format words."""
    pairs = format_values(values)
    known = sum(1 for _, f in pairs if f is not None)
    return 0 < len(pairs) <= 15 and known * 2 >= len(pairs)


def paid_words(values: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(paid, organic) values when every value is a known paid or organic word."""
    distinct = {" ".join(v.split()).casefold() for v in values if v.strip()}
    if not distinct or not distinct <= set(PAID_WORDS):
        return None
    paid = tuple(sorted(v for v in distinct if PAID_WORDS[v] == "paid"))
    organic = tuple(sorted(v for v in distinct if PAID_WORDS[v] == "organic"))
    return paid, organic


def field_name(target: Target) -> CanonicalField | None:
    kind, name = target
    return cast("CanonicalField", name) if kind == "field" else None
