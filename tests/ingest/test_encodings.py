"""Encodings and shapes: UTF-16 series, Norwegian Excel's CSV, a CSV inside a CSV."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from meta_exports import FACEBOOK_HEADER, facebook_row, meta_csv, write_series

from fokus.ingest.pipeline import import_file
from fokus.ingest.sniff import read_sample
from fokus.model.imports import ImportOutcome
from fokus.store import Store


def _import(path: Path, store: Store, exports: Path) -> ImportOutcome:
    return import_file(path, store, exports_dir=exports, timezone="Europe/Oslo")


def test_utf16_series_with_gaps_and_dst_hours(tmp_path: Path, store: Store) -> None:
    path = write_series(tmp_path / "facebook" / "Reach.csv", "Facebook reach", [
        ("2025-03-08", "5"), ("2025-03-09", "12"), ("2025-03-11", "0"),
    ])  # fmt: skip
    sample = read_sample(path)
    assert (sample.encoding, sample.delimiter, sample.sep_line) == (
        "utf-16-le",
        ",",
        True,
    )
    outcome = _import(path, store, tmp_path)
    assert (outcome.kind, outcome.rows_imported, outcome.rows_skipped) == (
        "meta_daily_series",
        3,
        0,
    )
    assert outcome.as_of == dt.date(2025, 3, 11)  # the last day in the file
    rows = store.connection.execute(
        "SELECT platform, account_id, metric, day, value, source_row FROM daily "
        "ORDER BY day"
    ).fetchall()
    assert rows == [
        ("facebook", "facebook", "reach", dt.date(2025, 3, 8), 5.0, 3),
        ("facebook", "facebook", "reach", dt.date(2025, 3, 9), 12.0, 4),
        ("facebook", "facebook", "reach", dt.date(2025, 3, 11), 0.0, 5),
    ]


def test_ambiguous_series_takes_the_platform_from_its_folder(
    tmp_path: Path, store: Store
) -> None:
    path = write_series(tmp_path / "instagram" / "Views.csv", "Views",
                        [("2026-01-01", "7")])  # fmt: skip
    outcome = _import(path, store, tmp_path)
    assert outcome.notes == ()
    assert store.connection.execute(
        "SELECT platform, metric FROM daily"
    ).fetchall() == [("instagram", "views")]
    loose = write_series(tmp_path / "Interactions.csv", "Content interactions",
                         [("2026-01-01", "3")])  # fmt: skip
    assert _import(loose, store, tmp_path).notes == (
        ("import.note.platform_unknown", {"title": "Content interactions"}),
    )


def test_norwegian_excel_csv(tmp_path: Path, store: Store) -> None:
    """Semicolons, Windows-1252, decimal commas, day-first dates."""
    header = ["Post ID", "Account ID", "Account username", "Account name",
              "Description", "Publish time", "Post type", "Date", "Views", "Reach",
              "Likes", "Seconds viewed"]  # fmt: skip
    rows = [
        ["17999999999999991", "178414", "fjordvik", "Fjordvik", "Blåbærtur i Åsen",
         "25.03.2026 14:05", "IG carousel", "Lifetime", "1 234", "1 000", "12",
         "3,5"],
        ["17999999999999992", "178414", "fjordvik", "Fjordvik", "Øvelse – «kom»",
         "31.12.2025 23:59", "IG reel", "Lifetime", "10", "8", "", "0,25"],
    ]  # fmt: skip
    path = tmp_path / "eksport.csv"
    path.write_bytes(meta_csv([header, *rows], delimiter=";").encode("cp1252"))
    sample = read_sample(path)
    assert (sample.encoding, sample.delimiter) == ("cp1252", ";")
    outcome = _import(path, store, tmp_path)
    assert (outcome.kind, outcome.rows_imported) == ("meta_instagram_posts", 2)
    con = store.connection
    assert con.execute(
        "SELECT text_raw, published_day, format FROM posts ORDER BY post_id"
    ).fetchall() == [
        ("Blåbærtur i Åsen", dt.date(2026, 3, 25), "carousel"),
        ("Øvelse – «kom»", dt.date(2025, 12, 31), "reel"),
    ]
    assert con.execute(
        "SELECT metric, value FROM latest_post_metrics WHERE post_id = '17999999999999991' "
        "ORDER BY metric"
    ).fetchall() == [("likes", 12.0), ("reach", 1000.0), ("seconds_viewed", 3.5),
                     ("views", 1234.0)]  # fmt: skip


def test_csv_wrapped_in_one_quoted_column(tmp_path: Path, store: Store) -> None:
    inner = meta_csv([FACEBOOK_HEADER,
                      facebook_row("123456789012345", "06/01/2026 10:00", "a, b")])  # fmt: skip
    wrapped = meta_csv([[line] for line in inner.splitlines()])
    path = tmp_path / "resaved.csv"
    path.write_bytes(b"\xef\xbb\xbf" + wrapped.encode())
    assert read_sample(path).wrapped
    outcome = _import(path, store, tmp_path)
    assert (outcome.status, outcome.rows_imported) == ("imported", 1)
    assert store.connection.execute("SELECT text_raw FROM posts").fetchall() == [
        ("a, b",)
    ]


def test_nfkc_text_for_analysis_keeps_the_raw_text(
    tmp_path: Path, store: Store
) -> None:
    from meta_exports import write_facebook  # noqa: PLC0415

    path = write_facebook(tmp_path / "p.csv", [
        facebook_row("123456789012346", "06/01/2026 10:00", "𝐁𝐲𝐠𝐠 ﬁnt ①"),
    ])  # fmt: skip
    _import(path, store, tmp_path)
    assert store.connection.execute(
        "SELECT text_raw, text_nfkc FROM posts"
    ).fetchall() == [("𝐁𝐲𝐠𝐠 ﬁnt ①", "Bygg fint 1")]


def test_a_field_longer_than_csv_reads_is_refused_with_its_line(
    tmp_path: Path, store: Store
) -> None:
    path = write_series(tmp_path / "facebook" / "Reach.csv", "Facebook reach", [
        ("2025-03-08", "5"), ("2025-03-09", "12"),
    ])  # fmt: skip
    text = path.read_bytes()[2:].decode("utf-16-le")
    broken = text + '"2025-03-10T00:00:00","' + "9" * 200_000 + '"\n'
    path.write_bytes(b"\xff\xfe" + broken.encode("utf-16-le"))
    outcome = _import(path, store, tmp_path)
    assert (outcome.status, outcome.refusal_key) == (
        "refused",
        "import.refused.field_too_long",
    )
    # sep=, title, header, two days, the blank line that ends a series, then it.
    assert (outcome.refusal_params["line"], outcome.refusal_params["limit"]) == (
        7,
        131_072,
    )
    assert store.imports() == ()
