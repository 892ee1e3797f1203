"""TikTok's column names, and which TikTok export a header row belongs to.

English names are verified in real exports (export-formats.md §5). The bokmål names
are unverified guesses at TikTok Studio's Norwegian wording: no Norwegian TikTok
export has been seen yet, so the value-based fallback (``fokus.ingest.values``) backs
them up for the date and video link columns.

``classify`` gives every header row at most one TikTok kind, so two TikTok adapters
never claim the same file, and it refuses headers with other platforms' tell-tale
columns (YouTube's ``Content``, X's ``Impressions``, Meta's ``Primary``, LinkedIn's
``Organic followers``) so TikTok never claims their files either.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from fokus.ingest.headers import normalise
from fokus.ingest.tiktok_dates import parse_loose
from fokus.ingest.values import column_kinds, find_column

# -- header names (normalised: lower case, single spaces) ---------------------------
# Each tuple: English as exported [V], then bokmål [unverified guesses].
DATE = ("date", "dato")
HOUR = ("hour", "klokkeslett", "time", "tidspunkt")
ACTIVE_FOLLOWERS = ("active followers", "aktive følgere")
DISTRIBUTION = ("distribution", "fordeling", "andel")
AUDIENCE_BLOCKS: Mapping[str, tuple[str, ...]] = {
    "gender": ("gender", "kjønn"),
    "top_territories": (
        "top territories", "toppområder", "viktigste områder", "topp territorier",
        "topp land", "toppland",
    ),
}  # fmt: skip

# Daily account metrics: fokus's metric name -> header names.
OVERVIEW: Mapping[str, tuple[str, ...]] = {
    "views": ("video views", "videovisninger", "visninger av videoer"),
    "profile_visits": ("profile views", "profilvisninger", "visninger av profilen"),
    "likes": ("likes", "liker", "likerklikk", "liker-klikk"),
    "comments": ("comments", "kommentarer"),
    "shares": ("shares", "delinger"),
    "reach": ("reached audience", "nådd publikum", "publikum nådd"),
    "phone_clicks": ("phone number clicks", "klikk på telefonnummer"),
    "leads": ("leads submission", "innsendte kundeemner", "innsendte leads"),
    "net_follows": ("net growth", "netto vekst", "nettovekst"),
    "follows": ("new followers", "nye følgere"),
    "unfollows": ("lost followers", "tapte følgere", "mistede følgere"),
}
VIEWERS: Mapping[str, tuple[str, ...]] = {
    "viewers": ("total viewers", "seere totalt", "totalt antall seere"),
    "new_viewers": ("new viewers", "nye seere"),
    "returning_viewers": (
        "returning viewers", "tilbakevendende seere", "returnerende seere",
    ),
}  # fmt: skip
FOLLOWERS: Mapping[str, tuple[str, ...]] = {
    "followers": ("followers", "total followers", "følgere", "følgere totalt",
                  "totalt antall følgere"),
    "net_follows": ("difference in followers from previous day",
                    "endring i følgere fra forrige dag",
                    "forskjell i følgere fra dagen før"),
    "follows": ("new followers", "nye følgere"),
    "reach": ("reached audience", "nådd publikum", "publikum nådd"),
    "engaged_audience": ("engaged audience", "engasjert publikum"),
}  # fmt: skip

# Content exports: post fields and per-post metrics.
CONTENT_FIELDS: Mapping[str, tuple[str, ...]] = {
    "link": ("video link", "videolenke", "lenke til video", "lenke"),
    "post_time": ("post time", "publiseringstidspunkt", "publisert", "innleggstid"),
    "export_time": ("time", "tid"),
    "title": ("video title", "videotittel", "tittel"),
    "format": ("post type", "content type", "innleggstype", "innholdstype"),
}
CONTENT_METRICS: Mapping[str, tuple[str, ...]] = {
    "views": ("total views", "video views", "videovisninger", "visninger",
              "totalt antall visninger"),
    "likes": ("total likes", "likes", "liker", "likerklikk", "totalt antall liker"),
    "comments": ("total comments", "comments", "kommentarer",
                 "totalt antall kommentarer"),
    "shares": ("total shares", "shares", "delinger", "totalt antall delinger"),
    "saves": ("add to favorites", "add to favourites", "favorites",
              "lagt til i favoritter", "favoritter"),
}  # fmt: skip

# Columns no TikTok export has, and other platforms' exports do.
FOREIGN = frozenset({
    "primary", "impressions", "engagements", "post id", "tweet id", "content",
    "video publish time", "watch time (hours)", "organic followers",
    "sponsored followers", "page id", "account id", "post link", "link",
    "views (%)", "new follows", "profile visits",
})  # fmt: skip


def lookup(
    table: Mapping[str, tuple[str, ...]], headers: Sequence[str]
) -> dict[str, int]:
    """field -> first column whose header is one of the field's names."""
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = normalise(header)
        for name, synonyms in table.items():
            if key in synonyms and name not in found:
                found[name] = index
                break
    return found


