"""Facebook posts exports: every quirk of export-formats.md §1 on a synthetic file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from meta_exports import FACEBOOK_HEADER, dump, facebook_row, meta_csv, write_facebook

from fokus.ingest.pipeline import import_file
from fokus.store import Store, posts_sql

CAPTION = 'Sommerfest på torget, 17. juni!\nTa med "hele" familien 🎉'


def _import(path: Path, store: Store, as_of: dt.date | None = None):  # type: ignore[no-untyped-def]
    return import_file(path, store, exports_dir=path.parent, timezone="Europe/Oslo",
                       as_of=as_of)  # fmt: skip


def test_posts_are_stored_with_exact_values(tmp_path: Path, store: Store) -> None:
    path = write_facebook(tmp_path / "Jan-01-2026_Mar-31-2026_1234567890123456.csv", [
        facebook_row("1234567890123456789", "03/29/2026 01:30", CAPTION, "Reels",
                     views="1200", reach="900"),
        facebook_row("987654321098765", "07/15/2025 14:05", "Ledig stilling", "Links",
                     reactions="", comments="0", shares="0"),
    ])  # fmt: skip
    outcome = _import(path, store)
    assert (outcome.status, outcome.kind, outcome.rows_read) == (
        "imported",
        "meta_facebook_posts",
        2,
    )
    assert (outcome.rows_imported, outcome.rows_skipped) == (2, 0)
    assert outcome.as_of == dt.date(2026, 3, 31)  # from the file name's range
    posts = store.connection.execute(
        "SELECT post_id, account_id, published_at, published_day, format, format_raw, "
        "text_raw, permalink, paid, source_row FROM posts ORDER BY published_at"
    ).fetchall()
    summer, spring = posts
    # 14:05 in Oslo summer time (UTC+2) is 12:05 UTC.
    assert summer[0] == "987654321098765"
    assert summer[2] == dt.datetime(2025, 7, 15, 12, 5, tzinfo=dt.UTC)
    assert summer[3:6] == (dt.date(2025, 7, 15), "link", "Links")
    assert summer[9] == 3  # header is row 1, so the second post is row 3
    # 19 digits survive as text; 01:30 on the DST night is still winter time (UTC+1).
    assert spring[0] == "1234567890123456789"
    assert spring[1] == "100066300000001"
    assert spring[2] == dt.datetime(2026, 3, 29, 0, 30, tzinfo=dt.UTC)
    assert spring[4:7] == ("reel", "Reels", CAPTION)
    assert spring[7] == "https://www.facebook.com/fjordvik/posts/1234567890123456789"
    assert spring[8] == "unknown"  # the default column set cannot tell boosted posts
    assert spring[9] == 2


def test_blank_is_missing_never_zero(tmp_path: Path, store: Store) -> None:
    path = write_facebook(tmp_path / "posts.csv", [
        facebook_row("111111111111111", "01/05/2026 10:00", "Hei", reactions="",
                     comments="0", shares="0"),
    ])  # fmt: skip
    _import(path, store)
    metrics = dict(
        store.connection.execute(
            "SELECT metric, value FROM latest_post_metrics WHERE post_id = '111111111111111'"
        ).fetchall()
    )
    assert "reactions" not in metrics  # blank
    assert "interactions" not in metrics  # blank because a part is blank
    assert metrics["comments"] == 0.0  # a real zero stays zero
    assert metrics["views"] == 100.0
    assert metrics["reach"] == 80.0
    assert metrics["link_clicks"] == 1.0
    assert metrics["photo_clicks"] == 0.0


def test_ragged_rows_are_padded_not_lost(tmp_path: Path, store: Store) -> None:
    full = facebook_row("222222222222222", "02/01/2026 09:00", "Full rad")
    short = facebook_row("333333333333333", "02/02/2026 09:00", "Kort rad")[:27]
    path = write_facebook(tmp_path / "posts.csv", [full, short])
    outcome = _import(path, store)
    assert (outcome.rows_imported, outcome.rows_skipped) == (2, 0)
    missing = store.connection.execute(
        "SELECT count(*) FROM latest_post_metrics WHERE post_id = '333333333333333' "
        "AND metric IN ('seconds_viewed', 'avg_seconds_viewed', "
        "'estimated_earnings_usd', 'ad_impressions')"
    ).fetchall()[0][0]
    assert missing == 0
    assert store.connection.execute(
        "SELECT value FROM latest_post_metrics WHERE post_id = '333333333333333' "
        "AND metric = 'reach'"
    ).fetchall() == [(80.0,)]


def test_unusable_rows_are_skipped_with_row_and_reason(
    tmp_path: Path, store: Store
) -> None:
    path = write_facebook(tmp_path / "posts.csv", [
        facebook_row("444444444444444", "03/01/2026 08:00", "God"),
        facebook_row("", "03/02/2026 08:00", "Uten id"),
        facebook_row("555555555555555", "i går", "Uten dato"),
        facebook_row("444444444444444", "03/01/2026 08:00", "Dobbel"),
    ])  # fmt: skip
    outcome = _import(path, store)
    assert (outcome.rows_read, outcome.rows_imported, outcome.rows_skipped) == (4, 1, 3)
    assert [(s.row, s.reason_key, s.params["value"]) for s in outcome.skipped] == [
        (3, "import.skip.no_post_id", ""),
        (4, "import.skip.bad_date", "i går"),
        (5, "import.skip.duplicate_post", "444444444444444"),
    ]
    assert store.connection.execute(
        "SELECT source_row, reason FROM import_skips ORDER BY source_row"
    ).fetchall() == [(3, "import.skip.no_post_id"), (4, "import.skip.bad_date"),
                     (5, "import.skip.duplicate_post")]  # fmt: skip


@pytest.mark.parametrize("join_from", [0, posts_sql.JOIN_FROM_RECORDS])
def test_each_row_keeps_its_line_whether_or_not_ids_repeat(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch, join_from: int
) -> None:
    # A large file whose ids are all its own has each row find its line by its key
    # (the insert runs on every core); other files are numbered as they are read.
    # Both must store each caption with the line it came from, past a skipped row.
    monkeypatch.setattr(posts_sql, "JOIN_FROM_RECORDS", join_from)
    rows = [
        facebook_row("444444444444444", "03/01/2026 08:00", "Første"),
        facebook_row("555555555555555", "i går", "Uten dato"),
        facebook_row("", "03/02/2026 08:00", "Uten id"),
        facebook_row("666666666666666", "03/03/2026 08:00", "Andre\nlinje to"),
        facebook_row("777777777777777", "03/04/2026 08:00", "Tredje"),
    ]
    unique = write_facebook(tmp_path / "unique.csv", rows)
    repeated = write_facebook(
        tmp_path / "repeated.csv",
        [*rows, facebook_row("777777777777777", "03/05/2026 08:00", "Igjen")],
    )
    stored = []
    for path in (unique, repeated):
        outcome = _import(path, store)
        assert (outcome.rows_imported, outcome.rows_skipped) == (
            3,
            2 + (path == repeated),
        )
        stored.append(store.connection.execute(
            "SELECT source_row, post_id, text_raw FROM post_snapshots s "
            "JOIN imports i USING (import_id) WHERE i.file_name = ? ORDER BY source_row",
            [path.name],
        ).fetchall())  # fmt: skip
    expected = [
        (2, "444444444444444", "Første"),
        (5, "666666666666666", "Andre\nlinje to"),
        (6, "777777777777777", "Tredje"),
    ]
    assert stored == [expected, expected]


def test_same_file_twice_changes_nothing(tmp_path: Path, store: Store) -> None:
    path = write_facebook(tmp_path / "posts.csv", [
        facebook_row("666666666666666", "04/01/2026 12:00", "Én gang"),
    ])  # fmt: skip
    assert _import(path, store).status == "imported"
    before = dump(store)
    again = _import(path, store)
    assert again.status == "already_imported"
    assert again.notes == (("import.note.same_as", {"file": "posts.csv"}),)
    assert dump(store) == before


def test_newer_export_adds_a_snapshot_and_older_never_hides_it(
    tmp_path: Path, store: Store
) -> None:
    newer = write_facebook(tmp_path / "new" / "posts.csv", [
        facebook_row("777777777777777", "04/01/2026 12:00", "Ny tekst", reach="500"),
    ])  # fmt: skip
    older = write_facebook(tmp_path / "old" / "posts.csv", [
        facebook_row("777777777777777", "04/01/2026 12:00", "Gammel tekst", reach="90"),
    ])  # fmt: skip
    _import(newer, store, as_of=dt.date(2026, 6, 1))
    _import(older, store, as_of=dt.date(2026, 4, 10))
    con = store.connection
    assert con.execute(
        "SELECT as_of, reach FROM post_snapshots ORDER BY as_of"
    ).fetchall() == [(dt.date(2026, 4, 10), 90.0), (dt.date(2026, 6, 1), 500.0)]
    assert con.execute(
        "SELECT value FROM latest_post_metrics WHERE metric = 'reach'"
    ).fetchall() == [(500.0,)]
    assert con.execute("SELECT text_raw, as_of FROM posts").fetchall() == [
        ("Ny tekst", dt.date(2026, 6, 1))
    ]


def test_unknown_columns_are_kept(tmp_path: Path, store: Store) -> None:
    from meta_exports import FACEBOOK_HEADER, meta_csv  # noqa: PLC0415

    header = [*FACEBOOK_HEADER, "Reach from Boosted posts", "Kampanje", "Views"]
    row = [*facebook_row("888888888888888", "05/01/2026 12:00", "Hei"), "40", "Vår",
           "100"]  # fmt: skip
    path = tmp_path / "posts.csv"
    path.write_bytes(b"\xef\xbb\xbf" + meta_csv([header, row]).encode())
    outcome = _import(path, store)
    assert outcome.notes == (
        ("import.note.unknown_columns", {"count": "1", "names": "Kampanje"}),
        ("import.note.duplicate_columns", {"names": "Views (2)"}),
    )
    con = store.connection
    assert con.execute("SELECT name, value FROM post_fields WHERE name = 'Kampanje'"
                       ).fetchall() == [("Kampanje", "Vår")]  # fmt: skip
    assert con.execute("SELECT paid FROM posts").fetchall() == [("paid",)]
    assert con.execute("SELECT value FROM latest_post_metrics WHERE metric = 'reach_paid'"
                       ).fetchall() == [(40.0,)]  # fmt: skip


def _with_columns(path: Path, names: list[str], cells: list[list[str]]) -> Path:
    """A default export with ``names`` added after its own columns."""
    rows = [
        facebook_row("111111111111111", "01/05/2026 10:00", "Hei"),
        facebook_row("222222222222222", "01/06/2026 10:00", "Hallo"),
    ]
    text = meta_csv([
        [*FACEBOOK_HEADER, *names], *(r + more for r, more in zip(rows, cells, strict=True))
    ])  # fmt: skip
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    return path


def test_unknown_columns_are_kept_in_order_with_missing_cells_as_null(
    tmp_path: Path, store: Store
) -> None:
    # A thousand of them took a minute to import when each was its own SQL CASE.
    names = [f"Ny kolonne {i}" for i in range(1000)]
    cells = [
        ["7", "n/a", *([""] * 998)],
        ["-", "fjord", *(str(i) for i in range(998))],
    ]
    outcome = _import(_with_columns(tmp_path / "posts.csv", names, cells), store)
    assert (outcome.status, outcome.rows_imported) == ("imported", 2)
    first, second = (
        row[0]
        for row in store.connection.execute(
            "SELECT extra FROM post_snapshots ORDER BY source_row"
        ).fetchall()
    )
    [(kept,)] = store.connection.execute("SELECT extra_columns FROM imports").fetchall()
    assert kept[-1000:] == names  # after the default export's own unknown columns
    assert len(first) == len(second) == len(kept)
    assert first[-1000:] == ["7", *([None] * 999)]
    assert second[-1000:] == [None, "fjord", *(str(i) for i in range(998))]


def test_a_file_wider_than_a_spreadsheet_is_refused_and_nothing_stored(
    tmp_path: Path, store: Store
) -> None:
    names = ["extra"] * (16_385 - len(FACEBOOK_HEADER))
    path = _with_columns(tmp_path / "posts.csv", names, [[], []])
    before = dump(store)
    outcome = _import(path, store)
    assert (outcome.status, outcome.refusal_key) == (
        "refused",
        "import.refused.too_many_columns",
    )
    assert dict(outcome.refusal_params) == {"columns": 16_385, "limit": 16_384}
    assert dump(store) == before
