"""Mapped import: a mapping file, checked; files read as it says, stored like any export."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path

import pytest
import xlsxwriter

from fokus.errors import ExitCode, FokusError
from fokus.i18n import translate
from fokus.ingest.mapping import MappedPosts
from fokus.ingest.mapping_file import load_mapping, parse_mapping
from fokus.ingest.mapping_suggest import suggest_mapping
from fokus.ingest.pipeline import import_file, import_files
from fokus.model.imports import ImportOutcome
from fokus.store import Store

# A Threads-like export: Threads offers no CSV, so teams copy the numbers from the
# app into a sheet like this one.
THREADS_CSV = (
    "Post ID,Published,Text,Link,Media,Likes,Replies,Reposts,Views\n"
    "18051234567890001,2026-03-02 09:15,Vi åpner biblioteket på lørdager,"
    "https://www.threads.net/@fjordvik/post/C1,Text,12,3,1,850\n"
    "18051234567890002,2026-03-09 14:00,Se bildene fra vinterfesten,"
    "https://www.threads.net/@fjordvik/post/C2,Carousel,40,,5,2100\n"
    "18051234567890003,2026-03-16 08:30,Ny podkast ute,"
    "https://www.threads.net/@fjordvik/post/C3,Audio,7,1,0,n/a\n"
)
THREADS_MAPPING = """\
platform = "other"
source = "threads"
account = "fjordvik"

[columns]
post_id = "Post ID"
published = "Published"
text = "Text"
permalink = "Link"
format = "Media"

[dates]
formats = ["%Y-%m-%d %H:%M"]
timezone = "Europe/Oslo"

[metrics]
likes = "Likes"
replies = "Replies"
shares = "Reposts"
views = "Views"

[formats]
text = "text"
carousel = "carousel"
image = "image"
video = "video"

