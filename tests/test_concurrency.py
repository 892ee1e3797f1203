"""Two `fokus import` processes into one workspace at once are serialised by the
workspace lock: the store ends as if they had run one after the other."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fokus.i18n import Language
from fokus.store import Store
from fokus.store.lock import workspace_lock
from fokus.workspace import init_workspace

sys.path.insert(0, str(Path(__file__).parent / "ingest"))
from meta_exports import dump, facebook_row, write_facebook

pytestmark = pytest.mark.slow
LANGUAGE: Language = "en"


def _import(root: Path, *args: str | Path) -> subprocess.Popen[str]:
    env = {**os.environ, "FOKUS_LANG": "en", "COLUMNS": "500", "NO_COLOR": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "fokus", "import", str(root), *map(str, args),
         "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip


def _finish(process: subprocess.Popen[str]) -> int:
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    return process.returncode


def _exports(folder: Path, prefix: int, posts: int) -> Path:
    rows = [
        facebook_row(str(prefix * 10**9 + i), f"{1 + i % 12:02d}/{1 + i % 28:02d}/2025 10:00",
                     f"Innlegg {prefix}-{i}")
        for i in range(posts)
    ]  # fmt: skip
    return write_facebook(folder / f"posts-{prefix}.csv", rows)


def test_two_imports_at_once_equal_one_after_the_other(tmp_path: Path) -> None:
    workspace = init_workspace(tmp_path / "ws", "Samtidig AS", LANGUAGE)
    first = _exports(tmp_path / "files", 1, 5_000)
    second = _exports(tmp_path / "files", 2, 5_000)
    empty = tmp_path / "empty"
    shutil.copytree(workspace.root, empty)

    # The two orders one after the other: the reference results.
    expected = []
    for order in ((first, second), (second, first)):
        reference = tmp_path / f"seq-{order[0].stem}"
        shutil.copytree(empty, reference)
        for path in order:
            _finish(_import(reference, path))
        with Store.open(reference / "fokus.duckdb") as store:
            expected.append(dump(store, with_times=False))
    assert expected[0] != expected[1]  # the import ids tell the orders apart

    for round_ in range(3):
        shutil.rmtree(workspace.root)
        shutil.copytree(empty, workspace.root)
        processes = [_import(workspace.root, first), _import(workspace.root, second)]
        results = [(p.communicate(timeout=300), p.returncode) for p in processes]
        for (_, stderr), code in results:
            assert code == 0, f"round {round_}: {stderr}"
        with Store.open(workspace.database_path) as store:
            state = dump(store, with_times=False)
        assert state in expected, f"round {round_}: not a serial result"
        assert len(state["posts"]) == 10_000


def test_a_busy_workspace_is_refused_after_the_wait(tmp_path: Path) -> None:
    workspace = init_workspace(tmp_path / "ws", "Opptatt AS", LANGUAGE)
    path = _exports(tmp_path, 3, 10)
    with workspace_lock(workspace.root):
        process = _import(workspace.root, path, "--wait", "2")
        _, stderr = process.communicate(timeout=60)
    assert process.returncode == 5
    assert (
        f"The workspace {workspace.root} has been busy with another fokus command "
        "for 2 seconds." in stderr
    )
    assert "give it longer with --wait. Nothing has been changed." in stderr
    assert not workspace.database_path.exists()
    # Once the lock is free the same command goes through.
    _finish(_import(workspace.root, path))
