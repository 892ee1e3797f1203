"""TikTok exports: every quirk of export-formats.md §5 on synthetic files.

Studio files are written the way TikTok writes them: UTF-8 with a BOM, every field
quoted, no newline at the end, days without a year. The business-account files are
plain CSV with ``2025/10/31`` dates and ``NAN``/``--`` for missing values.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Sequence
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import given
from hypothesis import strategies as st
from meta_exports import dump, facebook_row, write_facebook, write_series

from fokus.errors import FokusError
from fokus.ingest.pipeline import choose_adapter, import_file
from fokus.ingest.registry import ADAPTERS
from fokus.ingest.sniff import read_sample
from fokus.ingest.tiktok_dates import (
    LooseDate,
    date_in_name,
    export_day,
    latest_on_or_before,
    parse_loose,
    walk_years,
)
from fokus.model.imports import ImportOutcome
from fokus.store import Store

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
OVERVIEW = ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"]
CONTENT = ["Time", "Video title", "Video link", "Post time", "Total likes",
           "Total comments", "Total shares", "Total views"]  # fmt: skip
BUSINESS_OVERVIEW = ["Date", "Video views", "Reached audience", "Profile views",
                     "Likes", "Shares", "Comments", "Phone number clicks ",
                     "Leads submission", "Net growth", "New followers",
                     "Lost followers"]  # fmt: skip
BUSINESS_CONTENT = ["Video title", "Video link", "Post time", "Video views", "Likes",
                    "Comments", "Shares", "Add to Favorites"]  # fmt: skip
LINK = "https://www.tiktok.com/@fjordvik.kommune/{kind}/{id}"
TZ = "Europe/Oslo"


def month_day(day: dt.date) -> str:
    """``February 28``, as TikTok Studio writes a day."""
    return f"{MONTHS[day.month - 1]} {day.day}"


def studio_csv(path: Path, rows: Sequence[Sequence[str]]) -> Path:
    """A TikTok Studio CSV: BOM, every field quoted, no final newline."""
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().removesuffix("\n").encode())
    return path


def business_csv(path: Path, rows: Sequence[Sequence[str]]) -> Path:
    """A business-account CSV: BOM, quotes only where needed."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode())
    return path


def saved_on(path: Path, day: dt.date) -> Path:
    """Give the file the modification date ``day`` (noon UTC)."""
    moment = dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC).timestamp()
    os.utime(path, (moment, moment))
    return path


def _import(
    path: Path, store: Store, as_of: dt.date | None = None, exports: Path | None = None
) -> ImportOutcome:
    return import_file(path, store, exports_dir=exports or path.parent, timezone=TZ,
                       as_of=as_of)  # fmt: skip


def _rows(store: Store, sql: str) -> list[tuple[object, ...]]:
    return store.connection.execute(sql).fetchall()


# -- dates without a year ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("February 28", LooseDate(None, 2, 28)),
        ("July 16", LooseDate(None, 7, 16)),
        ("Feb 29", LooseDate(None, 2, 29)),
        ("28. februar", LooseDate(None, 2, 28)),
        ("1. mai", LooseDate(None, 5, 1)),
        ("17 mars", LooseDate(None, 3, 17)),
        ("2025/10/31", LooseDate(2025, 10, 31)),
        ("2025/10/31 18:19:10", LooseDate(2025, 10, 31, dt.time(18, 19, 10))),
        ("2025-07-16", LooseDate(2025, 7, 16)),
        ("2025-07-16 10:05:00", LooseDate(2025, 7, 16, dt.time(10, 5))),
        ("February 30", None),
        ("2025/02/29", None),
        ("Total", None),
        ("Sun, Nov 9, 2025", None),  # X's format is not TikTok's
        ("", None),
    ],
)
def test_tiktok_dates_are_read(text: str, expected: LooseDate | None) -> None:
    assert parse_loose(text) == expected


def test_a_day_later_than_the_export_day_is_in_the_year_before() -> None:
    anchor = dt.date(2026, 2, 28)
    assert latest_on_or_before(2, 28, anchor) == dt.date(2026, 2, 28)
    assert latest_on_or_before(3, 1, anchor) == dt.date(2025, 3, 1)
    assert latest_on_or_before(1, 1, anchor) == dt.date(2026, 1, 1)
    assert latest_on_or_before(12, 31, anchor) == dt.date(2025, 12, 31)


def test_29_february_goes_back_to_the_last_leap_year() -> None:
    assert latest_on_or_before(2, 29, dt.date(2024, 2, 29)) == dt.date(2024, 2, 29)
    assert latest_on_or_before(2, 29, dt.date(2025, 6, 1)) == dt.date(2024, 2, 29)
    assert latest_on_or_before(2, 29, dt.date(2024, 2, 28)) == dt.date(2020, 2, 29)
    # 2100 is no leap year: eight years back from 2103.
    assert latest_on_or_before(2, 29, dt.date(2103, 3, 1)) == dt.date(2096, 2, 29)


def test_a_365_day_series_over_two_calendar_years_gets_both_years() -> None:
    days = [dt.date(2025, 2, 28) + dt.timedelta(n) for n in range(365)]
    assert days[-1] == dt.date(2026, 2, 27)
    loose = [parse_loose(month_day(d)) for d in days]
    assert walk_years(loose, dt.date(2026, 2, 28)) == days
    # Newest first works the same.
    assert walk_years(loose[::-1], dt.date(2026, 2, 28)) == days[::-1]
    # A file date far later in the same year changes nothing.
    assert walk_years(loose, dt.date(2026, 11, 26)) == days