[engagement]
components = ["likes", "replies", "shares"]
"""


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _import(
    path: Path, store: Store, mapping: str, as_of: dt.date | None = None
) -> ImportOutcome:
    adapter = MappedPosts(parse_mapping(mapping, "threads.toml"))
    return import_file(path, store, exports_dir=path.parent, timezone="UTC",
                       as_of=as_of, adapter=adapter)  # fmt: skip


def _rows(store: Store, sql: str) -> list[tuple[object, ...]]:
    return store.connection.execute(sql).fetchall()


def _mapping_error(text: str) -> FokusError:
    with pytest.raises(FokusError) as caught:
        parse_mapping(text, "m.toml")
    assert caught.value.exit_code == ExitCode.BAD_INPUT
    return caught.value


# -- a CSV read as the mapping says ---------------------------------------------------


def test_a_threads_file_is_stored_with_exact_values(
    tmp_path: Path, store: Store
) -> None:
    path = _write(tmp_path / "threads.csv", THREADS_CSV)
    outcome = _import(path, store, THREADS_MAPPING, dt.date(2026, 3, 20))
    assert (outcome.status, outcome.kind, outcome.rows_read) == (
        "imported",
        "mapped",
        3,
    )
    assert (outcome.rows_imported, outcome.rows_skipped) == (3, 0)
    posts = _rows(store, """
        SELECT platform, account_id, post_id, published_at, published_day, format,
               format_raw, text_raw, permalink, paid, likes, replies, shares, views,
               published_precision, source_row, as_of
        FROM posts ORDER BY post_id""")  # fmt: skip
    assert posts[0] == (
        "other", "fjordvik", "18051234567890001",
        dt.datetime(2026, 3, 2, 8, 15, tzinfo=dt.UTC),  # 09:15 in Oslo (UTC+1)
        dt.date(2026, 3, 2), "text", "Text", "Vi åpner biblioteket på lørdager",
        "https://www.threads.net/@fjordvik/post/C1", "unknown", 12.0, 3.0, 1.0, 850.0,
        "minute", 2, dt.date(2026, 3, 20),
    )  # fmt: skip
    # A blank reply count and "n/a" views are missing, never zero.
    assert posts[1][5:7] == ("carousel", "Carousel")
    assert posts[1][10:14] == (40.0, None, 5.0, 2100.0)
    # A value [formats] does not list: "other", with the word kept.
    assert posts[2][5:7] == ("other", "Audio")
    assert posts[2][10:14] == (7.0, 1.0, 0.0, None)
    assert _rows(store, "SELECT platform, account_id, name FROM accounts") == [
        ("other", "fjordvik", None)
    ]
    assert _rows(store, "SELECT kind, platform, columns FROM imports") == [
        ("mapped", "other", ["Post ID", "Published", "Text", "Link", "Media", "Likes",
                             "Replies", "Reposts", "Views"]),
    ]  # fmt: skip
    assert _rows(store, "SELECT * FROM source_definitions") == [
        (1, "threads", "threads.toml", ["likes", "replies", "shares"], THREADS_MAPPING)
    ]
    notes = dict(outcome.notes)
    assert notes["import.mapping.note.source"] == {
        "mapping": "threads.toml", "source": "threads", "platform": "platform.other",
    }  # fmt: skip
    assert notes["import.mapping.note.unknown_formats"] == {
        "column": "Media", "values": "\"Audio\"",
    }  # fmt: skip
    assert "import.mapping.note.unmapped_columns" not in notes


def test_same_file_twice_and_older_and_newer_exports(
    tmp_path: Path, store: Store
) -> None:
    march = _write(tmp_path / "march.csv", THREADS_CSV)
    _import(march, store, THREADS_MAPPING, dt.date(2026, 3, 20))
    before = _rows(store, "SELECT * FROM post_snapshots ORDER BY post_id")
    again = _import(march, store, THREADS_MAPPING, dt.date(2026, 3, 20))
    assert again.status == "already_imported"
    assert _rows(store, "SELECT * FROM post_snapshots ORDER BY post_id") == before
    # An older export of the same posts (fewer likes) adds snapshots, but the posts
    # view keeps the newer numbers.
    older = _write(tmp_path / "older.csv", THREADS_CSV.replace(",12,3,", ",10,3,"))
    assert (
        _import(older, store, THREADS_MAPPING, dt.date(2026, 3, 17)).rows_imported == 3
    )
    assert _rows(store, "SELECT likes FROM posts ORDER BY post_id") == [
        (12.0,),
        (40.0,),
        (7.0,),
    ]
    newer = _write(tmp_path / "newer.csv", THREADS_CSV.replace(",12,3,", ",15,3,"))
    _import(newer, store, THREADS_MAPPING, dt.date(2026, 4, 1))
    assert _rows(store, "SELECT likes FROM posts ORDER BY post_id") == [
        (15.0,),
        (40.0,),
        (7.0,),
    ]
    assert _rows(store, "SELECT count(*) FROM post_snapshots") == [(9,)]
    assert _rows(store, "SELECT count(*) FROM source_definitions") == [(3,)]


def test_a_missing_column_refuses_the_file_and_stores_nothing(
    tmp_path: Path, store: Store
) -> None:
    path = _write(tmp_path / "threads.csv", THREADS_CSV)
    outcome = _import(path, store, THREADS_MAPPING.replace('"Likes"', '"Like"'))
    assert outcome.status == "refused"
    assert outcome.refusal_key == "import.mapping.column_not_found"
    assert outcome.refusal_hint_key == "import.mapping.column_not_found.hint_close"
    assert outcome.refusal_params["field"] == "metrics.likes"
    assert outcome.refusal_params["column"] == "Like"
    assert outcome.refusal_params["suggestion"] == "Likes"
    assert str(outcome.refusal_params["columns"]).startswith('"Post ID", "Published"')
    assert _rows(store, "SELECT count(*) FROM imports") == [(0,)]
    assert _rows(store, "SELECT count(*) FROM post_snapshots") == [(0,)]


def test_dates_that_fit_no_format_refuse_the_file_with_the_format_that_fits(
    tmp_path: Path, store: Store
) -> None:
    path = _write(tmp_path / "threads.csv", THREADS_CSV)
    outcome = _import(path, store, THREADS_MAPPING.replace("%Y-%m-%d", "%d.%m.%Y"))
    assert outcome.refusal_key == "import.mapping.no_dates_match"
    assert outcome.refusal_params["value"] == "2026-03-02 09:15"
    assert outcome.refusal_params["suggestion"] == "%Y-%m-%d %H:%M"
    assert _rows(store, "SELECT count(*) FROM imports") == [(0,)]


def test_rows_with_unreadable_dates_are_skipped_with_their_row(
    tmp_path: Path, store: Store
) -> None:
    text = THREADS_CSV.replace("2026-03-09 14:00", "i går")
    outcome = _import(_write(tmp_path / "t.csv", text), store, THREADS_MAPPING)
    assert (outcome.rows_imported, outcome.rows_skipped) == (2, 1)
    assert [(s.row, s.reason_key, dict(s.params)) for s in outcome.skipped] == [
        (3, "import.skip.bad_date", {"value": "i går"})
    ]


def test_precision_follows_the_format_each_row_matched(
    tmp_path: Path, store: Store
) -> None:
    text = THREADS_CSV.replace("2026-03-09 14:00", "2026-03-09")
    mapping = THREADS_MAPPING.replace(
        'formats = ["%Y-%m-%d %H:%M"]', 'formats = ["%Y-%m-%d %H:%M", "%Y-%m-%d"]'
    )
    _import(_write(tmp_path / "t.csv", text), store, mapping)
    assert _rows(store, """SELECT post_id, published_precision, published_day
                           FROM posts ORDER BY post_id""") == [
        ("18051234567890001", "minute", dt.date(2026, 3, 2)),
        ("18051234567890002", "day", dt.date(2026, 3, 9)),
        ("18051234567890003", "minute", dt.date(2026, 3, 16)),
    ]  # fmt: skip


def test_a_platform_export_stores_minute_precision(
    tmp_path: Path, store: Store
) -> None:
    from meta_exports import facebook_row, write_facebook  # noqa: PLC0415

    path = write_facebook(tmp_path / "posts.csv",
                          [facebook_row("111111111111111", "01/05/2026 10:00", "Hei")])  # fmt: skip
    import_file(path, store, exports_dir=tmp_path, timezone="UTC")
    assert _rows(store, "SELECT published_precision FROM posts") == [("minute",)]


def test_custom_missing_markers_semicolons_and_a_header_below_a_title(
    tmp_path: Path, store: Store
) -> None:
    # Norwegian Excel: Windows-1252, semicolons, decimal commas, and a title row.
    text = (
        "Innlegg fra nettstedet – eksportert 01.04.2026\n"
        "ID;Dato;Tittel;Visninger;Snitt sekunder\n"
        "a1;01.03.2026 10:00;Første;1 234;12,5\n"
        "a2;02.03.2026 11:30;Andre;ikke målt;7\n"
    )
    path = tmp_path / "nettsted.csv"
    path.write_bytes(text.encode("cp1252"))
    mapping = """\
