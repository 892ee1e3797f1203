"""The load benchmark's core (benchmarks/web_load.py) with 3 clients for 2 seconds
against a real `fokus serve` and a small imported workspace: every request answers
as it should. Counts are asserted, never times (speed is for the benchmark)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from web_load import build_workspace, load_run
from web_load_core import Load, Server, figures, start_server, upload_outcomes


@pytest.fixture(scope="module")
def small_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 generated Facebook posts, imported with `fokus import`."""
    return build_workspace(tmp_path_factory.mktemp("load-data"), 300, 1)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    started = start_server(tmp_path / "instance")
    try:
        yield started
    finally:
        started.stop()


def run_load(
    server: Server, data: Path, args: argparse.Namespace
) -> tuple[Load, list[str]]:
    """``load_run`` in a thread of its own: the browser tests (Playwright's sync API)
    leave an event loop running in the main thread, where asyncio.run refuses."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, load_run(server, data, args)).result()


def options(**values: object) -> argparse.Namespace:
    defaults = {"clients": 3, "seconds": 2.0, "max_requests": 100_000, "mix": False}
    return argparse.Namespace(**{**defaults, **values})


def test_three_clients_for_two_seconds_get_every_page_without_an_error(
    server: Server, small_workspace: Path
) -> None:
    load, notes = run_load(server, small_workspace, options())
    rows = {row.operation: row for row in figures(load)}
    assert set(rows) == {"dashboard", "review page", "all"}
    assert notes == []
    assert rows["all"].errors == 0, [s.detail for s in load.samples if not s.ok][:3]
    pages = rows["dashboard"].requests + rows["review page"].requests
    assert pages == rows["all"].requests == len(load.samples)
    assert rows["all"].requests >= 3  # each client sent at least one
    assert all(sample.ok for sample in load.samples)
    log = server.log.read_text()
    assert log.count('"GET /w/load/ HTTP/1.1" 200') == rows["dashboard"].requests + 4
    # Before the timed load the owner asks for the review page twice: whether the
    # server has it, and once to warm it up.
    reviews = log.count('"GET /w/load/review HTTP/1.1" 200')
    assert reviews == rows["review page"].requests + 2
    assert "Traceback" not in log


def test_the_mixed_profile_stops_at_its_request_bound(
    server: Server, small_workspace: Path
) -> None:
    load, _notes = run_load(
        server, small_workspace, options(mix=True, seconds=60.0, max_requests=30)
    )
    rows = {row.operation: row for row in figures(load)}
    assert rows["all"].requests == 30
    assert rows["all"].errors == 0, [s.detail for s in load.samples if not s.ok][:3]
    assert {"dashboard", "workspace list"} <= set(rows)
    assert sum(row.requests for name, row in rows.items() if name != "all") == 30
    # The same small export each time: imported once, then known.
    uploads = rows["upload"].requests if "upload" in rows else 0
    counts = upload_outcomes(load)
    assert sum(counts.values()) == uploads
    assert counts.get("imported", 0) == min(uploads, 1), counts
    assert set(counts) <= {"imported", "already_imported"}, counts
