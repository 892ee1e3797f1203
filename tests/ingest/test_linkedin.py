"""LinkedIn Page exports: every quirk of export-formats.md §4 on synthetic workbooks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from linkedin_exports import (
    COMPETITORS,
    DAILY_2020,
    DAILY_2025,
    FEED,
    METRICS_NOTE,
    NEW_FOLLOWERS,
    POSTS_2020,
    POSTS_2022,
    POSTS_NOTE,
    VISITOR_HEADER,
    content_sheets,
    daily_row,
    post_row,
    write_xls,
    write_xlsx,
)

from fokus.ingest.export_date import date_from_name, export_date
from fokus.ingest.linkedin_audience import LinkedInFollowers, LinkedInVisitors
from fokus.ingest.linkedin_competitors import LinkedInCompetitors
from fokus.ingest.linkedin_content import LinkedInContent
from fokus.ingest.linkedin_posts import post_id_of
from fokus.ingest.linkedin_sheets import page_of
from fokus.ingest.pipeline import choose_adapter, import_file
from fokus.ingest.sniff import read_sample
from fokus.model.imports import ImportOutcome
from fokus.store import Store

CONTENT = "fjordvik-kommune_content_1767085154803.xls"  # 2025-12-30 08:59 UTC
NEWER = "fjordvik-kommune_content_1774355108388.xls"  # 2026-03-24 12:25 UTC
ACTIVITY = "7424839902095392768"
SHARE = "7415377507614457856"
UGC = "7412383897151471616"
DAYS = [
    daily_row("11/29/2025", 5, 0, 0),
    daily_row("11/30/2025", 37, 1, 0.054054055362939835),
]


def _import(path: Path, store: Store, exports: Path | None = None) -> ImportOutcome:
    return import_file(
        path, store, exports_dir=exports or path.parent, timezone="Europe/Oslo"
    )


def _rows(store: Store, sql: str) -> list[tuple[object, ...]]:
    return store.connection.execute(sql).fetchall()


def _posts() -> list[list[object]]:
    return [
        post_row("Sommerfest på torget\nTa med familien", f"{FEED}urn:li:activity:{ACTIVITY}",
                 "02/04/2026", content_type="Image", likes=3, reposts=2, follows=1),
        post_row("Ledig stilling", f"{FEED}urn:li:share:{SHARE}", "01/09/2026",
                 post_type="Sponsored", content_type="Video", impressions=1300, views=250),
        post_row("Jubileum", f"{FEED}urn:li:ugcPost:{UGC}", "01/01/2026",
                 post_type="Promoted", content_type="Celebration"),
        post_row("Julehilsen", "https://www.linkedin.com/company/fjordvik/jul", "12/24/2025"),
    ]  # fmt: skip


def _content(tmp_path: Path, name: str = CONTENT) -> Path:
    return write_xls(tmp_path / name, content_sheets(DAYS, _posts()))


# -- the content workbook ----------------------------------------------------------


def test_content_posts_and_days_are_one_import(tmp_path: Path, store: Store) -> None:
    outcome = _import(_content(tmp_path), store)
    assert (outcome.status, outcome.kind) == ("imported", "linkedin_content")
    # 4 posts + 2 days × 19 daily figures; 4 post rows and 2 day rows read.
    assert (outcome.rows_read, outcome.rows_imported, outcome.rows_skipped) == (
        6,
        42,
        0,
    )
    assert outcome.as_of == dt.date(2025, 12, 30)  # the epoch-ms stamp in the name
    [record] = store.imports()
    assert (record.kind, record.platform, record.rows_imported) == (
        "linkedin_content", "linkedin", 42,
    )  # fmt: skip
    assert _rows(store, "SELECT as_of_source FROM imports") == [("file_name",)]
    assert _rows(store, "SELECT count(DISTINCT import_id) FROM daily") == [(1,)]


def test_content_posts_are_stored_with_exact_values(
    tmp_path: Path, store: Store
) -> None:
    _import(_content(tmp_path), store)
    posts = _rows(
        store,
        "SELECT post_id, account_id, published_at, published_day, format, format_raw, "
        "paid, text_raw, permalink, impressions, views, offsite_views, total_clicks, "
        "reactions, comments, shares, follows, source_row FROM posts ORDER BY source_row",
    )
    image, video, celebration, plain = posts
    assert image == (
        ACTIVITY, "fjordvik-kommune", dt.datetime(2026, 2, 4, tzinfo=dt.UTC),
        dt.date(2026, 2, 4), "image", "Image", "organic",
        "Sommerfest på torget\nTa med familien", f"{FEED}urn:li:activity:{ACTIVITY}",
        37.0, None, None, 1.0, 3.0, 0.0, 2.0, 1.0, 3,
    )  # fmt: skip
    assert video[0] == SHARE
    assert video[4:7] == ("video", "Video", "paid")  # Post type = paid status
    assert video[9:11] == (1300.0, 250.0)
    # Not a format fokus knows, not a paid word it knows: kept raw, unknown.
    assert celebration[0] == UGC
    assert celebration[4:7] == ("other", "Celebration", "unknown")
    # A link without a post number is its own id; an empty Content Type is other.
    assert plain[0] == "https://www.linkedin.com/company/fjordvik/jul"
    assert (plain[4], plain[5], plain[17]) == ("other", None, 6)


def test_content_keeps_other_columns_as_text(tmp_path: Path, store: Store) -> None:
    _import(_content(tmp_path), store)
    fields = dict(
        _rows(store, f"SELECT name, value FROM post_fields WHERE post_id = '{SHARE}'")
    )
    assert fields == {
        "Post type": "Sponsored",
        "Posted by": "Kari Nordmann",
        "Audience": "All followers",
        "Click through rate (CTR)": "0.027027027681469917",
        "Engagement rate": "0.054054055362939835",
    }


def test_content_notes_name_unknown_values(tmp_path: Path, store: Store) -> None:
    outcome = _import(_content(tmp_path), store)
    assert outcome.notes == (
        ("import.note.linkedin.unknown_formats", {"values": "Celebration"}),
        ("import.note.linkedin.unknown_post_types", {"values": "Promoted"}),
        ("import.note.linkedin.id_is_link", {"count": "1"}),
    )


def test_content_daily_rows(tmp_path: Path, store: Store) -> None:
    _import(_content(tmp_path), store)
    daily = {
        (metric, day): (value, row)
        for metric, day, value, row in _rows(
            store, "SELECT metric, day, value, source_row FROM daily"
        )
    }
    assert len(daily) == 38
    nov30 = dt.date(2025, 11, 30)
    assert daily["impressions_organic", nov30] == (37.0, 4)  # description, header
    assert daily["impressions_total", dt.date(2025, 11, 29)] == (5.0, 3)
    assert daily["unique_impressions_organic", nov30] == (36.0, 4)
    assert daily["clicks_total", nov30] == (1.0, 4)
    assert daily["reactions_organic", nov30] == (2.0, 4)
    assert daily["comments_total", nov30] == (1.0, 4)
    assert daily["shares_total", nov30] == (0.0, 4)  # Reposts (total)
    # A fraction with float32 noise becomes a percentage without it.
    assert daily["engagement_rate_total", nov30] == (5.405406, 4)
    assert {metric for metric, _ in daily} == {
        f"{base}_{variant}"
        for base in ("impressions", "clicks", "reactions", "comments", "shares",
                     "engagement_rate")
        for variant in ("organic", "sponsored", "total")
    } | {"unique_impressions_organic"}  # fmt: skip
    assert _rows(store, "SELECT DISTINCT platform, account_id FROM daily") == [
        ("linkedin", "fjordvik-kommune")
    ]


def test_content_without_posts_sheet(tmp_path: Path, store: Store) -> None:
    # LinkedIn leaves out "All posts" when no post was made in the period.
    path = write_xls(tmp_path / CONTENT, content_sheets(DAYS, None))
    outcome = _import(path, store)
    assert (outcome.kind, outcome.rows_imported, outcome.notes) == (
        "linkedin_content", 38, (),
    )  # fmt: skip
    assert _rows(store, "SELECT count(*) FROM post_snapshots") == [(0,)]


def test_header_only_workbook_is_refused(tmp_path: Path, store: Store) -> None:
    path = write_xlsx(tmp_path / "Linkedin_updates.xlsx", content_sheets([], []))
    outcome = _import(path, store)
    assert (outcome.status, outcome.refusal_key) == (
        "refused", "import.refused.linkedin.header_only",
    )  # fmt: skip
    assert store.imports() == ()


def test_2020_update_headers_in_xlsx(tmp_path: Path, store: Store) -> None:
    # ≤2020: "Update …" names, "Shares", "Video views", no Content Type; a re-save
    # turned the created date into a real date cell.
    sheets = [
        ("Update metrics (aggregated)", [[METRICS_NOTE], list(DAILY_2020),
                                         daily_row("06/01/2020", 9, 1, 0.5)]),
        ("Update engagement", [[POSTS_NOTE], list(POSTS_2020), [
            f"{FEED}urn:li:activity:6666666666666666666", "Sommer", "Sponsored", "",
            "Ola", dt.date(2020, 5, 30), "", "", "All followers", 40, 12, 2, 0.05, 4,
            1, 3, 0, 0.25,
        ]]),
    ]  # fmt: skip
    path = write_xlsx(tmp_path / "Fjordvik Kommune_updates_1591000000000.xlsx", sheets)
    outcome = _import(path, store)
    assert (outcome.kind, outcome.rows_imported, outcome.as_of) == (
        "linkedin_content", 20, dt.date(2020, 6, 1),
    )  # fmt: skip
    assert _rows(
        store,
        "SELECT post_id, account_id, published_day, format, format_raw, paid, text_raw, "
        "impressions, views, total_clicks, reactions, comments, shares, follows "
        "FROM posts",
    ) == [
        ("6666666666666666666", "fjordvikkommune", dt.date(2020, 5, 30), "other", None,
         "paid", "Sommer", 40.0, 12.0, 2.0, 4.0, 1.0, 3.0, 0.0)
    ]  # fmt: skip
    assert _rows(store, "SELECT value FROM daily WHERE metric = 'shares_organic'") == [
        (0.0,)
    ]
    assert _rows(
        store, "SELECT value FROM daily WHERE metric = 'engagement_rate_organic'"
    ) == [(50.0,)]


def test_2022_update_headers_with_content_type(tmp_path: Path, store: Store) -> None:
    row = post_row("Årsrapport", f"{FEED}urn:li:activity:7000000000000000001",
                   "03/15/2023", content_type="Document", views=8)  # fmt: skip
    row[11] = 5  # Off-site views
    path = write_xls(tmp_path / CONTENT, content_sheets(DAYS, [row], header=POSTS_2022))
    outcome = _import(path, store)
    assert outcome.notes == ()
    assert _rows(
        store, "SELECT post_id, format, views, offsite_views, shares FROM posts"
    ) == [("7000000000000000001", "document", 8.0, 5.0, 0.0)]


# -- languages and the value-based fallback ----------------------------------------


def test_bokmal_headers(tmp_path: Path, store: Store) -> None:
    daily = ["Dato", "Visninger (organisk)", "Visninger (sponset)", "Visninger (totalt)",
             "Klikk (organisk)", "Engasjementsrate (totalt)"]  # fmt: skip
    posts = ["Innleggstittel", "Innleggslenke", "Innleggstype", "Opprettelsesdato",
             "Visninger", "Klikk", "Liker", "Kommentarer", "Delinger", "Innholdstype"]  # fmt: skip
    sheets = [
        ("Beregninger", [["Samlede tall."], daily, ["11/30/2025", 7, 3, 10, 1, 0.1]]),
        ("Alle innlegg", [["Tall per innlegg."], posts, [
            "Hei", f"{FEED}urn:li:activity:{ACTIVITY}", "Sponset", "11/28/2025", 10, 1,
            2, 0, 1, "Bilde",
        ]]),
    ]  # fmt: skip
    outcome = _import(write_xls(tmp_path / CONTENT, sheets), store)
    assert (outcome.kind, outcome.rows_imported, outcome.notes) == (
        "linkedin_content", 6, (),
    )  # fmt: skip
    assert dict(_rows(store, "SELECT metric, value FROM daily")) == {
        "impressions_organic": 7.0, "impressions_sponsored": 3.0,
        "impressions_total": 10.0, "clicks_organic": 1.0,
        "engagement_rate_total": 10.0,
    }  # fmt: skip
    assert _rows(
        store,
        "SELECT paid, format, impressions, total_clicks, reactions, shares FROM posts",
    ) == [("paid", "image", 10.0, 1.0, 2.0, 1.0)]


def test_unknown_post_headers_are_found_by_values(tmp_path: Path, store: Store) -> None:
    header = ["Beitragstitel", "Beitragslink", "Erstellungsdatum", "Impressionen"]
    rows = [
        ["Hallo", f"{FEED}urn:li:activity:7000000000000000001", "03/01/2026", 12],
        ["Tschüss", f"{FEED}urn:li:activity:7000000000000000002", "03/02/2026", 30],
    ]
    # No daily sheet fokus knows: the post links alone say it is LinkedIn content.
    path = write_xls(
        tmp_path / CONTENT, [("Beiträge", [["Beschreibung."], header, *rows])]
    )
    outcome = _import(path, store)
    assert (outcome.kind, outcome.rows_imported) == ("linkedin_content", 2)
    assert outcome.notes == (
        ("import.note.linkedin.link_by_values", {"column": "Beitragslink"}),
        ("import.note.linkedin.created_by_values", {"column": "Erstellungsdatum"}),
        (
            "import.note.unknown_columns",
            {"count": "2", "names": "Beitragstitel, Impressionen"},
        ),
    )
    assert _rows(
        store, "SELECT post_id, published_day, paid FROM posts ORDER BY post_id"
    ) == [
        ("7000000000000000001", dt.date(2026, 3, 1), "unknown"),
        ("7000000000000000002", dt.date(2026, 3, 2), "unknown"),
    ]
    assert dict(_rows(store, "SELECT name, value FROM post_fields WHERE post_id "
                              "= '7000000000000000002'")) == {"Beitragstitel": "Tschüss",
                                               "Impressionen": "30"}  # fmt: skip


def test_unknown_daily_columns_and_sheets_are_named(
    tmp_path: Path, store: Store
) -> None:
    header = [*DAILY_2025[:4], "Video views (organic)"]
    sheets = [
        ("Metrics", [[METRICS_NOTE], header, ["11/30/2025", 1, 0, 1, 8],
                     ["i går", 1, 0, 1, 2], ["12/01/2025", 2, "-", 2, "mange"]]),
        ("Notater", [["Egen kommentar"]]),
    ]  # fmt: skip
    outcome = _import(write_xls(tmp_path / CONTENT, sheets), store)
    assert outcome.notes == (
        ("import.note.linkedin.raw_metric_names", {"names": "Video views (organic)"}),
        ("import.note.linkedin.sheets_not_read", {"names": "Notater"}),
    )
    assert [(s.row, s.reason_key, s.params["value"]) for s in outcome.skipped] == [
        (4, "import.skip.bad_date", "i går"),
        (5, "import.skip.not_a_number", "mange"),
    ]
    assert (outcome.rows_read, outcome.rows_imported, outcome.rows_skipped) == (3, 6, 2)
    assert _rows(store, "SELECT day, value FROM daily WHERE metric = "
                        "'video_views_organic'") == [(dt.date(2025, 11, 30), 8.0)]  # fmt: skip


# -- followers, visitors, competitors ----------------------------------------------


def test_followers(tmp_path: Path, store: Store) -> None:
    sheets = [
        ("New followers", [list(NEW_FOLLOWERS), ["11/29/2025", 0, 2, 1, 3],
                           ["11/30/2025", 1, 0, 0, 1]]),
        ("Location", [["Location", "Total followers"], ["Oslo, Norway", 60],
                      ["Bergen, Norway", 4]]),
        ("Seniority", [["Seniority", "Total followers"], ["Entry", 44]]),
    ]  # fmt: skip
    path = write_xls(tmp_path / "fjordvik-kommune_followers_1767085160414.xls", sheets)
    outcome = _import(path, store)
    assert (outcome.kind, outcome.rows_read, outcome.rows_imported) == (
        "linkedin_followers", 5, 11,
    )  # fmt: skip
    assert _rows(store, "SELECT metric, value FROM daily WHERE day = '2025-11-29' "
                        "ORDER BY metric") == [
        ("new_followers_auto_invited", 1.0), ("new_followers_organic", 2.0),
        ("new_followers_sponsored", 0.0), ("new_followers_total", 3.0),
    ]  # fmt: skip
    assert _rows(store, "SELECT * EXCLUDE (import_id) FROM audience ORDER BY value") == [
        ("linkedin", "fjordvik-kommune", "location", "followers", "Bergen, Norway", 4.0,
         "count", dt.date(2025, 12, 30), 3),
        ("linkedin", "fjordvik-kommune", "seniority", "followers", "Entry", 44.0,
         "count", dt.date(2025, 12, 30), 2),
        ("linkedin", "fjordvik-kommune", "location", "followers", "Oslo, Norway", 60.0,
         "count", dt.date(2025, 12, 30), 2),
    ]  # fmt: skip


def test_visitors(tmp_path: Path, store: Store) -> None:
    sheets = [
        ("Visitor metrics", [list(VISITOR_HEADER), ["12/01/2025", *range(1, 25)]]),
        ("Industry", [["Industry", "Total views"], ["Software Development", 11]]),
    ]
    path = write_xls(tmp_path / "fjordvik-kommune_visitors_1767085157484.xls", sheets)
    outcome = _import(path, store)
    assert (outcome.kind, outcome.rows_imported) == ("linkedin_visitors", 25)
    daily = dict(_rows(store, "SELECT metric, value FROM daily"))
    assert len(daily) == 24
    assert daily["page_views_overview_desktop"] == 1.0
    assert daily["unique_visitors_overview_total"] == 6.0
    assert daily["page_views_life_mobile"] == 8.0
    assert daily["unique_visitors_jobs_desktop"] == 16.0
    assert daily["page_views_total_total"] == 21.0
    assert daily["unique_visitors_total_total"] == 24.0
    assert _rows(store, "SELECT block, dimension, category, value FROM audience") == [
        ("industry", "page_views", "Software Development", 11.0)
    ]


def _competitors(tmp_path: Path, name: str) -> Path:
    rows = [
        ["11/29/2025", "12/28/2025"], list(COMPETITORS),
        ["Nabovik kommune", 900, 12, 150, 20],
        ["Fjordvik Kommune - fjordvik", 153, 2, 10, 4],
    ]  # fmt: skip
    return write_xlsx(tmp_path / name, [("COMPETITORS", rows)])


def test_competitors_are_benchmarks_with_own_page(tmp_path: Path, store: Store) -> None:
    name = "Fjordvik Kommune - fjordvik_competitor_analytics_1767085167105.xlsx"
    outcome = _import(_competitors(tmp_path, name), store)
    assert (outcome.kind, outcome.rows_read, outcome.rows_imported, outcome.notes) == (
        "linkedin_competitors", 2, 8, (),
    )  # fmt: skip
    period = (dt.date(2025, 11, 29), dt.date(2025, 12, 28))
    assert _rows(
        store, "SELECT page, own, metric, value, period_start, period_end, source_row "
        "FROM peer_benchmarks ORDER BY source_row, metric",
    ) == [
        ("Nabovik kommune", False, "followers", 900.0, *period, 3),
        ("Nabovik kommune", False, "new_followers", 12.0, *period, 3),
        ("Nabovik kommune", False, "post_engagements", 150.0, *period, 3),
        ("Nabovik kommune", False, "posts", 20.0, *period, 3),
        ("Fjordvik Kommune - fjordvik", True, "followers", 153.0, *period, 4),
        ("Fjordvik Kommune - fjordvik", True, "new_followers", 2.0, *period, 4),
        ("Fjordvik Kommune - fjordvik", True, "post_engagements", 10.0, *period, 4),
        ("Fjordvik Kommune - fjordvik", True, "posts", 4.0, *period, 4),
    ]  # fmt: skip
    for table in ("post_snapshots", "accounts", "daily", "audience"):
        assert _rows(store, f"SELECT count(*) FROM {table}") == [(0,)], table


def test_competitors_renamed_marks_no_own_page(tmp_path: Path, store: Store) -> None:
    outcome = _import(_competitors(tmp_path, "konkurrenter.xlsx"), store)
    assert outcome.notes == (("import.note.linkedin.own_page_unknown", {}),)
    assert _rows(store, "SELECT count(*) FROM peer_benchmarks WHERE own") == [(0,)]


# -- recognition ---------------------------------------------------------------------


def test_each_workbook_is_recognised_by_one_kind(tmp_path: Path) -> None:
    files = {
        "linkedin_content": _content(tmp_path),
        "linkedin_followers": write_xls(tmp_path / "f.xls", [
            ("New followers", [list(NEW_FOLLOWERS), ["11/29/2025", 0, 2, 1, 3]])]),
        "linkedin_visitors": write_xls(tmp_path / "v.xls", [
            ("Visitor metrics", [list(VISITOR_HEADER), ["12/01/2025", *range(24)]])]),
        "linkedin_competitors": _competitors(tmp_path, "c.xlsx"),
    }  # fmt: skip
    adapters = (LinkedInContent(), LinkedInFollowers(), LinkedInVisitors(),
                LinkedInCompetitors())  # fmt: skip
    for kind, path in files.items():
        sample = read_sample(path)
        assert choose_adapter(sample).kind == kind
        complete = [a.kind for a in adapters if a.recognise(sample).complete]
        assert complete == [kind]


def test_a_meta_csv_is_not_linkedin(tmp_path: Path) -> None:
    path = tmp_path / "Reach.csv"
    path.write_text('sep=,\n"Facebook reach"\n"Date","Primary"\n"2025-01-01","5"\n')
    sample = read_sample(path)
    assert choose_adapter(sample).kind == "meta_daily_series"
    for adapter in (LinkedInContent(), LinkedInFollowers(), LinkedInVisitors(),
                    LinkedInCompetitors()):  # fmt: skip
        assert not adapter.recognise(sample).complete


# -- the page and the export date ----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("fjordvik-kommune_content_1767085154803.xls",
         ("fjordvik-kommune", "fjordvik-kommune", "file_name")),
        ("exports/Fjordvik Kommune - fjordvik_competitor_analytics_1767085167105.xlsx",
         ("fjordvikkommune-fjordvik", "Fjordvik Kommune - fjordvik", "file_name")),
        ("دورلي-doorly_followers_1767085160414 (1).xls",
         ("دورلي-doorly", "دورلي-doorly", "file_name")),
        ("fjordvik/innhold.xls", ("fjordvik", "fjordvik", "folder")),
        ("linkedin/innhold.xls", ("linkedin", "", "unknown")),
        ("innhold.xls", ("linkedin", "", "unknown")),
    ],
)  # fmt: skip
def test_page_from_file_name_or_folder(
    name: str, expected: tuple[str, str, str]
) -> None:
    page = page_of(name)
    assert (page.account_id, page.name, page.source) == expected


def test_same_page_from_both_ways_linkedin_writes_its_name() -> None:
    assert (
        page_of("دورلي-doorly_content_1774355108388.xls").account_id
        == page_of("دورلي - doorly_competitor_analytics_1767085167105.xlsx").account_id
    )


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        (f"{FEED}urn:li:activity:{ACTIVITY}", ACTIVITY),
        (f"{FEED}urn:li:share:{SHARE}/", SHARE),
        (f"{FEED}urn:li:ugcPost:{UGC}?utm=x", UGC),
        (f"https://www.linkedin.com/posts/fjordvik_jul-activity-{ACTIVITY}-AbCd",
         ACTIVITY),
        (" https://lnkd.in/abc ", "https://lnkd.in/abc"),
    ],
)  # fmt: skip
def test_post_id_from_link(link: str, expected: str) -> None:
    assert post_id_of(link) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("x_content_1767085154803.xls", dt.date(2025, 12, 30)),
        ("x_content_1767085154803 (1).xls", dt.date(2025, 12, 30)),
        ("x_visitors_1774355114381.xlsx", dt.date(2026, 3, 24)),
        ("Jan-14-2025_Apr-14-2025_1396269028466733.csv", dt.date(2025, 4, 14)),
        ("post_1396269028466733.csv", None),  # Meta's 16-digit id is no stamp
        ("x_content_0000000000001.xls", None),  # before 2010: not a stamp
        ("x_content_1767085154803_kopi.xls", None),
    ],
)
def test_export_date_from_linkedin_epoch_ms(
    name: str, expected: dt.date | None
) -> None:
    assert date_from_name(name) == expected


def test_export_date_falls_back_to_the_last_day(tmp_path: Path, store: Store) -> None:
    path = write_xls(tmp_path / "innhold.xls", content_sheets(DAYS, None))
    assert export_date(path, None, dt.date(2025, 11, 30)) == (
        dt.date(2025, 11, 30), "content",
    )  # fmt: skip
    outcome = _import(path, store)
    assert outcome.as_of == dt.date(2025, 11, 30)
    assert outcome.notes == (("import.note.linkedin.page_unknown", {}),)
    assert _rows(store, "SELECT as_of, as_of_source FROM imports") == [
        (dt.date(2025, 11, 30), "content")
    ]


def test_page_from_the_folder_is_said(tmp_path: Path, store: Store) -> None:
    path = write_xls(tmp_path / "fjordvik" / "innhold.xls", content_sheets(DAYS, None))
    outcome = _import(path, store, exports=tmp_path)
    assert outcome.notes == (
        ("import.note.linkedin.page_from_folder", {"page": "fjordvik"}),
    )
    assert _rows(store, "SELECT DISTINCT account_id FROM daily") == [("fjordvik",)]


# -- import semantics ------------------------------------------------------------------


def _state(store: Store) -> dict[str, list[tuple[object, ...]]]:
    tables = ("imports", "import_skips", "accounts", "post_snapshots", "daily",
              "audience", "peer_benchmarks")  # fmt: skip
    return {t: sorted(_rows(store, f"SELECT * FROM {t}"), key=repr) for t in tables}


def _versions(tmp_path: Path) -> tuple[Path, Path]:
    older = write_xls(tmp_path / "a" / CONTENT, content_sheets(DAYS, [
        post_row("Hei", f"{FEED}urn:li:activity:{ACTIVITY}", "11/28/2025",
                 impressions=37)]))  # fmt: skip
    newer = write_xls(tmp_path / "b" / NEWER, content_sheets(
        [daily_row("11/30/2025", 40, 1, 0.05)],
        [post_row("Hei", f"{FEED}urn:li:activity:{ACTIVITY}", "11/28/2025",
                  impressions=500)]))  # fmt: skip
    return older, newer


def test_same_file_twice_changes_nothing(tmp_path: Path, store: Store) -> None:
    path = _content(tmp_path)
    _import(path, store)
    before = _state(store)
    again = _import(path, store)
    assert again.status == "already_imported"
    assert _state(store) == before


def test_older_export_after_newer_leaves_posts(tmp_path: Path, store: Store) -> None:
    older, newer = _versions(tmp_path)
    _import(newer, store)
    posts = _rows(store, "SELECT * FROM posts")
    latest = _rows(store, "SELECT * FROM latest_daily ORDER BY metric, day")
    assert _import(older, store).status == "imported"
    assert _rows(store, "SELECT * FROM posts") == posts
    overlap = _rows(store, "SELECT * FROM latest_daily WHERE day = '2025-11-30' "
                           "ORDER BY metric, day")  # fmt: skip
    assert overlap == [row for row in latest if row[3] == dt.date(2025, 11, 30)]


def test_newer_export_adds_snapshots(tmp_path: Path, store: Store) -> None:
    older, newer = _versions(tmp_path)
    _import(older, store)
    _import(newer, store)
    assert _rows(
        store, "SELECT as_of, impressions FROM post_snapshots ORDER BY as_of"
    ) == [(dt.date(2025, 12, 30), 37.0), (dt.date(2026, 3, 24), 500.0)]
    assert _rows(store, "SELECT impressions FROM posts") == [(500.0,)]
    assert _rows(store, "SELECT value FROM latest_daily WHERE metric = "
                        "'impressions_organic' ORDER BY day") == [(5.0,), (40.0,)]  # fmt: skip


def test_daily_sheet_without_description_row(tmp_path: Path, store: Store) -> None:
    # Re-saved without the description: the header is found by its shape.
    rows = [list(DAILY_2025), daily_row("11/30/2025", 37, 1, 0)]
    outcome = _import(write_xls(tmp_path / CONTENT, [("Metrics", rows)]), store)
    assert (outcome.kind, outcome.rows_imported) == ("linkedin_content", 19)
    assert _rows(store, "SELECT DISTINCT source_row FROM daily") == [(2,)]


def test_workbook_cells_are_read_as_csv_text(tmp_path: Path) -> None:
    # The fast paths for text and floats give what cell_text gives.
    rows = [["tekst", 30, 0.054, dt.date(2020, 5, 30), 1e16]]
    for path in (write_xlsx(tmp_path / "a.xlsx", [("S", rows)]),
                 write_xls(tmp_path / "a.xls", [("S", rows)])):  # fmt: skip
        [sheet] = read_sample(path).sheets
        assert sheet.rows == (("tekst", "30", "0.054", "2020-05-30", "1e+16"),), (
            path.name
        )


def test_competitors_without_period_row(tmp_path: Path, store: Store) -> None:
    rows = [list(COMPETITORS), ["Nabovik kommune", 900, "", 150, 20]]
    path = write_xlsx(tmp_path / "konkurrenter.xlsx", [("COMPETITORS", rows)])
    outcome = _import(path, store)
    assert outcome.notes == (
        ("import.note.linkedin.own_page_unknown", {}),
        ("import.note.linkedin.no_period", {}),
    )
    assert _rows(
        store, "SELECT metric, value, period_start, period_end, own, source_row "
        "FROM peer_benchmarks ORDER BY metric",
    ) == [("followers", 900.0, None, None, False, 2),
          ("post_engagements", 150.0, None, None, False, 2),
          ("posts", 20.0, None, None, False, 2)]  # fmt: skip
