"""SIGKILL at seeded random points during `fokus review` of a copy of the demo: every
report file is the complete old one or the complete new one, no temporary file is
left where a user looks (or the next run removes it), the store opens with its
stored reviews consistent, and a re-run completes."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from pptx import Presentation
from python_calamine import CalamineWorkbook

from fokus.files import remove_leftovers
from fokus.report import json_schema
from fokus.store import Store
from poppler import poppler_tool

pytestmark = pytest.mark.slow
LOG = logging.getLogger(__name__)
KILLS = 6
REPORTS = ("review.html", "review.json", "review.pdf", "review-tables.xlsx",
           "review.pptx")  # fmt: skip
ORGANISATION = re.compile(r"^organisation = .*$", re.MULTILINE)


def _review(root: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "fokus", "review", str(root), "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, "FOKUS_LANG": "en"},
    )  # fmt: skip


def _finish(root: Path) -> float:
    started = time.perf_counter()
    process = _review(root)
    _, stderr = process.communicate(timeout=600)
    assert process.returncode == 0, stderr.decode()
    return time.perf_counter() - started


def _rename(root: Path, name: str) -> None:
    """A change between runs: the organisation's name, shown in every report (and
    part of the review's fingerprint, so the run computes the review afresh; the
    re-run after a kill may reuse what the killed run kept)."""
    config = root / "fokus.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(ORGANISATION.sub(f'organisation = "{name}"', text, count=1))


def _pdf_text(path: Path) -> str:
    done = subprocess.run(
        [poppler_tool("pdftotext"), "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, f"{path.name}: {done.stderr.decode()}"
    return done.stdout.decode("utf-8")


def _complete(path: Path, organisation: str) -> None:
    """The file is whole (it parses to its end) and names ``organisation``."""
    data = path.read_bytes()
    if path.suffix == ".html":
        text = data.decode("utf-8")
        assert text.rstrip().endswith("</html>"), path.name
        assert organisation in text, path.name
    elif path.suffix == ".json":
        document = json.loads(data)
        Draft202012Validator(json_schema()).validate(document)
        assert organisation in data.decode("utf-8"), path.name
    elif path.suffix == ".pdf":
        assert data.rstrip().endswith(b"%%EOF"), path.name
        assert organisation in " ".join(_pdf_text(path).split()), path.name
    elif path.suffix == ".xlsx":
        book = CalamineWorkbook.from_path(str(path))
        assert book.sheet_names, path.name
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()
    else:
        deck = Presentation(str(path))
        words = " ".join(
            shape.text_frame.text
            for slide in deck.slides
            for shape in slide.shapes
            if shape.has_text_frame
        )
        assert organisation in words, path.name


def _fingerprints(reports: Path) -> dict[str, str]:
    return {
        name: hashlib.sha256((reports / name).read_bytes()).hexdigest()
        for name in REPORTS
    }


def _leftovers(root: Path) -> list[str]:
    """Files a review may have left half-written: hidden files in reports/, and
    anything there that is not a report or its web fragment."""
    return sorted(
        p.name
        for p in (root / "reports").iterdir()
        if p.name.startswith(".") or p.name not in {*REPORTS, "review.fragment.html"}
    )


def _check_stored_reviews(database: Path) -> None:
    """One row per review day; every figure belongs to a stored review, and every
    stored review has its sections; the kept results (at most one) read back."""
    with Store.open(database) as store:
        rows = store.connection.execute
        days = {d for (d,) in rows("SELECT reviewed_on FROM reviews").fetchall()}
        assert days
        for table in ("review_sections", "review_kpis", "review_channels",
                      "review_findings"):  # fmt: skip
            found = {
                d
                for (d,) in rows(f"SELECT DISTINCT reviewed_on FROM {table}").fetchall()
            }
            assert found <= days, table
        sectioned = {
            d for (d,) in rows("SELECT reviewed_on FROM review_sections").fetchall()
        }
        assert sectioned == days
        kept = rows("SELECT fingerprint FROM review_cache").fetchall()
        assert len(kept) <= 1
        for (fingerprint,) in kept:
            assert store.kept_review(fingerprint) is not None


def test_random_kills_during_a_review_leave_old_or_new_reports(
    demo_workspace: Path, tmp_path: Path
) -> None:
    root = tmp_path / "workspace"
    shutil.copytree(demo_workspace, root)
    reports = root / "reports"
    _rename(root, "Krasj 0")
    duration = _finish(root)
    for name in REPORTS:
        _complete(reports / name, "Krasj 0")

    chance = random.Random(20261127)  # noqa: S311 (a seed, not a secret)
    moments = [chance.uniform(0.05, 1.0) * duration for _ in range(KILLS)]
    for run, moment in enumerate(moments, start=1):
        new = f"Krasj {run}"
        before = _fingerprints(reports)
        _rename(root, new)
        process = _review(root)
        time.sleep(moment)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)

        replaced = []
        for name in REPORTS:
            path = reports / name
            if hashlib.sha256(path.read_bytes()).hexdigest() == before[name]:
                continue  # the complete old one
            _complete(path, new)  # else the complete new one
            replaced.append(name)
        _check_stored_reviews(root / "fokus.duckdb")
        left = _leftovers(root)

        # The next run completes, removes what the killed one left, and writes
        # every report anew.
        _finish(root)
        assert _leftovers(root) == [], f"kill {run} at {moment:.1f} s"
        for name in REPORTS:
            _complete(reports / name, new)
        _check_stored_reviews(root / "fokus.duckdb")
        LOG.info(
            "kill %d at %.1f s of %.1f s (exit %s): replaced %s, left %s",
            run, moment, duration, process.returncode, replaced, left,
        )  # fmt: skip


def test_only_a_killed_writes_leftovers_are_removed(tmp_path: Path) -> None:
    report = tmp_path / "review.html"
    names = [".review.html.k3j_h5g6", ".review.html.ABCDEFGH", ".review.html.abc",
             ".review.json.k3j4h5g6", "review.html", ".review.html.k3j4h5g6x"]  # fmt: skip
    for name in names:
        (tmp_path / name).write_text("x")
    assert remove_leftovers(report) == (tmp_path / ".review.html.k3j_h5g6",)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[1:])
    assert remove_leftovers(tmp_path / "missing" / "review.html") == ()
