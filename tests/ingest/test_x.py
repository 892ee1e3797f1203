"""X / Twitter exports: every quirk of export-formats.md §7 on synthetic files.

The files are written here, in the layouts of the real exports: analytics.twitter.com's
tweet and daily activity files (40 and 38 columns, floats like ``104.0``, ``-`` in the
promoted columns) and X's 2024+ content and overview files (date only, two header
versions, junk rows pointing to ``status/undefined``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

import pytest
from meta_exports import facebook_row, write_facebook

from fokus.ingest.pipeline import choose_adapter, import_file
from fokus.ingest.registry import ADAPTERS
from fokus.ingest.sniff import read_sample
from fokus.ingest.x_columns import parse_day, snowflake_time
from fokus.model.imports import ImportOutcome
from fokus.store import Store

UTC = dt.UTC
BASE = (
    "retweets", "replies", "likes", "user profile clicks", "url clicks",
    "hashtag clicks", "detail expands", "permalink clicks", "app opens",
    "app installs", "follows", "email tweet", "dial phone", "media views",
    "media engagements",
)  # fmt: skip
TWEETS_HEADER = (
    "Tweet id", "Tweet permalink", "Tweet text", "time", "impressions",
    "engagements", "engagement rate", *BASE, "promoted impressions",
    "promoted engagements", "promoted engagement rate",
    *(f"promoted {name}" for name in BASE),
)  # fmt: skip
DAILY_HEADER = (
    "Date", "Tweets published", "impressions", "engagements", "engagement rate",
    *BASE, "promoted impressions", "promoted engagements",
    "promoted engagement rate", *(f"promoted {name}" for name in BASE),
)  # fmt: skip
CONTENT_FEB = (
    "Post id", "Date", "Post text", "Link", "Impressions", "Likes", "Engagements",
    "Bookmarks", "Share", "New follows", "Replies", "Reposts", "Profile visits",
    "Detail expands", "Url clicks", "Hashtag clicks", "Permalink clicks",
)  # fmt: skip
CONTENT_NOV = (
    "Post id", "Date", "Post text", "Post Link", "Impressions", "Likes",
    "Engagements", "Bookmarks", "Shares", "New follows", "Replies", "Reposts",
    "Profile visits", "Detail Expands", "URL Clicks", "Hashtag Clicks",
    "Permalink Clicks",
)  # fmt: skip
OVERVIEW_HEADER = (
    "Date", "Impressions", "Likes", "Engagements", "Bookmarks", "Shares",
    "New follows", "Unfollows", "Replies", "Reposts", "Profile visits",
    "Create Post", "Video views", "Media views",
)  # fmt: skip

# Real-looking snowflake ids: the moment each was made is in the id.
ID_DEC31 = "1476946213748543488"  # 2021-12-31 15:59:52.348 UTC
ID_LATE = "1477070000000000000"  # 2022-01-01 00:11:45.290 UTC
ID_NOV9 = "1987315260559167965"  # 2025-11-09 00:24:15.306 UTC
ID_NOV8 = "1987273397387030810"  # 2025-11-08 21:37:54.348 UTC
CAPTION = 'Ny rapport ute!\nLes "hele" saken her 👇 https://t.co/abc'


def _csv(rows: Sequence[Sequence[str]], *, quote_all: bool, crlf: bool = False) -> str:
    buffer = io.StringIO()
    quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    end = "\r\n" if crlf else "\n"
    csv.writer(buffer, quoting=quoting, lineterminator=end).writerows(rows)
    return buffer.getvalue()


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def tweet_row(
    tweet_id: str,
    time: str,
    text: str,
    *,
    impressions: str = "104.0",
    engagements: str = "4.0",
    promoted: Sequence[str] = ("-",) * 18,
    handle: str = "Fjordvik",
) -> list[str]:
    """One row of the 40-column tweet activity export, with its exact rate."""
    rate = repr(float(engagements) / float(impressions))
    organic = ["1.0", "0.0", "2.0", "1.0", "0.0", "0.0", "3.0", "0.0", "0", "0",
               "1", "0", "0", "5", "2"]  # fmt: skip
    return [
        tweet_id, f"https://twitter.com/{handle}/status/{tweet_id}", text, time,
        impressions, engagements, rate, *organic, *promoted,
    ]  # fmt: skip


def write_tweets(
    path: Path, rows: Sequence[Sequence[str]], header=TWEETS_HEADER
) -> Path:  # type: ignore[no-untyped-def]
    return _write(path, _csv([header, *rows], quote_all=True))


def _import(path: Path, store: Store, **kwargs: object) -> ImportOutcome:
    exports = kwargs.pop("exports_dir", path.parent)
    assert isinstance(exports, Path)
    return import_file(
        path, store, exports_dir=exports, timezone="Europe/Oslo",
        **kwargs,  # type: ignore[arg-type]
    )  # fmt: skip


def _rows(store: Store, sql: str, *params: object) -> list[tuple[object, ...]]:
    return store.connection.execute(sql, list(params)).fetchall()


TWEETS_NAME = "tweet_activity_metrics_Fjordvik_20211201_20220101_en.csv"
PAID = ("250.0", "12.0", "0.048", "1.0", "0.0", "9.0", "2.0", "0.0", "0.0", "0.0",
        "0.0", "0", "0", "0", "0", "0", "0", "0")  # fmt: skip
ZERO = ("0",) * 18


@pytest.fixture
def tweets(tmp_path: Path) -> Path:
    return write_tweets(tmp_path / TWEETS_NAME, [
        tweet_row(ID_LATE, "2022-01-01 00:11 +0000", "Godt nytt år!",
                  impressions="2000.0", engagements="37.0", promoted=PAID),
        tweet_row(ID_DEC31, "2021-12-31 15:59 +0000", CAPTION),
        tweet_row("1476900000000000000", "2021-12-31 12:56 +0000", "Null",
                  impressions="7", engagements="0", promoted=ZERO),
    ])  # fmt: skip


# -- the legacy tweet activity export ------------------------------------------------


def test_tweets_are_stored_with_exact_values(tweets: Path, store: Store) -> None:
    outcome = _import(tweets, store)
    assert (outcome.status, outcome.kind) == ("imported", "x_tweets")
    assert (outcome.rows_read, outcome.rows_imported, outcome.rows_skipped) == (3, 3, 0)
    assert outcome.as_of == dt.date(2022, 1, 1)  # the end of the range in the name
    rows = _rows(
        store,
        "SELECT post_id, account_id, published_at, published_day, format, paid, "
        "text_raw, permalink, source_row FROM posts ORDER BY published_at",
    )
    assert rows == [
        ("1476900000000000000", "fjordvik", dt.datetime(2021, 12, 31, 12, 56, tzinfo=UTC),
         dt.date(2021, 12, 31), "other", "organic", "Null",
         "https://twitter.com/Fjordvik/status/1476900000000000000", 4),
        (ID_DEC31, "fjordvik", dt.datetime(2021, 12, 31, 15, 59, tzinfo=UTC),
         dt.date(2021, 12, 31), "other", "organic", CAPTION,
         f"https://twitter.com/Fjordvik/status/{ID_DEC31}", 3),
        # 23:11 UTC on New Year's Eve would be the 31st; 00:11 UTC is 01:11 in Oslo.
        (ID_LATE, "fjordvik", dt.datetime(2022, 1, 1, 0, 11, tzinfo=UTC),
         dt.date(2022, 1, 1), "other", "paid", "Godt nytt år!",
         f"https://twitter.com/Fjordvik/status/{ID_LATE}", 2),
    ]  # fmt: skip
    metrics = dict(
        _rows(
            store,
            "SELECT metric, value FROM latest_post_metrics WHERE post_id = ?",
            ID_DEC31,
        )
    )
    assert metrics == {
        "impressions": 104.0, "engagements": 4.0, "reposts": 1.0, "comments": 0.0,
        "likes": 2.0, "profile_visits": 1.0, "link_clicks": 0.0, "hashtag_clicks": 0.0,
        "detail_expands": 3.0, "permalink_clicks": 0.0, "app_opens": 0.0,
        "app_installs": 0.0, "follows": 1.0, "email_shares": 0.0, "dial_phone": 0.0,
        "media_views": 5.0, "media_engagements": 2.0,
    }  # fmt: skip
    assert _rows(store, "SELECT * FROM accounts") == [("x", "fjordvik", None, None, 1)]


def test_promoted_columns_decide_paid_and_dash_is_organic(
    tweets: Path, store: Store
) -> None:
    _import(tweets, store)
    assert _rows(
        store,
        "SELECT post_id, paid, impressions_paid, engagements_paid FROM posts "
        "ORDER BY post_id",
    ) == [
        ("1476900000000000000", "organic", 0.0, 0.0),  # 0: promoted, never shown
        (ID_DEC31, "organic", None, None),  # "-": never promoted, nothing measured
        (ID_LATE, "paid", 250.0, 12.0),
    ]
    fields = dict(
        _rows(
            store,
            "SELECT name, value FROM post_fields WHERE post_id = ? "
            "AND name LIKE 'promoted%'",
            ID_LATE,
        )
    )
    assert fields["promoted engagement rate"] == "0.048"
    assert fields["promoted likes"] == "9.0"
    assert not _rows(
        store, "SELECT * FROM post_fields WHERE post_id = ? AND value = '-'", ID_DEC31
    )


def test_every_one_of_the_40_columns_is_a_field_a_metric_or_kept(
    tweets: Path, store: Store
) -> None:
    _import(tweets, store)
    [(columns, extras)] = _rows(store, "SELECT columns, extra_columns FROM imports")
    assert columns == list(TWEETS_HEADER) and len(TWEETS_HEADER) == 40
    fields = {"Tweet id", "Tweet permalink", "Tweet text", "time"}
    metrics = {"impressions", "engagements", *BASE, "promoted impressions",
               "promoted engagements"}  # fmt: skip
    assert extras == [
        "engagement rate", "promoted engagement rate",
        *(f"promoted {name}" for name in BASE),
    ]  # fmt: skip
    assert fields | metrics | set(extras) == set(TWEETS_HEADER)
    assert len(fields) + len(metrics) + len(extras) == 40


def test_engagement_rate_is_engagements_over_impressions(
    tweets: Path, store: Store
) -> None:
    # Not stored as a metric (it is derived), but kept, and recomputable exactly.
    _import(tweets, store)
    rows = _rows(
        store,
        "SELECT p.post_id, p.engagements / p.impressions, f.value::DOUBLE "
        "FROM posts p JOIN post_fields f USING (platform, account_id, post_id) "
        "WHERE f.name = 'engagement rate' ORDER BY p.post_id",
    )
    assert [r[0] for r in rows] == ["1476900000000000000", ID_DEC31, ID_LATE]
    assert [r[1] for r in rows] == [r[2] for r in rows] == [0.0, 4 / 104, 37 / 2000]


def test_a_time_in_another_offset_is_skipped_not_guessed(
    tmp_path: Path, store: Store
) -> None:
    path = write_tweets(tmp_path / "t.csv", [
        tweet_row(ID_DEC31, "2021-12-31 15:59 +0000", "UTC"),
        tweet_row(ID_LATE, "2022-01-01 01:11 +0100", "Not UTC"),
    ])  # fmt: skip
    outcome = _import(path, store)
    assert (outcome.kind, outcome.rows_imported) == ("x_tweets", 1)
    assert [(s.row, s.reason_key, s.params["value"]) for s in outcome.skipped] == [
        (3, "import.skip.bad_date", "2022-01-01 01:11 +0100")
    ]


def test_a_time_in_fullwidth_digits_is_skipped_as_a_bad_date(
    tmp_path: Path, store: Store
) -> None:
    # "\\d" in a pattern matches "１２", which no date parser reads: it crashed the import.
    times = [f"2021-12-{day} 1{day[1]}:00 +0000" for day in ("27", "28", "29", "30")]
    path = write_tweets(tmp_path / "t.csv", [
        *(tweet_row(f"147690000000000000{i}", t, "UTC") for i, t in enumerate(times)),
        tweet_row(ID_LATE, "2022-01-０１ 00:11 +0000", "Fullwidth"),
    ])  # fmt: skip
    outcome = _import(path, store)
    assert (outcome.status, outcome.kind, outcome.rows_imported) == (
        "imported",
        "x_tweets",
        4,
    )
    assert [(s.row, s.reason_key) for s in outcome.skipped] == [
        (6, "import.skip.bad_date")
    ]
    assert outcome.as_of == dt.date(2021, 12, 30)  # the newest day that can be read


def test_the_links_name_the_account_before_the_file_name(
    tmp_path: Path, store: Store
) -> None:
    # A renamed download: the handle in the post links still says whose it is.
    row = tweet_row(ID_DEC31, "2021-12-31 15:59 +0000", "Hei")
    name = "tweet_activity_metrics_Someone_20211201_20220101_en.csv"
    _import(write_tweets(tmp_path / name, [row]), store)
    assert _rows(store, "SELECT account_id FROM posts") == [("fjordvik",)]


# -- the 2024+ content export ----------------------------------------------------------


def content_row(post_id: str, date: str, text: str, link_id: str = "") -> list[str]:
    link = f"https://x.com/Fjordvik/status/{link_id or post_id}"
    return [post_id, date, text, link, "1351", "5", "41", "1", "2", "3", "1", "4",
            "2", "29", "7", "0", "6"]  # fmt: skip


JUNK = ["", "", "", "https://x.com/Fjordvik/status/undefined", *["0"] * 13]


def test_content_export_times_posts_from_their_ids(
    tmp_path: Path, store: Store
) -> None:
    path = _write(
        tmp_path / "account_analytics_content_2025-11-02_2025-11-09.csv",
        _csv([CONTENT_NOV,
              content_row(ID_NOV9, "Sun, Nov 9, 2025", "Siste nytt"),
              JUNK, JUNK,
              content_row(ID_NOV8, "Sat, Nov 8, 2025", CAPTION)],
             quote_all=False),
    )  # fmt: skip
    outcome = _import(path, store)
    assert (outcome.status, outcome.kind) == ("imported", "x_content")
    assert (outcome.rows_read, outcome.rows_imported, outcome.rows_skipped) == (4, 2, 2)
    assert outcome.as_of == dt.date(2025, 11, 9)
    # The junk rows have their own reason, not "no post id".
    assert [(s.row, s.reason_key) for s in outcome.skipped] == [
        (3, "import.skip.x_undefined_post"),
        (4, "import.skip.x_undefined_post"),
    ]
    assert ("import.note.x_time_from_id", {"count": "2"}) in outcome.notes
    nov9 = snowflake_time(ID_NOV9)
    assert nov9 == dt.datetime(2025, 11, 9, 0, 24, 15, 306000, tzinfo=UTC)
    assert _rows(
        store,
        "SELECT post_id, published_at, published_day, paid, format, source_row, "
        "account_id, text_raw FROM posts ORDER BY source_row",
    ) == [
        (ID_NOV9, nov9, dt.date(2025, 11, 9), "unknown", "other", 2, "fjordvik",
         "Siste nytt"),
        (ID_NOV8, snowflake_time(ID_NOV8), dt.date(2025, 11, 8), "unknown", "other",
         5, "fjordvik", CAPTION),
    ]  # fmt: skip
    assert dict(
        _rows(store, "SELECT name, value FROM post_fields WHERE post_id = ?", ID_NOV9)
    ) == {"Date": "Sun, Nov 9, 2025", "published_time_source": "post_id"}
    assert dict(
        _rows(
            store,
            "SELECT metric, value FROM latest_post_metrics WHERE post_id = ?",
            ID_NOV9,
        )
    ) == {
        "impressions": 1351.0, "likes": 5.0, "engagements": 41.0, "saves": 1.0,
        "shares": 2.0, "follows": 3.0, "comments": 1.0, "reposts": 4.0,
        "profile_visits": 2.0, "detail_expands": 29.0, "link_clicks": 7.0,
        "hashtag_clicks": 0.0, "permalink_clicks": 6.0,
    }  # fmt: skip
    assert _rows(store, "SELECT count(*) FROM import_skips") == [(2,)]


def test_both_header_versions_store_the_same_post(tmp_path: Path, store: Store) -> None:
    feb = _write(
        tmp_path / "feb" / "account_analytics_content_2025-10-01_2025-11-09.csv",
        _csv([CONTENT_FEB, content_row(ID_NOV9, "Sun Nov 9 2025", "Hei")],
             quote_all=False, crlf=True),
    )  # fmt: skip
    nov = _write(
        tmp_path / "nov" / "account_analytics_content_2025-10-01_2025-11-10.csv",
        _csv([CONTENT_NOV, content_row(ID_NOV9, "Sun, Nov 9, 2025", "Hei")],
             quote_all=False),
    )  # fmt: skip
    for path in (feb, nov):
        assert _import(path, store).kind == "x_content"
    snapshots = _rows(
        store,
        "SELECT * EXCLUDE (import_id, as_of, extra) FROM post_snapshots "
        "ORDER BY import_id",
    )
    assert len(snapshots) == 2 and snapshots[0] == snapshots[1]


def test_a_post_without_a_usable_id_time_is_stored_at_midnight(
    tmp_path: Path, store: Store
) -> None:
    path = _write(tmp_path / "content.csv", _csv([
        CONTENT_NOV,
        # An id older than snowflakes, and an id whose moment disagrees with the date.
        content_row("20", "Sun, Nov 9, 2025", "Gammel id"),
        content_row(ID_NOV9, "Mon, Nov 3, 2025", "Feil dato", link_id=ID_NOV9),
        content_row(ID_NOV8, "not a date", "Uleselig"),
        *(content_row(str(int(ID_NOV8) + n), "Sat, Nov 8, 2025", "Ok") for n in (1, 2)),
    ], quote_all=False))  # fmt: skip
    outcome = _import(path, store)
    assert (outcome.rows_imported, outcome.rows_skipped) == (4, 1)
    # The id's moment must agree with the date: a row with neither is unreadable.
    assert [(s.row, s.reason_key, s.params["value"]) for s in outcome.skipped] == [
        (4, "import.skip.bad_date", "not a date")
    ]
    assert ("import.note.x_date_only", {"count": "2"}) in outcome.notes
    assert ("import.note.x_time_from_id", {"count": "2"}) in outcome.notes
    assert outcome.as_of == dt.date(2025, 11, 9)  # the newest date in the file
    assert _rows(
        store,
        "SELECT p.post_id, p.published_at, p.published_day, f.value FROM posts p "
        "JOIN post_fields f USING (post_id) WHERE f.name = 'published_time_source' "
        "AND f.value = 'date_only' ORDER BY p.source_row",
    ) == [
        # Midnight in Oslo (UTC+1 in November) is 23:00 UTC the day before.
        ("20", dt.datetime(2025, 11, 8, 23, tzinfo=UTC), dt.date(2025, 11, 9),
         "date_only"),
        (ID_NOV9, dt.datetime(2025, 11, 2, 23, tzinfo=UTC), dt.date(2025, 11, 3),
         "date_only"),
    ]  # fmt: skip


def test_snowflake_time_and_dates() -> None:
    assert snowflake_time(ID_DEC31) == dt.datetime(
        2021, 12, 31, 15, 59, 52, 348000, tzinfo=UTC
    )
    assert snowflake_time("20") is None
    assert snowflake_time("29700000000") is None  # the last ids before snowflakes
    assert snowflake_time("undefined") is None
    assert [parse_day(t) for t in (
        "Mon Feb 17 2025", "Sun, Nov 9, 2025", "Tue, Feb 18, 2025", "2021-12-01",
        "tir. 18. feb. 2025", "fre. 3. mai 2024", "Foo 31 2025", "Feb 30 2025", "",
    )] == [
        dt.date(2025, 2, 17), dt.date(2025, 11, 9), dt.date(2025, 2, 18),
        dt.date(2021, 12, 1), dt.date(2025, 2, 18), dt.date(2024, 5, 3),
        None, None, None,
    ]  # fmt: skip


# -- daily files ---------------------------------------------------------------------


DAILY_NAME = "daily_tweet_activity_metrics_Fjordvik_20211201_20220101_en.csv"


def daily_row(day: str, promoted: Sequence[str] = ("-",) * 18) -> list[str]:
    return [day, "4", "20300", "501", "0.024679802955665023", "30", "4", "131", "54",
            "14", "7", "203", "0", "0", "0", "2", "0", "0", "65", "58", *promoted]  # fmt: skip


def test_legacy_daily_values_and_promoted_dashes(tmp_path: Path, store: Store) -> None:
    path = _write(tmp_path / DAILY_NAME, _csv([
        DAILY_HEADER,
        daily_row("2021-12-01"),
        daily_row("2021-12-02", PAID),
        daily_row("2021-12-02"),
        daily_row("02.12.2021"),
        daily_row("2021-12-03"),
    ], quote_all=True))  # fmt: skip
    outcome = _import(path, store)
    assert (outcome.status, outcome.kind) == ("imported", "x_daily")
    # 18 values a day (no engagement rate); 17 more on the promoted day.
    assert (outcome.rows_read, outcome.rows_imported, outcome.rows_skipped) == (
        5,
        18 + 18 + 17 + 18,
        2,
    )
    assert [(s.row, s.reason_key) for s in outcome.skipped] == [
        (4, "import.skip.x_duplicate_day"),
        (5, "import.skip.bad_date"),
    ]
    assert outcome.as_of == dt.date(2022, 1, 1)
    assert ("import.note.x_not_promoted", {"count": "2"}) in outcome.notes
    day1 = dict(
        _rows(store, "SELECT metric, value FROM daily WHERE day = '2021-12-01'")
    )
    assert day1 == {
        "posts_published": 4.0, "impressions": 20300.0, "engagements": 501.0,
        "reposts": 30.0, "comments": 4.0, "likes": 131.0, "profile_visits": 54.0,
        "link_clicks": 14.0, "hashtag_clicks": 7.0, "detail_expands": 203.0,
        "permalink_clicks": 0.0, "app_opens": 0.0, "app_installs": 0.0, "follows": 2.0,
        "email_shares": 0.0, "dial_phone": 0.0, "media_views": 65.0,
        "media_engagements": 58.0,
    }  # fmt: skip
    paid = dict(
        _rows(
            store,
            "SELECT metric, value FROM daily WHERE day = '2021-12-02' "
            "AND metric LIKE '%_paid'",
        )
    )
    assert len(paid) == 17 and "engagement_rate_paid" not in paid
    assert (paid["impressions_paid"], paid["engagements_paid"], paid["likes_paid"]) == (
        250.0,
        12.0,
        9.0,
    )
    assert _rows(store, "SELECT DISTINCT platform, account_id FROM daily") == [
        ("x", "fjordvik")
    ]


def test_overview_days_newest_first(tmp_path: Path, store: Store) -> None:
    path = _write(tmp_path / "exports" / "x" / "account_overview_analytics.csv", _csv([
        OVERVIEW_HEADER,
        ["Tue, Feb 18, 2025", "62", "0", "3", "0", "0", "1", "0", "0", "0", "1", "0",
         "0", "0"],
        ["Mon, Feb 17, 2025", "426", "18", "49", "1", "0", "2", "0", "1", "2", "4",
         "2", "0", "0"],
    ], quote_all=False))  # fmt: skip
    outcome = _import(path, store, exports_dir=tmp_path / "exports")
    assert (outcome.kind, outcome.rows_imported, outcome.rows_skipped) == (
        "x_overview",
        26,
        0,
    )
    assert outcome.as_of == dt.date(2025, 2, 18)  # no dates in the name: the content
    # "x" names the platform, not the account: the file does not say which.
    assert outcome.notes == (
        (
            "import.note.x_account_from_folder",
            {"account": "x", "file": "account_overview_analytics.csv"},
        ),
    )
    assert dict(
        _rows(store, "SELECT metric, value FROM daily WHERE day = '2025-02-17'")
    ) == {
        "impressions": 426.0, "likes": 18.0, "engagements": 49.0, "saves": 1.0,
        "shares": 0.0, "follows": 2.0, "unfollows": 0.0, "comments": 1.0,
        "reposts": 2.0, "profile_visits": 4.0, "posts_published": 2.0,
        "video_views": 0.0, "media_views": 0.0,
    }  # fmt: skip
    assert _rows(
        store, "SELECT min(source_row), max(source_row), min(account_id) FROM daily"
    ) == [(2, 3, "x")]


def test_overview_account_from_its_folder(tmp_path: Path, store: Store) -> None:
    path = _write(
        tmp_path / "exports" / "fjordvik" / "account_overview_analytics.csv",
        _csv([OVERVIEW_HEADER, ["Tue, Feb 18, 2025", *["1"] * 13]], quote_all=False),
    )
    _import(path, store, exports_dir=tmp_path / "exports")
    assert _rows(store, "SELECT DISTINCT account_id FROM daily") == [("fjordvik",)]


# -- languages and unknown headers ------------------------------------------------------


def test_bokmal_headers(tmp_path: Path, store: Store) -> None:
    header = ("Innleggs-ID", "Dato", "Innleggstekst", "Lenke", "Visninger", "Liker",
              "Engasjementer", "Bokmerker", "Delinger", "Nye følgere", "Svar",
              "Reposter", "Profilbesøk", "Utvidelser av detaljer",
              "Klikk på nettadresse", "Klikk på emneknagg", "Klikk på permalenke")  # fmt: skip
    path = _write(tmp_path / "innhold.csv", _csv(
        [header, content_row(ID_NOV9, "søn. 9. nov. 2025", "Hei")], quote_all=False
    ))  # fmt: skip
    outcome = _import(path, store)
    assert (outcome.kind, outcome.rows_imported, outcome.notes[:1]) == (
        "x_content",
        1,
        (("import.note.x_time_from_id", {"count": "1"}),),
    )
    assert _rows(store, "SELECT impressions, reposts, saves, comments FROM posts") == [
        (1351.0, 4.0, 1.0, 1.0)
    ]


def test_unknown_headers_fall_back_to_values(tmp_path: Path, store: Store) -> None:
    header = (
        "ツイートID",
        "ツイートの固定リンク",
        "ツイート本文",
        "時間",
        *TWEETS_HEADER[4:],
    )
    path = write_tweets(
        tmp_path / "t.csv",
        [tweet_row(ID_DEC31, "2021-12-31 15:59 +0000", "Hei")],
        header=header,
    )
    outcome = _import(path, store)
    assert (outcome.kind, outcome.rows_imported) == ("x_tweets", 1)
    assert outcome.notes == (
        ("import.note.x_found_by_values",
         {"names": "ツイートID, ツイートの固定リンク, 時間"}),
        ("import.note.unknown_columns", {"count": "1", "names": "ツイート本文"}),
    )  # fmt: skip
    assert _rows(
        store, "SELECT post_id, permalink IS NOT NULL, published_at FROM posts"
    ) == [(ID_DEC31, True, dt.datetime(2021, 12, 31, 15, 59, tzinfo=UTC))]
    # The text column was not recognised: it is kept, never dropped.
    assert _rows(
        store, "SELECT name, value FROM post_fields WHERE name = 'ツイート本文'"
    ) == [("ツイート本文", "Hei")]


def test_daily_date_column_found_by_its_values(tmp_path: Path, store: Store) -> None:
    path = _write(
        tmp_path / "exports" / "fjordvik" / "overview.csv",
        _csv([("日付", *OVERVIEW_HEADER[1:]),
              ["Tue, Feb 18, 2025", *["1"] * 13],
              ["Mon, Feb 17, 2025", *["2"] * 13]], quote_all=False),
    )  # fmt: skip
    outcome = _import(path, store, exports_dir=tmp_path / "exports")
    assert (outcome.kind, outcome.rows_imported) == ("x_overview", 26)
    assert outcome.notes == (
        (
            "import.note.x_account_from_folder",
            {"account": "fjordvik", "file": "overview.csv"},
        ),
        ("import.note.x_found_by_values", {"names": "日付"}),
    )
    assert _rows(
        store, "SELECT day, sum(value) FROM daily GROUP BY day ORDER BY day"
    ) == [
        (dt.date(2025, 2, 17), 26.0),
        (dt.date(2025, 2, 18), 13.0),
    ]


def test_tweets_resaved_as_a_workbook(tmp_path: Path, store: Store) -> None:
    xlsxwriter = pytest.importorskip("xlsxwriter")
    path = tmp_path / "tweets.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    for r, row in enumerate(
        [TWEETS_HEADER, tweet_row(ID_DEC31, "2021-12-31 15:59 +0000", CAPTION)]
    ):
        for c, cell in enumerate(row):
            sheet.write_string(r, c, cell)
    workbook.close()  # fmt: skip
    outcome = _import(path, store)
    assert (outcome.kind, outcome.rows_imported) == ("x_tweets", 1)
    assert _rows(store, "SELECT post_id, text_raw, impressions FROM posts") == [
        (ID_DEC31, CAPTION, 104.0)
    ]


# -- which adapter claims which file ------------------------------------------------------


def test_each_x_file_is_claimed_by_its_own_adapter_only(
    tmp_path: Path, tweets: Path
) -> None:
    files = {
        "x_tweets": tweets,
        "x_content": _write(tmp_path / "c.csv", _csv(
            [CONTENT_FEB, content_row(ID_NOV9, "Sun Nov 9 2025", "Hei"), JUNK],
            quote_all=False)),
        "x_daily": _write(tmp_path / "d.csv",
                          _csv([DAILY_HEADER, daily_row("2021-12-01")], quote_all=True)),
        "x_overview": _write(tmp_path / "o.csv", _csv(
            [OVERVIEW_HEADER, ["Tue, Feb 18, 2025", *["1"] * 13]], quote_all=False)),
    }  # fmt: skip
    for kind, path in files.items():
        sample = read_sample(path)
        complete = [a.kind for a in ADAPTERS if a.recognise(sample).complete]
        assert complete == [kind]
        assert choose_adapter(sample).kind == kind


def test_x_adapters_claim_nothing_of_other_platforms(tmp_path: Path) -> None:
    others = [
        write_facebook(
            tmp_path / "fb.csv",
            [facebook_row("1234567890123456789", "03/29/2026 01:30", "Hei")],
        ),
        _write(
            tmp_path / "Overview.csv",
            '\ufeff"Date","Video Views","Profile Views",'
            '"Likes","Comments","Shares"\n"February 28","0","0","0","0","0"\n',
        ),
        _write(
            tmp_path / "Content.csv",
            '"Time","Video title","Video link","Post time",'
            '"Total likes"\n"February 28","Hei",'
            '"https://www.tiktok.com/@a/video/7527623000473079054","July 16","5"\n',
        ),
        _write(
            tmp_path / "Table data.csv",
            "Content,Video title,Video publish time,"
            'Views\nTotal,,,7\n_mf5P4uoMNk,Hei,"Sep 27, 2024",7\n',
        ),
    ]
    x_adapters = [a for a in ADAPTERS if a.platform == "x"]
    assert len(x_adapters) == 4
    for path in others:
        sample = read_sample(path)
        for adapter in x_adapters:
            assert adapter.recognise(sample).matched == (), (path.name, adapter.kind)


# -- idempotence and snapshots --------------------------------------------------------------


def test_same_file_twice_changes_nothing(tweets: Path, store: Store) -> None:
    _import(tweets, store)
    before = _rows(store, "SELECT * FROM post_snapshots ORDER BY post_id")
    again = _import(tweets, store)
    assert again.status == "already_imported"
    assert _rows(store, "SELECT * FROM post_snapshots ORDER BY post_id") == before
    assert len(store.imports()) == 1


def test_older_export_never_hides_a_newer_one(tmp_path: Path, store: Store) -> None:
    newer = write_tweets(tmp_path / "new" / TWEETS_NAME, [
        tweet_row(ID_DEC31, "2021-12-31 15:59 +0000", "Hei", impressions="300.0"),
    ])  # fmt: skip
    older = write_tweets(
        tmp_path / "old" / "tweet_activity_metrics_Fjordvik_20211201_20211231_en.csv",
        [tweet_row(ID_DEC31, "2021-12-31 15:59 +0000", "Hei", impressions="104.0")],
    )
    _import(newer, store)
    posts = _rows(store, "SELECT * FROM posts")
    _import(older, store)
    assert _rows(store, "SELECT * FROM posts") == posts
    assert _rows(
        store, "SELECT as_of, impressions FROM post_snapshots ORDER BY as_of"
    ) == [
        (dt.date(2021, 12, 31), 104.0),
        (dt.date(2022, 1, 1), 300.0),
    ]
    # A still newer export adds a snapshot, and the review reads it.
    newest = write_tweets(
        tmp_path
        / "newest"
        / "tweet_activity_metrics_Fjordvik_20211201_20220115_en.csv",
        [tweet_row(ID_DEC31, "2021-12-31 15:59 +0000", "Hei", impressions="310.0")],
    )
    _import(newest, store)
    assert _rows(store, "SELECT as_of, impressions FROM posts") == [
        (dt.date(2022, 1, 15), 310.0)
    ]
    assert _rows(store, "SELECT count(*) FROM post_snapshots") == [(3,)]


def test_daily_file_twice_and_an_older_one(tmp_path: Path, store: Store) -> None:
    newer = _write(tmp_path / "a" / DAILY_NAME,
                   _csv([DAILY_HEADER, daily_row("2021-12-01")], quote_all=True))  # fmt: skip
    _import(newer, store)
    assert _import(newer, store).status == "already_imported"
    older_row = daily_row("2021-12-01")
    older_row[2] = "100"
    older = _write(
        tmp_path
        / "b"
        / "daily_tweet_activity_metrics_Fjordvik_20211201_20211202_en.csv",
        _csv([DAILY_HEADER, older_row], quote_all=True),
    )
    _import(older, store)
    assert _rows(
        store, "SELECT value FROM latest_daily WHERE metric = 'impressions'"
    ) == [(20300.0,)]