platform = "other"
source = "nettsted"
account = "Fjordvik kommune"
[file]
header_row = 2
encoding = "cp1252"
missing = ["ikke målt"]
[columns]
post_id = "ID"
published = "Dato"
text = "Tittel"
[dates]
formats = ["%d.%m.%Y %H:%M"]
[metrics]
views = "Visninger"
avg_seconds_viewed = "Snitt sekunder"
"""
    outcome = _import(path, store, mapping)
    assert (outcome.rows_imported, outcome.rows_skipped) == (2, 0)
    assert _rows(store, """SELECT post_id, text_raw, views, avg_seconds_viewed,
                                  source_row, published_at
                           FROM posts ORDER BY post_id""") == [
        ("a1", "Første", 1234.0, 12.5, 3, dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.UTC)),
        ("a2", "Andre", None, 7.0, 4, dt.datetime(2026, 3, 2, 11, 30, tzinfo=dt.UTC)),
    ]  # fmt: skip
    assert _rows(store, "SELECT encoding, delimiter FROM imports") == [("cp1252", ";")]


def test_ids_from_row_numbers_and_from_a_hash_of_columns(
    tmp_path: Path, store: Store
) -> None:
    text = "Dato,Tekst,Liker\n2026-01-01,Hei,1\n2026-01-02,Hallo,2\n2026-01-01,Hei,3\n"
    path = _write(tmp_path / "a.csv", text)
    base = 'platform = "other"\nsource = "s"\naccount = "a"\n[columns]\n'
    rest = 'published = "Dato"\n[dates]\nformats = ["%Y-%m-%d"]\n[metrics]\nlikes = "Liker"\n'
    by_row = _import(path, store, base + "post_id = { row_number = true }\n" + rest)
    assert by_row.rows_imported == 3
    assert ("import.mapping.note.row_ids", {}) in by_row.notes
    assert _rows(store, "SELECT post_id, likes, published_precision FROM posts "
                        "ORDER BY post_id") == [
        ("2", 1.0, "day"), ("3", 2.0, "day"), ("4", 3.0, "day"),
    ]  # fmt: skip
    other = _write(tmp_path / "b.csv", text + "\n")  # other bytes, same rows
    hashed = _import(
        other, store,
        base.replace('"s"', '"h"').replace('"a"', '"b"')
        + 'post_id = { hash = ["Dato", "Tekst"] }\n' + rest,
    )  # fmt: skip
    # The third row repeats the first's date and text: the same post, skipped.
    assert (hashed.rows_imported, hashed.rows_skipped) == (2, 1)
    assert hashed.skipped[0].row == 4
    assert hashed.skipped[0].reason_key == "import.skip.duplicate_post"
    ids = _rows(store, "SELECT post_id FROM posts WHERE account_id = 'b'")
    assert all(len(str(i[0])) == 16 for i in ids)
    # "Tekst" is part of the id but no field: it is still kept as text.
    assert _rows(
        store, "SELECT DISTINCT name FROM post_fields WHERE account_id = 'b'"
    ) == [("Tekst",)]


def test_a_time_from_parts_with_a_constant_year(tmp_path: Path, store: Store) -> None:
    text = "Month;Hour;Weekday;Paid;Likes\n3;14;2;1;5\n13;9;1;0;6\n11;8;3;;7\n"
    path = _write(tmp_path / "parts.csv", text)
    mapping = """\
