"""Real Meta exports from ../shared/samples, imported through the real code path.

The expected numbers come from ``../shared/samples/SOURCES.md`` ("Rows") and, where it
gives none (audience files: value cells), from counting the file with ``csv``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from sample_outcomes import SAMPLES, Expected, check_outcome, read_csv

from fokus.ingest.pipeline import import_file
from fokus.model.imports import ImportOutcome
from fokus.store import Store

if not SAMPLES.is_dir():
    pytest.skip(f"{SAMPLES} is absent", allow_module_level=True)

pytestmark = pytest.mark.samples
PLATFORMS = ("facebook", "instagram", "meta_daily")
TIMEZONE = "Europe/Oslo"

FB_JAN = "facebook/LeonMpofu__Oigetit-Social-Media-Reports/Jan-14-2025_Apr-14-2025_1396269028466733.csv"
FB_MAR = "facebook/LeonMpofu__Oigetit-Social-Media-Reports/Mar-18-2025_Apr-14-2025_553302954456165.csv"
FB_VIDEOS = "facebook/vsbperoto__vintage-analytics-dashboard/Oct-31-2025_Dec-30-2025_1664278361210560.csv"
LEGACY = "facebook/viethngn__LACDA/Facebook Insights Data Export (Post Level) - LOK - "
IG_MAR = "instagram/LeonMpofu__Oigetit-Social-Media-Reports/Mar-18-2025_Apr-14-2025_1019826952924933.csv"
IG_MAY = (
    "instagram/DanDirector__fts-video-site/May-25-2026_Jun-21-2026_1493633672508178.csv"
)
IG_RAW = "instagram/vsbperoto__vintage-analytics-dashboard/INSTAGRAM_RAW.csv"
LEON = "meta_daily/LeonMpofu__Oigetit-Social-Media-Reports/"
DAN = "meta_daily/DanDirector__fts-video-site/"
ARTHUR_YEAR = "meta_daily/arthurto__dados_alcance_pop_science/data_14_09_24_a_14_09_25/"
ARTHUR_2024 = "meta_daily/arthurto__dados_alcance_pop_science/data_2024/"
VSB = "meta_daily/vsbperoto__vintage-analytics-dashboard/"


def posts(kind: str, rows: int, skipped: int = 0) -> Expected:
    return Expected("imported", f"meta_{kind}_posts", rows, skipped)


def legacy(rows: int) -> Expected:
    """A classic Facebook Insights "Post data" workbook: one post per data row."""
    return Expected("imported", "facebook_insights_posts", rows, 0)


def days(n: int) -> Expected:
    return Expected("imported", "meta_daily_series", n, 0)


def cells(n: int) -> Expected:
    """An audience file: one stored row per value cell of every block."""
    return Expected("imported", "meta_audience", n, 0)


def refused(key: str) -> Expected:
    return Expected("refused", None, 0, 0, key)


EXPECTED: dict[str, Expected] = {
    FB_JAN: posts("facebook", 261),
    FB_MAR: posts("facebook", 48),
    FB_VIDEOS: posts("facebook", 45),  # 46 wrapped records = header + 45 videos
    # Key Metrics rows minus the two header rows (short names, descriptions).
    LEGACY + "2017-07-27.xls": legacy(9 - 2),
    LEGACY + "2017-10-22.xls": legacy(14 - 2),
    LEGACY + "2017-11-19.xlsx": legacy(49 - 2),
    IG_MAR: posts("instagram", 78),
    IG_MAY: posts("instagram", 21),
    IG_RAW: posts("instagram", 57, 1),  # one row without a post id
    LEON + "Follows.csv": days(105),
    LEON + "Reach.csv": days(105),
    LEON + "Views.csv": days(105),
    LEON + "Visits.csv": days(105),
    LEON + "Visits (1).csv": days(105),
    LEON + "Interactions.csv": days(105),
    LEON + "Interactions (1).csv": days(105),
    LEON + "Audience.csv": cells(12 + 10 + 10),  # age × gender 6×2, countries, cities
    DAN + "Audience.csv": cells(10 + 12 + 10),
    DAN + "Follows.csv": days(20),
    DAN + "Interactions.csv": days(28),
    DAN + "Link clicks.csv": days(28),
    DAN + "Reach.csv": days(28),
    DAN + "Views.csv": days(28),
    DAN + "Visits.csv": days(28),
    VSB + "IG VIEWS.csv": days(62),
    VSB + "Follows.csv": days(62),
    VSB + "Viewers.csv": days(62),  # SOURCES.md calls it TikTok; it is Meta's layout
    VSB + "Top content formats.csv": cells(6 + 6 + 5),
    VSB + "Audience.csv": refused("import.refused.excel_damaged"),
    ARTHUR_YEAR + "Alcance.csv": days(366),
    ARTHUR_YEAR + "Visualizações.csv": days(366),
    ARTHUR_YEAR + "Visitas.csv": days(366),
    ARTHUR_YEAR + "Seguidores.csv": days(161),
    ARTHUR_YEAR + "Interações.csv": days(366),
    ARTHUR_YEAR + "Cliques no link.csv": days(366),
    ARTHUR_YEAR + "Público.csv": cells(12 + 10 + 10),
    ARTHUR_2024 + "Público.csv": cells(1 + 12 + 10 + 7),
    ARTHUR_2024 + "Formatos do conteúdo mais relevante.csv": cells(2),
    ARTHUR_2024 + "seg_genero_idade.csv": cells(12),
}


def _import(relative: str, store: Store) -> ImportOutcome:
    platform = relative.split("/", maxsplit=1)[0]
    return import_file(
        SAMPLES / relative, store, exports_dir=SAMPLES / platform, timezone=TIMEZONE
    )


@pytest.mark.parametrize("relative", sorted(EXPECTED), ids=lambda r: r.split("/", 1)[1])
def test_outcome(relative: str, store: Store) -> None:
    outcome = _import(relative, store)
    check_outcome(outcome, EXPECTED[relative], store)


def test_facebook_posts_are_stored_whole(store: Store) -> None:
    rows = read_csv(SAMPLES / (FB_JAN))
    header, data = rows[0], rows[1:]
    assert (len(header), len(data)) == (31, 261)
    outcome = _import(FB_JAN, store)
    assert outcome.as_of == dt.date(2025, 4, 14)  # the end of the range in the name
    con = store.connection
    assert con.execute("SELECT count(*) FROM posts").fetchall() == [(261,)]
    assert con.execute(
        "SELECT data_type FROM information_schema.columns "
        "WHERE table_name = 'posts' AND column_name = 'post_id'"
    ).fetchall() == [("VARCHAR",)]
    stored = {r[0] for r in con.execute("SELECT post_id FROM posts").fetchall()}
    assert stored == {r[0] for r in data}
    assert {len(post_id) for post_id in stored} == {15}
    assert "939005954986064" in stored


LAST_FOUR = ("seconds_viewed", "avg_seconds_viewed", "estimated_earnings_usd",
             "ad_impressions")  # fmt: skip


def test_ragged_rows_are_stored_without_their_missing_metrics(store: Store) -> None:
    data = read_csv(SAMPLES / (FB_JAN))[1:]
    ragged = [r[0] for r in data if len(r) == 27]
    assert ragged == [r[0] for r in data[-5:]]
    _import(FB_JAN, store)
    con = store.connection
    per_post = dict(
        con.execute(
            "SELECT post_id, list(metric ORDER BY metric) FROM latest_post_metrics "
            "GROUP BY post_id"
        ).fetchall()
    )
    for post_id in ragged:
        assert "reach" in per_post[post_id]
        assert not set(LAST_FOUR) & set(per_post[post_id]), post_id
    assert con.execute(
        "SELECT post_id, source_row FROM posts WHERE source_row >= 258 "
        "ORDER BY source_row"
    ).fetchall() == [(post_id, 258 + i) for i, post_id in enumerate(ragged)]
    # The full rows fill those four columns for 6 posts only: blank stays absent.
    counts = dict(
        con.execute(
            "SELECT metric, count(*) FROM latest_post_metrics GROUP BY metric"
        ).fetchall()
    )
    assert [counts[m] for m in LAST_FOUR] == [6, 6, 6, 6]


def test_source_row_is_the_spreadsheet_row(store: Store) -> None:
    rows = read_csv(SAMPLES / (FB_JAN))
    # Multi-line captions: the second post starts far below physical line 3.
    physical = (SAMPLES / FB_JAN).read_text(encoding="utf-8-sig").splitlines()
    line = next(i for i, text in enumerate(physical, 1) if text.startswith("939635"))
    assert line > 3
    known = {"939635154923144": 3, "917187207167939": 258, "916905143862812": 262}
    for post_id, row in known.items():
        assert rows[row - 1][0] == post_id  # header = row 1
    _import(FB_JAN, store)
    found = dict(
        store.connection.execute(
            "SELECT post_id, source_row FROM posts WHERE post_id IN (?, ?, ?)",
            list(known),
        ).fetchall()
    )
    assert found == known


def test_blank_follows_are_absent_not_zero(store: Store) -> None:
    rows = read_csv(SAMPLES / (IG_MAR))
    column = rows[0].index("Follows")
    filled = {r[0]: float(r[column]) for r in rows[1:] if r[column].strip()}
    assert len(filled) == 3  # SOURCES.md: blank for 75 of 78 rows
    _import(IG_MAR, store)
    stored = dict(
        store.connection.execute(
            "SELECT post_id, value FROM latest_post_metrics WHERE metric = 'follows'"
        ).fetchall()
    )
    assert stored == filled


def test_the_wrapped_instagram_file_skips_the_row_without_an_id(store: Store) -> None:
    outcome = _import(IG_RAW, store)
    assert [(s.row, s.reason_key) for s in outcome.skipped] == [
        (58, "import.skip.no_post_id")
    ]


def test_utf16_series_keeps_every_day_and_value(store: Store) -> None:
    relative = LEON + "Reach.csv"
    raw = (SAMPLES / relative).read_bytes()
    assert raw.startswith(b"\xff\xfe")
    records = [
        r for r in csv.reader(io.StringIO(raw.decode("utf-16"), newline="")) if any(r)
    ]
    assert records[:3] == [["sep=", ""], ["Facebook reach"], ["Date", "Primary"]]
    first, last = records[3], records[-1]
    assert (first[0][:10], first[1], last[0][:10], last[1]) == (
        "2025-01-01",
        "5",
        "2025-04-15",
        "43",
    )
    _import(relative, store)
    con = store.connection
    assert con.execute(
        "SELECT platform, metric, count(*), count(DISTINCT day), min(day), max(day) "
        "FROM daily GROUP BY ALL"
    ).fetchall() == [
        ("facebook", "reach", 105, 105, dt.date(2025, 1, 1), dt.date(2025, 4, 15))
    ]
    ends = con.execute(
        "SELECT day, value FROM daily "
        "WHERE day = (SELECT min(day) FROM daily) OR day = (SELECT max(day) FROM daily) "
        "ORDER BY day"
    )
    assert ends.fetchall() == [(dt.date(2025, 1, 1), 5.0), (dt.date(2025, 4, 15), 43.0)]


def test_excel_damage_names_the_row(store: Store) -> None:
    outcome = _import(VSB + "Audience.csv", store)
    assert outcome.refusal_key == "import.refused.excel_damaged"
    assert outcome.refusal_params["row"] == 3


def test_audience_rows_are_numbered_like_series_rows(store: Store) -> None:
    # Both files: sep=, / title / header / data. A series' first day is row 3.
    _import(LEON + "Reach.csv", store)
    _import(LEON + "Audience.csv", store)
    con = store.connection
    assert con.execute("SELECT min(source_row) FROM daily").fetchall() == [(3,)]
    assert con.execute(
        "SELECT source_row FROM audience WHERE category = '18-24' AND dimension = "
        "'Women'"
    ).fetchall() == [(3,)]