@given(
    first=st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)),
    length=st.integers(1, 800),
    wait=st.integers(0, 300),
    newest_first=st.booleans(),
)
def test_any_run_of_days_gets_its_years_back(
    first: dt.date, length: int, wait: int, newest_first: bool
) -> None:
    days = [first + dt.timedelta(n) for n in range(length)]
    anchor = days[-1] + dt.timedelta(wait)
    if newest_first:
        days.reverse()
    assert walk_years([parse_loose(month_day(d)) for d in days], anchor) == days


def test_the_walk_crosses_new_year_and_leaves_out_days_that_do_not_exist() -> None:
    turn = [parse_loose(t) for t in ("December 30", "December 31", "January 1")]
    assert walk_years(turn, dt.date(2026, 1, 2)) == [
        dt.date(2025, 12, 30), dt.date(2025, 12, 31), dt.date(2026, 1, 1),
    ]  # fmt: skip
    leap = [parse_loose(t) for t in ("February 28", "February 29", "March 1")]
    assert walk_years(leap, dt.date(2024, 3, 1)) == [
        dt.date(2024, 2, 28), dt.date(2024, 2, 29), dt.date(2024, 3, 1),
    ]  # fmt: skip
    assert walk_years(leap, dt.date(2025, 3, 1)) == [
        dt.date(2025, 2, 28), None, dt.date(2025, 3, 1),
    ]  # fmt: skip
    # Unreadable rows stay None and do not break the walk.
    assert walk_years([None, parse_loose("January 2")], dt.date(2026, 1, 3)) == [
        None, dt.date(2026, 1, 2),
    ]  # fmt: skip


def test_the_export_day_order_option_name_content_file(tmp_path: Path) -> None:
    path = saved_on(studio_csv(tmp_path / "Content.csv", [["x"]]), dt.date(2026, 3, 5))
    content = LooseDate(None, 2, 28)
    assert export_day(path, dt.date(2026, 1, 1), content) == (
        dt.date(2026, 1, 1), "option",
    )  # fmt: skip
    named = saved_on(
        studio_csv(tmp_path / "Content 2026-02-27.csv", [["x"]]), dt.date(2026, 3, 5)
    )
    assert export_day(named, None, content) == (dt.date(2026, 2, 27), "file_name")
    assert export_day(path, None, content) == (dt.date(2026, 2, 28), "content")
    # The Time column's day later in the year than the file date: the year before.
    assert export_day(path, None, LooseDate(None, 12, 31)) == (
        dt.date(2025, 12, 31), "content",
    )  # fmt: skip
    assert export_day(path, None) == (dt.date(2026, 3, 5), "file_date")
    # TikTok's day may be a day ahead of the file date (kept in UTC): same year.
    saved_on(path, dt.date(2026, 2, 27))
    assert export_day(path, None, content) == (dt.date(2026, 2, 28), "content")
    saved_on(path, dt.date(2026, 2, 26))
    assert export_day(path, None, content) == (dt.date(2025, 2, 28), "content")


def test_a_series_may_end_a_day_after_the_file_date(
    tmp_path: Path, store: Store
) -> None:
    path = studio_csv(tmp_path / "Overview.csv", [
        OVERVIEW, *([day, "1", "1", "1", "1", "1"]
                    for day in ("December 31", "January 1", "January 2")),
    ])  # fmt: skip
    saved_on(path, dt.date(2026, 1, 1))
    outcome = _import(path, store)
    assert (outcome.as_of, outcome.rows_imported) == (dt.date(2026, 1, 1), 15)
    assert _rows(store, "SELECT DISTINCT day FROM daily ORDER BY day") == [
        (dt.date(2025, 12, 31),), (dt.date(2026, 1, 1),), (dt.date(2026, 1, 2),),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Overview 2026-02-28.csv", dt.date(2026, 2, 28)),
        ("tiktok_2025_12_31_overview.xlsx", dt.date(2025, 12, 31)),
        ("account_2025-11-02_2025-11-09.csv", dt.date(2025, 11, 9)),
        ("Jan-14-2025_Apr-14-2025_1396269028466733.csv", dt.date(2025, 4, 14)),
        ("Overview.csv", None),
        ("7527623000473079054.csv", None),
        ("Overview 2026-02-30.csv", None),
    ],
)
def test_dates_in_file_names(name: str, expected: dt.date | None) -> None:
    assert date_in_name(name) == expected


# -- TikTok Studio daily files ------------------------------------------------------


