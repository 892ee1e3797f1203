"""Real X / Twitter exports from ../shared, imported through the real code path.

The row counts come from ``../shared/samples/SOURCES.md`` and
``../shared/datasets/SOURCES.md`` ("Rows"; 3,087 tweets and 365 days for the
dataset, whose per-file counts SOURCES.md does not give and were counted here with
``csv``). Daily files store one value per day and metric: 18 a day for the legacy
daily file (its 20 columns less ``Date`` and the derived ``engagement rate``, the
promoted columns being ``-``), 13 a day for the 2024+ overview.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from pathlib import Path

import pytest
from sample_outcomes import DATASETS, SAMPLES, SHARED, Expected, check_outcome, read_csv

from fokus.ingest.pipeline import import_file
from fokus.ingest.x_columns import snowflake_time
from fokus.model.imports import ImportOutcome
from fokus.store import Store

DATASET = DATASETS / "twitter_analytics_export_debruine"
if not SAMPLES.is_dir() or not DATASET.is_dir():
    pytest.skip(f"{SHARED} is absent", allow_module_level=True)

pytestmark = pytest.mark.samples
PLATFORM = "x_twitter"
TIMEZONE = "Europe/Oslo"
DEBRUINE = "x_twitter/debruine__30DCC-2022/data/tweets/"
WORMHOLE = "x_twitter/FG-SC__Wormhole-analytics/"
NEWS = (
    "x_twitter/astromonkeyduck-coder__News-Fact-Checker-Test/"
    "account_analytics_content_2025-11-02_2025-11-09.csv"
)
SHINY = (
    "x_twitter/pmaier1971__TwitterPredictiveAnalytics/"
    "tweet_activity_metrics_EconomicsShiny_20220201_20220301_en.csv"
)
LEGACY_DAILY_METRICS = 18
OVERVIEW_METRICS = 13


def tweets(n: int) -> Expected:
    return Expected("imported", "x_tweets", n, 0)


def content(n: int, skipped: int = 0) -> Expected:
    return Expected("imported", "x_content", n, skipped)


def days(n: int) -> Expected:
    """A legacy daily file: 18 values a day."""
    return Expected("imported", "x_daily", n * LEGACY_DAILY_METRICS, 0)


EXPECTED: dict[str, Expected] = {
    DEBRUINE + "daily_tweet_activity_metrics_LisaDeBruine_20211201_20220101_en.csv": (
        days(31)
    ),
    DEBRUINE + "tweet_activity_metrics_LisaDeBruine_20211201_20220101_en.csv": (
        tweets(119)
    ),
    SHINY: tweets(160),
    WORMHOLE + "account_overview_analytics.csv": Expected(
        "imported", "x_overview", 50 * OVERVIEW_METRICS, 0
    ),
    WORMHOLE + "account_analytics_content_2024-11-21_2025-02-19.csv": content(141),
    NEWS: content(22, 2),  # 24 data rows, 2 of them junk (status/undefined)
}
"""Relative path under samples/ → outcome."""

_MONTHS = ("20210101", "20210201", "20210301", "20210401", "20210501", "20210601",
           "20210701", "20210801", "20210901", "20211001", "20211101", "20211201",
           "20220101")  # fmt: skip
_TWEETS_PER_MONTH = (188, 193, 268, 305, 263, 222, 221, 356, 311, 373, 268, 119)
_DAYS_PER_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
MONTHLY_TWEETS = tuple(
    f"tweet_activity_metrics_LisaDeBruine_{a}_{b}_en.csv"
    for a, b in itertools.pairwise(_MONTHS)
)
DATASET_EXPECTED: dict[str, Expected] = {
    **{
        name: tweets(n)
        for name, n in zip(MONTHLY_TWEETS, _TWEETS_PER_MONTH, strict=True)
    },
    **{
        f"daily_tweet_activity_metrics_LisaDeBruine_{a}_{b}_en.csv": days(n)
        for (a, b), n in zip(itertools.pairwise(_MONTHS), _DAYS_PER_MONTH, strict=True)
    },
}
"""File name in datasets/twitter_analytics_export_debruine/ → outcome."""


def _sample(relative: str, store: Store) -> ImportOutcome:
    return import_file(
        SAMPLES / relative, store, exports_dir=SAMPLES / PLATFORM, timezone=TIMEZONE
    )


def _dataset(name: str, store: Store) -> ImportOutcome:
    return import_file(DATASET / name, store, exports_dir=DATASET, timezone=TIMEZONE)


def test_every_dataset_file_has_an_expected_outcome() -> None:
    assert {p.name for p in DATASET.iterdir() if p.is_file()} == set(DATASET_EXPECTED)
    assert sum(_TWEETS_PER_MONTH) == 3087 and sum(_DAYS_PER_MONTH) == 365


@pytest.mark.parametrize("relative", sorted(EXPECTED), ids=lambda r: r.split("/")[-1])
def test_sample_outcome(relative: str, store: Store) -> None:
    check_outcome(_sample(relative, store), EXPECTED[relative], store)


@pytest.mark.parametrize("name", sorted(DATASET_EXPECTED))
def test_dataset_outcome(name: str, store: Store) -> None:
    check_outcome(_dataset(name, store), DATASET_EXPECTED[name], store)


def test_the_counts_are_the_files_rows() -> None:
    for name, expected in DATASET_EXPECTED.items():
        rows = len(read_csv(DATASET / name)) - 1
        per_row = 1 if expected.kind == "x_tweets" else LEGACY_DAILY_METRICS
        assert rows * per_row == expected.rows_imported, name


def test_junk_rows_are_skipped_with_their_own_reason(store: Store) -> None:
    outcome = _sample(NEWS, store)
    rows = read_csv(SAMPLES / NEWS)
    junk = [i for i, r in enumerate(rows, start=1) if r[3].endswith("/undefined")]
    assert junk == [18, 19]
    assert [(s.row, s.reason_key) for s in outcome.skipped] == [
        (18, "import.skip.x_undefined_post"),
        (19, "import.skip.x_undefined_post"),
    ]
    # The rows after the junk keep their own row numbers.
    last = rows[-1][0]
    assert store.connection.execute(
        "SELECT source_row FROM posts WHERE post_id = ?", [last]
    ).fetchall() == [(len(rows),)]


def test_post_ids_give_the_time_that_time_gives() -> None:
    # The ground for timing 2024+ posts from their ids: in every legacy file, where
    # X gives both, the id's moment is the exported `time` to the minute.
    checked = 0
    for path in [SAMPLES / SHINY, *(DATASET / name for name in MONTHLY_TWEETS)]:
        header, *rows = read_csv(path)
        tweet_id, time = header.index("Tweet id"), header.index("time")
        for row in rows:
            moment = snowflake_time(row[tweet_id])
            assert moment is not None
            exported = dt.datetime.strptime(row[time], "%Y-%m-%d %H:%M %z")
            assert moment.replace(second=0, microsecond=0) == exported, row[tweet_id]
            checked += 1
    assert checked == 3087 + 160


def test_content_posts_are_timed_from_their_ids(store: Store) -> None:
    relative = WORMHOLE + "account_analytics_content_2024-11-21_2025-02-19.csv"
    outcome = _sample(relative, store)
    assert outcome.as_of == dt.date(2025, 2, 19)
    assert ("import.note.x_time_from_id", {"count": "141"}) in outcome.notes
    con = store.connection
    assert con.execute(
        "SELECT published_at, published_day, account_id FROM posts WHERE post_id = ?",
        ["1891564128784855141"],
    ).fetchall() == [
        (
            dt.datetime(2025, 2, 17, 19, 3, 26, 521000, tzinfo=dt.UTC),
            dt.date(2025, 2, 17),
            "wormhole_br",
        )
    ]
    assert con.execute(
        "SELECT value, count(*) FROM post_fields WHERE name = 'published_time_source' "
        "GROUP BY value"
    ).fetchall() == [("post_id", 141)]


@pytest.mark.slow  # imports 13 files
def test_engagement_rate_recomputes_exactly_for_every_real_tweet(store: Store) -> None:
    for name in MONTHLY_TWEETS:
        _dataset(name, store)
    _sample(SHINY, store)
    assert store.connection.execute(
        "SELECT count(*), count(*) FILTER (p.engagements / p.impressions = f.value::DOUBLE) "
        "FROM posts p JOIN post_fields f USING (platform, account_id, post_id) "
        "WHERE f.name = 'engagement rate'"
    ).fetchall() == [(3087 + 160, 3087 + 160)]


def test_legacy_tweets_are_organic_and_timed_in_utc(store: Store) -> None:
    relative = DEBRUINE + "tweet_activity_metrics_LisaDeBruine_20211201_20220101_en.csv"
    outcome = _sample(relative, store)
    assert outcome.as_of == dt.date(2022, 1, 1)
    con = store.connection
    assert con.execute(
        "SELECT paid, format, account_id, count(*) FROM posts GROUP BY ALL"
    ).fetchall() == [("organic", "other", "lisadebruine", 119)]
    assert con.execute(
        "SELECT published_at, published_day, impressions, engagements, likes, "
        "impressions_paid FROM posts WHERE post_id = '1476946213748543488'"
    ).fetchall() == [
        (
            dt.datetime(2021, 12, 31, 15, 59, tzinfo=dt.UTC),
            dt.date(2021, 12, 31),
            104.0,
            4.0,
            2.0,
            None,
        )
    ]


def _posts_view(store: Store) -> list[tuple[object, ...]]:
    return store.connection.execute(
        "SELECT * EXCLUDE (import_id) FROM posts ORDER BY platform, account_id, post_id"
    ).fetchall()


def _daily_view(store: Store) -> list[tuple[object, ...]]:
    return store.connection.execute(
        "SELECT * EXCLUDE (import_id) FROM latest_daily ORDER BY ALL"
    ).fetchall()


@pytest.mark.slow  # imports every monthly file (72 imports for the orders)
def test_monthly_files_in_any_order_give_the_same_posts(tmp_path: Path) -> None:
    daily = tuple(n for n in DATASET_EXPECTED if n.startswith("daily_"))
    orders = {
        "in order": MONTHLY_TWEETS + daily,
        "reversed": tuple(reversed(MONTHLY_TWEETS + daily)),
        # A fixed seed: the same "any" order on every run.
        "shuffled": tuple(random.Random(3).sample(MONTHLY_TWEETS + daily, 24)),  # noqa: S311
    }
    views = {}
    for label, names in orders.items():
        with Store.open(tmp_path / f"{label}.duckdb") as store:
            for name in names:
                assert _dataset(name, store).status == "imported"
            views[label] = (_posts_view(store), _daily_view(store))
    first = views["in order"]
    assert len(first[0]) == 3087
    assert len(first[1]) == 365 * LEGACY_DAILY_METRICS
    assert views["reversed"] == first
    assert views["shuffled"] == first


def test_a_dataset_file_and_its_sample_copy_are_one_file(store: Store) -> None:
    name = "tweet_activity_metrics_LisaDeBruine_20211201_20220101_en.csv"
    assert (DATASET / name).read_bytes() == (SAMPLES / DEBRUINE / name).read_bytes()
    _dataset(name, store)
    assert _sample(DEBRUINE + name, store).status == "already_imported"
