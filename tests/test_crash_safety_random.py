"""SIGKILL at seeded random points during an import of several files: the store holds
exactly the files whose import finished, and re-running completes."""

from __future__ import annotations

import os
import random
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
from meta_exports import facebook_row, write_facebook

pytestmark = pytest.mark.slow
LANGUAGE: Language = "en"
KILLS = 6
FILES = 4
POSTS = 40_000


def _fokus(*args: str | Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "fokus", *map(str, args), "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "FOKUS_LANG": "en"},
    )  # fmt: skip


def _timed(*args: str | Path) -> float:
    started = time.perf_counter()
    assert _fokus(*args).wait() == 0
    return time.perf_counter() - started


def _state(database: Path) -> list[tuple[str, int]]:
    with Store.open(database) as store:
        return store.connection.execute(
            "SELECT i.file_name, (SELECT count(*) FROM posts p "
            "WHERE p.import_id = i.import_id) FROM imports i ORDER BY i.import_id"
        ).fetchall()


def test_random_kills_during_imports_keep_exactly_the_finished_files(
    tmp_path: Path,
) -> None:
    workspace = init_workspace(tmp_path / "ws", "Krasj AS", LANGUAGE)
    for n in range(FILES):
        rows = [
            facebook_row(str((n + 1) * 10**9 + i), f"{1 + i % 12:02d}/{1 + i % 28:02d}/2025 10:00",
                         f"Innlegg {n}-{i}")
            for i in range(POSTS)
        ]  # fmt: skip
        write_facebook(workspace.exports_dir / f"posts-{n}.csv", rows)
    pristine = tmp_path / "pristine"
    shutil.copytree(workspace.root, pristine)
    duration = _timed("import", workspace.root)
    complete = _state(workspace.database_path)
    assert complete == [(f"posts-{n}.csv", POSTS) for n in range(FILES)]

    chance = random.Random(20261127)  # noqa: S311 (a seed, not a secret)
    for _ in range(KILLS):
        shutil.rmtree(workspace.root)
        shutil.copytree(pristine, workspace.root)
        process = _fokus("import", workspace.root)
        time.sleep(chance.uniform(0.1, 1.0) * duration)
        process.send_signal(signal.SIGKILL)
        process.wait()
        state = (
            _state(workspace.database_path) if workspace.database_path.exists() else []
        )
        # The finished files, whole and in order; nothing of the one killed.
        assert state == complete[: len(state)]
        # Re-running completes the rest.
        assert _fokus("import", workspace.root).wait() == 0
        assert _state(workspace.database_path) == complete