def test_overview_over_new_year_with_exact_values(tmp_path: Path, store: Store) -> None:
    path = studio_csv(tmp_path / "Overview 2026-01-03.csv", [
        OVERVIEW,
        ["December 30", "1200", "14", "88", "3", "2"],
        ["December 31", "980", "9", "61", "0", "1"],
        ["January 1", "1510", "undefined", "102", "7", "4"],
        ["January 2", "0", "0", "0", "0", "0"],
    ])  # fmt: skip
    outcome = _import(path, store)
    assert (outcome.status, outcome.kind) == ("imported", "tiktok_overview")
    assert (outcome.rows_read, outcome.rows_imported, outcome.rows_skipped) == (
        4,
        19,
        0,
    )
    assert outcome.as_of == dt.date(2026, 1, 3)
    assert outcome.notes == (
        ("import.note.tiktok.year_inferred", {
            "as_of": "2026-01-03", "source": "import.note.tiktok.source.file_name",
            "first": "2025-12-30", "last": "2026-01-02",
        }),
        ("import.note.tiktok.missing_values",
         {"count": "1", "names": "Profile Views (1)"}),
    )  # fmt: skip
    assert _rows(
        store,
        "SELECT platform, account_id, day, metric, value, source_row "
        "FROM daily WHERE day >= '2025-12-31' AND day <= '2026-01-01' "
        "ORDER BY day, metric",
    ) == [
        ("tiktok", "tiktok", dt.date(2025, 12, 31), "comments", 0.0, 3),
        ("tiktok", "tiktok", dt.date(2025, 12, 31), "likes", 61.0, 3),
        ("tiktok", "tiktok", dt.date(2025, 12, 31), "profile_visits", 9.0, 3),
        ("tiktok", "tiktok", dt.date(2025, 12, 31), "shares", 1.0, 3),
        ("tiktok", "tiktok", dt.date(2025, 12, 31), "views", 980.0, 3),
        ("tiktok", "tiktok", dt.date(2026, 1, 1), "comments", 7.0, 4),
        ("tiktok", "tiktok", dt.date(2026, 1, 1), "likes", 102.0, 4),
        ("tiktok", "tiktok", dt.date(2026, 1, 1), "shares", 4.0, 4),
        ("tiktok", "tiktok", dt.date(2026, 1, 1), "views", 1510.0, 4),
    ]
    # A real zero stays zero; undefined is absent.
    assert _rows(store, "SELECT value FROM daily WHERE day = '2026-01-02' AND "
                        "metric = 'views'") == [(0.0,)]  # fmt: skip
    assert _rows(store, "SELECT as_of, as_of_source FROM imports") == [
        (dt.date(2026, 1, 3), "file_name")
    ]


def test_a_studio_year_of_days_over_two_years(tmp_path: Path, store: Store) -> None:
    days = [dt.date(2025, 2, 28) + dt.timedelta(n) for n in range(365)]
    path = studio_csv(
        tmp_path / "Overview.csv",
        [OVERVIEW, *([month_day(d), str(n), "1", "2", "3", "4"] for n, d in enumerate(days))],
    )  # fmt: skip
    saved_on(path, dt.date(2026, 2, 28))
    outcome = _import(path, store)
    assert (outcome.rows_read, outcome.rows_imported) == (365, 365 * 5)
    assert outcome.notes[0][1]["source"] == "import.note.tiktok.source.file_date"
    assert _rows(
        store, "SELECT day, value FROM daily WHERE metric = 'views' ORDER BY day"
    ) == [(d, float(n)) for n, d in enumerate(days)]


def test_29_february_in_a_year_without_it_is_skipped(
    tmp_path: Path, store: Store
) -> None:
    rows = [OVERVIEW] + [
        [day, "10", "1", "1", "0", "0"]
        for day in ("February 27", "February 28", "February 29", "March 1")
    ]
    leap = studio_csv(tmp_path / "leap" / "Overview.csv", rows)
    outcome = _import(leap, store, as_of=dt.date(2024, 3, 2))
    assert (outcome.rows_imported, outcome.rows_skipped) == (20, 0)
    assert outcome.notes[0][1]["source"] == "import.note.tiktok.source.option"
    assert _rows(store, "SELECT DISTINCT day FROM daily ORDER BY day") == [
        (dt.date(2024, 2, 27),), (dt.date(2024, 2, 28),), (dt.date(2024, 2, 29),),
        (dt.date(2024, 3, 1),),
    ]  # fmt: skip
    common = studio_csv(tmp_path / "common" / "Overview 2025-03-02.csv", [
        *rows, ["nonsense", "1", "1", "1", "1", "1"],
    ])  # fmt: skip
    outcome = _import(common, store)
    assert (outcome.rows_read, outcome.rows_imported, outcome.rows_skipped) == (
        5,
        15,
        2,
    )
    assert [(s.row, s.reason_key, s.params["value"]) for s in outcome.skipped] == [
        (4, "import.skip.tiktok.no_such_day", "February 29"),
        (6, "import.skip.bad_date", "nonsense"),
    ]
    assert _rows(store, "SELECT DISTINCT day FROM daily JOIN imports USING (import_id) "
                        "WHERE as_of_source = 'file_name' ORDER BY day") == [
        (dt.date(2025, 2, 27),), (dt.date(2025, 2, 28),), (dt.date(2025, 3, 1),),
    ]  # fmt: skip


def test_viewers_with_undefined_totals(tmp_path: Path, store: Store) -> None:
    path = studio_csv(tmp_path / "Viewers.csv", [
        ["Date", "Total Viewers", "New Viewers", "Returning Viewers"],
        ["March 1", "undefined", "0", "0"],
        ["March 2", "22969", "13909", "9060"],
    ])  # fmt: skip
    outcome = _import(path, store, as_of=dt.date(2026, 3, 3))
    assert (outcome.kind, outcome.rows_imported, outcome.rows_skipped) == (
        "tiktok_viewers", 5, 0,
    )  # fmt: skip
    assert _rows(
        store, "SELECT day, metric, value FROM daily ORDER BY day, metric"
    ) == [
        (dt.date(2026, 3, 1), "new_viewers", 0.0),
        (dt.date(2026, 3, 1), "returning_viewers", 0.0),
        (dt.date(2026, 3, 2), "new_viewers", 13909.0),
        (dt.date(2026, 3, 2), "returning_viewers", 9060.0),
        (dt.date(2026, 3, 2), "viewers", 22969.0),
    ]


