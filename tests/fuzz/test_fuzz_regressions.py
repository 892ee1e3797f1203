"""Bugs the importer fuzzing found, each kept as a test named after it."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "ingest"))
from insights_exports import write_xml

from fokus.ingest.pipeline import import_file
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
