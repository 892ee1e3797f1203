"""The real classic Facebook Insights "Post data" workbooks in ../shared/samples.

Their expected outcomes (status, kind, counts) are in ``test_meta_samples.EXPECTED``
with the other files of the facebook folder; this module checks what was stored:
every breakdown value, the Pacific time of ``Posted``, and the snapshots of three
exports of the same page. The files are read here independently of fokus's reader
(defusedxml for the XML, calamine's raw cells for the .xlsx).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
from defusedxml import ElementTree
from python_calamine import CalamineWorkbook
from sample_outcomes import SAMPLES

from fokus.ingest.pipeline import import_file
from fokus.model.imports import ImportOutcome
from fokus.store import Store

if not SAMPLES.is_dir():
    pytest.skip(f"{SAMPLES} is absent", allow_module_level=True)

pytestmark = pytest.mark.samples
FOLDER = SAMPLES / "facebook" / "viethngn__LACDA"
PREFIX = "Facebook Insights Data Export (Post Level) - LOK - "
JULY, OCTOBER, NOVEMBER = (
    FOLDER / f"{PREFIX}2017-07-27.xls",
    FOLDER / f"{PREFIX}2017-10-22.xls",
    FOLDER / f"{PREFIX}2017-11-19.xlsx",
)
PAGE = "1553363564876294"
SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
# Sheet (as named, cut to 31 characters) -> the name its columns are stored under;
# the types mapped to canonical metrics are in MAPPED.
LABELS = {
    "Lifetime Talking About This(...": "Talking about this by action type",
    "Lifetime Post Stories by act...": "Stories by action type",
    "Lifetime Post Consumers by type": "Consumers by type",
    "Lifetime Post Consumptions b...": "Consumptions by type",
    "Lifetime Negative Feedback f...": "Negative feedback by type",
    "Lifetime Negative Feedback": "Negative feedback by type (people)",
}
MAPPED = {
    ("Lifetime Post Stories by act...", "like"): "likes",
    ("Lifetime Post Stories by act...", "comment"): "comments",
    ("Lifetime Post Stories by act...", "share"): "shares",
    ("Lifetime Post Consumptions b...", "link clicks"): "link_clicks",
    ("Lifetime Post Consumptions b...", "photo view"): "photo_clicks",
    ("Lifetime Post Consumptions b...", "other clicks"): "other_clicks",
}


def _xml_sheets(path: Path) -> dict[str, list[list[str]]]:
    """Every sheet's rows; these files name every cell, so no ss:Index is needed."""
    root = ElementTree.parse(path).getroot()
    sheets = {}
    for sheet in root.iter(f"{SS}Worksheet"):
        rows = [
            ["".join(c.itertext()) for c in row.iter(f"{SS}Data")]
            for row in sheet.iter(f"{SS}Row")
        ]
        sheets[sheet.get(f"{SS}Name")] = rows
    return sheets


def _xlsx_sheets(path: Path) -> dict[str, list[list[str]]]:
    book = CalamineWorkbook.from_path(str(path))
    out = {}
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python()
        out[name] = [
            [
                "" if c == "" else str(int(c)) if isinstance(c, float) else str(c)
                for c in r
            ]
            for r in rows
        ]
    return out


def _sheets(path: Path) -> dict[str, list[list[str]]]:
    return _xml_sheets(path) if path.suffix == ".xls" else _xlsx_sheets(path)


def _import(path: Path, store: Store) -> ImportOutcome:
    return import_file(path, store, exports_dir=FOLDER, timezone="Europe/Oslo")


def test_post_counts_are_the_key_metrics_rows_below_two_header_rows() -> None:
    july = JULY.read_text(encoding="utf-8")
    key = july[july.index('ss:Name="Key Metrics"') : july.index("</Worksheet>")]
    assert key.count("<Row") == 9  # SOURCES.md: "Key Metrics: 9 rows"
    with zipfile.ZipFile(NOVEMBER) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert len(re.findall(r"<row ", sheet)) == 49  # SOURCES.md: 49 rows, "47 posts"