def test_follower_files_take_the_account_from_their_folder(
    tmp_path: Path, store: Store
) -> None:
    folder = tmp_path / "exports" / "tiktok" / "Followers_fjordvik.kommune"
    history = studio_csv(folder / "FollowerHistory.csv", [
        ["Date", "Followers", "Difference in followers from previous day"],
        ["December 31", "undefined", "0"],
        ["January 1", "5009", "-1"],
    ])  # fmt: skip
    outcome = _import(history, store, dt.date(2026, 1, 2), tmp_path / "exports")
    assert (outcome.kind, outcome.rows_imported) == ("tiktok_followers", 3)
    assert _rows(
        store, "SELECT account_id, day, metric, value FROM daily ORDER BY day, metric"
    ) == [
        ("fjordvik.kommune", dt.date(2025, 12, 31), "net_follows", 0.0),
        ("fjordvik.kommune", dt.date(2026, 1, 1), "followers", 5009.0),
        ("fjordvik.kommune", dt.date(2026, 1, 1), "net_follows", -1.0),
    ]


def test_follower_activity_is_stored_by_day_and_hour(
    tmp_path: Path, store: Store
) -> None:
    path = studio_csv(tmp_path / "FollowerActivity.csv", [
        ["Date", "Hour", "Active followers"],
        ["December 31", "0", "491"],
        ["December 31", "23", "1151"],
        ["January 1", "9", "undefined"],
        ["January 1", "24", "5"],
        ["January 1", "10", "1209"],
    ])  # fmt: skip
    outcome = _import(path, store, as_of=dt.date(2026, 1, 2))
    assert (outcome.kind, outcome.rows_read) == ("tiktok_follower_activity", 5)
    assert (outcome.rows_imported, outcome.rows_skipped) == (3, 1)
    assert [(s.row, s.reason_key) for s in outcome.skipped] == [
        (5, "import.skip.tiktok.bad_hour")
    ]
    assert _rows(
        store,
        "SELECT block, dimension, category, value, unit, as_of "
        "FROM audience ORDER BY dimension, category",
    ) == [
        ("follower_activity", "2025-12-31", "00", 491.0, "count", dt.date(2026, 1, 2)),
        ("follower_activity", "2025-12-31", "23", 1151.0, "count", dt.date(2026, 1, 2)),
        ("follower_activity", "2026-01-01", "10", 1209.0, "count", dt.date(2026, 1, 2)),
    ]
    assert _rows(store, "SELECT count(*) FROM daily") == [(0,)]


def test_gender_and_territories_are_stored_as_percent(
    tmp_path: Path, store: Store
) -> None:
    gender = studio_csv(tmp_path / "FollowerGender.csv", [
        ["Gender", "Distribution"], ["Female", "0.59"], ["Male", "0.41"], ["Other", "0"],
    ])  # fmt: skip
    outcome = _import(gender, store, as_of=dt.date(2026, 2, 28))
    assert (outcome.kind, outcome.rows_imported) == ("tiktok_audience", 3)
    assert outcome.notes == (("import.note.tiktok.fractions", {}),)
    territories = studio_csv(tmp_path / "FollowerTopTerritories.csv", [
        ["Top territories", "Distribution"], ["NO", "0.462"], ["SE", "0.219"],
        ["Others", "0.319"],
    ])  # fmt: skip
    _import(territories, store, as_of=dt.date(2026, 2, 28))
    assert _rows(
        store,
        "SELECT block, dimension, category, value, unit, source_row "
        "FROM audience ORDER BY block, source_row",
    ) == [
        ("gender", "", "Female", 59.0, "percent", 2),
        ("gender", "", "Male", 41.0, "percent", 3),
        ("gender", "", "Other", 0.0, "percent", 4),
        ("top_territories", "", "NO", 46.2, "percent", 2),
        ("top_territories", "", "SE", 21.9, "percent", 3),
        ("top_territories", "", "Others", 31.9, "percent", 4),
    ]


def test_shares_already_in_percent_are_kept(tmp_path: Path, store: Store) -> None:
    path = studio_csv(tmp_path / "FollowerGender.csv", [
        ["Gender", "Distribution"], ["Female", "59%"], ["Male", "41%"],
    ])  # fmt: skip
    outcome = _import(path, store, as_of=dt.date(2026, 2, 28))
    assert outcome.notes == ()
    assert _rows(store, "SELECT category, value FROM audience ORDER BY category") == [
        ("Female", 59.0), ("Male", 41.0),
    ]  # fmt: skip


