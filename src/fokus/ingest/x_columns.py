"""X (Twitter) column names, dates, handles and post ids, for every X export.

English names are verified in real exports (export-formats.md §7):
analytics.twitter.com's tweet and daily activity files (≤ 2023) and X's 2024+
content and overview files, whose names changed between versions (``Link`` →
``Post Link``, ``Share`` → ``Shares``, ``Url clicks`` → ``URL Clicks``). Headers are
matched case-insensitively, so capitalisation changes need no entry of their own.
No Norwegian X export has been seen: the bokmål names below are X's likely wording,
UNVERIFIED, kept until a pilot user sends a real file (§8 has no X wording).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from fokus.ingest.headers import normalise, unique_names
from fokus.ingest.values import column_kinds

# field -> header names; en verified, nb unverified guesses (see the module note).
FIELDS: Mapping[str, tuple[str, ...]] = {
    "post_id": ("tweet id", "post id", "tweet-id", "innleggs-id", "id for innlegg"),
    "permalink": ("tweet permalink", "link", "post link", "permalenke",
                  "lenke", "lenke til innlegg"),
    "text": ("tweet text", "post text", "tweettekst", "innleggstekst", "tekst"),
    "time": ("time", "tid", "tidspunkt"),
    "date": ("date", "dato"),
}  # fmt: skip

# Metric columns: the same name in per-post and daily files. Stored per post under
# the canonical metric; daily under the same name (paid ones with ``_paid``).
METRICS: Mapping[str, tuple[str, ...]] = {
    "impressions": ("impressions", "visninger", "eksponeringer"),
    "engagements": ("engagements", "engasjementer", "engasjement"),
    "reposts": ("retweets", "reposts", "retweeter", "reposter"),
    "comments": ("replies", "svar"),
    "likes": ("likes", "liker", "likerklikk"),
    "profile_visits": ("user profile clicks", "profile visits",
                       "klikk på brukerprofil", "profilbesøk"),
    "link_clicks": ("url clicks", "klikk på nettadresse", "url-klikk"),
    "hashtag_clicks": ("hashtag clicks", "klikk på emneknagg", "emneknaggklikk"),
    "detail_expands": ("detail expands", "utvidelser av detaljer",
                       "detaljutvidelser"),
    "permalink_clicks": ("permalink clicks", "klikk på permalenke",
                         "permalenkeklikk"),
    "app_opens": ("app opens", "appåpninger"),
    "app_installs": ("app installs", "appinstallasjoner"),
    "follows": ("follows", "new follows", "følger", "nye følgere"),
    "email_shares": ("email tweet", "send tweet på e-post"),
    "dial_phone": ("dial phone", "ring telefon"),
    "media_views": ("media views", "medievisninger"),
    "media_engagements": ("media engagements", "medieengasjementer"),
    "saves": ("bookmarks", "bokmerker"),
    "shares": ("share", "shares", "delinger"),
}  # fmt: skip

# Only in the daily files.
DAILY_METRICS: Mapping[str, tuple[str, ...]] = {
    "posts_published": ("tweets published", "create post", "tweeter publisert",
                        "opprett innlegg", "publiserte innlegg"),
    "unfollows": ("unfollows", "sluttet å følge", "avfølginger"),
    "video_views": ("video views", "videovisninger"),
}  # fmt: skip

RATE_WORDS = ("engagement rate", "engasjementsrate")
"""Derived (engagements / impressions): kept as an extra column, never a metric."""
PROMOTED_PREFIXES = ("promoted ", "promoterte ", "promotert ")
_STATUS = re.compile(
    r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(?P<handle>[A-Za-z0-9_]{1,50})"
    r"/status(?:es)?/(?P<id>\d+|undefined)\b",
    re.IGNORECASE,
)
_NAMED_HANDLE = re.compile(
    r"^(?:daily_)?tweet_activity_metrics_(?P<handle>[A-Za-z0-9_]{1,50})_\d{8}_\d{8}_",
)
_SNOWFLAKE_EPOCH_MS = 1288834974657
_FIRST_SNOWFLAKE_MS = 60_000
"""Ids made before snowflakes (Nov 2010) were counted up to about 3e10, which would
read as seconds after the epoch; a snowflake made a minute later is far above."""

_MONTHS = {
    **{m: i for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
         "dec"), start=1)},
    "mai": 5, "okt": 10, "des": 12,
}  # fmt: skip
_WORDY_DATE = re.compile(
    r"^(?:[^\W\d]+\.?,? )?"  # a weekday: "Mon ", "Sun, ", "tir. "
    r"(?:(?P<m1>[^\W\d]+)\.? (?P<d1>\d{1,2}),? (?P<y1>\d{4})"  # Feb 17 2025
    r"|(?P<d2>\d{1,2})\.? (?P<m2>[^\W\d]+)\.?,? (?P<y2>\d{4}))$",  # 17. feb. 2025
)
# ASCII digits only: "\d" also matches "１２", which no date parser reads.
_UTC_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}(?::\d{2})? [+-]\d{4}$", re.ASCII
)


def _lookup(table: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    return {normalise(name): key for key, names in table.items() for name in names}


_FIELDS = _lookup(FIELDS)
_METRICS = _lookup(METRICS)
_DAILY = _lookup(DAILY_METRICS)
_RATES = frozenset(normalise(w) for w in RATE_WORDS)


@dataclass(frozen=True, slots=True)
class XColumns:
    """What each column of an X export is; column positions are 0-based."""

    names: tuple[str, ...]
    fields: Mapping[str, int]
    metrics: Mapping[str, int]
    """Metric name (``impressions``, ``impressions_paid`` …) → column."""
    extras: tuple[tuple[str, int], ...]
    """Every other column, kept as text: rates, other promoted columns, unknown."""
    unknown: tuple[str, ...]
    by_values: tuple[str, ...]
    """Header names of the columns found by their values, not their names."""


def _metric_of(key: str, daily: bool) -> str | None:
    for prefix in PROMOTED_PREFIXES:
        if key.startswith(prefix):
            base = _metric_of(key.removeprefix(prefix), daily)
            return None if base is None else f"{base}_paid"
    return _METRICS.get(key) or (_DAILY.get(key) if daily else None)


def x_columns(
    header: Sequence[str], rows: Sequence[Sequence[str]], *, daily: bool = False
) -> XColumns:
    """Map a header by name; find a missing id, link or date column by its values."""
    names = unique_names(header)
    fields: dict[str, int] = {}
    metrics: dict[str, int] = {}
    rest: list[int] = []
    unknown: list[str] = []
    for index, raw in enumerate(header):
        key = normalise(raw)
        field, metric = _FIELDS.get(key), _metric_of(key, daily)
        if field and field not in fields:
            fields[field] = index
        elif metric and metric not in metrics and key not in _RATES:
            metrics[metric] = index
        else:
            rest.append(index)
            known = (
                key in _RATES
                or (field or metric) is not None
                or any(
                    key.startswith(p) and key.removeprefix(p) in _RATES
                    for p in PROMOTED_PREFIXES
                )
            )
            if not known and key:
                unknown.append(names[index])
    wanted = ("published",) if daily else ("permalink", "post_id", "published")
    found = _by_values(rows, len(header), wanted, fields, frozenset(metrics.values()))
    fields.update(found)
    extras = tuple((names[i], i) for i in rest if i not in found.values())
    return XColumns(
        names, fields, metrics, extras,
        tuple(n for n in unknown if names.index(n) not in found.values()),
        tuple(names[i] for i in sorted(found.values())),
    )  # fmt: skip


def _by_values(
    rows: Sequence[Sequence[str]],
    width: int,
    wanted: tuple[str, ...],
    fields: Mapping[str, int],
    metrics: frozenset[int],
) -> dict[str, int]:
    """The id, link and date columns an unknown header hides, by what they hold."""
    needs = {k for k in wanted if k not in fields}
    if "time" in fields or "date" in fields:
        needs.discard("published")
    if not needs or not rows:
        return {}
    taken = set(fields.values()) | metrics
    found: dict[str, int] = {}
    for index, kind in enumerate(column_kinds(rows, width)):
        values = [r[index] for r in rows if len(r) > index and r[index].strip()]
        if index in taken or not values:
            continue
        if kind == "url" and "permalink" in needs and all(map(status_link, values)):
            found["permalink"] = index
            needs.discard("permalink")
        elif kind == "id" and "post_id" in needs and all(v.isdigit() for v in values):
            found["post_id"] = index
            needs.discard("post_id")
        elif kind == "date" and "published" in needs:
            found["time" if has_utc_times(rows, index) else "date"] = index
            needs.discard("published")
    return found


def status_link(value: str) -> tuple[str, str] | None:
    """(handle, id) of an X post link; the id may be ``undefined``."""
    found = _STATUS.match(value.strip())
    return (found["handle"], found["id"]) if found else None


def has_utc_times(rows: Sequence[Sequence[str]], column: int) -> bool:
    """Most filled cells read like ``2021-12-31 15:59 +0000``."""
    values = [r[column].strip() for r in rows if len(r) > column and r[column].strip()]
    return bool(values) and sum(map(bool, map(_UTC_TIME.match, values))) >= 0.8 * len(
        values
    )


def handle_of(
    rows: Sequence[Sequence[str]], permalink: int | None, path: Path
) -> str | None:
    """The account's handle: the most common one in the post links, else the name."""
    if permalink is not None:
        handles = Counter(
            found[0]
            for r in rows
            if len(r) > permalink and (found := status_link(r[permalink]))
        )
        if handles:
            return handles.most_common(1)[0][0]
    return handle_from_name(path)


