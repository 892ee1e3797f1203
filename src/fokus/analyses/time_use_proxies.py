"""What the data shows of where saved time went: three measured proxies.

Over the review year (the ``REVIEW_DAYS`` days up to the newest post), per channel
and for all channels together, each as a share with its n and Wilson interval
(docs/sections/time_use.md):

* **reuse of winners**: the share of posts whose text nearly duplicates an earlier
  *winner* (:mod:`fokus.analyses.near_duplicates`). A winner is a post in the top
  ``WINNER_SHARE`` of its channel by engagement against its own account's baseline
  (and above that baseline), published at least ``REUSE_GAP_DAYS`` before the post
  that reuses it, so the team could have known it worked;
* **human voice**: the share of posts written in the first person or naming
  someone, with the organic section's own detectors
  (:func:`fokus.analyses.genericness.first_person` and ``names``);
* **replies**: where an export holds the team's own replies. X's exports do: a
  post that opens with an @mention is a reply. The other platforms' exports count
  the comments a post received, never the answers to them.

Replies on X are dialogue, not posts to the audience: they are left out of the
first two shares.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import ibis

from fokus.analyses.base import first_per_channel, records, to_date
from fokus.analyses.genericness import brand_words, first_person, names, words
from fokus.analyses.measures import with_text
from fokus.analyses.near_duplicates import earlier_near_duplicates
from fokus.analyses.organic_posts import MIN_BASELINE
from fokus.analyses.stats import Interval, proportion_interval

if TYPE_CHECKING:
    import ibis.expr.types as ir

REVIEW_DAYS = 365
WINNER_SHARE = 0.2
"""The top fifth of a channel's posts (by engagement ÷ baseline) are its winners."""
REUSE_JACCARD = 0.5
"""Shingle similarity from which a text counts as reusing another."""
REUSE_GAP_DAYS = 7
"""A winner must be this much older than the post that reuses it."""
MIN_REUSE_WORDS = 6
"""Shorter texts (four three-word shingles or fewer) are not compared."""
REUSE_EXAMPLES = 10
PROXY_POSTS = 5000
"""The proxies read each channel's newest this many posts: all of them for any
organisation that publishes by hand, the newest stretch of a very large channel."""
REPLY_PLATFORMS = ("x",)
"""Platforms whose exports include the account's own replies."""

Measure = Literal["reuse", "voice", "replies"]
MEASURES: tuple[Measure, ...] = ("reuse", "voice", "replies")
_COLUMNS = (
    "platform", "account_id", "post_id", "published_at", "published_day",
    "as_of", "import_id", "source_row", "engagement_vs_baseline", "baseline_n",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Proxy:
    """One measured share: ``count`` of ``n`` posts, on a channel or all."""

    measure: Measure
    platform: str | None
    """None: all channels together."""
    n: int
    count: int
    interval: Interval | None


@dataclass(frozen=True, slots=True)
class Reuse:
    """A post of the year and the earlier winner whose text it reuses."""

    platform: str
    key: str
    day: dt.date
    text: str
    winner_platform: str
    winner_key: str
    winner_day: dt.date
    winner_text: str


@dataclass(frozen=True, slots=True)
class Proxies:
    """The review year and what was measured in it."""

    first: dt.date | None
    last: dt.date | None
    proxies: tuple[Proxy, ...]
    platforms: tuple[str, ...]
    """Channels with posts in the year."""
    reuses: tuple[Reuse, ...] = ()
    """The year's newest ``REUSE_EXAMPLES`` reuses, newest first."""
    cut: tuple[tuple[str, int], ...] = ()
    """(platform, its posts) for each channel read only in its newest
    ``PROXY_POSTS`` posts."""


@dataclass(frozen=True, slots=True)
class _Post:
    platform: str
    key: str
    time: float
    day: dt.date
    text: str
    vs_baseline: float | None
    reply: bool


_BOILERPLATE = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:no|com|org|net|io)(?:/\S*)?|[#@][\w.]+"
)


def comparable_words(text: str) -> tuple[str, ...]:
    """The words reuse is judged on: links, hashtags and @mentions left out (the
    same tags and links close many posts and say nothing about their content)."""
    return words(_BOILERPLATE.sub(" ", text))


def is_reply(platform: str, text: str) -> bool:
    """An X post that opens with an @mention: a reply to someone."""
    return platform in REPLY_PLATFORMS and text.lstrip().startswith("@")