def test_the_xlsx_variant_with_numbers_as_text(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "Overview.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Overview")
    for r, row in enumerate([OVERVIEW, ["April 12", "1591", "7", "10", "1", "0"],
                             ["April 13", "1154", "1", "5", "0", "0"]]):  # fmt: skip
        for c, value in enumerate(row):
            sheet.write_string(r, c, value)
    workbook.close()
    outcome = _import(path, store, as_of=dt.date(2026, 4, 14))
    assert (outcome.kind, outcome.rows_imported) == ("tiktok_overview", 10)
    assert _rows(
        store,
        "SELECT day, metric, value FROM daily WHERE metric IN "
        "('views', 'profile_visits') ORDER BY day, metric",
    ) == [
        (dt.date(2026, 4, 12), "profile_visits", 7.0),
        (dt.date(2026, 4, 12), "views", 1591.0),
        (dt.date(2026, 4, 13), "profile_visits", 1.0),
        (dt.date(2026, 4, 13), "views", 1154.0),
    ]
    assert _rows(store, "SELECT encoding, delimiter FROM imports") == [("xlsx", None)]


def test_bokmaal_headers_and_an_unknown_date_heading(
    tmp_path: Path, store: Store
) -> None:
    path = studio_csv(tmp_path / "Oversikt.csv", [
        ["Dag", "Videovisninger", "Profilvisninger", "Liker", "Kommentarer",
         "Delinger", "Nye ting"],
        ["28. februar", "100", "5", "9", "1", "0", "7"],
    ])  # fmt: skip
    outcome = _import(path, store, as_of=dt.date(2026, 3, 1))
    assert (outcome.kind, outcome.rows_imported) == ("tiktok_overview", 6)
    assert outcome.notes[1:] == (
        ("import.note.tiktok.found_by_values", {"names": "Dag"}),
        ("import.note.unknown_columns", {"count": "1", "names": "Nye ting"}),
    )
    assert _rows(store, "SELECT metric, value FROM daily ORDER BY metric") == [
        ("comments", 1.0), ("likes", 9.0), ("nye_ting", 7.0),
        ("profile_visits", 5.0), ("shares", 0.0), ("views", 100.0),
    ]  # fmt: skip


# -- TikTok Studio Content ---------------------------------------------------------


def _studio_content(path: Path, export: str, posts: Sequence[Sequence[str]]) -> Path:
    return studio_csv(path, [CONTENT, *([export, *post] for post in posts)])


def test_studio_content_with_years_from_the_time_column(
    tmp_path: Path, store: Store
) -> None:
    path = _studio_content(tmp_path / "Content.csv", "January 5", [
        ["Skøyteis på torget ❄️ #fjordvik", LINK.format(kind="video", id="7527623000473079054"),
         "January 3", "533", "32", "16", "191265"],
        ["", LINK.format(kind="photo", id="7546034661705796877"), "December 30",
         "109", "7", "undefined", "154414"],
        ["Samme dag", LINK.format(kind="video", id="7531345990947851551"), "January 5",
         "1", "0", "0", "10"],
        ["Et år gammel", LINK.format(kind="video", id="7496081920573328683"),
         "January 6", "21", "4", "0", "11489"],
    ])  # fmt: skip
    saved_on(path, dt.date(2026, 1, 20))
    outcome = _import(path, store)
    assert (outcome.status, outcome.kind) == ("imported", "tiktok_content")
    assert (outcome.rows_read, outcome.rows_imported, outcome.rows_skipped) == (4, 4, 0)
    assert outcome.as_of == dt.date(2026, 1, 5)
    assert outcome.notes == (
        ("import.note.tiktok.year_inferred", {
            "as_of": "2026-01-05", "source": "import.note.tiktok.source.content",
            "first": "2025-01-06", "last": "2026-01-05",
        }),
        ("import.note.tiktok.top_videos_only", {}),
    )  # fmt: skip
    posts = _rows(store, "SELECT post_id, account_id, published_day, published_at, "
                         "format, format_raw, text_raw, permalink, paid, likes, "
                         "comments, shares, views, saves, as_of, source_row "
                         "FROM posts ORDER BY source_row")  # fmt: skip
    assert [p[:3] for p in posts] == [
        ("7527623000473079054", "fjordvik.kommune", dt.date(2026, 1, 3)),
        ("7546034661705796877", "fjordvik.kommune", dt.date(2025, 12, 30)),
        ("7531345990947851551", "fjordvik.kommune", dt.date(2026, 1, 5)),
        ("7496081920573328683", "fjordvik.kommune", dt.date(2025, 1, 6)),
    ]
    first, photo = posts[0], posts[1]
    # A day without a time: midnight in the workspace's time zone (UTC+1 in winter).
    assert first[3] == dt.datetime(2026, 1, 2, 23, 0, tzinfo=dt.UTC)
    assert first[4:9] == ("video", "video", "Skøyteis på torget ❄️ #fjordvik",
                          LINK.format(kind="video", id="7527623000473079054"),
                          "unknown")  # fmt: skip
    assert first[9:] == (533.0, 32.0, 16.0, 191265.0, None, dt.date(2026, 1, 5), 2)
    assert photo[4:7] == ("carousel", "photo", None)
    assert photo[9:13] == (109.0, 7.0, None, 154414.0)  # undefined is not 0
    assert _rows(store, "SELECT platform, account_id, username FROM accounts") == [
        ("tiktok", "fjordvik.kommune", "fjordvik.kommune")
    ]
    assert _rows(
        store,
        "SELECT name, value FROM post_fields WHERE post_id = "
        "'7546034661705796877' ORDER BY name",
    ) == [
        ("Post time", "December 30"),
        ("Time", "January 5"),
    ]


