"""Content pillars: which posts belong to which, and how each pillar does.

Pillars come from what the team already has, in this order of trust:

* ``keywords``: the ``[[pillars]]`` rules in fokus.toml (a keyword matches at
  the start of a word, case ignored: ``tur`` matches ``turen`` and ``#turglede``);
* ``labels``: the labels the export carries (Meta's custom labels), split on
  commas, semicolons and bars;
* ``hashtags``: every hashtag used on at least ``MIN_HASHTAG_POSTS`` posts, except
  standing hashtags on more than half of the hashtagged posts (the brand's own);
  the ``MAX_HASHTAGS`` most used are shown;
* ``topics``: found in the text (:mod:`fokus.analyses.organic_topics`), only when
  there are no keyword rules and no labels and hashtags cover less than half of
  the posts.

Every source present is shown as its own table. A post may belong to several
pillars (several labels or hashtags); it belongs to at most one topic.

Each pillar is compared with the **rest of the same channel's posts** on the
engagement rate (the channel's basis: reach, or views where the export has no
reach). The comparison is Bonett and Price's median difference on
``log(1 + 10 000 × rate)``, read back as a ratio ("lift"): the 10 000 keeps the
``+ 1`` (which lets posts with no engagement count) from blurring the ratio of
typical rates by more than about 1 %. A pillar with fewer than ``MIN_POSTS``
posts is listed as "too few posts" and never ranked; ranks order the others by
their lift pulled toward none (``shrink``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from fokus.analyses.organic_topics import find_topics
from fokus.analyses.stats import Difference, enough, median, median_difference, shrink
from fokus.config import PillarConfig

PillarSource = Literal["keywords", "labels", "hashtags", "topics"]
MIN_HASHTAG_POSTS = 3
MAX_HASHTAGS = 12
STANDING_SHARE = 0.5
TOPICS_BELOW = 0.5
"""Topics are found when hashtags cover less than this share of the posts."""
RATE_SCALE = 10_000.0

_HASHTAG = re.compile(r"#([^\W_][\w]*)")
_LABEL_SPLIT = re.compile(r"[,;|]")


@dataclass(frozen=True, slots=True)
class PillarPost:
    """What the pillar analysis needs about one post."""

    key: str
    platform: str
    text: str | None
    labels: str | None
    rate: float | None
    """Engagement rate on the channel's basis; None when it cannot be computed."""


@dataclass(frozen=True, slots=True)
class Pillars:
    """One source's pillars and which posts belong to each."""

    source: PillarSource
    names: tuple[str, ...]
    members: dict[str, frozenset[str]]
    """Post key → the pillars it belongs to."""


@dataclass(frozen=True, slots=True)
class PillarRow:
    """One pillar on one channel, against the rest of that channel's posts."""

    platform: str
    pillar: str
    n: int
    share: float
    rates: tuple[float, ...]
    lift: Difference | None
    """None below ``MIN_POSTS`` posts (in the pillar or in the rest), or when
    either median rate is zero."""
    rank: int | None


def hashtags(text: str | None) -> set[str]:
    return {f"#{tag.casefold()}" for tag in _HASHTAG.findall(text or "")}


def keyword_pillars(
    posts: Sequence[PillarPost], rules: Sequence[PillarConfig]
) -> Pillars:
    patterns = [
        (
            rule.name,
            re.compile(
                "|".join(rf"(?<!\w){re.escape(k.casefold())}" for k in rule.keywords)
            ),
        )
        for rule in rules
    ]
    members = {
        p.key: frozenset(
            name for name, pattern in patterns if pattern.search(p.text.casefold())
        )
        for p in posts
        if p.text
    }
    return Pillars("keywords", tuple(rule.name for rule in rules), members)


def label_pillars(posts: Sequence[PillarPost]) -> Pillars | None:
    members = {
        p.key: frozenset(
            label.strip() for label in _LABEL_SPLIT.split(p.labels) if label.strip()
        )
        for p in posts
        if p.labels
    }
    names = sorted({name for found in members.values() for name in found})
    return Pillars("labels", tuple(names), members) if names else None


