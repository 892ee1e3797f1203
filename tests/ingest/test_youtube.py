"""YouTube Studio exports: every quirk of export-formats.md §6 on synthetic files."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from pathlib import Path

import pytest
from youtube_exports import (
    AGE_TABLE,
    CHART,
    CONTENT_2024,
    CONTENT_2025,
    CONTENT_2025_NB,
    CONTENT_ROWS,
    DATE_TABLE,
    GENDER_TABLE,
    SUBSCRIPTION_TABLE,
    TOTALS,
    content,
    text,
    write,
    zip_export,
)

from fokus.ingest import archive
from fokus.ingest.base import ImportContext
from fokus.ingest.pipeline import import_file, import_files
from fokus.ingest.sniff import read_sample
from fokus.ingest.youtube_chart import YouTubeChart, YouTubeTotals
from fokus.ingest.youtube_columns import account_of, category, parse_day, parse_value
from fokus.ingest.youtube_table import YouTubeTable
from fokus.model.imports import ImportOutcome
from fokus.store import Store

OSLO = "Europe/Oslo"
AS_OF = dt.date(2024, 11, 27)
POST_COLUMNS = (
    "post_id, account_id, published_at, published_day, format, format_raw, text_raw, "
    "permalink, paid, source_row, duration_sec, stayed_to_watch_pct, unique_viewers, "
    "new_viewers, returning_viewers, casual_viewers, engaged_views, avg_seconds_viewed, "
    "avg_percent_viewed, views, seconds_viewed, net_follows, estimated_earnings_usd, "
    "impressions, impressions_ctr_pct"
)


def _import(
    path: Path, store: Store, exports: Path, as_of: dt.date | None = AS_OF
) -> ImportOutcome:
    return import_file(path, store, exports_dir=exports, timezone=OSLO, as_of=as_of)


def _rows(store: Store, sql: str) -> list[tuple[object, ...]]:
    return store.connection.execute(sql).fetchall()


# -- Content: one row per video → posts ----------------------------------------------


def test_content_2025_is_stored_with_exact_values(tmp_path: Path, store: Store) -> None:
    path = content(tmp_path / "Table data.csv")
    outcome = _import(path, store, tmp_path)
    assert (outcome.status, outcome.kind) == ("imported", "youtube_table")
    # The Total row is neither read nor skipped; the undated video is skipped.
    assert (outcome.rows_read, outcome.rows_imported, outcome.rows_skipped) == (3, 2, 1)
    assert [(s.row, s.reason_key, dict(s.params)) for s in outcome.skipped] == [
        (5, "import.skip.youtube.no_publish_time", {"value": "-2B7awALB8c"})
    ]
    assert outcome.notes == (("import.note.youtube.total_row", {"row": "2"}),)
    assert outcome.as_of == AS_OF
    first, short = _rows(store, f"SELECT {POST_COLUMNS} FROM posts ORDER BY source_row")
    assert first == (
        "aB3dE5fG7hI", "youtube",
        # A day without a time: midnight in Oslo (UTC+2 in September) in UTC.
        dt.datetime(2024, 9, 26, 22, 0, tzinfo=dt.UTC), dt.date(2024, 9, 27),
        "video", None, "Sommerkonsert i parken",
        "https://www.youtube.com/watch?v=aB3dE5fG7hI", "unknown", 3,
        978.0, 100.0, 800.0, 500.0, 300.0, 0.0, 1000.0, 263.0, 26.92, 1000.0,
        30.25 * 3600, 10.0, 2.5, 15000.0, 5.5,
    )  # fmt: skip
    # The leading space before an id that starts with "-" is gone; "-" is kept.
    assert short[0] == "-HHGH-TTqYM"
    assert short[7] == "https://www.youtube.com/watch?v=-HHGH-TTqYM"
    assert short[3:5] == (dt.date(2024, 11, 27), "video")  # no guess from 54 s
    # Blank cells stay missing; negative subscribers stay negative.
    assert short[12:15] == (None, None, None)
    assert short[19:23] == (150.0, 36900.0, -2.0, None)


def test_columns_without_a_metric_are_kept_as_text(
    tmp_path: Path, store: Store
) -> None:
    _import(content(tmp_path / "Table data.csv"), store, tmp_path)
    assert _rows(
        store, "SELECT post_id, name, value FROM post_fields ORDER BY source_row"
    ) == [("aB3dE5fG7hI", "Average views per viewer", "1.25")]


def test_bokmal_headers_give_the_same_posts(tmp_path: Path, store: Store) -> None:
    english = tmp_path / "en"
    _import(content(english / "Table data.csv"), store, english)
    en = _rows(store, f"SELECT {POST_COLUMNS} FROM posts ORDER BY source_row")
    with Store.open(tmp_path / "nb.duckdb") as other:
        norsk = tmp_path / "nb"
        outcome = _import(
            content(norsk / "Tabelldata.csv", CONTENT_2025_NB), other, norsk
        )
        assert (outcome.kind, outcome.rows_imported, outcome.rows_skipped) == (
            "youtube_table", 2, 1,
        )  # fmt: skip
        nb = _rows(other, f"SELECT {POST_COLUMNS} FROM posts ORDER BY source_row")
    assert nb == en


def test_unknown_id_and_date_headers_are_found_by_values(
    tmp_path: Path, store: Store
) -> None:
    header = ("Inhalt", "Videotitel", "Veröffentlichung", *CONTENT_2025[3:])
    outcome = _import(content(tmp_path / "Tabellendaten.csv", header), store, tmp_path)
    assert (outcome.rows_imported, outcome.rows_skipped) == (2, 1)
    assert (
        "import.note.youtube.columns_by_values",
        {"names": "Inhalt, Veröffentlichung"},
    ) in outcome.notes
    assert (
        "import.note.unknown_columns",
        {"count": "1", "names": "Videotitel"},
    ) in outcome.notes
    assert _rows(store, "SELECT post_id, published_day FROM posts ORDER BY 1") == [
        ("-HHGH-TTqYM", dt.date(2024, 11, 27)),
        ("aB3dE5fG7hI", dt.date(2024, 9, 27)),
    ]


def test_rows_that_miss_the_total_give_a_note(tmp_path: Path, store: Store) -> None:
    path = write(tmp_path / "Table data.csv", [
        CONTENT_2024,
        ("Total", "", "", "5000", "100.5", "40", "9.99", "0:02:00", "90000", "5"),
        ("aB3dE5fG7hI", "En", "Jun 7, 2020", "1000", "20.25", "-3", "",
         "0:01:00", "30000", "4"),
    ])  # fmt: skip
    outcome = _import(path, store, tmp_path)
    assert outcome.rows_imported == 1
    assert outcome.notes == (
        (
            "import.note.youtube.total_mismatch",
            {
                "row": "2",
                "metrics": "Views: 1000 ≠ 5000; Watch time (hours): 20.25 ≠ 100.50; "
                "Subscribers: -3 ≠ 40; Estimated revenue (USD): 0.00 ≠ 9.99; "
                "Impressions: 30000 ≠ 90000",
            },
        ),
    )


def test_a_table_without_total_and_with_a_footer(tmp_path: Path, store: Store) -> None:
    rows = [CONTENT_2024]
    rows += [
        (f"vid{n:08d}", f"Video {n}", "Jan 2, 2021", "10", "1", "0", "", "0:01:00",
         "100", "1")
        for n in range(3)
    ]  # fmt: skip
    rows.append(("Showing top 500 results", *[""] * 9))
    path = write(tmp_path / "DangerTV_Content.csv", rows, newline="\r\n")
    outcome = _import(path, store, tmp_path)
    assert (outcome.rows_read, outcome.rows_imported, outcome.rows_skipped) == (3, 3, 0)
    assert outcome.notes == (
        ("import.note.youtube.no_total_row", {}),
        ("import.note.youtube.footer", {"text": "Showing top 500 results"}),
    )
    assert _rows(store, "SELECT max(source_row) FROM posts") == [(4,)]


def test_shorts_only_when_the_export_says_so(tmp_path: Path, store: Store) -> None:
    header = ("Content", "Content type", "Video title", "Video publish time", "Views")
    path = write(tmp_path / "Table data.csv", [
        header,
        ("Total", "", "", "", "6"),
        ("aaaaaaaaaa1", "Shorts", "Kort", "Mar 1, 2024", "1"),
        ("aaaaaaaaaa2", "Videos", "Lang", "Mar 2, 2024", "2"),
        ("aaaaaaaaaa3", "Live", "Direkte", "Mar 3, 2024", "1"),
        ("aaaaaaaaaa4", "Posts", "Innlegg", "Mar 4, 2024", "2"),
    ])  # fmt: skip
    outcome = _import(path, store, tmp_path)
    assert outcome.notes[-1] == (
        "import.note.youtube.unknown_formats",
        {"values": "Posts"},
    )
    assert _rows(store, "SELECT post_id, format, format_raw FROM posts ORDER BY 1") == [
        ("aaaaaaaaaa1", "reel", "Shorts"),
        ("aaaaaaaaaa2", "video", "Videos"),
        ("aaaaaaaaaa3", "live", "Live"),
        ("aaaaaaaaaa4", "other", "Posts"),
    ]


def test_content_without_a_publish_column_is_refused(
    tmp_path: Path, store: Store
) -> None:
    path = write(tmp_path / "Table data.csv", [
        ("Content", "Video title", "Views", "Watch time (hours)"),
        ("Total", "", "3", "1"),
        ("aaaaaaaaaa1", "Ingen dato", "3", "1"),
    ])  # fmt: skip
    outcome = _import(path, store, tmp_path)
    assert outcome.refusal_key == "import.refused.youtube.no_publish_time"
    assert store.imports() == ()


def test_the_channel_is_the_folder(tmp_path: Path, store: Store) -> None:
    content(tmp_path / "youtube" / "Kulturhuset" / "Table data.csv")
    content(tmp_path / "Table data.csv", newline="\r\n")  # other bytes
    for path in (tmp_path / "youtube" / "Kulturhuset" / "Table data.csv",
                 tmp_path / "Table data.csv"):  # fmt: skip
        _import(path, store, tmp_path)
    assert _rows(store, "SELECT DISTINCT account_id FROM posts ORDER BY 1") == [
        ("kulturhuset",), ("youtube",),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "account"),
    [
        ("youtube/export.zip/Table data.csv", "youtube"),
        ("youtube/Kulturhuset/export.zip/Table data.csv", "kulturhuset"),
        ("Kulturhuset/YouTube/Table data.csv", "kulturhuset"),
        ("Table data.csv", "youtube"),
    ],
)
def test_the_channel_is_the_innermost_folder_that_is_not_a_platform(
    tmp_path: Path, name: str, account: str
) -> None:
    context = ImportContext(name, "UTC", None, name.split("/", maxsplit=1)[0], tmp_path)
    assert account_of(context) == account


def test_the_same_file_twice_changes_nothing(tmp_path: Path, store: Store) -> None:
    path = content(tmp_path / "Table data.csv")
    _import(path, store, tmp_path)
    before = _rows(store, "SELECT * FROM post_snapshots ORDER BY source_row")
    again = _import(path, store, tmp_path)
    assert again.status == "already_imported"
    assert _rows(store, "SELECT * FROM post_snapshots ORDER BY source_row") == before


def test_older_export_never_hides_a_newer_one(tmp_path: Path, store: Store) -> None:
    newer = content(tmp_path / "new" / "Table data.csv")
    older_rows = [list(r) for r in CONTENT_ROWS]
    older_rows[1][13] = "400"  # fewer views a month earlier
    older = write(tmp_path / "old" / "Table data.csv", [CONTENT_2025, *older_rows])
    _import(newer, store, tmp_path / "new", as_of=AS_OF)
    query = "SELECT post_id, views, as_of FROM posts ORDER BY 1"
    latest = _rows(store, query)
    _import(older, store, tmp_path / "old", as_of=AS_OF - dt.timedelta(days=30))
    assert _rows(store, query) == latest
    newest = content(tmp_path / "newest" / "Table data.csv", newline="\r\n")
    _import(newest, store, tmp_path / "newest", as_of=AS_OF + dt.timedelta(days=1))
    assert _rows(store, "SELECT count(*) FROM post_snapshots") == [(6,)]
    assert {r[2] for r in _rows(store, query)} == {AS_OF + dt.timedelta(days=1)}


# -- Date, breakdowns, Chart data and Totals -----------------------------------------


def test_date_table_is_a_daily_series(tmp_path: Path, store: Store) -> None:
    outcome = _import(write(tmp_path / "Table data.csv", DATE_TABLE), store, tmp_path)
    assert (outcome.kind, outcome.rows_read, outcome.rows_imported) == (
        "youtube_table", 3, 11,
    )  # fmt: skip
    assert outcome.notes == (("import.note.youtube.total_row", {"row": "2"}),)
    assert _rows(
        store,
        "SELECT platform, account_id, metric, day, value, source_row FROM daily "
        "WHERE day = '2024-11-25' ORDER BY metric",
    ) == [
        ("youtube", "youtube", "avg_seconds_viewed", dt.date(2024, 11, 25), 72.0, 4),
        ("youtube", "youtube", "seconds_viewed", dt.date(2024, 11, 25), 14400.0, 4),
        ("youtube", "youtube", "views", dt.date(2024, 11, 25), 200.0, 4),
    ]
    assert _rows(store, "SELECT sum(value) FROM daily WHERE metric = 'views'") == [
        (600.0,)
    ]


def test_subscription_status_is_a_breakdown(tmp_path: Path, store: Store) -> None:
    path = write(tmp_path / "Subscription_status.csv", SUBSCRIPTION_TABLE)
    outcome = _import(path, store, tmp_path)
    assert (outcome.rows_read, outcome.rows_imported, outcome.rows_skipped) == (2, 6, 0)
    assert outcome.notes == (("import.note.youtube.total_row", {"row": "2"}),)
    assert _rows(
        store,
        "SELECT block, dimension, category, value, unit, source_row FROM audience "
        "ORDER BY source_row, dimension",
    ) == [
        ("subscription_status", "avg_seconds_viewed", "not_subscribed", 60.0, "seconds", 3),
        ("subscription_status", "seconds_viewed", "not_subscribed", 54000.0, "seconds", 3),
        ("subscription_status", "views", "not_subscribed", 900.0, "count", 3),
        ("subscription_status", "avg_seconds_viewed", "subscribed", 180.0, "seconds", 4),
        ("subscription_status", "seconds_viewed", "subscribed", 18000.0, "seconds", 4),
        ("subscription_status", "views", "subscribed", 100.0, "count", 4),
    ]  # fmt: skip


def test_age_and_gender_shares(tmp_path: Path, store: Store) -> None:
    age = _import(write(tmp_path / "viewer_age.csv", AGE_TABLE), store, tmp_path)
    gender = _import(
        write(tmp_path / "Viewer_gender.csv", GENDER_TABLE), store, tmp_path
    )
    assert (age.rows_imported, gender.rows_imported) == (8, 12)
    assert age.notes == gender.notes == ()  # shares have no Total row to check
    assert _rows(
        store,
        "SELECT block, category, value, unit FROM audience WHERE dimension = "
        "'views_pct' ORDER BY block, category",
    ) == [
        ("viewer_age", "13-17", 0.61, "percent"),
        ("viewer_age", "65+", 99.39, "percent"),
        ("viewer_gender", "female", 33.56, "percent"),
        ("viewer_gender", "male", 65.77, "percent"),
        ("viewer_gender", "user_specified", 0.66, "percent"),
    ]


def test_chart_data_names_each_series_by_its_value(
    tmp_path: Path, store: Store
) -> None:
    outcome = _import(write(tmp_path / "Chart data.csv", CHART), store, tmp_path)
    assert (outcome.kind, outcome.rows_read, outcome.rows_imported) == (
        "youtube_chart", 4, 4,
    )  # fmt: skip
    assert outcome.as_of == AS_OF
    assert _rows(
        store, "SELECT metric, day, value, source_row FROM daily ORDER BY metric, day"
    ) == [
        ("views.not_subscribed", dt.date(2024, 11, 25), 400.0, 4),
        ("views.not_subscribed", dt.date(2024, 11, 26), 500.0, 5),
        ("views.subscribed", dt.date(2024, 11, 25), 40.0, 2),
        ("views.subscribed", dt.date(2024, 11, 26), 60.0, 3),
    ]


def test_chart_data_by_content_keeps_the_video_id(tmp_path: Path, store: Store) -> None:
    path = write(tmp_path / "Chart data.csv", [
        ("Date", "Content", "Video title", "Video publish time", "Duration",
         "Average percentage viewed (%)"),
        ("2024-11-25", " -HHGH-TTqYM", "Kort klipp", "Nov 27, 2024", "54", "95.5"),
    ])  # fmt: skip
    outcome = _import(path, store, tmp_path)
    assert outcome.kind == "youtube_chart"
    assert _rows(store, "SELECT metric, value FROM daily") == [
        ("avg_percent_viewed.-HHGH-TTqYM", 95.5)
    ]


def test_totals_are_the_daily_totals(tmp_path: Path, store: Store) -> None:
    outcome = _import(write(tmp_path / "Totals.csv", TOTALS), store, tmp_path, None)
    assert (outcome.kind, outcome.rows_imported) == ("youtube_totals", 2)
    assert outcome.as_of == dt.date(2024, 11, 26)  # the last day, without --as-of
    assert _rows(store, "SELECT metric, day, value FROM daily ORDER BY day") == [
        ("views", dt.date(2024, 11, 25), 440.0),
        ("views", dt.date(2024, 11, 26), 560.0),
    ]


def test_a_bad_day_is_skipped_with_its_row(tmp_path: Path, store: Store) -> None:
    rows = [*TOTALS, ("2024-13-01", "5"), ("2024-11-27", "")]
    outcome = _import(write(tmp_path / "Totals.csv", rows), store, tmp_path)
    assert [(s.row, s.reason_key) for s in outcome.skipped] == [
        (4, "import.skip.bad_date"),
        (5, "import.skip.no_value"),
    ]


# -- recognition ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "rows",
    [
        # X account overview, TikTok overview, Meta's daily series, a plain sheet
        [("Date", "Impressions", "Likes", "Engagements"), ("Tue, Feb 18, 2025", "62", "0", "3")],
        [("Date", "Video Views", "Profile Views"), ("February 28", "0", "0")],
        [("Date", "Primary"), ("2025-01-01T00:00:00", "5")],
        [("Date", "Views", "Bookmarks"), ("2025-01-01", "5", "1")],
        [("Post ID", "Publish time", "Views"), ("123456789012345", "01/02/2025 10:00", "5")],
        [("name", "age"), ("Ola", "42")],
        [("Date", "Tweets published", "impressions", "likes"), ("2021-12-01", "1", "5", "0")],
    ],
)  # fmt: skip
def test_other_exports_are_not_claimed(
    tmp_path: Path, rows: list[tuple[str, ...]]
) -> None:
    sample = read_sample(write(tmp_path / "other.csv", rows))
    for adapter in (YouTubeTable(), YouTubeChart(), YouTubeTotals()):
        # Not even partly: a refusal then says "unknown", not "almost YouTube".
        assert adapter.recognise(sample).matched == (), adapter.kind


def test_each_file_is_claimed_by_one_kind(tmp_path: Path) -> None:
    files = {
        "youtube_table": (DATE_TABLE, SUBSCRIPTION_TABLE, AGE_TABLE),
        "youtube_chart": (CHART,),
        "youtube_totals": (TOTALS,),
    }
    for kind, tables in files.items():
        for number, rows in enumerate(tables):
            sample = read_sample(write(tmp_path / f"{kind}{number}.csv", rows))
            claims = [
                a.kind
                for a in (YouTubeTable(), YouTubeChart(), YouTubeTotals())
                if a.recognise(sample).complete
            ]
            assert claims == [kind]


# -- values --------------------------------------------------------------------------


def test_values_in_canonical_units() -> None:
    assert parse_value("1:03:54", "duration") == 3834.0
    assert parse_value("0:51", "duration") == 51.0
    assert parse_value("978", "duration") == 978.0
    assert parse_value("0.0596", "hours") == 214.56
    assert parse_value("", "hours") is None
    assert parse_value("-2", "number") == -2.0
    assert parse_day("Sep 27, 2024") == dt.date(2024, 9, 27)
    assert parse_day("27. sep. 2024") == dt.date(2024, 9, 27)
    assert parse_day("3. okt. 2023") == dt.date(2023, 10, 3)
    assert parse_day("Feb 30, 2024") is None
    assert parse_day("") is None
    assert [category(v) for v in ("13–17 years", "65+ år", "Ikke abonnert", "SE")] == [
        "13-17", "65+", "not_subscribed", "SE",
    ]  # fmt: skip


# -- the zip file as downloaded ------------------------------------------------------


def test_the_zip_as_downloaded(tmp_path: Path, store: Store) -> None:
    exports = tmp_path / "exports"
    path = zip_export(exports / "youtube" / "Content 2024-11-25_2024-11-26.zip", {
        "Table data.csv": text([CONTENT_2025, *CONTENT_ROWS]),
        "Chart data.csv": text(CHART),
        "Totals.csv": text(TOTALS),
    })  # fmt: skip
    outcomes = import_files(
        [path], store, exports_dir=exports, timezone=OSLO, as_of=AS_OF
    )
    prefix = "youtube/Content 2024-11-25_2024-11-26.zip/"
    assert [
        (o.file, o.status, o.kind, o.rows_imported, o.rows_skipped) for o in outcomes
    ] == [
        (prefix + "Chart data.csv", "imported", "youtube_chart", 4, 0),
        (prefix + "Table data.csv", "imported", "youtube_table", 2, 1),
        (prefix + "Totals.csv", "imported", "youtube_totals", 2, 0),
    ]
    assert _rows(store, "SELECT DISTINCT account_id FROM daily") == [("youtube",)]
    assert _rows(store, "SELECT DISTINCT account_id FROM posts") == [("youtube",)]
    again = import_files([path], store, exports_dir=exports, timezone=OSLO)
    assert {o.status for o in again} == {"already_imported"}


def _refused(path: Path, store: Store, tmp_path: Path) -> ImportOutcome:
    [outcome] = import_files([path], store, exports_dir=tmp_path, timezone=OSLO)
    assert outcome.status == "refused"
    assert store.imports() == ()
    return outcome


def test_a_member_that_climbs_out_is_refused(tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "exports" / "deep"
    path = zip_export(folder / "export.zip", {
        "Totals.csv": text(TOTALS),
        "../evil.csv": text(TOTALS),
    })  # fmt: skip
    outcome = _refused(path, store, tmp_path)
    assert outcome.refusal_key == "import.refused.unsafe_archive"
    assert outcome.refusal_params == {"name": "../evil.csv"}
    assert not (folder.parent / "evil.csv").exists()
    assert sorted(p.name for p in tmp_path.rglob("*.csv")) == []


def test_a_member_larger_than_declared_is_refused(tmp_path: Path, store: Store) -> None:
    body = text(TOTALS) * 200
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as built:
        built.writestr("Totals.csv", body)
    data = bytearray(buffer.getvalue())
    # Declare 10 bytes where the member holds thousands, in both headers.
    struct.pack_into("<I", data, data.find(b"PK\x03\x04") + 22, 10)
    struct.pack_into("<I", data, data.find(b"PK\x01\x02") + 24, 10)
    path = tmp_path / "bomb.zip"
    path.write_bytes(bytes(data))
    outcome = _refused(path, store, tmp_path)
    assert outcome.refusal_key == "import.refused.damaged_archive"
    assert "CRC" in str(outcome.refusal_params["error"])


def test_an_archive_over_the_limit_is_refused(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_UNPACKED_BYTES", 100)
    path = zip_export(tmp_path / "export.zip", {
        "Totals.csv": text(TOTALS), "Chart data.csv": text(CHART),
    })  # fmt: skip
    outcome = _refused(path, store, tmp_path)
    assert outcome.refusal_key == "import.refused.archive_too_large"
    assert outcome.refusal_params == {
        "size": len(text(TOTALS)) + len(text(CHART)),
        "members": 2,
    }


def test_broken_compressed_data_is_a_refusal_not_a_crash(
    tmp_path: Path, store: Store
) -> None:
    path = zip_export(tmp_path / "export.zip", {"Totals.csv": text(TOTALS) * 50})
    data = bytearray(path.read_bytes())
    start = data.find(b"PK\x03\x04") + 30 + len("Totals.csv") + 5
    for index in range(start, start + 40):
        data[index] ^= 0xFF
    path.write_bytes(bytes(data))
    outcome = _refused(path, store, tmp_path)
    assert outcome.refusal_key == "import.refused.damaged_archive"


def test_an_unknown_date_header_is_found_by_its_days(
    tmp_path: Path, store: Store
) -> None:
    totals = _import(
        write(tmp_path / "Summen.csv", [("Datum", "Views"), *TOTALS[1:]]),
        store,
        tmp_path,
    )
    chart = _import(
        write(tmp_path / "Diagramm.csv", [("Datum", *CHART[0][1:]), *CHART[1:]]),
        store,
        tmp_path,
    )
    assert (totals.kind, totals.rows_imported) == ("youtube_totals", 2)
    assert (chart.kind, chart.rows_imported) == ("youtube_chart", 4)
    note = ("import.note.youtube.columns_by_values", {"names": "Datum"})
    assert (totals.notes, chart.notes) == ((note,), (note,))


def test_a_semicolon_file_has_decimal_commas(tmp_path: Path, store: Store) -> None:
    # As Norwegian Excel saves it: ";" between fields and "," before decimals.
    path = tmp_path / "Table data.csv"
    path.write_text(
        "Content;Video title;Video publish time;Views;Watch time (hours)\n"
        "Total;;;1000;30,25\n"
        "aB3dE5fG7hI;Sommerkonsert;Sep 27, 2024;1000;30,25\n",
        encoding="utf-8",
    )
    outcome = _import(path, store, tmp_path)
    assert outcome.notes == (("import.note.youtube.total_row", {"row": "2"}),)
    assert _rows(store, "SELECT views, seconds_viewed FROM posts") == [
        (1000.0, 108900.0)
    ]


def test_a_zip_member_is_dated_when_the_platform_packed_it(
    tmp_path: Path, store: Store
) -> None:
    exports = tmp_path / "exports"
    path = exports / "youtube" / "export.zip"
    path.parent.mkdir(parents=True)
    with zipfile.ZipFile(path, "w") as archive:
        member = zipfile.ZipInfo("Table data.csv", date_time=(2026, 3, 4, 10, 0, 0))
        archive.writestr(member, text([CONTENT_2025, *CONTENT_ROWS]))
    [outcome] = import_files([path], store, exports_dir=exports, timezone=OSLO)
    assert (outcome.status, outcome.as_of) == ("imported", dt.date(2026, 3, 4))
    assert _rows(store, "SELECT as_of, as_of_source FROM imports") == [
        (dt.date(2026, 3, 4), "file_date")
    ]