platform = "facebook"
account = "side"
[columns]
post_id = { row_number = true }
paid = "Paid"
[columns.published]
year = 2014
month = "Month"
hour = "Hour"
[metrics]
likes = "Likes"
[paid]
paid = ["1"]
organic = ["0"]
"""
    outcome = _import(path, store, mapping)
    # Month 13 is no month: that row is skipped, not moved to another year.
    assert (outcome.rows_imported, outcome.rows_skipped) == (2, 1)
    assert outcome.skipped[0].params == {"value": "2014 13 9"}
    assert _rows(store, """SELECT post_id, published_at, published_day,
                                  published_precision, paid FROM posts
                           ORDER BY post_id""") == [
        ("2", dt.datetime(2014, 3, 1, tzinfo=dt.UTC), dt.date(2014, 3, 1), "month",
         "paid"),
        ("4", dt.datetime(2014, 11, 1, tzinfo=dt.UTC), dt.date(2014, 11, 1), "month",
         "unknown"),
    ]  # fmt: skip
    # The hour cannot be placed without a day: it is kept as text, and said so.
    assert _rows(store, "SELECT name, value FROM post_fields WHERE post_id = '2' "
                        "ORDER BY name") == [("Hour", "14"), ("Weekday", "2")]  # fmt: skip
    notes = dict(outcome.notes)
    assert notes["import.mapping.note.precision"] == {
        "precision": "import.mapping.precision.month"
    }
    assert notes["import.mapping.note.unused_parts"] == {"columns": '"Hour"'}
    assert notes["import.mapping.note.paid_blank"] == {
        "n": "1", "rows": "3", "column": "Paid", "status": "import.mapping.paid.unknown",
    }  # fmt: skip
    text_en = translate("import.mapping.note.precision", "en",
                        precision=notes["import.mapping.note.precision"]["precision"])  # fmt: skip
    assert "to the month only" in text_en


# -- an Excel workbook --------------------------------------------------------------


def _newsletter(path: Path) -> Path:
    """A newsletter tool's campaign report: a title row, then the table."""
    workbook = xlsxwriter.Workbook(str(path))
    summary = workbook.add_worksheet("Summary")
    summary.write_row(0, 0, ["Campaigns", 3])
    sheet = workbook.add_worksheet("Campaigns")
    stamp = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sheet.write(0, 0, "Campaign report, Fjordvik kommune")
    sheet.write_row(1, 0, ["Subject", "Sent", "List", "Recipients", "Opens",
                           "Clicks", "Unsubscribes", "Boost spend"])  # fmt: skip
    rows = [
        ("Nytt fra rådhuset", dt.datetime(2026, 2, 3, 8, 0), "Innbyggere", 5200, 2600,
         310, 4, 0),
        ("Valg 2026: slik stemmer du", dt.datetime(2026, 2, 10, 8, 0), "Innbyggere",
         5210, 3100.5, "–", 2, 150),
        ("Kulturkalender", dt.datetime(2026, 2, 17, 8, 0), "Kultur", 900, 410, 55, "",
         ""),
    ]  # fmt: skip
    for n, row in enumerate(rows, start=2):
        sheet.write_row(n, 0, row[:1])
        sheet.write_datetime(n, 1, row[1], stamp)
        sheet.write_row(n, 2, row[2:])
    workbook.close()
    return path