@pytest.mark.parametrize("path", [JULY, OCTOBER, NOVEMBER], ids=lambda p: p.name[-14:])
def test_every_breakdown_value_is_stored_with_its_post(
    path: Path, store: Store
) -> None:
    sheets = _sheets(path)
    outcome = _import(path, store)
    key = sheets["Key Metrics"]
    assert outcome.rows_imported == len(key) - 2
    con = store.connection
    fields = {
        (post, name): value
        for post, name, value in con.execute(
            "SELECT post_id, name, value FROM post_fields"
        ).fetchall()
    }
    metrics = {
        (post, metric): value
        for post, metric, value in con.execute(
            "SELECT post_id, metric, value FROM latest_post_metrics"
        ).fetchall()
    }
    checked = 0
    for sheet, label in LABELS.items():
        header, *rows = sheets[sheet]
        assert header[:9] == ["Description", "Post ID", "Permalink", "Post Message",
                              "Type", "Countries", "Languages", "Posted",
                              "Audience Targeting"]  # fmt: skip
        assert len(rows) == len(key) - 2
        for row in rows:
            page, post = row[1].split("_")
            assert page == PAGE
            for column, value in zip(header[9:], row[9:], strict=True):
                expected = float(value) if value.strip() else 0.0  # blank = zero
                metric = MAPPED.get((sheet, column))
                if metric is None:
                    assert float(fields[post, f"{label}: {column}"]) == expected
                else:
                    assert metrics[post, metric] == expected
                checked += 1
    assert checked == {JULY: 7 * 20, OCTOBER: 12 * 18, NOVEMBER: 47 * 22}[path]


def test_july_values_by_hand(store: Store) -> None:
    _import(JULY, store)
    con = store.connection
    post = "1911244905754823"  # LOK #39, the first post of Key Metrics
    assert con.execute(
        "SELECT account_id, published_at, format, paid, source_row FROM posts "
        "WHERE post_id = ?",
        [post],
    ).fetchall() == [
        (PAGE, dt.datetime(2017, 7, 22, 12, 30, tzinfo=dt.UTC), "video", "paid", 3)
    ]
    metrics = dict(
        con.execute(
            "SELECT metric, value FROM latest_post_metrics WHERE post_id = ?", [post]
        ).fetchall()
    )
    assert metrics == {
        "reach": 221231.0, "reach_organic": 65870.0, "reach_paid": 117906.0,
        "impressions": 319665.0, "impressions_organic": 111437.0,
        "impressions_paid": 141389.0, "engaged_users": 12885.0,
        "unique_clicks": 11417.0, "total_clicks": 14454.0, "negative_feedback": 18.0,
        "video_views_3s": 32199.0 + 59669.0, "avg_seconds_viewed": 16.671,
        "duration_sec": 109.075, "likes": 2506.0, "comments": 166.0, "shares": 576.0,
        "link_clicks": 240.0, "photo_clicks": 38.0, "other_clicks": 7240.0,
    }  # fmt: skip


def test_posted_is_pacific_time(store: Store) -> None:
    """The page scheduled its posts at 19:30 in Vietnam (12:30 UTC): 05:30 in the
    file until the US clocks went back on 5 November 2017, 04:30 after."""
    _import(NOVEMBER, store)
    raw = dict(
        store.connection.execute(
            "SELECT post_id, value FROM post_fields WHERE name = 'Posted (Pacific time)'"
        ).fetchall()
    )
    scheduled = {p: t for p, t in raw.items() if t.endswith(("05:30:00", "04:30:00"))}
    assert sorted({t[11:] for t in scheduled.values()}) == ["04:30:00", "05:30:00"]
    assert all(
        t.endswith("04:30:00") == (t >= "2017-11-05") for t in scheduled.values()
    )
    utc = store.connection.execute(
        "SELECT DISTINCT strftime(published_at AT TIME ZONE 'UTC', '%H:%M') FROM posts "
        f"WHERE post_id IN ({', '.join(repr(p) for p in scheduled)})"
    ).fetchall()
    assert utc == [("12:30",)]


def test_three_exports_of_one_page_are_snapshots_of_the_same_posts(
    store: Store,
) -> None:
    for path in (NOVEMBER, JULY, OCTOBER):  # the newest first
        _import(path, store)
    con = store.connection
    assert con.execute(
        "SELECT count(*), count(DISTINCT as_of) FROM posts"
    ).fetchall() == [(47, 1)]  # the older files hide nothing
    assert con.execute("SELECT count(*) FROM post_snapshots").fetchall() == [(66,)]
    assert con.execute(
        "SELECT as_of, reach FROM post_snapshots WHERE post_id = '1911244905754823' "
        "ORDER BY as_of"
    ).fetchall()[0] == (dt.date(2017, 7, 27), 221231.0)
