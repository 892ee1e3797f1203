"""Assumptions the import makes about DuckDB and Unicode, pinned by tests."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import duckdb
import pytest

from fokus.store.posts_sql import NFKC_STABLE_RANGES


def _stable_characters() -> list[str]:
    return [chr(c) for a, b in NFKC_STABLE_RANGES for c in range(a, b + 1)]


def test_every_whitelisted_character_is_left_alone_by_nfkc() -> None:
    changed = [
        f"U+{ord(c):04X}"
        for c in _stable_characters()
        if unicodedata.normalize("NFKC", c) != c or unicodedata.combining(c)
    ]
    assert changed == []


def test_no_whitelisted_character_can_join_a_composition() -> None:
    """A string of stable characters stays unchanged only if no two of them compose.

    The second character of every canonical composition is collected from the whole
    of Unicode; none may be in the whitelist.
    """
    seconds = set()
    for code in range(sys.maxunicode + 1):
        decomposition = unicodedata.decomposition(chr(code))
        if decomposition and not decomposition.startswith("<"):
            parts = decomposition.split()
            if len(parts) == 2:
                seconds.add(chr(int(parts[1], 16)))
    assert seconds.isdisjoint(_stable_characters())


@pytest.mark.slow
def test_an_empty_over_numbers_rows_in_file_order(tmp_path: Path) -> None:
    """The import's record numbers (and so every stored row number) rely on this."""
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as out:
        for i in range(600_000):
            out.write(f'{i},"tekst, med ""sitat""\nog linjeskift {i}",{i * 3}\n')
    con = duckdb.connect(str(tmp_path / "order.duckdb"))
    con.execute("BEGIN TRANSACTION")
    con.execute(
        "CREATE TEMP TABLE numbered AS SELECT row_number() OVER () - 1 AS record, * "
        f"FROM read_csv('{path}', header = false, auto_detect = false, delim = ',', "
        "quote = '\"', escape = '\"', columns = {'c0': 'VARCHAR', 'c1': 'VARCHAR', "
        "'c2': 'VARCHAR'})"
    )
    assert con.execute(
        "SELECT count(*), count(*) FILTER (WHERE record <> c0::BIGINT) FROM numbered"
    ).fetchall() == [(600_000, 0)]