NEWSLETTER_MAPPING = """\
platform = "other"
source = "newsletter"
account = { column = "List" }

[file]
sheet = "campaigns"
header_row = 2
missing = ["–"]

[columns]
post_id = { hash = ["Subject", "Sent"] }
published = "Sent"
text = "Subject"
format = { value = "text" }
paid = "Boost spend"

[dates]
formats = ["%Y-%m-%d %H:%M:%S"]
timezone = "Europe/Oslo"

[metrics]
views = "Opens"
total_clicks = "Clicks"
unfollows = "Unsubscribes"

[paid]
numeric = true

[engagement]
components = ["total_clicks"]
"""


def test_a_newsletter_workbook_is_read_from_the_named_sheet(
    tmp_path: Path, store: Store
) -> None:
    path = _newsletter(tmp_path / "campaigns.xlsx")
    outcome = _import(path, store, NEWSLETTER_MAPPING)
    assert (outcome.status, outcome.rows_imported, outcome.rows_skipped) == (
        "imported", 3, 0,
    )  # fmt: skip
    assert _rows(store, """SELECT account_id, text_raw, published_at, format, paid,
                                  views, total_clicks, unfollows, source_row
                           FROM posts ORDER BY published_at""") == [
        ("Innbyggere", "Nytt fra rådhuset",
         dt.datetime(2026, 2, 3, 7, 0, tzinfo=dt.UTC), "text", "organic", 2600.0,
         310.0, 4.0, 3),
        ("Innbyggere", "Valg 2026: slik stemmer du",
         dt.datetime(2026, 2, 10, 7, 0, tzinfo=dt.UTC), "text", "paid", 3100.5,
         None, 2.0, 4),
        ("Kultur", "Kulturkalender", dt.datetime(2026, 2, 17, 7, 0, tzinfo=dt.UTC),
         "text", "unknown", 410.0, 55.0, None, 5),
    ]  # fmt: skip
    assert _rows(store, "SELECT platform, account_id, name FROM accounts "
                        "ORDER BY account_id") == [
        ("other", "Innbyggere", "Innbyggere"), ("other", "Kultur", "Kultur"),
    ]  # fmt: skip
    assert _rows(store, "SELECT encoding, delimiter, columns[1] FROM imports") == [
        ("xlsx", None, "Subject")
    ]
    assert _rows(store, "SELECT DISTINCT name FROM post_fields") == [("Recipients",)]


def test_a_sheet_that_is_not_there_is_named_with_the_sheets_there_are(
    tmp_path: Path, store: Store
) -> None:
    path = _newsletter(tmp_path / "campaigns.xlsx")
    outcome = _import(
        path, store, NEWSLETTER_MAPPING.replace('"campaigns"', '"Campaign"')
    )
    assert outcome.refusal_key == "import.mapping.no_sheet"
    assert outcome.refusal_hint_key == "import.mapping.no_sheet.hint_close"
    assert outcome.refusal_params == {
        "sheet": "Campaign", "suggestion": "Campaigns", "sheets": "Summary, Campaigns",
    }  # fmt: skip