def index_of(names: tuple[str, ...], headers: Sequence[str]) -> int | None:
    """The first column with one of ``names``."""
    return lookup({"x": names}, headers).get("x")


@dataclass(frozen=True, slots=True)
class Found:
    """Where a column is, and whether only its values told us."""

    index: int | None
    by_values: bool


def date_column(
    headers: Sequence[str], rows: Sequence[Sequence[str]], taken: frozenset[int]
) -> Found:
    """The ``Date`` column, or else the first column whose values are TikTok dates."""
    named = index_of(DATE, headers)
    if named is not None:
        return Found(named, by_values=False)
    found = next(iter(date_columns(rows, len(headers), taken)), None)
    return Found(found, by_values=found is not None)


def date_columns(
    rows: Sequence[Sequence[str]], width: int, taken: frozenset[int]
) -> list[int]:
    """Columns of dates by their values: what ``fokus.ingest.values`` calls a date,
    and what TikTok writes as one (``28. februar`` is not a date to the former)."""
    kinds = column_kinds(rows, width)
    return [
        i
        for i in range(width)
        if i not in taken and (kinds[i] == "date" or tiktok_dates(rows, i))
    ]


def tiktok_dates(rows: Sequence[Sequence[str]], column: int) -> bool:
    """Most values of ``column`` are dates as TikTok writes them."""
    values = [r[column].strip() for r in rows if len(r) > column and r[column].strip()]
    if not values:
        return False
    return sum(1 for v in values if parse_loose(v)) >= 0.8 * len(values)


def content_link(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Found:
    """The video link column, by header or by its tiktok.com links."""
    named = lookup(CONTENT_FIELDS, headers).get("link")
    if named is not None:
        return Found(named, by_values=False)
    found = find_column(rows, len(headers), "url", contains="tiktok.com/")
    return Found(found, by_values=found is not None)


def foreign(headers: Sequence[str]) -> bool:
    """The header has a column only other platforms' exports have."""
    return bool({normalise(h) for h in headers} & FOREIGN)


def features(
    kind: str, headers: Sequence[str], rows: Sequence[Sequence[str]]
) -> dict[str, bool]:
    """What a file of ``kind`` needs (message keys) and whether this one has it."""
    if kind == "tiktok_audience":
        return {
            "feature.tiktok.distribution": index_of(DISTRIBUTION, headers) is not None,
            "feature.tiktok.audience_block": bool(lookup(AUDIENCE_BLOCKS, headers)),
        }
    if kind == "tiktok_content":
        link = content_link(headers, rows)
        taken = frozenset({link.index}) if link.index is not None else frozenset()
        by_values = link.index is not None and bool(
            date_columns(rows, len(headers), taken)
        )
        return {
            "feature.tiktok.video_link": link.index is not None,
            "feature.tiktok.post_time": "post_time" in lookup(CONTENT_FIELDS, headers)
            or by_values,
        }
    date = date_column(headers, rows, frozenset())
    found = {
        "feature.tiktok.dates": date.index is not None
        and tiktok_dates(rows, date.index)
    }
    if kind == "tiktok_follower_activity":
        found["feature.tiktok.hourly_followers"] = (
            index_of(HOUR, headers) is not None
            and index_of(ACTIVE_FOLLOWERS, headers) is not None
        )
    elif kind == "tiktok_overview":
        found["feature.tiktok.overview_metrics"] = {"views", "profile_visits"} <= set(
            lookup(OVERVIEW, headers)
        )
    elif kind == "tiktok_viewers":
        found["feature.tiktok.viewer_metrics"] = "viewers" in lookup(VIEWERS, headers)
    elif kind == "tiktok_followers":
        found["feature.tiktok.follower_metrics"] = "followers" in lookup(
            FOLLOWERS, headers
        )
    return found


def classify(  # noqa: PLR0911 (one return per kind)
    headers: Sequence[str], rows: Sequence[Sequence[str]]
) -> str | None:
    """The one TikTok export kind this header row (and its data) is, if any."""
    if not any(h.strip() for h in headers) or foreign(headers):
        return None
    if index_of(DISTRIBUTION, headers) is not None and lookup(AUDIENCE_BLOCKS, headers):
        return "tiktok_audience"
    link = content_link(headers, rows)
    if link.index is not None and any(
        "tiktok.com/" in r[link.index] for r in rows if len(r) > link.index
    ):
        return "tiktok_content"
    date = date_column(headers, rows, frozenset())
    if date.index is None or not tiktok_dates(rows, date.index):
        return None
    if (
        index_of(HOUR, headers) is not None
        and index_of(ACTIVE_FOLLOWERS, headers) is not None
    ):
        return "tiktok_follower_activity"
    overview = lookup(OVERVIEW, headers)
    if {"views", "profile_visits"} <= set(overview):
        return "tiktok_overview"
    viewers = lookup(VIEWERS, headers)
    if "viewers" in viewers and {"new_viewers", "returning_viewers"} & set(viewers):
        return "tiktok_viewers"
    followers = lookup(FOLLOWERS, headers)
    if "followers" in followers and {"net_follows", "follows"} & set(followers):
        return "tiktok_followers"
    return None
