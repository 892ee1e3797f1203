"""Killing an import half-way leaves the store exactly as it was before that file."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fokus.i18n import Language
from fokus.store import Store
from fokus.workspace import init_workspace

sys.path.insert(0, str(Path(__file__).parent / "ingest"))
from meta_exports import FACEBOOK_HEADER, dump, facebook_row, meta_csv

pytestmark = pytest.mark.slow
LANGUAGE: Language = "en"


def _big_export(path: Path, posts: int) -> None:
    rows = (
        facebook_row(str(10**15 + i), f"{1 + i % 12:02d}/{1 + i % 28:02d}/2025 10:00",
                     f'Innlegg {i}, med "sitat"\nog ny linje 🎉 ' + "x" * 120)
        for i in range(posts)
    )  # fmt: skip
    with path.open("wb") as out:
        out.write(b"\xef\xbb\xbf")
        out.write(meta_csv([FACEBOOK_HEADER]).encode())
        chunk: list[list[str]] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) == 10_000:
                out.write(meta_csv(chunk).encode())
                chunk = []
        out.write(meta_csv(chunk).encode())


def _run_import(root: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "fokus", "import", str(root), "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "FOKUS_LANG": "en"},
    )  # fmt: skip


def test_kill_during_import_leaves_the_store_as_before(tmp_path: Path) -> None:
    workspace = init_workspace(tmp_path / "ws", "Crash AS", LANGUAGE)
    small = workspace.exports_dir / "small.csv"
    small.write_bytes(
        b"\xef\xbb\xbf"
        + meta_csv(
            [FACEBOOK_HEADER, facebook_row("999", "01/01/2025 10:00", "ok")]
        ).encode()
    )
    assert _run_import(workspace.root).wait() == 0
    with Store.open(workspace.database_path) as store:
        before = dump(store, with_times=False)
    pristine = tmp_path / "pristine.duckdb"
    shutil.copy(workspace.database_path, pristine)
    _big_export(workspace.exports_dir / "big.csv", 300_000)

    # Time whole imports, then kill others at points spread over that time. The
    # shorter of two runs: on a busy machine one slow run would put most kills
    # after the commit, where they test nothing.
    durations = []
    for _ in range(2):
        shutil.copy(pristine, workspace.database_path)
        started = time.perf_counter()
        assert _run_import(workspace.root).wait() == 0
        durations.append(time.perf_counter() - started)
    duration = min(durations)
    with Store.open(workspace.database_path) as store:
        after = dump(store, with_times=False)
    assert len(after["imports"]) == 2

    interrupted = 0
    for fraction in (0.2, 0.35, 0.5, 0.65, 0.8, 0.9):
        shutil.copy(pristine, workspace.database_path)
        process = _run_import(workspace.root)
        time.sleep(duration * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait()
        with Store.open(workspace.database_path) as store:
            state = dump(store, with_times=False)
        # All of the file or none of it: a kill after the commit keeps the file.
        assert state in (before, after), f"a partial import at {fraction:.0%}"
        interrupted += state == before
    assert interrupted >= 3

    shutil.copy(pristine, workspace.database_path)
    assert _run_import(workspace.root).wait() == 0
    with Store.open(workspace.database_path) as store:
        count = store.connection.execute("SELECT count(*) FROM posts").fetchall()
        files = store.connection.execute(
            "SELECT file_name, rows_imported FROM imports ORDER BY import_id"
        ).fetchall()
    assert count == [(300_001,)]
    assert files == [("small.csv", 1), ("big.csv", 300_000)]