def test_import_files_uses_the_mapping_for_every_file(
    tmp_path: Path, store: Store
) -> None:
    first = _write(tmp_path / "a.csv", THREADS_CSV)
    second = _write(tmp_path / "b.csv", THREADS_CSV.replace("fjordvik/post", "f/p"))
    adapter = MappedPosts(parse_mapping(THREADS_MAPPING, "threads.toml"))
    outcomes = import_files([first, second], store, exports_dir=tmp_path,
                            timezone="UTC", adapter=adapter)  # fmt: skip
    assert [(o.status, o.rows_imported) for o in outcomes] == [
        ("imported", 3), ("imported", 3),
    ]  # fmt: skip


# -- the mapping file is checked before any file is read ----------------------------

MINIMAL = 'platform = "other"\nsource = "s"\naccount = "a"\n[columns]\npost_id = "ID"\npublished = "Dato"\n'


def test_a_minimal_mapping_has_iso_dates_and_the_workspace_time_zone() -> None:
    mapping = parse_mapping(MINIMAL, "m.toml")
    assert mapping.date_formats[-1] == "%Y-%m-%d"
    assert (mapping.timezone, mapping.source, mapping.account) == (None, "s", "a")


@pytest.mark.parametrize(
    ("change", "key", "params"),
    [
        (('[columns]\n', '[columns]\npublshed = "x"\n'), "import.mapping.unknown_field",
         {"where": "m.toml:5", "field": "columns.publshed", "suggestion": "published"}),
        (('[columns]\n', '[columns]\nlikes = "x"\n'), "import.mapping.metric_in_columns",
         {"where": "m.toml:5", "field": "columns.likes"}),
        (('"other"', '"threads"'), "import.mapping.bad_platform",
         {"where": "m.toml:1", "field": "platform", "value": "threads"}),
        (('"other"', '"facebok"'), "import.mapping.bad_platform",
         {"suggestion": "facebook"}),
        (('source = "s"\n', ""), "import.mapping.no_source", {"field": "platform"}),
        (('post_id = "ID"\n', ""), "import.mapping.no_post_id",
         {"field": "columns.post_id"}),
        (('post_id = "ID"', "post_id = { row_number = false }"),
         "import.mapping.bad_post_id", {"where": "m.toml:5"}),
        (('published = "Dato"\n', 'published = "Dato"\n[dates]\nformats = ["%d.%m.%Q"]\n'),
         "import.mapping.bad_date_format",
         {"where": "m.toml:8", "field": "dates.formats", "value": "%d.%m.%Q",
          "problem": "import.mapping.date_problem.unknown_code"}),
        (('published = "Dato"\n', 'published = "Dato"\n[dates]\nformats = "%d.%m %H"\n'),
         "import.mapping.bad_date_format",
         {"problem": "import.mapping.date_problem.no_year"}),
        (('published = "Dato"\n', 'published = "Dato"\n[dates]\ntimezone = "Oslo"\n'),
         "import.mapping.bad_timezone", {"value": "Oslo"}),
        (('published = "Dato"\n', 'published = "Dato"\n[metrics]\nlike = "Liker"\n'),
         "import.mapping.unknown_metric",
         {"where": "m.toml:8", "field": "metrics.like", "suggestion": "likes"}),
        (('published = "Dato"\n', 'published = { month = "M" }\n'),
         "import.mapping.no_year", {"field": "columns.published"}),
        (('published = "Dato"\n', 'published = { year = 14, month = "M" }\n'),
         "import.mapping.bad_year", {"value": "14"}),
        (('published = "Dato"\n', 'published = "Dato"\npaid = "Betalt"\n'),
         "import.mapping.paid_without_values", {"field": "paid"}),
        (('published = "Dato"\n',
          'published = "Dato"\npaid = "B"\n[paid]\npaid = ["ja"]\norganic = ["JA"]\n'),
         "import.mapping.paid_both", {"value": "ja"}),
        (('published = "Dato"\n',
          'published = "Dato"\n[engagement]\ncomponents = ["likes"]\n'),
         "import.mapping.engagement_not_mapped", {"value": "likes"}),
        (('published = "Dato"\n', 'published = "Dato"\n[formats]\nBilde = "vidoe"\n'),
         "import.mapping.bad_choice",
         {"field": "formats.Bilde", "value": "vidoe", "suggestion": "video"}),
        (('[columns]\n', '[file]\ndelimiter = ":"\n[columns]\n'),
         "import.mapping.bad_delimiter", {"value": '":"'}),
        (('[columns]\n', '[file]\nheader = 2\n[columns]\n'), "import.mapping.unknown_key",
         {"where": "m.toml:5", "field": "file.header", "suggestion": "header_row"}),
        (('[columns]\n', '[file]\nencoding = "ascii"\n[columns]\n'),
         "import.mapping.bad_encoding", {"value": "ascii"}),
        (('account = "a"', 'account = "a'), "import.mapping.syntax", {"where": "m.toml:3"}),
    ],
)  # fmt: skip
def test_mistakes_in_the_mapping_are_named_with_line_and_field(
    change: tuple[str, str], key: str, params: dict[str, str]
) -> None:
    assert change[0] in MINIMAL
    error = _mapping_error(MINIMAL.replace(change[0], change[1], 1))
    assert error.message_key == key
    assert {k: str(v) for k, v in error.params.items() if k in params} == params
    for language in ("nb", "en"):
        for text_key in (error.message_key, error.hint_key):
            text = translate(text_key, language, **error.params)
            assert text != text_key, (language, text_key)
            assert not re.search(r"\{[a-z_]+\}", text), (language, text)


