"""What the columns of a legacy Facebook Insights "Post data" export mean.

Classic Insights (about 2012–2020) wrote two header rows: short names in row 1 and a
description in row 2. The short names are either Graph API metric ids
(``post_impressions_unique:lifetime``, July 2017) or human titles (``Lifetime Post
Total Reach``, October 2017 and the UCI research data set). Several titles are
written twice, once counting people ("(Unique Users)") and once counting events
("(Total Count)"): the description says which, and without one the order does
(people first, as in every export seen). Only English exports have been seen (see
export-formats.md §1.5); unknown headers fall back to the cells' values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from fokus.ingest.headers import normalise
from fokus.model.vocab import Format, PostMetric

Unit = Literal["unique", "total"]
Field = Literal[
    "post_id", "permalink", "message", "type", "countries", "languages", "posted",
    "audience_targeting", "description",
]  # fmt: skip

FIELDS: Mapping[str, Field] = {
    "post id": "post_id",
    "permalink": "permalink",
    "post message": "message",
    "type": "type",
    "countries": "countries",
    "languages": "languages",
    "posted": "posted",
    "audience targeting": "audience_targeting",
    "description": "description",
}
"""The descriptive columns of every sheet (English, as exported)."""

FORMATS: tuple[tuple[str, Format], ...] = (
    ("photo", "image"),
    ("video", "video"),
    ("shared video", "video"),
    ("link", "link"),
    ("status", "text"),
    ("offer", "other"),
    ("event", "other"),
)
"""``Type`` values, lower-cased. Offers and events have no canonical format: they
are ``other`` on purpose, not unknown."""


@dataclass(frozen=True, slots=True)
class Variant:
    """One unit of a metric: its API id, English name and canonical metric."""

    api_id: str
    label: str
    """The name an unmapped column is kept under, the same for both header styles."""
    metric: PostMetric | None = None
    milliseconds: bool = False
    """Video times are exported in milliseconds; fokus stores seconds."""


@dataclass(frozen=True, slots=True)
class Family:
    """A measure counted in people, in events, or both (same title or two titles)."""

    titles: tuple[tuple[str, Unit | None], ...]
    """Human titles and the unit each names; ``None``: the title is used for both."""
    unique: Variant | None = None
    total: Variant | None = None

    def variant(self, unit: Unit) -> Variant | None:
        return self.unique if unit == "unique" else self.total


def _both(title: str, api_id: str) -> Family:
    """A family whose two columns share one title (``Lifetime Organic views to 95%``)."""
    return Family(
        ((title, None),),
        Variant(f"{api_id}_unique", f"{title} (Unique Users)"),
        Variant(api_id, f"{title} (Total Count)"),
    )


FAMILIES: tuple[Family, ...] = (
    Family(
        (("Lifetime Post Total Reach", "unique"),
         ("Lifetime Post Total Impressions", "total")),
        Variant("post_impressions_unique", "Lifetime Post Total Reach", "reach"),
        Variant("post_impressions", "Lifetime Post Total Impressions", "impressions"),
    ),
    Family(
        (("Lifetime Post organic reach", "unique"),
         ("Lifetime Post Organic Impressions", "total")),
        Variant("post_impressions_organic_unique", "Lifetime Post organic reach",
                "reach_organic"),
        Variant("post_impressions_organic", "Lifetime Post Organic Impressions",
                "impressions_organic"),
    ),
    Family(
        (("Lifetime Post Paid Reach", "unique"),
         ("Lifetime Post Paid Impressions", "total")),
        Variant("post_impressions_paid_unique", "Lifetime Post Paid Reach",
                "reach_paid"),
        Variant("post_impressions_paid", "Lifetime Post Paid Impressions",
                "impressions_paid"),
    ),
    Family(
        (("Lifetime Post Viral Reach", "unique"),
         ("Lifetime Post Viral Impressions", "total")),
        Variant("post_impressions_viral_unique", "Lifetime Post Viral Reach"),
        Variant("post_impressions_viral", "Lifetime Post Viral Impressions"),
    ),
    Family(
        (("Lifetime Engaged Users", "unique"),),
        Variant("post_engaged_users", "Lifetime Engaged Users", "engaged_users"),
    ),
    Family(
        (("Lifetime Post Consumers", "unique"),
         ("Lifetime Post Consumptions", "total")),
        Variant("post_consumptions_unique", "Lifetime Post Consumers",
                "unique_clicks"),
        Variant("post_consumptions", "Lifetime Post Consumptions", "total_clicks"),
    ),
    Family(
        (("Lifetime Negative feedback", "unique"),
         ("Lifetime Negative Feedback from Users", "total")),
        Variant("post_negative_feedback_unique", "Lifetime Negative feedback",
                "negative_feedback_unique"),
        Variant("post_negative_feedback", "Lifetime Negative Feedback from Users",
                "negative_feedback"),
    ),
    Family(
        (("Lifetime Talking About This (Post)", "unique"),
         ("Lifetime Post Stories", "total")),
        Variant("post_storytellers", "Lifetime Talking About This (Post)"),
        Variant("post_stories", "Lifetime Post Stories"),
    ),
    Family(
        (("Lifetime Post reach by people who like your Page", "unique"),
         ("Lifetime Post Impressions by people who have liked your Page", "total")),
        Variant("post_impressions_fan_unique",
                "Lifetime Post reach by people who like your Page"),
        Variant("post_impressions_fan",
                "Lifetime Post Impressions by people who have liked your Page"),
    ),
    Family(
        (("Lifetime Paid reach of a post by people who like your Page", "unique"),
         ("Lifetime Post Paid Impressions by people who have liked your Page",
          "total")),
        Variant("post_impressions_fan_paid_unique",
                "Lifetime Paid reach of a post by people who like your Page"),
        Variant("post_impressions_fan_paid",
                "Lifetime Post Paid Impressions by people who have liked your Page"),
    ),
    Family(
        (("Lifetime People who have liked your Page and engaged with your post",
          "unique"),),
        Variant("post_engaged_fan",
                "Lifetime People who have liked your Page and engaged with your post"),
    ),
    _both("Lifetime Organic views to 95%", "post_video_complete_views_organic"),
    _both("Lifetime Paid views to 95%", "post_video_complete_views_paid"),
    _both("Lifetime Organic Video Views", "post_video_views_organic"),
    _both("Lifetime Paid Video Views", "post_video_views_paid"),
    Family(
        (("Lifetime Unique Video Views", "unique"),
         ("Lifetime Total Video Views", "total")),
        Variant("post_video_views_unique", "Lifetime Unique Video Views",
                "viewers_3s"),
        Variant("post_video_views", "Lifetime Total Video Views", "video_views_3s"),
    ),
    Family(
        (("Lifetime Average time video viewed", "total"),),
        total=Variant("post_video_avg_time_watched",
                      "Lifetime Average time video viewed", "avg_seconds_viewed",
                      milliseconds=True),
    ),
    Family(
        (("Lifetime Video length", "total"),),
        total=Variant("post_video_length", "Lifetime Video length", "duration_sec",
                      milliseconds=True),
    ),
    Family(
        (("Lifetime Total Video View Time (in MS)", "total"),),
        total=Variant("post_video_view_time",
                      "Lifetime Total Video View Time (in MS)", "seconds_viewed",
                      milliseconds=True),
    ),
)  # fmt: skip

VIDEO_VIEWS_PARTS = ("post_video_views_organic", "post_video_views_paid")
"""Organic and paid 3-second views (Total Count): their sum is ``video_views_3s``
when the export has no total column."""

_UNITS: tuple[Unit, ...] = ("unique", "total")
_BY_ID: dict[str, tuple[Family, Unit]] = {
    variant.api_id: (family, unit)
    for family in FAMILIES
    for unit in _UNITS
    if (variant := family.variant(unit)) is not None
}
_BY_TITLE: dict[str, tuple[Family, Unit | None]] = {
    normalise(title): (family, unit)
    for family in FAMILIES
    for title, unit in family.titles
}
_UNIT_IN_DESCRIPTION = re.compile(r"\((unique users|total count)\)\s*$", re.IGNORECASE)


def description_unit(description: str) -> Unit | None:
    """``(Unique Users)`` or ``(Total Count)`` at the end of a description."""
    found = _UNIT_IN_DESCRIPTION.search(description.strip())
    if found is None:
        return None
    return "unique" if found[1].casefold() == "unique users" else "total"


def api_id(header: str) -> str:
    """``post_impressions_unique:lifetime`` → ``post_impressions_unique``."""
    return normalise(header).removesuffix(":lifetime")


@dataclass(frozen=True, slots=True)
class Meaning:
    """What one metric column is: a variant, and how its unit was decided."""

    variant: Variant
    unit_by_position: bool = False


def metric_meaning(
    header: str, description: str, earlier: frozenset[str]
) -> Meaning | None:
    """The variant a Key Metrics column holds, or None for an unknown column.

    ``earlier`` holds the API ids already placed, so the second of two columns
    with one title and no description is the other unit.
    """
    by_id = _BY_ID.get(api_id(header))
    if by_id is not None:
        family, unit = by_id
        variant = family.variant(unit)
        return Meaning(variant) if variant is not None else None
    by_title = _BY_TITLE.get(normalise(header))
    if by_title is None:
        return None
    family, named = by_title
    stated = description_unit(description)
    if stated is not None:
        found = family.variant(stated)
        return Meaning(found) if found is not None else None
    if named is not None:
        found = family.variant(named)
        return Meaning(found) if found is not None else None
    # One title for both units and no description: people first, as exported.
    for variant in (family.unique, family.total):
        if variant is not None and variant.api_id not in earlier:
            return Meaning(variant, unit_by_position=True)
    return None


def is_metric_header(header: str) -> bool:
    """The header names a legacy Insights metric (by API id or title)."""
    return api_id(header) in _BY_ID or normalise(header) in _BY_TITLE


@dataclass(frozen=True, slots=True)
class BreakdownKind:
    """A breakdown sheet: one column per action or click type, per post."""

    prefix: str
    """The start of the sheet's name, lower-cased without spaces (names are cut
    to 31 characters and end in ``...``)."""
    label: str
    """The name its unmapped columns are kept under: ``<label>: <type>``."""
    metrics: tuple[tuple[str, PostMetric], ...] = ()


BREAKDOWNS: tuple[BreakdownKind, ...] = (
    BreakdownKind("lifetimetalkingaboutthis", "Talking about this by action type"),
    BreakdownKind(
        "lifetimepoststoriesbyact",
        "Stories by action type",
        (("like", "likes"), ("comment", "comments"), ("share", "shares")),
    ),
    BreakdownKind("lifetimepostconsumersbytype", "Consumers by type"),
    BreakdownKind(
        "lifetimepostconsumptionsb",
        "Consumptions by type",
        (
            ("link clicks", "link_clicks"),
            ("photo view", "photo_clicks"),
            ("other clicks", "other_clicks"),
        ),
    ),
    # "Lifetime Negative Feedback from Users by type" (events) before the sheet
    # of people, whose name is the other's start.
    BreakdownKind("lifetimenegativefeedbackf", "Negative feedback by type"),
    BreakdownKind("lifetimenegativefeedback", "Negative feedback by type (people)"),
)


def breakdown_kind(sheet_name: str) -> BreakdownKind:
    """The kind of a breakdown sheet; an unknown one is kept under its own name."""
    key = re.sub(r"\s+", "", sheet_name.rstrip(".… ")).casefold()
    for kind in BREAKDOWNS:
        if key.startswith(kind.prefix):
            return kind
    return BreakdownKind("", sheet_name.rstrip(".… ").strip())