def measure_proxies(
    measures: ir.Table, texts: ir.Table, brand_terms: Sequence[str]
) -> Proxies:
    """The three proxies over the review year of ``measures``."""
    chosen = measures.select(*_COLUMNS)
    counts = chosen.group_by("platform").aggregate(posts=chosen.count())
    sizes = {str(r["platform"]): int(r["posts"]) for r in records(counts)}
    if not sizes:
        return Proxies(None, None, (), ())
    newest = first_per_channel(
        chosen,
        [ibis.desc("published_at"), ibis.desc("post_id")],
        PROXY_POSTS,
        sorted(sizes),
    )
    ordered = with_text(newest, texts).order_by(["platform", "account_id", "post_id"])
    posts = [_post(r) for r in records(ordered)]
    if not posts:
        return Proxies(None, None, (), ())
    cut = tuple((p, n) for p, n in sorted(sizes.items()) if n > PROXY_POSTS)
    last = max(p.day for p in posts)
    first = last - dt.timedelta(days=REVIEW_DAYS - 1)
    year = [p.day >= first for p in posts]
    best = winners(posts)
    texts = _texts(posts, [y or i in best for i, y in enumerate(year)])
    matches = _reused(posts, texts, year, best)
    content = [y and not p.reply and bool(t)
               for p, t, y in zip(posts, texts, year, strict=True)]  # fmt: skip
    long_enough = [c and len(t) >= MIN_REUSE_WORDS
                   for c, t in zip(content, texts, strict=True)]  # fmt: skip
    brand = brand_words(brand_terms)
    voices: dict[str, bool] = {}

    def voice(i: int) -> bool:
        text = posts[i].text
        if text not in voices:
            voices[text] = first_person(text) or bool(names(text, brand))
        return voices[text]

    replies = [y and p.platform in REPLY_PLATFORMS and bool(p.text.strip())
               for p, y in zip(posts, year, strict=True)]  # fmt: skip
    found = [
        *_shares("reuse", posts, long_enough, lambda i: i in matches),
        *_shares("voice", posts, content, voice),
        *_shares("replies", posts, replies, lambda i: posts[i].reply, total=False),
    ]
    platforms = sorted({p.platform for p, y in zip(posts, year, strict=True) if y})
    newest = sorted(matches, key=lambda i: (-posts[i].time, posts[i].key))
    examples = tuple(
        _example(posts[i], posts[matches[i]]) for i in newest[:REUSE_EXAMPLES]
    )
    return Proxies(first, last, tuple(found), tuple(platforms), examples, cut)


def _texts(posts: Sequence[_Post], needed: Sequence[bool]) -> list[tuple[str, ...]]:
    """The comparable words of the posts that need them (others get none), each
    distinct text split once."""
    split: dict[str, tuple[str, ...]] = {}
    out: list[tuple[str, ...]] = []
    for post, wanted in zip(posts, needed, strict=True):
        if not wanted:
            out.append(())
            continue
        if post.text not in split:
            split[post.text] = comparable_words(post.text)
        out.append(split[post.text])
    return out


def _example(post: _Post, winner: _Post) -> Reuse:
    return Reuse(post.platform, post.key, post.day, post.text, winner.platform,
                 winner.key, winner.day, winner.text)  # fmt: skip


def _seconds(moment: dt.datetime) -> float:
    """Seconds since the epoch; an engine that returns naive times means UTC (a
    naive ``timestamp()`` would read them in the machine's time zone)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.timestamp()


def _post(row: dict[str, Any]) -> _Post:
    text = row["text_nfkc"] or ""
    platform = str(row["platform"])
    day = to_date(row["published_day"])
    assert day is not None  # published_day is NOT NULL in the store
    return _Post(
        platform,
        f"{platform}/{row['account_id']}/{row['post_id']}",
        _seconds(row["published_at"]),
        day,
        text,
        row["engagement_vs_baseline"] if (row["baseline_n"] or 0) >= MIN_BASELINE
        else None,
        is_reply(platform, text),
    )  # fmt: skip


def winners(posts: Sequence[_Post]) -> set[int]:
    """Indices of each channel's top ``WINNER_SHARE`` posts by engagement against
    their baseline (ties by key), counting only posts above their baseline."""
    found: set[int] = set()
    by_platform: dict[str, list[int]] = {}
    for i, p in enumerate(posts):
        if p.vs_baseline is not None and not p.reply:
            by_platform.setdefault(p.platform, []).append(i)
    for indices in by_platform.values():
        # Rounded to nine digits: engines compute the baseline's median in
        # different orders, and the last bits must not decide who is a winner.
        ranked = sorted(
            indices,
            key=lambda i: (-round(posts[i].vs_baseline or 0.0, 9), posts[i].key),
        )
        top = math.ceil(len(ranked) * WINNER_SHARE)
        found.update(i for i in ranked[:top] if (posts[i].vs_baseline or 0.0) > 1)
    return found


def _reused(
    posts: Sequence[_Post],
    texts: Sequence[tuple[str, ...]],
    year: Sequence[bool],
    best: set[int],
) -> dict[int, int]:
    """Post index → the index of the earlier winner it reuses."""
    usable = [len(t) >= MIN_REUSE_WORDS and not p.reply
              for p, t in zip(posts, texts, strict=True)]  # fmt: skip
    return earlier_near_duplicates(
        texts,
        [p.time for p in posts],
        [i in best and ok for i, ok in enumerate(usable)],
        [y and ok for y, ok in zip(year, usable, strict=True)],
        gap=REUSE_GAP_DAYS * 86_400,
        threshold=REUSE_JACCARD,
    )


def _shares(
    measure: Measure,
    posts: Sequence[_Post],
    counted: Sequence[bool],
    hit: Callable[[int], bool],
    *,
    total: bool = True,
) -> list[Proxy]:
    """One share per channel with counted posts, then all channels together."""
    tallies: dict[str, list[int]] = {}
    for i, (post, included) in enumerate(zip(posts, counted, strict=True)):
        if included:
            tally = tallies.setdefault(post.platform, [0, 0])
            tally[0] += 1
            tally[1] += hit(i)
    shares = [
        Proxy(measure, platform, n, k, proportion_interval(k, n))
        for platform, (n, k) in sorted(tallies.items())
    ]
    if total and len(shares) > 1:
        n = sum(s.n for s in shares)
        k = sum(s.count for s in shares)
        shares.append(Proxy(measure, None, n, k, proportion_interval(k, n)))
    return shares
