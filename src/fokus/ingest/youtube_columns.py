"""YouTube Studio's column names, values and units (Analytics → Advanced mode → Export).

English names are verified in real exports (export-formats.md §6). The bokmål names
are UNVERIFIED: no Norwegian YouTube Studio export has been seen (§8 lists none), so
they are YouTube Studio's likely Norwegian wording, kept here until a pilot user
sends a real file. Where a header is not known in any language, the importers find
the id and date columns by their values (``fokus.ingest.values``) and say so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from fokus.ingest.base import ImportContext
from fokus.ingest.headers import normalise
from fokus.ingest.numbers import parse_number
from fokus.model.vocab import PostMetric

Parse = Literal["number", "duration", "hours"]
Unit = Literal["percent", "count", "score", "seconds"]


@dataclass(frozen=True, slots=True)
class Metric:
    """One metric column: its canonical name, how to read it, and what it is."""

    name: str
    """Daily metric or audience dimension name; the post metric where there is one."""
    parse: Parse
    """``hours`` is multiplied by 3600, ``duration`` (``H:MM:SS``) read as seconds."""
    additive: bool
    """Rows add up to the Total row (views do; averages and unique viewers do not)."""
    unit: Unit
    post: PostMetric | None
    distinctive: bool = False
    """Wording only YouTube Studio uses: enough to tell its tables from others."""


def _m(  # noqa: PLR0917 (one row of the table below)
    name: str,
    parse: Parse,
    additive: bool,
    unit: Unit,
    post: PostMetric | None,
    distinctive: bool,
    *names: str,
) -> tuple[Metric, tuple[str, ...]]:
    return Metric(name, parse, additive, unit, post, distinctive), names


# (metric, header names: English as exported, then bokmål — unverified, see above)
_METRICS: tuple[tuple[Metric, tuple[str, ...]], ...] = (
    _m("views", "number", True, "count", "views", False, "views", "visninger"),
    _m("seconds_viewed", "hours", True, "seconds", "seconds_viewed", True,
       "watch time (hours)", "visningstid (timer)"),
    _m("avg_seconds_viewed", "duration", False, "seconds", "avg_seconds_viewed", True,
       "average view duration", "gjennomsnittlig visningsvarighet"),
    _m("estimated_earnings_usd", "number", True, "count", "estimated_earnings_usd",
       True, "estimated revenue (usd)", "estimerte inntekter (usd)",
       "anslåtte inntekter (usd)"),
    _m("net_follows", "number", True, "count", "net_follows", False,
       "subscribers", "abonnenter"),
    _m("follows", "number", True, "count", "follows", False,
       "subscribers gained", "nye abonnenter", "abonnenter fått"),
    _m("unfollows", "number", True, "count", "unfollows", False,
       "subscribers lost", "mistede abonnenter", "abonnenter mistet"),
    _m("impressions", "number", True, "count", "impressions", False,
       "impressions", "eksponeringer", "visninger av miniatyrbilder"),
    _m("impressions_ctr_pct", "number", False, "percent", "impressions_ctr_pct", True,
       "impressions click-through rate (%)", "klikkfrekvens for eksponeringer (%)",
       "klikkfrekvens for visninger av miniatyrbilder (%)"),
    _m("stayed_to_watch_pct", "number", False, "percent", "stayed_to_watch_pct", True,
       "stayed to watch (%)", "ble værende for å se (%)", "fortsatte å se (%)"),
    _m("unique_viewers", "number", False, "count", "unique_viewers", False,
       "unique viewers", "unike seere"),
    _m("avg_views_per_viewer", "number", False, "score", None, True,
       "average views per viewer", "gjennomsnittlig antall visninger per seer"),
    _m("new_viewers", "number", False, "count", "new_viewers", False,
       "new viewers", "nye seere"),
    _m("returning_viewers", "number", False, "count", "returning_viewers", False,
       "returning viewers", "tilbakevendende seere", "gjengangere"),
    _m("casual_viewers", "number", False, "count", "casual_viewers", False,
       "casual viewers", "tilfeldige seere", "sporadiske seere"),
    _m("engaged_views", "number", True, "count", "engaged_views", True,
       "engaged views", "engasjerte visninger"),
    _m("avg_percent_viewed", "number", False, "percent", "avg_percent_viewed", True,
       "average percentage viewed (%)", "gjennomsnittlig prosentandel sett (%)",
       "gjennomsnittlig andel sett (%)"),
    _m("likes", "number", True, "count", "likes", False,
       "likes", "liker-markeringer", "likerklikk"),
    _m("comments", "number", True, "count", "comments", False,
       "comments added", "kommentarer lagt til", "nye kommentarer"),
    _m("shares", "number", True, "count", "shares", False, "shares", "delinger"),
    _m("duration_sec", "duration", False, "seconds", "duration_sec", False,
       "duration", "varighet"),
    # Breakdown tables (Viewer age, Viewer gender) give shares of the total.
    _m("views_pct", "number", False, "percent", None, False,
       "views (%)", "visninger (%)"),
    _m("watch_time_pct", "number", False, "percent", None, True,
       "watch time (hours) (%)", "visningstid (timer) (%)"),
)  # fmt: skip
METRICS: Mapping[str, Metric] = {
    normalise(name): metric for metric, names in _METRICS for name in names
}

Attribute = Literal["title", "published", "content_type"]
_ATTRIBUTES: tuple[tuple[Attribute, tuple[str, ...]], ...] = (
    ("title", ("video title", "videotittel", "tittel på video")),
    ("published", ("video publish time", "publiseringstidspunkt for video",
                   "publiseringstid for video", "publiseringsdato for video")),
    ("content_type", ("content type", "innholdstype")),
)  # fmt: skip
ATTRIBUTES: Mapping[str, Attribute] = {
    normalise(name): key for key, names in _ATTRIBUTES for name in names
}

# The dimension a table is broken down by (its first column; Chart data's second).
_DIMENSIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("content", ("content", "innhold")),
    ("date", ("date", "dato")),
    ("subscription_status", ("subscription status", "abonnementsstatus")),
    ("viewer_age", ("viewer age", "seeralder", "alder på seere")),
    ("viewer_gender", ("viewer gender", "seerkjønn", "kjønn på seere")),
    ("traffic_source", ("traffic source", "traffic source type", "trafikkilde",
                        "type trafikkilde")),
    ("geography", ("geography", "geografi")),
    ("device_type", ("device type", "enhetstype")),
    ("operating_system", ("operating system", "operativsystem")),
    ("playback_location", ("playback location", "avspillingssted")),
    ("content_type", ("content type", "innholdstype")),
    ("subtitles", ("subtitles and cc", "teksting")),
    ("sharing_service", ("sharing service", "delingstjeneste")),
)  # fmt: skip
DIMENSIONS: Mapping[str, str] = {
    normalise(name): key for key, names in _DIMENSIONS for name in names
}

TOTAL_WORDS = frozenset({"total", "totalt", "totals", "sum", "i alt"})

# Category values mapped to one name whatever the export's language; others are kept
# as exported (ids, countries, traffic sources …).
_CATEGORY_NAMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("subscribed", ("subscribed", "abonnert", "abonnent", "abonnenter")),
    ("not_subscribed", ("not subscribed", "ikke abonnert", "ikke abonnent",
                        "ikke-abonnenter")),
    ("female", ("female", "kvinne", "kvinner", "kvinnelig")),
    ("male", ("male", "mann", "menn", "mannlig")),
    ("user_specified", ("user-specified", "user specified", "brukerspesifisert",
                        "angitt av brukeren")),
    ("total", tuple(TOTAL_WORDS)),
)  # fmt: skip
_CATEGORIES: Mapping[str, str] = {
    normalise(name): key for key, names in _CATEGORY_NAMES for name in names
}
_AGE = re.compile(r"^(\d{1,3})\s*(?:[–—-]\s*(\d{1,3})|(\+))")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "mai": 5, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "oct": 10, "okt": 10, "nov": 11, "dec": 12, "des": 12,
}  # fmt: skip
_MONTH_FIRST = re.compile(
    r"^([^\W\d_]{3,})\.?\s+(\d{1,2}),?\s+(\d{4})$"
)  # Sep 27, 2024
_DAY_FIRST = re.compile(
    r"^(\d{1,2})\.?\s+([^\W\d_]{3,})\.?,?\s+(\d{4})$"
)  # 27. sep. 2024
_DURATION = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$")


def category(value: str) -> str:
    """``Subscribed`` → ``subscribed``, ``13–17 years`` → ``13-17``; others as written."""
    text = value.strip()
    known = _CATEGORIES.get(normalise(text))
    if known is not None:
        return known
    age = _AGE.match(text)
    if age:
        return f"{age[1]}-{age[2]}" if age[2] else f"{age[1]}+"
    return text


def is_iso_day(value: str) -> bool:
    """``2024-11-26``: how YouTube Studio writes the Date column."""
    return bool(_ISO_DAY.match(value.strip()))


def parse_day(value: str) -> dt.date | None:
    """A calendar day: ``2024-11-26``, ``Sep 27, 2024`` or ``27. sep. 2024``."""
    text = " ".join(value.split())
    if is_iso_day(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    found = _MONTH_FIRST.match(text)
    month_day_year = (found[1], found[2], found[3]) if found else None
    if month_day_year is None and (found := _DAY_FIRST.match(text)):
        month_day_year = (found[2], found[1], found[3])
    if month_day_year is None:
        return None
    month = _MONTHS.get(month_day_year[0][:3].casefold())
    if month is None:
        return None
    try:
        return dt.date(int(month_day_year[2]), month, int(month_day_year[1]))
    except ValueError:
        return None


def parse_value(text: str, parse: Parse, decimal: str = ".") -> float | None:
    """A cell in the metric's canonical unit: seconds for durations and watch time."""
    if parse == "duration":
        found = _DURATION.match(text.strip())
        if found:
            hours, minutes, seconds = (int(part or 0) for part in found.groups())
            return float(hours * 3600 + minutes * 60 + seconds)
        return parse_number(text, decimal)  # 2025 layout: Duration in seconds
    value = parse_number(text, decimal)
    if value is None or parse == "number":
        return value
    return round(value * 3600, 6)  # hours → seconds, without float noise


def decimal_places(text: str) -> int:
    """Decimals written in a number cell (for the Total row's rounding allowance)."""
    cleaned = text.strip()
    return len(cleaned.rsplit(".", 1)[1]) if "." in cleaned else 0


def account_of(context: ImportContext) -> str:
    """The channel: YouTube Studio's files do not name it, so the account's folder
    does (``ImportContext.account_folder``); otherwise ``youtube``."""
    return context.account_folder or "youtube"
