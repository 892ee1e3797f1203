"""Real LinkedIn Page exports from ../shared/samples, imported through the real code path.

A LinkedIn workbook holds several sheets; every value stored is a row of its own:
a post, one figure of one day (a day of the content sheet has 19), or one cell of
a breakdown. ``rows_imported`` counts those. The numbers below come from
``../shared/samples/SOURCES.md`` (rows per sheet, including the header row and the
description row above it on content sheets) and were counted again by reading
the sheets (``test_counts_agree_with_the_sheets``).

The three pablomolteni files are header-only templates the repository's author made
from real exports: they are refused (``import.refused.linkedin.header_only``), since
LinkedIn never writes an export without a row per day of its period.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sample_outcomes import SAMPLES, Expected, check_outcome

from fokus.ingest.pipeline import import_file
from fokus.ingest.workbook import container_of, read_workbook
from fokus.model.imports import ImportOutcome
from fokus.store import Store

if not SAMPLES.is_dir():
    pytest.skip(f"{SAMPLES} is absent", allow_module_level=True)

pytestmark = pytest.mark.samples
TIMEZONE = "Europe/Oslo"
DOORLY = "linkedin/alroshdi__Doorly_Dashboard/linkedin/"
PABLO = "linkedin/pablomolteni__Linkedin_analytics_updates/"
CONTENT_DEC = DOORLY + "دورلي-doorly_content_1767085154803.xls"
CONTENT_MAR = DOORLY + "دورلي-doorly_content_1774355108388.xls"
FOLLOWERS_DEC = DOORLY + "دورلي-doorly_followers_1767085160414.xls"
FOLLOWERS_MAR = DOORLY + "دورلي-doorly_followers_1774355119598.xls"
VISITORS_DEC = DOORLY + "دورلي-doorly_visitors_1767085157484.xls"
VISITORS_MAR = DOORLY + "دورلي-doorly_visitors_1774355114381.xls"
COMPETITORS = DOORLY + "دورلي - doorly_competitor_analytics_1767085167105.xlsx"


def stored(kind: str, n: int) -> Expected:
    return Expected("imported", f"linkedin_{kind}", n, 0)


def refused(key: str) -> Expected:
    return Expected("refused", None, 0, 0, key)


EXPECTED: dict[str, Expected] = {
    # Metrics: 32 sheet rows = description + header + 30 days, × 19 figures.
    CONTENT_DEC: stored("content", 30 * 19),
    # Metrics: 90 days × 19; All posts: 5 sheet rows = description + header + 3.
    CONTENT_MAR: stored("content", 90 * 19 + 3),
    # New followers: 30 days × 4; breakdowns (sheet rows − header) 15+24+9+66+9.
    FOLLOWERS_DEC: stored("followers", 30 * 4 + 15 + 24 + 9 + 66 + 9),
    FOLLOWERS_MAR: stored("followers", 90 * 4 + 17 + 24 + 9 + 72 + 8),
    # Visitor metrics: 30 days × 24; no breakdown sheets (all empty).
    VISITORS_DEC: stored("visitors", 30 * 24),
    VISITORS_MAR: stored("visitors", 90 * 24 + 1 + 2 + 2 + 5 + 3),
    # One page × four figures.
    COMPETITORS: stored("competitors", 4),
    PABLO + "Linkedin_updates.xlsx": refused("import.refused.linkedin.header_only"),
    PABLO + "Linkedin_followers.xlsx": refused("import.refused.linkedin.header_only"),
    PABLO + "Linkedin_visitors.xlsx": refused("import.refused.linkedin.header_only"),
}


def _import(relative: str, store: Store) -> ImportOutcome:
    return import_file(
        SAMPLES / relative, store, exports_dir=SAMPLES / "linkedin", timezone=TIMEZONE
    )


@pytest.mark.parametrize(
    "relative", sorted(EXPECTED), ids=lambda r: r.rsplit("/", 1)[1]
)
def test_outcome(relative: str, store: Store) -> None:
    outcome = _import(relative, store)
    check_outcome(outcome, EXPECTED[relative], store)


def _sheets(relative: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    path = SAMPLES / relative
    container = container_of(path.read_bytes()[:8], path)
    assert container in {"xls", "xlsx"}
    return {sheet.name: sheet.rows for sheet in read_workbook(path, container)}


def test_counts_agree_with_the_sheets() -> None:
    """The sums above, counted from the workbooks' own cells."""
    for relative, expected in EXPECTED.items():
        if expected.status != "imported":
            continue
        sheets = _sheets(relative)
        total = 0
        for name, rows in sheets.items():
            header = 1 if name in {"Metrics", "All posts", "COMPETITORS"} else 0
            data = rows[header + 1 :]
            if name == "All posts":
                total += len(data)
            else:
                total += sum(1 for row in data for cell in row[1:] if cell.strip())
        assert total == expected.rows_imported, relative


def test_content_posts_and_days(store: Store) -> None:
    outcome = _import(CONTENT_MAR, store)
    assert outcome.as_of == dt.date(2026, 3, 24)  # 1774355108388 ms, in UTC
    con = store.connection
    assert con.execute(
        "SELECT post_id, account_id, published_day, paid, format, impressions, "
        "total_clicks, reactions, shares, source_row FROM posts ORDER BY source_row"
    ).fetchall() == [
        ("7424839902095392768", "دورلي-doorly", dt.date(2026, 2, 4), "organic",
         "other", 37.0, 1.0, 1.0, 0.0, 3),
        ("7415377507614457856", "دورلي-doorly", dt.date(2026, 1, 9), "organic",
         "other", 130.0, 3.0, 1.0, 1.0, 4),
        ("7412383897151471616", "دورلي-doorly", dt.date(2026, 1, 1), "organic",
         "other", 102.0, 3.0, 1.0, 0.0, 5),
    ]  # fmt: skip
    assert con.execute(
        "SELECT metric, count(*), min(day), max(day) FROM daily "
        "WHERE metric = 'impressions_total' GROUP BY metric"
    ).fetchall() == [("impressions_total", 90, dt.date(2025, 12, 23),
                      dt.date(2026, 3, 22))]  # fmt: skip
    assert outcome.notes == ()


def test_the_competitors_file_marks_the_own_page(store: Store) -> None:
    _import(COMPETITORS, store)
    assert store.connection.execute(
        "SELECT page, own, metric, value, period_start, period_end FROM "
        "peer_benchmarks WHERE metric = 'followers'"
    ).fetchall() == [("دورلي - doorly", True, "followers", 153.0,
                      dt.date(2025, 11, 29), dt.date(2025, 12, 28))]  # fmt: skip


def test_overlapping_exports_keep_the_newer_days(store: Store) -> None:
    # The December and March exports share 12/23–12/28; the newer export wins.
    for relative in (CONTENT_MAR, CONTENT_DEC):
        _import(relative, store)
    con = store.connection
    days = con.execute(
        "SELECT count(*), min(day), max(day) FROM latest_daily "
        "WHERE metric = 'impressions_total'"
    ).fetchall()
    assert days == [(30 + 90 - 6, dt.date(2025, 11, 29), dt.date(2026, 3, 22))]
    newest = con.execute("SELECT max(import_id) FROM imports WHERE as_of = "
                         "'2026-03-24'").fetchall()[0][0]  # fmt: skip
    assert con.execute(
        "SELECT DISTINCT import_id FROM latest_daily WHERE day >= '2025-12-23'"
    ).fetchall() == [(newest,)]
