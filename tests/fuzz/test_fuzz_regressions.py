"""Bugs the importer fuzzing found, each kept as a test named after it."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "ingest"))
from insights_exports import write_xml
from mutations import zip_bomb

from fokus.ingest.pipeline import import_file
from fokus.registers.reader import read_register
from fokus.store import Store

NAME = "Facebook Insights Data Export (Post Level) - Fjordvik - 2017-11-19.xls"


def test_spreadsheet_ml_with_an_unknown_encoding_is_refused_not_a_crash(
    tmp_path: Path,
) -> None:
    # Was: LookupError "unknown encoding" escaped from the XML parser (exit code 1).
    path = write_xml(tmp_path / NAME, [("Key Metrics", [["Post ID"], ["1"]])])
    data = path.read_bytes()
    assert data.startswith(b'<?xml version="1.0"')
    declaration_end = data.index(b"?>")
    path.write_bytes(
        b'<?xml version="1.0" encoding="UTF-9999"' + data[declaration_end:]
    )
    with Store.open(tmp_path / "fokus.duckdb") as store:
        outcome = import_file(path, store, exports_dir=tmp_path, timezone="Europe/Oslo")
        imports = store.connection.execute("SELECT count(*) FROM imports").fetchall()
    assert (outcome.status, outcome.refusal_key) == (
        "refused",
        "import.refused.damaged_workbook",
    )
    assert imports == [(0,)]


def test_a_meta_export_with_a_bom_but_a_windows_1252_body_is_refused_not_a_crash(
    tmp_path: Path,
) -> None:
    # Was: duckdb.InvalidInputException "CSV Error on Line: 2" escaped from the
    # insert (the key scan reads too little of each row to notice the bytes).
    from meta_exports import FACEBOOK_HEADER, facebook_row, meta_csv  # noqa: PLC0415

    text = meta_csv(
        [
            FACEBOOK_HEADER,
            facebook_row("1234567890123456", "01/02/2025 10:00", "Blåbær og café"),
            facebook_row("1234567890123457", "01/03/2025 10:00", "Søt"),
        ]
    )
    path = tmp_path / "Jan-01-2025_Dec-31-2025_1234567890123456.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("cp1252"))
    with Store.open(tmp_path / "fokus.duckdb") as store:
        outcome = import_file(path, store, exports_dir=tmp_path, timezone="Europe/Oslo")
        counts = store.connection.execute(
            "SELECT (SELECT count(*) FROM imports), (SELECT count(*) FROM posts),"
            " (SELECT count(*) FROM accounts)"
        ).fetchall()
    assert (outcome.status, outcome.refusal_key) == (
        "refused",
        "import.unreadable_csv",
    )
    assert counts == [(0, 0, 0)]


def test_a_register_workbook_that_unpacks_to_200_mb_is_refused_unread(
    tmp_path: Path,
) -> None:
    # Was: calamine inflated the whole sheet, and peak memory grew by 1.7 GB
    # (the long fuzz profile's zip bomb, found by its memory bound).
    (tmp_path / "access.xlsx").write_bytes(zip_bomb(200_000_000))
    register = read_register(tmp_path, "access")
    assert register is not None and register.rows == ()
    assert [(p.key, dict(p.params)) for p in register.problems] == [
        ("register.too_large", {"size": 191, "limit": 32})
    ]


def test_a_register_csv_over_the_limit_is_refused_and_one_under_it_is_read(
    tmp_path: Path,
) -> None:
    header = b"Navn;System;Rolle\n"
    filler = b"#" * (32 * 2**20 - len(header))  # exactly at the limit: read
    (tmp_path / "access.csv").write_bytes(header + filler)
    at_limit = read_register(tmp_path, "access")
    assert at_limit is not None
    assert "register.too_large" not in [p.key for p in at_limit.problems]
    (tmp_path / "access.csv").write_bytes(header + filler + b"#")
    over = read_register(tmp_path, "access")
    assert over is not None and over.rows == ()
    assert [(p.key, dict(p.params)) for p in over.problems] == [
        ("register.too_large", {"size": 33, "limit": 32})
    ]


def test_a_meta_audience_block_with_a_title_and_nothing_under_it_is_not_a_crash(
    tmp_path: Path,
) -> None:
    # Was: IndexError in fokus.ingest.meta_blocks._cells (a block's first row read
    # without checking there was one).
    from fokus.demo.meta_formats import write_utf16_lines  # noqa: PLC0415
    from fokus.demo.meta_writers import audience_lines  # noqa: PLC0415

    lines = [*audience_lines("facebook")[:9], "", '"Top countries"']
    path = write_utf16_lines(tmp_path / "facebook" / "Audience.csv", lines)
    with Store.open(tmp_path / "fokus.duckdb") as store:
        outcome = import_file(path, store, exports_dir=tmp_path, timezone="Europe/Oslo")
        stored = store.connection.execute("SELECT count(*) FROM audience").fetchall()
    assert (outcome.status, outcome.kind) == ("imported", "meta_audience")
    assert stored == [(12,)]  # six age bands × women and men; no countries