def test_content_rows_without_a_link_id_or_date_are_skipped(
    tmp_path: Path, store: Store
) -> None:
    path = _studio_content(tmp_path / "Content.csv", "March 1", [
        ["God", LINK.format(kind="video", id="7000000000000000001"), "February 29",
         "1", "1", "1", "1"],
        ["Uten id", "https://www.tiktok.com/@fjordvik.kommune", "February 2",
         "1", "1", "1", "1"],
        ["Uten dato", LINK.format(kind="video", id="7000000000000000002"), "i går",
         "1", "1", "1", "1"],
        ["Dobbel", LINK.format(kind="video", id="7000000000000000001"), "February 3",
         "1", "1", "1", "1"],
    ])  # fmt: skip
    outcome = _import(path, store, as_of=dt.date(2025, 3, 1))
    assert (outcome.rows_read, outcome.rows_imported, outcome.rows_skipped) == (4, 1, 3)
    assert [(s.row, s.reason_key, s.params["value"]) for s in outcome.skipped] == [
        (3, "import.skip.no_post_id", ""),
        (4, "import.skip.bad_date", "i går"),
        (5, "import.skip.duplicate_post", "7000000000000000001"),
    ]
    # 29 February before an export day in 2025 is the one of 2024.
    assert _rows(store, "SELECT published_day FROM posts") == [(dt.date(2024, 2, 29),)]


def test_content_found_by_values_when_headers_are_unknown(
    tmp_path: Path, store: Store
) -> None:
    path = studio_csv(tmp_path / "Innhold.csv", [
        ["Zeit", "Videotitel", "Adresse", "Veröffentlicht", "Gefällt mir"],
        ["2. mai", "Vår", LINK.format(kind="video", id="7000000000000000003"), "1. mai", "5"],
        ["2. mai", "Sol", LINK.format(kind="video", id="7000000000000000004"), "30. april", "6"],
    ])  # fmt: skip
    outcome = _import(path, store)
    assert (outcome.kind, outcome.rows_imported) == ("tiktok_content", 2)
    assert outcome.as_of is not None and (outcome.as_of.month, outcome.as_of.day) == (
        5,
        2,
    )
    assert outcome.notes[1:3] == (
        ("import.note.tiktok.found_by_values",
         {"names": "Adresse, Veröffentlicht, Zeit"}),
        ("import.note.unknown_columns",
         {"count": "2", "names": "Videotitel, Gefällt mir"}),
    )  # fmt: skip
    assert _rows(
        store,
        "SELECT post_id, month(published_day), day(published_day) "
        "FROM posts ORDER BY post_id",
    ) == [
        ("7000000000000000003", 5, 1),
        ("7000000000000000004", 4, 30),
    ]


def test_an_unknown_post_type_is_kept_and_reported(
    tmp_path: Path, store: Store
) -> None:
    path = business_csv(tmp_path / "content.csv", [
        ["Video link", "Post time", "Post type", "Likes"],
        [LINK.format(kind="video", id="7000000000000000005"), "2026/01/02 10:00:00",
         "Photo mode", "3"],
        [LINK.format(kind="video", id="7000000000000000006"), "2026/01/03 10:00:00",
         "Duett", "4"],
        [LINK.format(kind="video", id="7000000000000000007"), "2026/01/04 10:00:00",
         "", "5"],
    ])  # fmt: skip
    outcome = _import(path, store, as_of=dt.date(2026, 1, 5))
    assert outcome.notes == (
        ("import.note.tiktok.unknown_formats", {"values": "Duett"}),
    )
    assert _rows(store, "SELECT format, format_raw FROM posts ORDER BY post_id") == [
        ("carousel", "Photo mode"), ("other", "Duett"), ("video", "video"),
    ]  # fmt: skip


# -- the business-account variant ---------------------------------------------------


def test_business_overview_with_nan_and_dashes(tmp_path: Path, store: Store) -> None:
    path = business_csv(tmp_path / "TIKTOK_RAW.csv", [
        BUSINESS_OVERVIEW,
        ["2025/10/31", "715", "NAN", "25", "26", "4", "7", "0", "0", "10", "10", "0"],
        ["2025/11/01", "75155", "75134", "539", "845", "244", "58", "--", "0", "100",
         "101", "1"],
    ])  # fmt: skip
    outcome = _import(path, store)
    assert (outcome.kind, outcome.rows_read, outcome.rows_imported) == (
        "tiktok_overview", 2, 20,
    )  # fmt: skip
    assert outcome.as_of == dt.date(2025, 11, 1)  # the last day, as for Meta's series
    assert outcome.notes == (
        ("import.note.tiktok.missing_values",
         {"count": "2", "names": "Reached audience (1), Phone number clicks (1)"}),
    )  # fmt: skip
    assert _rows(
        store,
        "SELECT metric, value FROM daily WHERE day = '2025-11-01' ORDER BY metric",
    ) == [
        ("comments", 58.0),
        ("follows", 101.0),
        ("leads", 0.0),
        ("likes", 845.0),
        ("net_follows", 100.0),
        ("profile_visits", 539.0),
        ("reach", 75134.0),
        ("shares", 244.0),
        ("unfollows", 1.0),
        ("views", 75155.0),
    ]
    assert _rows(store, "SELECT value FROM daily WHERE day = '2025-10-31' AND metric "
                        "= 'phone_clicks'") == [(0.0,)]  # fmt: skip


