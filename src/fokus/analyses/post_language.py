"""Post language against performance: length, LIX, questions, hashtags, emoji, links.

Per platform, organic posts with a text are put in groups by each feature
(``BANDS``), and each group gets its number of posts, its median engagement rate
and the median's exact 95 % interval (:mod:`fokus.analyses.stats`). The rate is
engagement ÷ reach on a channel whose export has reach, else engagement ÷ views
(the rule of the formats section), named on every row.

Groups of at least ``MIN_POSTS`` posts are ranked within their feature, by their
median pulled toward the feature's overall median (``shrink``), never by the
measured value alone; a smaller group is shown and never ranked. Where the best
and the worst ranked group differ clearly (the 99 % interval of the ratio of their
medians excludes 1: the stricter level because many features are compared at
once), the section says so.

The features are counted in Python with the same rules the profile texts use
(:mod:`fokus.analyses.readability`), on at most ``SAMPLE_POSTS`` (10,000) posts: above that,
every k-th post in (platform, account, post id) order, the same posts on every
engine, so a review of 100,000 posts stays quick.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import ibis

from fokus.analyses.base import records
from fokus.analyses.measures import SNAPSHOT_KEY, with_text
from fokus.analyses.readability import band as lix_band
from fokus.analyses.readability import lix_of_stripped, strip_addresses
from fokus.analyses.stats import (
    Interval,
    enough,
    median,
    median_difference,
    median_interval,
    shrink,
)

if TYPE_CHECKING:
    import ibis.expr.types as ir

SAMPLE_POSTS = 10_000
CLEAR_LEVEL = 0.99
RATE_SCALE = 1000
"""Rates are compared per 1,000 reached, so ``log1p`` works on counts."""

Feature = Literal["length", "lix", "question", "hashtags", "emoji", "link"]
FEATURES: tuple[Feature, ...] = (
    "length",
    "lix",
    "question",
    "hashtags",
    "emoji",
    "link",
)

BANDS: Mapping[Feature, tuple[str, ...]] = {
    "length": ("chars_0", "chars_100", "chars_200", "chars_400"),
    "lix": ("very_easy", "easy", "medium", "hard", "very_hard"),
    "question": ("question_yes", "question_no"),
    "hashtags": ("hashtags_0", "hashtags_1", "hashtags_3", "hashtags_6"),
    "emoji": ("emoji_0", "emoji_1", "emoji_3"),
    "link": ("link_yes", "link_no"),
}
"""Each feature's groups, in the order the table shows them (message keys
``section.text.band.<band>``): characters 0–99, 100–199, 200–399, 400 or more;
the LIX bands; hashtags 0, 1–2, 3–5, 6 or more; emoji 0, 1–2, 3 or more."""

_HASHTAG = re.compile(r"#[^\s#.,!?;:()\"'«»]+")
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff]")


def _steps(value: int, bounds: Sequence[int], names: Sequence[str]) -> str:
    """The name of the last bound ``value`` reaches."""
    return next(n for b, n in zip(reversed(bounds), reversed(names), strict=True)
                if value >= b)  # fmt: skip


def post_bands(text: str) -> dict[Feature, str | None]:
    """Each feature's group for one post's text (LIX None below its minimum)."""
    cleaned, links = strip_addresses(text)
    value = lix_of_stripped(cleaned).value
    return {
        "length": _steps(len(text), (0, 100, 200, 400), BANDS["length"]),
        "lix": None if value is None else lix_band(value),
        "question": "question_yes" if "?" in text else "question_no",
        "hashtags": _steps(
            len(_HASHTAG.findall(text)), (0, 1, 3, 6), BANDS["hashtags"]
        ),
        "emoji": _steps(len(_EMOJI.findall(text)), (0, 1, 3), BANDS["emoji"]),
        "link": "link_yes" if links else "link_no",
    }


@dataclass(frozen=True, slots=True)
class BandGroup:
    """The posts of one platform in one group of one feature."""

    platform: str
    basis: Literal["reach", "views"]
    """What the rate is divided by."""
    feature: Feature
    band: str
    posts: int
    rates: tuple[float, ...]
    median: Interval | None
    rank: int | None


@dataclass(frozen=True, slots=True)
class Clear:
    """A clear difference between the best and worst ranked group of a feature."""

    best: BandGroup
    worst: BandGroup
    ratio: Interval


@dataclass(frozen=True, slots=True)
class PostLanguage:
    """Every group, the clear differences, and how many posts were read."""

    groups: tuple[BandGroup, ...]
    clear: tuple[Clear, ...]
    posts: int
    """Organic posts with a text and a rate."""
    read: int
    """Of those, how many were read (all, or the sample)."""


def _posts(measures: ir.Table) -> ir.Table:
    m = measures.filter((measures.paid != "paid") & measures.has_text)
    channel = ibis.window(group_by=["platform", "account_id"])
    m = m.mutate(has_reach=m.reach_basis.count().over(channel) > 0)
    m = m.mutate(
        basis=ibis.ifelse(m.has_reach, ibis.literal("reach"), ibis.literal("views")),
        rate=ibis.ifelse(m.has_reach, m.rate_reach, m.rate_views),
    )
    return m.filter(m.rate.notnull()).select(*SNAPSHOT_KEY, "basis", "rate")


def post_language(measures: ir.Table, texts: ir.Table) -> PostLanguage:
    """The groups of every platform and feature, ranked where they may be."""
    posts = _posts(measures)
    total = int(records(posts.aggregate(n=posts.count()))[0]["n"])
    if total > SAMPLE_POSTS:
        step = math.ceil(total / SAMPLE_POSTS)
        order = ibis.row_number().over(order_by=["platform", "account_id", "post_id"])
        posts = posts.mutate(position=order)
        posts = posts.filter(posts.position % step == 0).drop("position")
    posts = with_text(posts, texts).order_by(["platform", "account_id", "post_id"])
    values: dict[tuple[str, str, Feature, str], list[float]] = {}
    read = 0
    for row in records(posts):
        read += 1
        for feature, band in post_bands(row["text_nfkc"]).items():
            if band is not None:
                key = (row["platform"], row["basis"], feature, band)
                values.setdefault(key, []).append(float(row["rate"]))
    groups: list[BandGroup] = []
    clear: list[Clear] = []
    for platform, basis in sorted({(k[0], k[1]) for k in values}):
        for feature in FEATURES:
            found = [
                (band, values[(platform, basis, feature, band)])
                for band in BANDS[feature]
                if (platform, basis, feature, band) in values
            ]
            ranked = _ranked(platform, basis, feature, found)
            groups.extend(ranked)
            difference = _clear(ranked)
            if difference is not None:
                clear.append(difference)
    return PostLanguage(tuple(groups), tuple(clear), total, read)


def _ranked(
    platform: str,
    basis: str,
    feature: Feature,
    found: Sequence[tuple[str, list[float]]],
) -> list[BandGroup]:
    pooled = [v for _, rates in found for v in rates]
    overall = median(pooled) if pooled else 0.0
    eligible = [(band, rates) for band, rates in found if enough(len(rates))]
    order: dict[str, int] = {}
    if len(eligible) >= 2:

        def by(item: tuple[str, list[float]]) -> float:
            return -shrink(median(item[1]), len(item[1]), overall)

        order = {band: i for i, (band, _) in enumerate(sorted(eligible, key=by), 1)}
    return [
        BandGroup(
            platform,
            "reach" if basis == "reach" else "views",
            feature,
            band,
            len(rates),
            tuple(sorted(rates)),
            median_interval(rates),
            order.get(band),
        )
        for band, rates in found
    ]


def _clear(ranked: Sequence[BandGroup]) -> Clear | None:
    ordered = sorted(
        (g for g in ranked if g.rank is not None), key=lambda g: g.rank or 0
    )
    if len(ordered) < 2:
        return None
    best, worst = ordered[0], ordered[-1]
    ratio = median_difference(
        [r * RATE_SCALE for r in best.rates],
        [r * RATE_SCALE for r in worst.rates],
        scale="log1p",
        level=CLEAR_LEVEL,
    ).ratio
    if ratio is None or ratio.low is None or ratio.low <= 1:
        return None
    return Clear(best, worst, ratio)
