"""The metric layer: engagement per platform, rates with their denominators, the
three ways of averaging, and each post against its account's baseline."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import ibis
import pytest

from fokus.analyses.base import records
from fokus.analyses.measures import (
    BASELINE_POSTS,
    SNAPSHOT_KEY,
    RateSummary,
    post_measures,
    rate_summaries,
    with_text,
)
from fokus.review import review_data
from fokus.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from posts_table import add_daily, add_import, add_post

DAY = dt.date(2026, 1, 5)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "fokus.duckdb") as opened:
        add_import(opened)
        yield opened


def _measures(store: Store, *columns: str) -> list[dict[str, object]]:
    table = review_data(store).measures
    return records(table.select("post_id", *columns).order_by("post_id"))


def test_engagement_sums_each_platforms_interactions(store: Store) -> None:
    add_post(
        store, "facebook", "fb", DAY, reactions=10, comments=2, shares=3, reach=500
    )
    add_post(store, "instagram", "ig", DAY, likes=40, comments=5, shares=1, saves=4)
    add_post(store, "linkedin", "li", DAY, reactions=7, comments=1, shares=2,
             total_clicks=10, impressions=400)  # fmt: skip
    add_post(store, "tiktok", "tt", DAY, likes=90, comments=4, shares=5, saves=1)
    add_post(store, "x", "x1", DAY, likes=3, comments=1, reposts=2, shares=9,
             impressions=300)  # fmt: skip
    add_post(store, "youtube", "yt", DAY, views=1000)  # no engagement exported
    assert _measures(store, "engagement") == [
        {"post_id": "fb", "engagement": 15.0},
        {"post_id": "ig", "engagement": 50.0},
        {"post_id": "li", "engagement": 20.0},
        {"post_id": "tt", "engagement": 100.0},
        {"post_id": "x1", "engagement": 6.0},  # X's share-menu sends are not in it
        {"post_id": "yt", "engagement": None},  # unknown, never zero
    ]


def test_a_blank_component_counts_as_zero_when_others_are_there(store: Store) -> None:
    add_post(store, "instagram", "a", DAY, likes=40, comments=None, saves=None)
    assert _measures(store, "engagement") == [{"post_id": "a", "engagement": 40.0}]


def test_each_rate_has_its_own_denominator(store: Store) -> None:
    add_post(store, "linkedin", "li", DAY, reactions=20, impressions=400, views=50)
    add_post(store, "youtube", "yt", DAY, likes=30, views=600, unique_viewers=300)
    add_post(store, "facebook", "fb", DAY, reactions=10, reach=0, views=0)
    rows = _measures(store, "reach_basis", "views_basis", "rate_reach", "rate_views")
    assert rows == [
        # Reach 0 and views 0: no rate, not a division by zero or 0 %.
        {"post_id": "fb", "reach_basis": 0.0, "views_basis": 0.0,
         "rate_reach": None, "rate_views": None},
        # LinkedIn counts impressions; its "views" are video views.
        {"post_id": "li", "reach_basis": None, "views_basis": 400.0,
         "rate_reach": None, "rate_views": 0.05},
        # YouTube's unique viewers are its reach.
        {"post_id": "yt", "reach_basis": 300.0, "views_basis": 600.0,
         "rate_reach": 0.1, "rate_views": 0.05},
    ]  # fmt: skip


def test_followers_on_the_day_of_posting(store: Store) -> None:
    add_daily(store, "tiktok", "followers", dt.date(2026, 1, 1), 1000)
    add_daily(store, "tiktok", "followers", dt.date(2026, 1, 4), 1200)
    add_daily(store, "tiktok", "followers", dt.date(2026, 1, 6), 5000)
    add_post(store, "tiktok", "before", dt.date(2025, 12, 31), likes=10)
    add_post(store, "tiktok", "on", dt.date(2026, 1, 4), likes=12)
    add_post(store, "tiktok", "after", dt.date(2026, 1, 5), likes=60)
    add_post(store, "tiktok", "other", dt.date(2026, 1, 5), account="b", likes=1)
    assert _measures(store, "followers_at_post", "rate_followers") == [
        {"post_id": "after", "followers_at_post": 1200.0, "rate_followers": 0.05},
        {"post_id": "before", "followers_at_post": None, "rate_followers": None},
        {"post_id": "on", "followers_at_post": 1200.0, "rate_followers": 0.01},
        {"post_id": "other", "followers_at_post": None, "rate_followers": None},
    ]


def test_three_averages_of_a_rate(store: Store) -> None:
    # Rates 0.1, 0.2 and 0.6 on reach 100, 100 and 1000.
    add_post(store, "facebook", "a", DAY, reactions=10, reach=100)
    add_post(store, "facebook", "b", DAY, reactions=20, reach=100)
    add_post(store, "facebook", "c", DAY, reactions=600, reach=1000)
    add_post(store, "facebook", "d", DAY, reactions=5)  # no reach: not in the rate
    [(group, summary)] = rate_summaries(review_data(store).measures, ["platform"])
    assert group == {"platform": "facebook"}
    assert summary.denominator == "reach"
    assert summary.n == 3
    assert summary.median_of_rates == pytest.approx(0.2)
    assert summary.mean_of_rates == pytest.approx(0.3)
    assert summary.ratio_of_sums == pytest.approx(630 / 1200)


def test_paid_and_organic_are_summarised_apart(store: Store) -> None:
    add_post(store, "facebook", "o", DAY, reactions=10, reach=100)
    add_post(store, "facebook", "p", DAY, paid="paid", reactions=10, reach=1000)
    got = rate_summaries(review_data(store).measures, ["paid"])
    assert got == [
        ({"paid": "organic"}, RateSummary("reach", 1, 0.1, 0.1, 0.1)),
        ({"paid": "paid"}, RateSummary("reach", 1, 0.01, 0.01, 0.01)),
    ]


def test_each_post_against_its_accounts_previous_posts(store: Store) -> None:
    reaches = [100, 300, 200, 1000]
    for n, reach in enumerate(reaches):
        add_post(store, "instagram", f"p{n}", DAY + dt.timedelta(days=n),
                 likes=10, reach=reach)  # fmt: skip
    add_post(store, "instagram", "big", DAY, account="big", likes=10, reach=50_000)
    rows = _measures(store, "baseline_reach", "reach_vs_baseline", "baseline_n")
    assert rows == [
        {"post_id": "big", "baseline_reach": None, "reach_vs_baseline": None,
         "baseline_n": 0},
        {"post_id": "p0", "baseline_reach": None, "reach_vs_baseline": None,
         "baseline_n": 0},
        {"post_id": "p1", "baseline_reach": 100.0, "reach_vs_baseline": 3.0,
         "baseline_n": 1},
        {"post_id": "p2", "baseline_reach": 200.0, "reach_vs_baseline": 1.0,
         "baseline_n": 2},
        # Median of 100, 300, 200 is 200: the 1,000 post is five times its usual.
        {"post_id": "p3", "baseline_reach": 200.0, "reach_vs_baseline": 5.0,
         "baseline_n": 3},
    ]  # fmt: skip
    assert BASELINE_POSTS == 20


def test_views_against_the_accounts_previous_posts(store: Store) -> None:
    # X counts impressions, not reach: the baseline is then one of views.
    for n, impressions in enumerate([40, 80, 60, 300]):
        add_post(store, "x", f"t{n}", DAY + dt.timedelta(days=n), likes=1,
                 impressions=impressions)  # fmt: skip
    rows = _measures(store, "baseline_views", "views_vs_baseline", "reach_vs_baseline")
    assert rows == [
        {"post_id": "t0", "baseline_views": None, "views_vs_baseline": None,
         "reach_vs_baseline": None},
        {"post_id": "t1", "baseline_views": 40.0, "views_vs_baseline": 2.0,
         "reach_vs_baseline": None},
        {"post_id": "t2", "baseline_views": 60.0, "views_vs_baseline": 1.0,
         "reach_vs_baseline": None},
        {"post_id": "t3", "baseline_views": 60.0, "views_vs_baseline": 5.0,
         "reach_vs_baseline": None},
    ]  # fmt: skip


def test_a_mapped_source_counts_what_its_mapping_named(store: Store) -> None:
    store.connection.execute(
        "INSERT INTO source_definitions VALUES (1, 'threads', 'm.toml', "
        "['likes', 'comments'], '')"
    )
    add_post(store, "other", "t1", DAY, likes=5, comments=2, shares=100, views=70)
    add_post(store, "other", "t2", DAY, import_id=2, likes=5)  # no definition
    assert _measures(store, "engagement", "rate_views") == [
        {"post_id": "t1", "engagement": 7.0, "rate_views": 0.1},
        {"post_id": "t2", "engagement": None, "rate_views": None},
    ]


def test_the_review_table_holds_only_filled_metrics_and_reads_the_rest_as_null(
    store: Store,
) -> None:
    add_post(store, "facebook", "fb", DAY, reactions=10, comments=2, reach=500)
    add_post(store, "tiktok", "tt", DAY, likes=9, saves=1, views=90)
    data = review_data(store)
    stored = {
        name
        for (name,) in store.connection.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'review_post_measures_stored'"
        ).fetchall()
    }
    assert {"reactions", "comments", "reach", "likes", "saves", "views"} <= stored
    assert not {"impressions", "plays", "reposts", "watched_full_pct"} & stored
    # The sections see every column, the empty ones as NULL of their own type.
    backend = ibis.duckdb.from_connection(store.connection)
    expected = post_measures(backend.table("posts"), data.daily, data.sources).schema()
    assert data.posts.schema() == expected
    assert records(
        data.posts.select("post_id", "reach", "saves", "impressions", "engagement")
        .order_by("post_id")
    ) == [
        {"post_id": "fb", "reach": 500.0, "saves": None, "impressions": None,
         "engagement": 12.0},
        {"post_id": "tt", "reach": None, "saves": 1.0, "impressions": None,
         "engagement": 10.0},
    ]  # fmt: skip


def test_the_measures_hold_no_texts_and_with_text_reads_each_posts_newest(
    store: Store,
) -> None:
    # The captions stay in the store (a third of the review table's memory at a
    # million posts); a section joins them to the posts it reads. The text is its
    # newest snapshot's, normalised where NFKC changed it.
    add_post(store, "facebook", "p1", DAY, reach=100, text_raw="Gammel tekst")
    add_post(store, "facebook", "p1", DAY, reach=200, text_raw="Ny tekst",
             as_of=dt.date(2026, 2, 28), import_id=2)  # fmt: skip
    add_post(store, "facebook", "p2", DAY, reach=50)
    add_post(store, "facebook", "p3", DAY, reach=70, text_raw="𝐇𝐞𝐢", text_nfkc="Hei")
    add_post(store, "instagram", "p1", DAY, reach=90, text_raw="Annen konto")
    data = review_data(store)
    assert "text_nfkc" not in data.measures.columns
    read = with_text(
        data.measures.select(*SNAPSHOT_KEY, "has_text", "reach"), data.texts
    )
    assert records(read.select("platform", "post_id", "reach", "has_text", "text_nfkc")
                   .order_by(["platform", "post_id"])) == [
        {"platform": "facebook", "post_id": "p1", "reach": 200.0, "has_text": True,
         "text_nfkc": "Ny tekst"},
        {"platform": "facebook", "post_id": "p2", "reach": 50.0, "has_text": False,
         "text_nfkc": None},
        {"platform": "facebook", "post_id": "p3", "reach": 70.0, "has_text": True,
         "text_nfkc": "Hei"},
        {"platform": "instagram", "post_id": "p1", "reach": 90.0, "has_text": True,
         "text_nfkc": "Annen konto"},
    ]  # fmt: skip
