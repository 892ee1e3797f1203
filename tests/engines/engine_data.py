"""The data the engine contract compares: a handmade store, and both engines' view
of a data set."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fokus.analyses.base import ReviewContext, ReviewData
from fokus.store import Store

sys.path.insert(0, str(Path(__file__).parents[1] / "analyses"))
from posts_table import add_daily, add_import, add_post

if TYPE_CHECKING:
    pass


@dataclass(frozen=True, slots=True)
class EnginePair:
    """The same data on both engines, and the context the analyses get."""

    name: str
    duckdb: ReviewData
    spark: ReviewData
    context: ReviewContext


HANDMADE_CONFIG = """
organisation = "Handmade"
language = "en"

[[channels]]
platform = "instagram"
account = "acc"
role = "main"
posts_per_week_planned = 3

[[channels]]
platform = "tiktok"
account = "acc"
role = "support"

[[channels]]
platform = "linkedin"
account = "acc"
role = "shelved"
"""


def build_handmade(store: Store) -> None:
    """Posts that exercise every rule of the metric layer (tests/analyses'
    cases, in one store): each platform's engagement, blank and missing
    components, zero denominators, a mapped source, followers on, before and
    after a count day, paid and organic, and long enough series for the
    20-post baseline, with ties in the publishing time."""
    add_import(store)
    day = dt.date(2026, 1, 5)
    add_post(store, "facebook", "fb", day, reactions=10, comments=2, shares=3,
             reach=500, views=900)  # fmt: skip
    add_post(store, "facebook", "fb0", day, reactions=10, reach=0, views=0)
    add_post(store, "facebook", "fbp", day, paid="paid", reactions=10, reach=1000)
    add_post(store, "instagram", "ig", day, likes=40, comments=None, saves=4)
    add_post(store, "linkedin", "li", day, reactions=7, comments=1, shares=2,
             total_clicks=10, impressions=400, views=50)  # fmt: skip
    add_post(store, "x", "x1", day, likes=3, comments=1, reposts=2, shares=9,
             impressions=300)  # fmt: skip
    add_post(store, "youtube", "yt", day, views=1000, unique_viewers=300)
    store.connection.execute(
        "INSERT INTO source_definitions VALUES (1, 'threads', 'm.toml', "
        "['likes', 'comments'], '')"
    )
    add_post(store, "other", "t1", day, likes=5, comments=2, shares=100, views=70)
    add_post(store, "other", "t2", day, import_id=2, likes=5)
    for when, count in ((dt.date(2026, 1, 1), 1000), (dt.date(2026, 1, 4), 1200),
                        (dt.date(2026, 1, 6), 5000)):  # fmt: skip
        add_daily(store, "tiktok", "followers", when, count)
    for name, when, likes in (("before", dt.date(2025, 12, 31), 10),
                              ("on", dt.date(2026, 1, 4), 12),
                              ("after", dt.date(2026, 1, 5), 60),
                              ("later", dt.date(2026, 2, 1), 7)):  # fmt: skip
        add_post(store, "tiktok", name, when, likes=likes, views=likes * 40)
    add_post(store, "tiktok", "other", day, account="b", likes=1)
    # Two long series: 45 posts with a pattern of reach, two a day (same time:
    # the post id breaks the tie), formats and paid mixed.
    formats = ("image", "video", "reel", "carousel")
    for n in range(45):
        when = dt.date(2025, 6, 1) + dt.timedelta(days=n // 2)
        add_post(store, "instagram", f"s{n:02d}", when, format_=formats[n % 4],
                 paid="paid" if n % 7 == 0 else "organic",
                 likes=(n * 37) % 101, comments=n % 5, reach=100 + (n * 53) % 997)  # fmt: skip
        add_post(store, "linkedin", f"l{n:02d}", when, account="page",
                 format_=formats[n % 3], reactions=n % 13, impressions=50 + n * 11,
                 total_clicks=None if n % 4 else n)  # fmt: skip
    add_post(store, "instagram", "big", day, account="big", likes=10, reach=50_000)