def test_an_unreadable_mapping_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FokusError) as caught:
        load_mapping(tmp_path / "nope.toml")
    assert caught.value.message_key == "import.mapping.unreadable"


# -- fokus map suggest ----------------------------------------------------------------


def test_suggest_proposes_a_mapping_for_the_threads_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "threads.csv", THREADS_CSV)
    text = suggest_mapping(path, "en")
    document = tomllib.loads(text)
    assert document["platform"] == "other"
    assert document["source"] == "threads"
    assert document["columns"] == {
        "post_id": "Post ID", "published": "Published", "text": "Text",
        "permalink": "Link", "format": "Media",
    }  # fmt: skip
    assert document["dates"] == {"formats": ["%Y-%m-%d %H:%M"]}
    assert document["metrics"] == {
        "likes": "Likes", "replies": "Replies", "shares": "Reposts", "views": "Views",
    }  # fmt: skip
    assert document["formats"] == {
        "Audio": "other",
        "Carousel": "carousel",
        "Text": "text",
    }
    assert document["engagement"] == {"components": ["likes", "shares", "replies"]}
    assert '# CHECK: fokus does not know the word "Audio"' in text
    # As proposed, it reads the file.
    with Store.open(tmp_path / "f.duckdb") as store:
        outcome = _import(path, store, text)
    assert (outcome.status, outcome.rows_imported) == ("imported", 3)


def test_suggest_finds_the_sheet_header_and_values_of_a_workbook(
    tmp_path: Path,
) -> None:
    path = _newsletter(tmp_path / "campaigns.xlsx")
    text = suggest_mapping(path, "nb")
    document = tomllib.loads(text)
    assert document["file"] == {
        "header_row": 2, "sheet": "Campaigns", "decimal": ".", "missing": ["–"],
    }  # fmt: skip
    assert document["columns"]["published"] == "Sent"
    assert document["columns"]["text"] == "Subject"
    assert document["columns"]["post_id"] == {"row_number": True}
    assert document["dates"] == {"formats": ["%Y-%m-%d %H:%M:%S"]}
    assert document["metrics"] == {"total_clicks": "Clicks"}
    assert "# Kolonnenavnene står i rad 2" in text  # comments in the user's language
    assert "# CHECK: celler i måltallskolonnene som ikke er tall" in text


def test_suggest_leaves_the_year_of_a_file_without_one_to_the_user(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path / "p.csv", "Month;Hour;Paid;Likes\n3;14;1;5\n4;9;0;6\n")
    text = suggest_mapping(path, "en")
    assert "\n# year = YYYY\n" in text
    error = _mapping_error(text)
    assert error.message_key == "import.mapping.no_year"
    document = tomllib.loads(text.replace("# year = YYYY", "year = 2020"))
    assert document["columns"]["published"] == {
        "year": 2020, "month": "Month", "hour": "Hour",
    }  # fmt: skip
    assert document["paid"] == {"paid": ["1"], "organic": ["0"], "missing": "unknown"}
