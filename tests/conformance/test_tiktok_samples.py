"""Real TikTok exports from ../shared/samples, imported through the real code path.

``rows_imported`` counts stored values: a daily file stores one value per day and
metric (``undefined``, ``NAN`` and ``--`` are left out), a content file one post per
row, a breakdown one value per row. The data rows are those of SOURCES.md ("Rows");
the value counts were counted with ``csv`` (data rows × metric columns − missing
cells), and ``test_value_counts_match_the_files`` counts them again.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sample_outcomes import SAMPLES, Expected, check_outcome, read_csv

from fokus.ingest.pipeline import import_file
from fokus.model.imports import ImportOutcome
from fokus.store import Store

if not SAMPLES.is_dir():
    pytest.skip(f"{SAMPLES} is absent", allow_module_level=True)

pytestmark = pytest.mark.samples
TIMEZONE = "Europe/Oslo"
BOSS = "tiktok/BossZY27__tiktok-analytics/"
HAILEY = "tiktok/htupycollabs-spec__Analytics/"
FOLLOWERS = HAILEY + "Followers_haileytupy2.0/"
VSB = "tiktok/vsbperoto__vintage-analytics-dashboard/"
EXPORT_DAY = dt.date(2026, 2, 28)
"""The day of HAILEY's export: Content.csv's Time column (the year from its videos)."""


def imported(kind: str, values: int) -> Expected:
    return Expected("imported", f"tiktok_{kind}", values, 0)


EXPECTED: dict[str, Expected] = {
    BOSS + "Overview.csv": imported("overview", 7 * 5),
    BOSS + "Overview.xlsx": imported("overview", 7 * 5),
    HAILEY + "Content.csv": imported("content", 13),
    HAILEY + "Overview.csv": imported("overview", 365 * 5),
    HAILEY + "Viewers.csv": imported("viewers", 365 * 3 - 25),  # 25 × undefined
    FOLLOWERS + "FollowerActivity.csv": imported("follower_activity", 168),
    FOLLOWERS + "FollowerGender.csv": imported("audience", 3),
    FOLLOWERS + "FollowerHistory.csv": imported("followers", 365 * 2 - 25),
    FOLLOWERS + "FollowerTopTerritories.csv": imported("audience", 11),
    VSB + "TIKTOK_AUDIENCE_RAW.csv": imported("followers", 62 * 4 - 62 - 2),
    VSB + "TIKTOK_RAW.csv": imported("overview", 62 * 11 - 1),  # one NAN
    VSB + "TIKTOK_VIDEO_RAW.csv": imported("content", 51),
}
DATA_ROWS: dict[str, int] = {
    BOSS + "Overview.csv": 7,
    BOSS + "Overview.xlsx": 7,
    HAILEY + "Content.csv": 13,
    HAILEY + "Overview.csv": 365,
    HAILEY + "Viewers.csv": 365,
    FOLLOWERS + "FollowerActivity.csv": 168,
    FOLLOWERS + "FollowerGender.csv": 3,
    FOLLOWERS + "FollowerHistory.csv": 365,
    FOLLOWERS + "FollowerTopTerritories.csv": 11,
    VSB + "TIKTOK_AUDIENCE_RAW.csv": 62,
    VSB + "TIKTOK_RAW.csv": 62,
    VSB + "TIKTOK_VIDEO_RAW.csv": 51,
}
"""Data rows per file, from SOURCES.md."""
MISSING = {"", "undefined", "nan", "--"}


def _import(relative: str, store: Store, as_of: dt.date | None = None) -> ImportOutcome:
    return import_file(
        SAMPLES / relative,
        store,
        exports_dir=SAMPLES / "tiktok",
        timezone=TIMEZONE,
        as_of=as_of,
    )


def test_every_sample_file_has_its_data_row_count() -> None:
    assert set(EXPECTED) == set(DATA_ROWS)


@pytest.mark.parametrize("relative", sorted(EXPECTED), ids=lambda r: r.split("/", 1)[1])
def test_outcome(relative: str, store: Store) -> None:
    outcome = _import(relative, store)
    check_outcome(outcome, EXPECTED[relative], store)
    assert outcome.rows_read == DATA_ROWS[relative]


@pytest.mark.parametrize(
    "relative", sorted(r for r in EXPECTED if r.endswith(".csv")), ids=lambda r: r[7:]
)
def test_value_counts_match_the_files(relative: str) -> None:
    rows = read_csv(SAMPLES / relative)
    header, data = rows[0], [r for r in rows[1:] if any(r)]
    assert len(data) == DATA_ROWS[relative]
    kind = EXPECTED[relative].kind
    if kind in {"tiktok_content", "tiktok_audience"}:
        assert EXPECTED[relative].rows_imported == len(data)
        return
    # Every column but the date (and the hour) holds a metric.
    metrics = [i for i, name in enumerate(header) if name not in {"Date", "Hour"}]
    filled = sum(
        1 for r in data for i in metrics if r[i].strip().lower() not in MISSING
    )
    assert EXPECTED[relative].rows_imported == filled


def test_the_year_of_every_day_is_counted_back_from_the_export(store: Store) -> None:
    for name in ("Overview.csv", "Viewers.csv"):
        _import(HAILEY + name, store, as_of=EXPORT_DAY)
    _import(FOLLOWERS + "FollowerHistory.csv", store, as_of=EXPORT_DAY)
    year = [dt.date(2025, 2, 28) + dt.timedelta(n) for n in range(365)]
    for metric in ("views", "new_viewers", "net_follows"):
        days = store.connection.execute(
            "SELECT day FROM daily WHERE metric = ? ORDER BY day", [metric]
        ).fetchall()
        assert [d for (d,) in days] == year, metric
    # The first days' totals are `undefined` in the file: missing, not zero.
    assert store.connection.execute(
        "SELECT min(day), count(*), min(value) FROM daily WHERE metric = 'viewers'"
    ).fetchall() == [(dt.date(2025, 3, 25), 340, 3.0)]


def test_the_content_export_day_comes_from_its_time_column(store: Store) -> None:
    outcome = _import(HAILEY + "Content.csv", store)
    assert outcome.as_of is not None
    assert (outcome.as_of.month, outcome.as_of.day) == (2, 28)
    assert [(r[0], r[1]) for r in store.connection.execute(
        "SELECT as_of_source, columns[1] FROM imports").fetchall()] == [
        ("content", "Time")
    ]  # fmt: skip


def test_post_years_agree_with_the_video_ids(store: Store) -> None:
    _import(HAILEY + "Content.csv", store, as_of=EXPORT_DAY)
    posts = store.connection.execute(
        "SELECT post_id, published_day, account_id, format FROM posts"
    ).fetchall()
    assert len(posts) == 13
    for post_id, day, account, format_ in posts:
        # TikTok ids start with the upload time in seconds (the upper 32 bits):
        # an independent check of the inferred year, within a day of time zones.
        uploaded = dt.datetime.fromtimestamp(int(post_id) >> 32, dt.UTC).date()
        assert abs((day - uploaded).days) <= 1, post_id
        assert (account, format_) == ("haileytupy2.0", "video")


def test_business_posts_with_time_and_saves(store: Store) -> None:
    _import(VSB + "TIKTOK_VIDEO_RAW.csv", store)
    assert store.connection.execute(
        "SELECT account_id, published_at, views, saves FROM posts "
        "WHERE post_id = '7567452112981069079'"
    ).fetchall() == [
        (
            "vintagerest.bg",
            dt.datetime(2025, 10, 31, 18, 19, 10, tzinfo=dt.UTC),
            172353.0,
            180.0,
        )
    ]


def test_breakdowns_are_percent_and_sum_to_100(store: Store) -> None:
    _import(FOLLOWERS + "FollowerGender.csv", store)
    _import(FOLLOWERS + "FollowerTopTerritories.csv", store)
    assert store.connection.execute(
        "SELECT account_id, block, round(sum(value), 6) FROM audience "
        "GROUP BY ALL ORDER BY block"
    ).fetchall() == [
        ("haileytupy2.0", "gender", 100.0),
        ("haileytupy2.0", "top_territories", 100.0),
    ]
    assert store.connection.execute(
        "SELECT category, value FROM audience WHERE block = 'gender' ORDER BY category"
    ).fetchall() == [("Female", 59.0), ("Male", 41.0), ("Other", 0.0)]


def test_the_xlsx_holds_the_same_days_as_the_csv(store: Store) -> None:
    _import(BOSS + "Overview.csv", store, as_of=dt.date(2025, 4, 19))
    _import(BOSS + "Overview.xlsx", store, as_of=dt.date(2025, 4, 19))
    per_import = store.connection.execute(
        "SELECT import_id, list((day, metric, value) ORDER BY day, metric) "
        "FROM daily GROUP BY import_id ORDER BY import_id"
    ).fetchall()
    assert len(per_import) == 2
    assert per_import[0][1] == per_import[1][1]
    assert per_import[0][1][0] == (dt.date(2025, 4, 12), "comments", 1.0)


def test_all_files_together_in_one_workspace(store: Store) -> None:
    outcomes = [_import(relative, store) for relative in sorted(EXPECTED)]
    assert {o.status for o in outcomes} == {"imported"}
    assert len(store.imports()) == len(EXPECTED)


def test_business_post_times_are_read_as_utc(store: Store) -> None:
    # A video id starts with its upload second; every exported post time is a few
    # seconds after it when read as UTC, so the import reads them as UTC.
    _import(VSB + "TIKTOK_VIDEO_RAW.csv", store)
    rows = store.connection.execute(
        "SELECT post_id, published_at FROM posts"
    ).fetchall()
    assert len(rows) == 51
    lags = {
        (published - dt.datetime.fromtimestamp(int(post_id) >> 32, dt.UTC)).seconds
        for post_id, published in rows
    }
    assert lags <= set(range(0, 11))