def test_business_audience_keeps_missing_totals_missing(
    tmp_path: Path, store: Store
) -> None:
    path = business_csv(tmp_path / "TIKTOK_AUDIENCE_RAW.csv", [
        ["Date", "New followers", "Total followers", "Reached audience",
         "Engaged audience"],
        ["2025/10/31", "10", "--", "NAN", "NAN"],
        ["2025/11/01", "100", "--", "75134", "1801"],
    ])  # fmt: skip
    outcome = _import(path, store)
    assert (outcome.kind, outcome.rows_imported) == ("tiktok_followers", 4)
    assert _rows(
        store, "SELECT day, metric, value FROM daily ORDER BY day, metric"
    ) == [
        (dt.date(2025, 10, 31), "follows", 10.0),
        (dt.date(2025, 11, 1), "engaged_audience", 1801.0),
        (dt.date(2025, 11, 1), "follows", 100.0),
        (dt.date(2025, 11, 1), "reach", 75134.0),
    ]


def test_business_content_times_are_utc(tmp_path: Path, store: Store) -> None:
    path = business_csv(tmp_path / "TIKTOK_VIDEO_RAW.csv", [
        BUSINESS_CONTENT,
        ["Burger 🍔\nmed linjeskift", LINK.format(kind="video", id="7567452112981069079"),
         "2025/10/31 18:19:10", "172353", "1774", "42", "413", "180"],
        ["Juli", LINK.format(kind="video", id="7567818627731229974"),
         "2025/07/01 18:01:24", "704", "17", "0", "2", "0"],
    ])  # fmt: skip
    outcome = _import(path, store, as_of=dt.date(2026, 1, 1))
    assert (outcome.kind, outcome.rows_imported, outcome.notes) == (
        "tiktok_content", 2, (),
    )  # fmt: skip
    assert _rows(store, "SELECT published_at, text_raw, views, likes, comments, "
                        "shares, saves, source_row FROM posts ORDER BY source_row") == [
        (dt.datetime(2025, 10, 31, 18, 19, 10, tzinfo=dt.UTC),
         "Burger 🍔\nmed linjeskift", 172353.0, 1774.0, 42.0, 413.0, 180.0, 2),
        (dt.datetime(2025, 7, 1, 18, 1, 24, tzinfo=dt.UTC), "Juli", 704.0, 17.0,
         0.0, 2.0, 0.0, 3),
    ]  # fmt: skip


# -- import semantics ----------------------------------------------------------------


def test_same_file_twice_changes_nothing(tmp_path: Path, store: Store) -> None:
    path = _studio_content(tmp_path / "Content.csv", "February 28", [
        ["Hei", LINK.format(kind="video", id="7000000000000000008"), "February 1",
         "1", "2", "3", "4"],
    ])  # fmt: skip
    assert _import(path, store, as_of=dt.date(2026, 2, 28)).status == "imported"
    before = dump(store)
    again = _import(path, store, as_of=dt.date(2026, 2, 28))
    assert again.status == "already_imported"
    assert dump(store) == before


def test_newer_exports_add_snapshots_and_older_ones_hide_nothing(
    tmp_path: Path, store: Store
) -> None:
    def export(folder: str, day: str, views: str) -> Path:
        return _studio_content(tmp_path / folder / "Content.csv", day, [
            ["Hei", LINK.format(kind="video", id="7000000000000000009"), "January 10",
             "1", "0", "0", views],
        ])  # fmt: skip

    _import(export("feb", "February 28", "500"), store, as_of=dt.date(2026, 2, 28))
    posts_before = _rows(store, "SELECT * FROM posts")
    _import(export("jan", "January 31", "90"), store, as_of=dt.date(2026, 1, 31))
    assert _rows(store, "SELECT * FROM posts") == posts_before
    _import(export("mar", "March 31", "800"), store, as_of=dt.date(2026, 3, 31))
    assert _rows(
        store, "SELECT as_of, views, published_day FROM post_snapshots ORDER BY as_of"
    ) == [
        (dt.date(2026, 1, 31), 90.0, dt.date(2026, 1, 10)),
        (dt.date(2026, 2, 28), 500.0, dt.date(2026, 1, 10)),
        (dt.date(2026, 3, 31), 800.0, dt.date(2026, 1, 10)),
    ]
    assert _rows(store, "SELECT views, as_of FROM posts") == [
        (800.0, dt.date(2026, 3, 31))
    ]


def test_a_newer_daily_export_wins_for_the_days_both_hold(
    tmp_path: Path, store: Store
) -> None:
    def export(folder: str, views: str) -> Path:
        return studio_csv(tmp_path / folder / "Overview.csv", [
            OVERVIEW, ["March 1", views, "0", "0", "0", "0"],
        ])  # fmt: skip

    _import(export("new", "300"), store, as_of=dt.date(2026, 3, 10))
    _import(export("old", "200"), store, as_of=dt.date(2026, 3, 2))
    assert _rows(
        store, "SELECT day, value FROM latest_daily WHERE metric = 'views'"
    ) == [(dt.date(2026, 3, 1), 300.0)]


# -- recognition: one TikTok kind per file, never another platform's file ------------


