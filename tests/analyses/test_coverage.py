"""The data-and-coverage section, on small hand-built exports with known answers."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from fokus.analyses.base import ReviewContext
from fokus.analyses.coverage import Coverage
from fokus.config import load_config
from fokus.i18n import show
from fokus.ingest.pipeline import import_file
from fokus.model.results import SectionResult
from fokus.registers.reader import read_registers
from fokus.report.blocks import fill_text
from fokus.review import review_data
from fokus.store import Store

sys.path.insert(0, str(Path(__file__).parents[1] / "ingest"))
from meta_exports import (
    FACEBOOK_HEADER,
    facebook_row,
    meta_csv,
    write_series,
)

CONFIG = load_config(
    """
organisation = "Test"
[[channels]]
platform = "facebook"
account = "Fjordvik kommune"
role = "main"
[[channels]]
platform = "linkedin"
account = "Fjordvik kommune"
role = "support"
"""
)


def _run(tmp_path: Path, files: list[Path]) -> SectionResult:
    with Store.open(tmp_path / "fokus.duckdb") as store:
        for path in files:
            outcome = import_file(path, store, exports_dir=tmp_path, timezone="UTC")
            assert outcome.status == "imported", outcome
        return Coverage().run(
            review_data(store), ReviewContext(CONFIG, dt.date(2026, 5, 1))
        )


def test_nothing_imported_says_so(tmp_path: Path) -> None:
    result = _run(tmp_path, [])
    assert result.status == "insufficient_data"
    assert [f.key for f in result.findings] == [
        "finding.coverage.no_data",
        "finding.coverage.registers_empty",  # no registers either
    ]
    assert [a.key for a in result.actions] == ["action.coverage.import_exports"]


def test_posts_series_gaps_and_channels(tmp_path: Path) -> None:
    header = [*FACEBOOK_HEADER, "Reach from Boosted posts"]
    rows = [
        [*facebook_row("100000000000001", "01/05/2026 10:00", "a", "Photos"), "0"],
        [*facebook_row("100000000000002", "02/05/2026 10:00", "b", "Photos"), "25"],
        [*facebook_row("100000000000003", "03/05/2026 10:00", "c", "Reels"), ""],
        [*facebook_row("", "03/06/2026 10:00", "no id", "Reels"), "0"],
    ]
    posts = tmp_path / "facebook" / "Jan-01-2026_Mar-31-2026_1111111111111111.csv"
    posts.parent.mkdir()
    posts.write_bytes(b"\xef\xbb\xbf" + meta_csv([header, *rows]).encode())
    series = write_series(tmp_path / "facebook" / "Reach.csv", "Facebook reach",
                          [("2026-03-01", "10"), ("2026-03-02", "12"),
                           ("2026-03-05", "9")])  # fmt: skip
    result = _run(tmp_path, [posts, series])
    assert result.status == "ok"
    found = {f.key: f for f in result.findings}
    assert list(found) == [
        "finding.coverage.period",
        "finding.coverage.period_short",
        "finding.coverage.series_gaps",
        "finding.coverage.channel_without_data",
        "finding.coverage.rows_skipped",
        "finding.coverage.paid_unknown",
        "finding.coverage.registers_empty",
    ]
    assert dict(found["finding.coverage.period"].params) == {
        "n": 3, "first": dt.date(2026, 1, 5), "last": dt.date(2026, 3, 5), "days": 60,
    }  # fmt: skip
    assert dict(found["finding.coverage.series_gaps"].params) == {
        "platform": "platform.facebook", "metric": "reach", "missing": 2,
        "first": dt.date(2026, 3, 1), "last": dt.date(2026, 3, 5),
    }  # fmt: skip
    gap = found["finding.coverage.series_gaps"]
    assert fill_text(gap.key, "nb", gap.params) == (
        "Dagsserien «Rekkevidde» på Facebook mangler 2 dager mellom 1. mars 2026 og "
        "5. mars 2026. Dager som mangler, er utelatt, aldri talt som null."
    )
    gap_evidence = found["finding.coverage.series_gaps"].evidence
    assert gap_evidence is not None
    assert (gap_evidence.n, gap_evidence.value) == (5, pytest.approx(0.4))
    assert dict(found["finding.coverage.channel_without_data"].params) == {
        "platform": "platform.linkedin", "account": "Fjordvik kommune",
    }  # fmt: skip
    assert dict(found["finding.coverage.rows_skipped"].params) == {"n": 1}
    assert dict(found["finding.coverage.paid_unknown"].params) == {
        "platform": "platform.facebook", "n": 1, "total": 3,
    }  # fmt: skip
    tables = {t.key: t for t in result.tables}
    assert tables["coverage.accounts"].rows == (
        ("platform.facebook", "Fjordvik kommune", 3, dt.date(2026, 1, 5),
         dt.date(2026, 3, 5)),
    )  # fmt: skip
    assert tables["coverage.formats"].rows == (
        ("platform.facebook", "format.image", 2, 1, 1, 0),
        ("platform.facebook", "format.reel", 1, 0, 0, 1),
    )
    assert tables["coverage.series"].rows == (
        ("platform.facebook", "facebook", "reach", dt.date(2026, 3, 1),
         dt.date(2026, 3, 5), 3, 2),
    )  # fmt: skip
    metric = tables["coverage.series"].rows[0][2]
    assert (show(metric, "nb"), show(metric, "en")) == ("Rekkevidde", "Reach")
    assert [row[0] for row in tables["coverage.files"].rows] == [
        "facebook/Jan-01-2026_Mar-31-2026_1111111111111111.csv",
        "facebook/Reach.csv",
    ]


def test_instagram_never_says_paid(tmp_path: Path) -> None:
    header = ["Post ID", "Account ID", "Account username", "Publish time",
              "Post type", "Reach"]  # fmt: skip
    path = tmp_path / "ig.csv"
    path.write_bytes(meta_csv([header, ["17900000000000001", "1784", "fjordvik",
                                        "04/01/2026 12:00", "IG reel", "10"]]).encode())  # fmt: skip
    result = _run(tmp_path, [path])
    paid = [f for f in result.findings if f.key.startswith("finding.coverage.paid")]
    assert [(f.key, dict(f.params)) for f in paid] == [
        ("finding.coverage.paid_not_in_export",
         {"platform": "platform.instagram", "n": 1, "total": 1}),
    ]  # fmt: skip


def test_the_registers_are_summed_up_even_before_any_import(tmp_path: Path) -> None:
    folder = tmp_path / "registers"
    folder.mkdir()
    (folder / "time_use.csv").write_bytes(
        "Oppgave;Timer spart per måned;Analyse\r\n"
        "Teksting;6,5;2\r\n"
        "Utkast;mange;1\r\n"
        "Bilder;4;9\r\n".encode("cp1252")
    )
    (folder / "ai_tools.csv").write_text(
        "Verktøy;Formål;Kostnad per måned (kr);Timer spart per måned\r\n"
        "ChatGPT;tekst;240;6\r\n"
    )
    (folder / "access.csv").write_text("Person;Rolle\r\nKari;admin\r\n")
    with Store.open(tmp_path / "fokus.duckdb") as store:
        context = ReviewContext(
            CONFIG, dt.date(2026, 5, 1), registers=read_registers(folder)
        )
        result = Coverage().run(review_data(store), context)
    (table,) = result.tables
    assert table.key == "coverage.registers"
    assert [row[:5] for row in table.rows] == [
        ("register.name.access", "access.csv", 0, 1, 0),
        ("register.name.ai_tools", "ai_tools.csv", 1, 0, 0),
        ("register.name.time_use", "time_use.csv", 3, 2, 2),
        ("register.name.profiles", None, 0, 0, 0),
        ("register.name.experiments", None, 0, 0, 0),
    ]
    texts = {f.key: fill_text(f.key, "en", f.params) for f in result.findings}
    assert texts["finding.coverage.registers_empty"].startswith(
        "These registers are missing or hold no rows yet: Access (access.csv), "
        "Profile texts (profiles.csv) and Experiments (experiments.csv)."
    )
    assert texts["finding.coverage.register_problems"].startswith(
        "Problems found in the registers: 3, in Access (access.csv) and Time use "
        "(time_use.csv)."
    )