def hashtag_pillars(posts: Sequence[PillarPost]) -> tuple[Pillars | None, float]:
    """Hashtag pillars, and the share of posts that carry one of them."""
    tags = {p.key: hashtags(p.text) for p in posts}
    tagged = [t for t in tags.values() if t]
    counts = Counter(tag for found in tagged for tag in found)
    standing = {t for t, n in counts.items() if n > STANDING_SHARE * len(tagged)}
    kept = [
        t
        for t, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        if n >= MIN_HASHTAG_POSTS and t not in standing
    ][:MAX_HASHTAGS]
    if not kept:
        return None, 0.0
    members = {key: frozenset(found & set(kept)) for key, found in tags.items()}
    covered = sum(1 for found in members.values() if found) / len(posts)
    return Pillars("hashtags", tuple(kept), members), covered


def topic_pillars(posts: Sequence[PillarPost]) -> Pillars | None:
    with_text = [p for p in posts if p.text and p.text.strip()]
    topics = find_topics([p.text or "" for p in with_text])
    if topics is None:
        return None
    members = {
        p.key: frozenset() if topic is None else frozenset({topics.labels[topic]})
        for p, topic in zip(with_text, topics.assignment, strict=True)
    }
    return Pillars("topics", topics.labels, members)


def pillar_sources(
    posts: Sequence[PillarPost], rules: Sequence[PillarConfig]
) -> list[Pillars]:
    """Every pillar source the data and the config offer, most trusted first."""
    if not posts:
        return []
    sources: list[Pillars] = []
    if rules:
        sources.append(keyword_pillars(posts, rules))
    labels = label_pillars(posts)
    if labels is not None:
        sources.append(labels)
    tagged, coverage = hashtag_pillars(posts)
    if tagged is not None:
        sources.append(tagged)
    if not rules and labels is None and coverage < TOPICS_BELOW:
        topics = topic_pillars(posts)
        if topics is not None:
            sources.append(topics)
    return sources


def compare_pillars(posts: Sequence[PillarPost], pillars: Pillars) -> list[PillarRow]:
    """Each pillar against the rest of its channel, channel by channel."""
    rows: list[PillarRow] = []
    for platform in sorted({p.platform for p in posts}):
        channel = [p for p in posts if p.platform == platform and p.rate is not None]
        found = [
            row
            for name in pillars.names
            if (row := _compare(platform, name, channel, pillars)) is not None
        ]
        ranked = sorted(
            (r for r in found if r.lift is not None),
            key=lambda r: -shrink(_log_lift(r), r.n, 0.0),
        )
        rank = {r.pillar: i for i, r in enumerate(ranked, 1)}
        found = [replace(r, rank=rank.get(r.pillar)) for r in found]
        rows.extend(sorted(found, key=lambda r: (r.rank or len(found) + 1, r.pillar)))
    return rows


def _log_lift(row: PillarRow) -> float:
    return row.lift.difference.estimate if row.lift is not None else 0.0


def _compare(
    platform: str, name: str, channel: Sequence[PillarPost], pillars: Pillars
) -> PillarRow | None:
    inside = {p.key for p in channel if name in pillars.members.get(p.key, ())}
    if not inside:
        return None
    rates = tuple(
        sorted(p.rate for p in channel if p.key in inside and p.rate is not None)
    )
    rest = [p.rate for p in channel if p.key not in inside and p.rate is not None]
    lift = None
    # A ratio needs both medians above zero (on X most posts get no engagement).
    if enough(len(rates)) and enough(len(rest)) and median(rates) and median(rest):
        lift = median_difference(
            [r * RATE_SCALE for r in rates],
            [r * RATE_SCALE for r in rest],
            scale="log1p",
        )
    return PillarRow(
        platform, name, len(rates), len(rates) / len(channel), rates, lift, None
    )