def _claims(path: Path) -> list[str]:
    sample = read_sample(path)
    return [a.kind for a in ADAPTERS if a.recognise(sample).complete]


def test_each_tiktok_file_is_claimed_by_exactly_one_adapter(tmp_path: Path) -> None:
    files = {
        "tiktok_overview": studio_csv(tmp_path / "a.csv", [
            OVERVIEW, ["March 1", "1", "1", "1", "1", "1"]]),
        "tiktok_viewers": studio_csv(tmp_path / "b.csv", [
            ["Date", "Total Viewers", "New Viewers", "Returning Viewers"],
            ["March 1", "undefined", "0", "0"]]),
        "tiktok_followers": studio_csv(tmp_path / "c.csv", [
            ["Date", "Followers", "Difference in followers from previous day"],
            ["March 1", "10", "1"]]),
        "tiktok_follower_activity": studio_csv(tmp_path / "d.csv", [
            ["Date", "Hour", "Active followers"], ["March 1", "0", "5"]]),
        "tiktok_audience": studio_csv(tmp_path / "e.csv", [
            ["Top territories", "Distribution"], ["NO", "1"]]),
        "tiktok_content": _studio_content(tmp_path / "f.csv", "March 2", [
            ["x", LINK.format(kind="video", id="7000000000000000010"), "March 1",
             "1", "1", "1", "1"]]),
    }  # fmt: skip
    files["tiktok_overview (business)"] = business_csv(
        tmp_path / "g.csv", [BUSINESS_OVERVIEW, ["2025/10/31", *["1"] * 11]]
    )
    files["tiktok_followers (business)"] = business_csv(tmp_path / "h.csv", [
        ["Date", "New followers", "Total followers", "Reached audience",
         "Engaged audience"], ["2025/10/31", "1", "--", "NAN", "NAN"],
    ])  # fmt: skip
    assert {name: _claims(path) for name, path in files.items()} == {
        name: [name.split(" ")[0]] for name in files
    }


OTHER_PLATFORMS = {
    "youtube_table": [
        ["Date", "Views", "Watch time (hours)", "Likes", "Shares"],
        ["Total", "10", "1.5", "1", "0"],
        ["2025-03-01", "10", "1.5", "1", "0"],
    ],
    "youtube_video_views": [  # "Date" + "Video Views" without TikTok's profile views
        ["Date", "Video Views", "Likes", "Comments", "Shares"],
        ["2025-03-01", "10", "1", "1", "0"],
    ],
    "youtube_content": [
        ["Content", "Video title", "Video publish time", "Views"],
        ["_mf5P4uoMNk", "Tittel", "Jun 7, 2020", "7"],
    ],
    "x_overview": [
        ["Date", "Impressions", "Likes", "Engagements", "Shares", "New follows",
         "Profile visits", "Video views"],
        ["Tue, Feb 18, 2025", "62", "0", "3", "0", "1", "1", "0"],
    ],
    "x_content": [
        ["Post id", "Date", "Post text", "Post Link", "Impressions", "Likes"],
        ["1987315260559167965", "Sun, Nov 9, 2025", "Hei",
         "https://x.com/a/status/1987315260559167965", "5", "1"],
    ],
    "linkedin_followers": [
        ["Date", "Sponsored followers", "Organic followers", "Auto-invited followers",
         "Total followers"],
        ["03/01/2025", "0", "3", "0", "3"],
    ],
    "meta_viewers_as_rows": [  # a TikTok-like day but Meta's columns
        ["Date", "Primary"], ["2025-10-31T00:00:00", "1148"],
    ],
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(OTHER_PLATFORMS))
def test_tiktok_never_claims_other_platforms_files(tmp_path: Path, name: str) -> None:
    path = business_csv(tmp_path / f"{name}.csv", OTHER_PLATFORMS[name])
    assert [k for k in _claims(path) if k.startswith("tiktok")] == []


def test_meta_files_are_not_claimed_by_tiktok_nor_tiktok_files_by_meta(
    tmp_path: Path,
) -> None:
    facebook = write_facebook(tmp_path / "posts.csv", [
        facebook_row("111111111111111", "01/05/2026 10:00", "Hei"),
    ])  # fmt: skip
    series = write_series(tmp_path / "Reach.csv", "Facebook reach",
                          [("2026-01-01", "5")])  # fmt: skip
    assert _claims(facebook) == ["meta_facebook_posts"]
    assert _claims(series) == ["meta_daily_series"]
    gender = studio_csv(tmp_path / "FollowerGender.csv", [
        ["Gender", "Distribution"], ["Female", "0.59"],
    ])  # fmt: skip
    assert _claims(gender) == ["tiktok_audience"]


def test_an_overview_without_profile_views_is_refused_with_what_is_missing(
    tmp_path: Path, store: Store
) -> None:
    path = studio_csv(tmp_path / "Overview.csv", [
        ["Date", "Video Views", "Likes"], ["March 1", "10", "1"],
    ])  # fmt: skip
    sample = read_sample(path)
    with pytest.raises(FokusError) as refused:
        choose_adapter(sample)
    assert refused.value.message_key == "import.refused.incomplete"
    outcome = _import(path, store)
    assert outcome.status == "refused"
    assert outcome.refusal_params["missing"] == ("feature.tiktok.overview_metrics",)
    assert store.imports() == ()
