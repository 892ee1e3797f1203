"""Classic Facebook Insights "Post data" exports: every quirk of export-formats.md §1.5."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from insights_exports import (
    FIELDS,
    PAGE,
    SheetData,
    breakdown,
    key_metrics,
    post,
    write_xlsx,
    write_xml,
)
from meta_exports import dump, facebook_row, write_facebook

from fokus.ingest.facebook_insights import FacebookInsightsPosts
from fokus.ingest.meta_posts import FacebookPosts
from fokus.ingest.pipeline import import_file
from fokus.ingest.sniff import read_sample
from fokus.model.imports import ImportOutcome
from fokus.store import Store

NAME = "Facebook Insights Data Export (Post Level) - Fjordvik - 2017-11-19.xls"
JULY = dt.datetime(2017, 7, 22, 5, 30)  # Pacific daylight time (UTC-7)
NOVEMBER = dt.datetime(2017, 11, 15, 4, 30)  # Pacific standard time (UTC-8)

API_METRICS = [
    ("post_impressions_unique:lifetime", "unique"),
    ("post_impressions_organic_unique:lifetime", "unique"),
    ("post_impressions_paid_unique:lifetime", "unique"),
    ("post_impressions:lifetime", "total"),
    ("post_impressions_organic:lifetime", "total"),
    ("post_impressions_paid:lifetime", "total"),
    ("post_engaged_users:lifetime", "unique"),
    ("post_consumptions_unique:lifetime", "unique"),
    ("post_consumptions:lifetime", "total"),
    ("post_negative_feedback:lifetime", "total"),
    ("post_impressions_fan:lifetime", "total"),
    ("post_video_views_organic_unique:lifetime", "unique"),
    ("post_video_views_organic:lifetime", "total"),
    ("post_video_views_paid_unique:lifetime", "unique"),
    ("post_video_views_paid:lifetime", "total"),
    ("post_video_avg_time_watched:lifetime", "total"),
    ("post_video_length:lifetime", "total"),
]
VIDEO = [221231, 65870, 117906, 319665, 111437, 141389, 12885, 11417, 14454, 18,
         71895, 30879, 32199, 53130, 59669, 16671, 109075]  # fmt: skip
PHOTO = [16964, 13693, 0, 27051, 22694, 0, 1562, 1311, 2370, 6, 21858, 0, 0, 0, 0,
         0, 0]  # fmt: skip

HUMAN_METRICS = [
    ("Lifetime Post Total Reach", "unique"),
    ("Lifetime Post Paid Reach", "unique"),
    ("Lifetime Negative feedback", "unique"),
    ("Lifetime Negative Feedback from Users", "total"),
    # Written the other way round from Facebook's order: the description decides.
    ("Lifetime Organic Video Views", "total"),
    ("Lifetime Organic Video Views", "unique"),
    ("Lifetime Paid Video Views", "unique"),
    ("Lifetime Paid Video Views", "total"),
]


def _import(
    path: Path,
    store: Store,
    as_of: dt.date | None = None,
    timezone: str = "Europe/Oslo",
) -> ImportOutcome:
    return import_file(path, store, exports_dir=path.parent, timezone=timezone,
                       as_of=as_of)  # fmt: skip


def _metrics(store: Store, post_id: str) -> dict[str, float]:
    return dict(
        store.connection.execute(
            "SELECT metric, value FROM latest_post_metrics WHERE post_id = ?", [post_id]
        ).fetchall()
    )


def _fields(store: Store, post_id: str) -> dict[str, str]:
    return dict(
        store.connection.execute(
            "SELECT name, value FROM post_fields WHERE post_id = ?", [post_id]
        ).fetchall()
    )


def _api_export(tmp_path: Path, name: str = NAME) -> Path:
    return write_xml(tmp_path / name, [key_metrics(API_METRICS, [
        [*post("1911244905754823", JULY, "LOK #39 😌\nmiễn phí", "Video"), *VIDEO],
        [*post("1901130950099552", NOVEMBER, "Các bạn", "Photo"), *PHOTO],
    ])])  # fmt: skip


# -- recognition ----------------------------------------------------------------


def test_both_header_styles_are_recognised_and_meta_does_not_claim_them(
    tmp_path: Path,
) -> None:
    api = read_sample(_api_export(tmp_path))
    human = read_sample(write_xml(tmp_path / "human.xls", [key_metrics(
        HUMAN_METRICS, [[*post("1", JULY, "x"), 1, 0, 0, 0, 0, 0, 0, 0]])]))  # fmt: skip
    for sample in (api, human):
        assert sample.container == "xml"
        assert FacebookInsightsPosts().recognise(sample).complete
        assert not FacebookPosts().recognise(sample).complete
    modern = read_sample(
        write_facebook(
            tmp_path / "modern.csv", [facebook_row("1" * 15, "01/05/2026 10:00", "Hei")]
        )
    )
    assert FacebookPosts().recognise(modern).complete
    recognition = FacebookInsightsPosts().recognise(modern)
    # Its Publish time column looks like a date, but without an Insights metric
    # name nothing is found by its values.
    assert recognition.matched == ("feature.post_id",)
    assert recognition.missing == (
        "feature.facebook_insights.posted",
        "feature.facebook_insights.metrics",
    )


# -- the Key Metrics sheet ------------------------------------------------------


def test_api_id_headers_are_stored_with_exact_values(
    tmp_path: Path, store: Store
) -> None:
    outcome = _import(_api_export(tmp_path), store)
    assert (outcome.status, outcome.kind) == ("imported", "facebook_insights_posts")
    assert (outcome.rows_read, outcome.rows_imported, outcome.rows_skipped) == (2, 2, 0)
    assert outcome.as_of == dt.date(2017, 11, 19)  # the date at the end of the name
    assert outcome.notes == (
        ("import.note.facebook_insights.pacific_time", {"timezone": "Europe/Oslo"}),
    )
    con = store.connection
    assert con.execute(
        "SELECT as_of_source, extra_columns[1:2] FROM imports"
    ).fetchall() == [("file_name", ["Post ID (as exported)", "Posted (Pacific time)"])]
    assert con.execute("SELECT * FROM accounts").fetchall() == [
        ("facebook", PAGE, "Fjordvik", None, 1)
    ]
    rows = con.execute(
        "SELECT post_id, account_id, published_at, published_day, format, format_raw, "
        "text_raw, permalink, paid, source_row FROM posts ORDER BY source_row"
    ).fetchall()
    # 05:30 Pacific daylight time is 12:30 UTC; 04:30 Pacific standard time too.
    assert rows == [
        ("1911244905754823", PAGE, dt.datetime(2017, 7, 22, 12, 30, tzinfo=dt.UTC),
         dt.date(2017, 7, 22), "video", "Video", "LOK #39 😌\nmiễn phí",
         "https://www.facebook.com/lok/posts/1911244905754823", "paid", 3),
        ("1901130950099552", PAGE, dt.datetime(2017, 11, 15, 12, 30, tzinfo=dt.UTC),
         dt.date(2017, 11, 15), "image", "Photo", "Các bạn",
         "https://www.facebook.com/lok/posts/1901130950099552", "organic", 4),
    ]  # fmt: skip
    assert _metrics(store, "1911244905754823") == {
        "reach": 221231.0,
        "reach_organic": 65870.0,
        "reach_paid": 117906.0,
        "impressions": 319665.0,
        "impressions_organic": 111437.0,
        "impressions_paid": 141389.0,
        "engaged_users": 12885.0,
        "unique_clicks": 11417.0,
        "total_clicks": 14454.0,
        "negative_feedback": 18.0,
        "video_views_3s": 32199.0 + 59669.0,  # organic + paid, Total Count
        "avg_seconds_viewed": 16.671,  # exported in milliseconds
        "duration_sec": 109.075,
    }
    assert _fields(store, "1911244905754823") == {
        "Post ID (as exported)": f"{PAGE}_1911244905754823",
        "Posted (Pacific time)": "2017-07-22 05:30:00",
        "Lifetime Post Impressions by people who have liked your Page": "71895",
        "Lifetime Organic Video Views (Unique Users)": "30879",
        "Lifetime Organic Video Views (Total Count)": "32199",
        "Lifetime Paid Video Views (Unique Users)": "53130",
        "Lifetime Paid Video Views (Total Count)": "59669",
    }  # Countries, Languages blank and Audience Targeting " ": missing, not stored


def test_duplicate_titles_are_told_apart_by_the_description(
    tmp_path: Path, store: Store
) -> None:
    path = write_xml(tmp_path / "human.xls", [key_metrics(HUMAN_METRICS, [
        [*post("2", JULY, "Film", "Video"), 900, 0, 3, 4, 70, 50, 0, 0],
    ])])  # fmt: skip
    outcome = _import(path, store)
    assert outcome.rows_imported == 1
    assert _metrics(store, "2") == {
        "reach": 900.0,
        "reach_paid": 0.0,
        "negative_feedback_unique": 3.0,
        "negative_feedback": 4.0,
        "video_views_3s": 70.0,  # the Total Count columns: 70 organic + 0 paid
    }
    fields = _fields(store, "2")
    assert fields["Lifetime Organic Video Views (Total Count)"] == "70"
    assert fields["Lifetime Organic Video Views (Unique Users)"] == "50"
    assert store.connection.execute("SELECT paid FROM posts").fetchall() == [
        ("organic",)
    ]


def test_without_a_description_row_the_order_decides_and_is_reported(
    tmp_path: Path, store: Store
) -> None:
    header = [*FIELDS, "Lifetime Post Total Reach", "Lifetime Organic views to 95%",
              "Lifetime Organic views to 95%"]  # fmt: skip
    path = write_xml(tmp_path / "resaved.xls", [("Key Metrics", [
        header, [*post("3", JULY, "Uten beskrivelse"), 500, 12, 15],
    ])])  # fmt: skip
    outcome = _import(path, store)
    assert outcome.rows_imported == 1
    assert ("import.note.facebook_insights.unit_by_position", {
        "names": "Lifetime Organic views to 95%, Lifetime Organic views to 95% (2)"
    }) in outcome.notes  # fmt: skip
    fields = _fields(store, "3")
    assert fields["Lifetime Organic views to 95% (Unique Users)"] == "12"
    assert fields["Lifetime Organic views to 95% (Total Count)"] == "15"
    assert store.connection.execute("SELECT source_row FROM posts").fetchall() == [
        (2,)  # no description row: the first post is row 2
    ]


def test_unknown_columns_are_kept_and_named(tmp_path: Path, store: Store) -> None:
    path = write_xml(tmp_path / "extra.xls", [key_metrics(
        [("Lifetime Post Total Reach", "unique"), ("Lifetime Post Shares Ratio", "")],
        [[*post("4", JULY, "Hei"), 10, 0.25]],
    )])  # fmt: skip
    outcome = _import(path, store)
    assert ("import.note.unknown_columns",
            {"count": "1", "names": "Lifetime Post Shares Ratio"}) in outcome.notes  # fmt: skip
    assert _fields(store, "4")["Lifetime Post Shares Ratio"] == "0.25"


# -- breakdown sheets -----------------------------------------------------------

LIKE, COMMENT, SHARE = "like", "comment", "share"


def test_breakdown_sheets_join_by_post_id_into_one_import(
    tmp_path: Path, store: Store
) -> None:
    a = post("10", JULY, "A", "Video")
    b = post("11", NOVEMBER, "B", "Photo")
    stray = post("99", JULY, "Not in Key Metrics")
    path = write_xml(tmp_path / NAME, [
        key_metrics([("Lifetime Post Total Reach", "unique")], [[*a, 100], [*b, 200]]),
        # Same action names as the stories sheet, but people: never likes/comments.
        breakdown("Lifetime Talking About This(...", [SHARE, LIKE, COMMENT],
                  [(a, [5, 40, 3]), (b, ["", 9, ""])]),
        # Rows in another order than Key Metrics; blank = zero for a listed post.
        breakdown("Lifetime Post Stories by act...", [SHARE, LIKE, COMMENT],
                  [(b, ["", 10, ""]), (a, [6, 44, 4])]),
        # No "link clicks" column: no post had any. Post B is not listed at all.
        breakdown("Lifetime Post Consumptions b...", ["video play", "other clicks",
                  "photo view"], [(a, [70, 20, ""]), (stray, [1, 1, 1])]),
        breakdown("Lifetime Negative Feedback f...", ["hide_clicks"], [(a, [2])]),
        breakdown("Lifetime Post Video Retention", ["95%"], [(a, [7])]),
    ])  # fmt: skip
    outcome = _import(path, store)
    assert (outcome.rows_read, outcome.rows_imported) == (2, 2)
    assert ("import.note.facebook_insights.unmatched_breakdown",
            {"sheet": "Lifetime Post Consumptions b...", "count": "1"}) in outcome.notes  # fmt: skip
    assert [r.kind for r in store.imports()] == ["facebook_insights_posts"]
    assert store.connection.execute("SELECT count(*) FROM posts").fetchall() == [(2,)]
    a_metrics, b_metrics = _metrics(store, "10"), _metrics(store, "11")
    assert {k: a_metrics[k] for k in a_metrics if k != "reach"} == {
        "likes": 44.0, "comments": 4.0, "shares": 6.0,
        "other_clicks": 20.0, "photo_clicks": 0.0, "link_clicks": 0.0,
    }  # fmt: skip
    assert b_metrics == {"reach": 200.0, "likes": 10.0, "comments": 0.0, "shares": 0.0}
    a_fields = _fields(store, "10")
    assert a_fields.pop("Post ID (as exported)") == f"{PAGE}_10"
    assert a_fields.pop("Posted (Pacific time)") == "2017-07-22 05:30:00"
    assert a_fields == {
        "Talking about this by action type: share": "5",
        "Talking about this by action type: like": "40",
        "Talking about this by action type: comment": "3",
        "Consumptions by type: video play": "70",
        "Negative feedback by type: hide_clicks": "2",
        "Lifetime Post Video Retention: 95%": "7",
    }  # fmt: skip
    assert _fields(store, "11")["Talking about this by action type: share"] == "0"
    assert "Consumptions by type: video play" not in _fields(store, "11")


def test_a_sheet_without_post_ids_is_named_not_dropped(
    tmp_path: Path, store: Store
) -> None:
    path = write_xml(tmp_path / "x.xls", [
        key_metrics([("Lifetime Post Total Reach", "unique")], [[*post("5", JULY, "A"), 1]]),
        ("Notes", [["Exported by Insights"]]),
    ])  # fmt: skip
    outcome = _import(path, store)
    assert (
        "import.note.facebook_insights.ignored_sheets",
        {"sheets": "Notes"},
    ) in outcome.notes


# -- values ---------------------------------------------------------------------


def test_types_map_to_formats_and_unknown_types_are_reported(
    tmp_path: Path, store: Store
) -> None:
    kinds = [
        "Photo",
        "Video",
        "Shared Video",
        "Link",
        "Status",
        "Offer",
        "Event",
        "Note",
    ]
    path = write_xml(tmp_path / "types.xls", [key_metrics(
        [("Lifetime Post Total Reach", "unique")],
        [[*post(str(20 + i), JULY, k, k), 1] for i, k in enumerate(kinds)],
    )])  # fmt: skip
    outcome = _import(path, store)
    assert (
        "import.note.facebook_insights.unknown_types",
        {"values": "Note"},
    ) in outcome.notes
    assert store.connection.execute(
        "SELECT format_raw, format FROM posts ORDER BY source_row"
    ).fetchall() == [
        ("Photo", "image"), ("Video", "video"), ("Shared Video", "video"),
        ("Link", "link"), ("Status", "text"), ("Offer", "other"), ("Event", "other"),
        ("Note", "other"),
    ]  # fmt: skip


def test_audience_targeting_of_one_space_is_missing(
    tmp_path: Path, store: Store
) -> None:
    targeted = post("31", JULY, "Målrettet")
    targeted[7] = "Women 18-24"
    path = write_xml(tmp_path / "t.xls", [key_metrics(
        [("Lifetime Post Total Reach", "unique")],
        [[*post("30", JULY, "Alle"), 1], [*targeted, 2]],
    )])  # fmt: skip
    _import(path, store)
    assert "Audience Targeting" not in _fields(store, "30")
    assert _fields(store, "31")["Audience Targeting"] == "Women 18-24"


def test_posted_is_pacific_time_and_the_day_is_the_workspace_day(
    tmp_path: Path, store: Store
) -> None:
    evening = dt.datetime(2017, 9, 22, 19, 53, 11)  # 04:53 the next day in Oslo
    path = write_xml(tmp_path / "t.xls", [key_metrics(
        [("Lifetime Post Total Reach", "unique")], [[*post("40", evening, "Kveld"), 1]],
    )])  # fmt: skip
    _import(path, store)
    assert store.connection.execute(
        "SELECT published_at, published_day FROM posts"
    ).fetchall() == [
        (dt.datetime(2017, 9, 23, 2, 53, 11, tzinfo=dt.UTC), dt.date(2017, 9, 23))
    ]


def test_unusable_rows_are_skipped_with_row_and_reason(
    tmp_path: Path, store: Store
) -> None:
    no_id = post("50", JULY, "Uten id")
    no_id[0] = ""
    bad_date = post("51", JULY, "Uten dato")
    bad_date[6] = "i går"
    path = write_xml(tmp_path / "t.xls", [key_metrics(
        [("Lifetime Post Total Reach", "unique")],
        [[*post("52", JULY, "God"), 1], [*no_id, 2], [*bad_date, 3]],
    )])  # fmt: skip
    outcome = _import(path, store)
    assert (outcome.rows_read, outcome.rows_imported, outcome.rows_skipped) == (3, 1, 2)
    assert [(s.row, s.reason_key, s.params["value"]) for s in outcome.skipped] == [
        (4, "import.skip.no_post_id", ""),
        (5, "import.skip.bad_date", "i går"),
    ]


def test_a_post_id_without_page_part_is_kept_whole(
    tmp_path: Path, store: Store
) -> None:
    odd = post("60", JULY, "Redigert")
    odd[0] = "1911244905754823"
    path = write_xml(tmp_path / "facebook" / "t.xls", [key_metrics(
        [("Lifetime Post Total Reach", "unique")], [[*odd, 1]])])  # fmt: skip
    import_file(path, store, exports_dir=tmp_path, timezone="Europe/Oslo")
    assert store.connection.execute(
        "SELECT post_id, account_id FROM posts"
    ).fetchall() == [
        ("1911244905754823", "facebook")  # the folder names the platform, not a page
    ]


def test_unknown_headers_are_found_by_their_values(
    tmp_path: Path, store: Store
) -> None:
    header = ["Innleggs-ID", "Lenke", "Melding", "Type", "Publisert",
              "post_impressions_unique:lifetime"]  # fmt: skip
    fields = post("70", JULY, "Hei")
    path = write_xml(tmp_path / "nb.xls", [("Key Metrics", [
        header, [*fields[:4], fields[6], 321],
    ])])  # fmt: skip
    outcome = _import(path, store)
    assert outcome.rows_imported == 1
    assert ("import.note.facebook_insights.found_by_values",
            {"columns": "Post ID, Posted, Permalink"}) in outcome.notes  # fmt: skip
    assert store.connection.execute(
        "SELECT post_id, permalink, format, text_raw FROM posts"
    ).fetchall() == [("70", "https://www.facebook.com/lok/posts/70", "image", None)]
    assert _fields(store, "70")["Melding"] == "Hei"
    assert _metrics(store, "70") == {"reach": 321.0}


def test_the_csv_download_reads_like_the_workbook(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "Facebook Insights Data Export (Post Level) - X - 2020-08-03.csv"
    path.write_text(
        "Post ID,Permalink,Post Message,Type,Countries,Languages,Posted,"
        "Audience Targeting,Lifetime Post Total Reach\n"
        ",,,,,,,,Lifetime: The total number of people. (Unique Users)\n"
        f"{PAGE}_80,https://www.facebook.com/x/posts/80,Hei,Status,,,"
        "2020-08-01 09:00:00, ,55\n",
        encoding="utf-8",
    )
    outcome = _import(path, store)
    assert (outcome.kind, outcome.rows_imported, outcome.as_of) == (
        "facebook_insights_posts", 1, dt.date(2020, 8, 3))  # fmt: skip
    assert store.connection.execute(
        "SELECT format, source_row FROM posts"
    ).fetchall() == [("text", 3)]


# -- containers and the store ---------------------------------------------------


def _sheets() -> list[SheetData]:
    a = post("90", JULY, "Én 🎉", "Video")
    return [
        key_metrics(API_METRICS, [[*a, *VIDEO]]),
        breakdown("Lifetime Post Stories by act...", [LIKE], [(a, [44])]),
    ]


def test_an_xlsx_resave_imports_like_the_xml_original(tmp_path: Path) -> None:
    results = []
    for path in (write_xml(tmp_path / "a" / NAME, _sheets()),
                 write_xlsx(tmp_path / "b" / NAME.replace(".xls", ".xlsx"), _sheets())):  # fmt: skip
        with Store.open(tmp_path / f"{path.parent.name}.duckdb") as store:
            outcome = _import(path, store)
            assert outcome.kind == "facebook_insights_posts"
            tables = dump(store, with_times=False)
            del tables["imports"]  # file name, sha256 and size differ
            results.append(tables)
    assert results[0] == results[1]


def test_same_file_twice_changes_nothing(tmp_path: Path, store: Store) -> None:
    path = _api_export(tmp_path)
    _import(path, store)
    before = dump(store)
    again = _import(path, store)
    assert again.status == "already_imported"
    assert dump(store) == before


def test_older_export_never_hides_a_newer_one(tmp_path: Path, store: Store) -> None:
    def export(folder: str, date: str, reach: int) -> Path:
        name = f"Facebook Insights Data Export (Post Level) - Fjordvik - {date}.xls"
        return write_xml(tmp_path / folder / name, [key_metrics(
            [("Lifetime Post Total Reach", "unique")], [[*post("95", JULY, "A"), reach]])])  # fmt: skip

    _import(export("new", "2017-11-19", 500), store)
    posts_before = store.connection.execute("SELECT * FROM posts").fetchall()
    _import(export("old", "2017-07-27", 90), store)
    con = store.connection
    assert con.execute("SELECT * FROM posts").fetchall() == posts_before
    assert con.execute("SELECT as_of, reach FROM post_snapshots ORDER BY as_of").fetchall() == [
        (dt.date(2017, 7, 27), 90.0), (dt.date(2017, 11, 19), 500.0)
    ]  # fmt: skip
    _import(export("newest", "2018-01-05", 650), store)
    assert con.execute("SELECT as_of, reach FROM posts").fetchall() == [
        (dt.date(2018, 1, 5), 650.0)
    ]
    assert con.execute("SELECT count(*) FROM post_snapshots").fetchall() == [(3,)]


# -- the XML Spreadsheet 2003 reader -------------------------------------------

NS = ('xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
      'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"')  # fmt: skip


def _xml(tmp_path: Path, body: str, prolog: str = "", *, declared: bool = True) -> Path:
    path = tmp_path / "book.xls"
    declaration = '<?xml version="1.0" encoding="UTF-8"?>\n' if declared else ""
    path.write_text(
        f"{declaration}{prolog}<Workbook {NS}>"
        f'<Worksheet ss:Name="S"><Table>{body}</Table></Worksheet></Workbook>',
        encoding="utf-8",
    )
    return path


def _cell(text: str, kind: str = "String", attrs: str = "") -> str:
    return f'<Cell{attrs}><Data ss:Type="{kind}">{text}</Data></Cell>'


def test_xml_rows_and_cells_can_skip_ahead(tmp_path: Path) -> None:
    fourth = _cell("d", attrs=' ss:Index="4"')
    body = f'<Row>{_cell("a")}{fourth}</Row><Row ss:Index="4">{_cell("x")}</Row>'
    [sheet] = read_sample(_xml(tmp_path, body)).sheets
    assert sheet.rows == (("a", "", "", "d"), (), (), ("x",))


def test_xml_merged_cells_cover_the_places_after_and_below(tmp_path: Path) -> None:
    wide = _cell("wide", attrs=' ss:MergeAcross="2" ss:MergeDown="1"')
    body = (
        f"<Row>{wide}{_cell('after')}</Row>"
        f"<Row>{_cell('below')}</Row>"
        f"<Row>{_cell('free')}</Row>"
    )
    [sheet] = read_sample(_xml(tmp_path, body)).sheets
    assert sheet.rows == (
        ("wide", "", "", "after"),
        ("", "", "", "below"),  # columns 1-3 are still the merged cell
        ("free",),
    )


def test_xml_cells_read_like_calamine_cells(tmp_path: Path) -> None:
    body = "<Row>" + "".join((
        _cell("2017-07-22T05:30:00.000", "DateTime"),
        _cell("2017-07-22T00:00:00.000", "DateTime"),
        _cell("153", "Number"), _cell("1.5E3", "Number"), _cell("0.25", "Number"),
        _cell("1", "Boolean"), _cell(" "), _cell("  to  mellomrom "),
        _cell("Linje 1&#10;Linje 2 – æøå 😌"), "<Cell/>", _cell("x"),
    )) + "</Row>"  # fmt: skip
    [sheet] = read_sample(_xml(tmp_path, body)).sheets
    assert sheet.rows == ((
        "2017-07-22 05:30:00", "2017-07-22", "153", "1500", "0.25", "true", " ",
        "  to  mellomrom ", "Linje 1\nLinje 2 – æøå 😌", "", "x",
    ),)  # fmt: skip


def test_an_xml_sheet_larger_than_excel_allows_is_refused(
    tmp_path: Path, store: Store
) -> None:
    path = _xml(tmp_path, f'<Row ss:Index="2000000000">{_cell("x")}</Row>')
    outcome = _import(path, store)
    assert outcome.refusal_key == "import.refused.damaged_workbook"
    assert store.imports() == ()


BILLION_LAUGHS = (
    '<!DOCTYPE Workbook [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
)
EXTERNAL = '<!DOCTYPE Workbook [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
PLAIN_DTD = '<!DOCTYPE Workbook SYSTEM "http://example.com/workbook.dtd">\n'


@pytest.mark.parametrize(
    ("prolog", "text"),
    [
        (BILLION_LAUGHS, "&lol3;"),
        (EXTERNAL, "&secret;"),
        (PLAIN_DTD, "x"),
        (PLAIN_DTD, ""),
    ],
    ids=["billion_laughs", "external_entity", "dtd", "dtd_without_declaration"],
)
def test_unsafe_xml_is_refused_by_name_and_stores_nothing(
    tmp_path: Path, store: Store, prolog: str, text: str
) -> None:
    header = (
        "<Row>"
        + "".join(_cell(f) for f in FIELDS)
        + _cell("Lifetime Post Total Reach")
        + "</Row>"
    )
    row = "<Row>" + "".join(_cell(c) for c in (f"{PAGE}_1", "", text, "Photo", "", "")) + (
        _cell("2017-07-22T05:30:00.000", "DateTime") + _cell(" ") + _cell("1", "Number")
    ) + "</Row>"  # fmt: skip
    path = _xml(tmp_path, header + row, prolog, declared=bool(text))
    outcome = _import(path, store)
    assert (outcome.status, outcome.refusal_key, outcome.refusal_hint_key) == (
        "refused", "import.refused.unsafe_xml", "import.refused.unsafe_xml.hint")  # fmt: skip
    assert store.imports() == ()
    assert store.connection.execute(
        "SELECT count(*) FROM post_snapshots"
    ).fetchall() == [(0,)]
