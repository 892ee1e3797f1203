"""The engagement rate on real X data: what fokus recomputes from the store equals
the `engagement rate` column X exported, for every tweet of the De Bruine data set.

X's analytics export (analytics.twitter.com, 2021) gives each tweet's
`engagement rate` = engagements ÷ impressions. fokus does not store that column
(it is derived: docs/metrics.md); it stores `engagements` and `impressions`. Here
every monthly tweet file is imported through the real importer, the rate is
computed from the store as the review reads it, and compared with the column read
independently with ``csv`` — exactly: both are one IEEE division of the same two
numbers.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sample_outcomes import DATASETS, SHARED

from fokus.analyses.base import records
from fokus.ingest.pipeline import import_file
from fokus.review import review_data
from fokus.store import Store

DATASET = DATASETS / "twitter_analytics_export_debruine"
if not DATASET.is_dir():
    pytest.skip(f"{SHARED} is absent", allow_module_level=True)

pytestmark = [pytest.mark.samples, pytest.mark.slow]  # imports 12 files
TWEET_FILES = sorted(DATASET.glob("tweet_activity_metrics_*.csv"))
TWEETS = 3087  # datasets/SOURCES.md


def exported_rates() -> dict[str, float]:
    """Tweet id → the exported `engagement rate`, from the files themselves."""
    rates: dict[str, float] = {}
    for path in TWEET_FILES:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                assert row["Tweet id"] not in rates  # each tweet in one month
                rates[row["Tweet id"]] = float(row["engagement rate"])
    return rates


def test_engagement_rate_equals_the_exported_column_for_every_tweet(
    tmp_path: Path,
) -> None:
    expected = exported_rates()
    assert len(TWEET_FILES) == 12
    assert len(expected) == TWEETS
    with Store.open(tmp_path / "fokus.duckdb") as store:
        for path in TWEET_FILES:
            outcome = import_file(
                path, store, exports_dir=DATASET, timezone="Europe/Oslo"
            )
            assert (outcome.status, outcome.rows_skipped) == ("imported", 0)
        data = review_data(store)
        posts = data.posts
        rows = records(
            posts.select(
                "post_id",
                rate=posts.engagements / posts.impressions,
                impressions="impressions",
            )
        )
        measured = records(data.measures.select("post_id", "rate_views"))
    assert len(rows) == TWEETS
    assert all(r["impressions"] > 0 for r in rows)
    got = {r["post_id"]: r["rate"] for r in rows}
    assert got.keys() == expected.keys()
    wrong = {k: (got[k], v) for k, v in expected.items() if got[k] != v}
    assert wrong == {}
    # The review's own rate by views counts likes, replies and reposts only, a
    # part of what X calls engagements (which adds every click): never above it.
    assert all(r["rate_views"] <= expected[r["post_id"]] for r in measured)
    assert sum(r["rate_views"] < expected[r["post_id"]] for r in measured) > TWEETS / 2