def handle_from_name(path: Path) -> str | None:
    """The handle in ``tweet_activity_metrics_<handle>_<from>_<to>_<lang>.csv``."""
    named = _NAMED_HANDLE.match(path.name)
    return named["handle"] if named else None


def account_id(handle: str | None, account_folder: str | None) -> str:
    """The handle in lower case (X ignores case in handles), else the account's
    folder (``ImportContext.account_folder``), else ``x``."""
    if handle:
        return handle.casefold()
    return account_folder or "x"


def parse_day(text: str) -> dt.date | None:
    """``2021-12-01``, ``Mon Feb 17 2025``, ``Sun, Nov 9, 2025`` (or bokmål months)."""
    value = " ".join(text.split())
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    found = _WORDY_DATE.match(value)
    if not found:
        return None
    month_word = (found["m1"] or found["m2"]).casefold()[:3]
    month = _MONTHS.get(month_word)
    if month is None:
        return None
    try:
        return dt.date(
            int(found["y1"] or found["y2"]), month, int(found["d1"] or found["d2"])
        )
    except ValueError:
        return None


def snowflake_time(post_id: str) -> dt.datetime | None:
    """The moment an X post was made, from its id (a "snowflake"): the id's top bits
    are milliseconds since 2010-11-04. ``None`` for ids older than that scheme."""
    if not post_id.isdigit() or len(post_id) > 20:
        return None
    millis = int(post_id) >> 22
    if millis < _FIRST_SNOWFLAKE_MS:
        return None
    return dt.datetime.fromtimestamp((millis + _SNOWFLAKE_EPOCH_MS) / 1000, dt.UTC)
