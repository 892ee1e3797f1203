"""A second review with nothing new reuses the stored results; any change to what
went into it (an export, a register, fokus.toml, the engine …) computes afresh."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from fokus.demo import write_demo_exports
from fokus.fingerprint import review_fingerprint
from fokus.ingest.pipeline import import_files
from fokus.store import Store
from fokus.workspace import Workspace, open_workspace
from scale_helpers import flat, run

REUSED = "its results were reused"
DAY = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def workspace(demo_workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reuse") / "workspace"
    shutil.copytree(demo_workspace, folder)
    return folder


def test_second_review_reuses_and_fresh_recomputes(
    workspace: Path, tmp_path: Path
) -> None:
    first = run("review", workspace, "--json", tmp_path / "a.json",
                "--out", tmp_path / "a.html")  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert REUSED not in flat(first.stdout)
    second = run("review", workspace, "--json", tmp_path / "b.json",
                 "--out", tmp_path / "b.html")  # fmt: skip
    assert second.returncode == 0, second.stderr
    assert (
        "Nothing the review depends on has changed since the last run, so its "
        "results were reused (--fresh computes them again)."
    ) in flat(second.stdout)
    # Byte for byte the same report, generated_at included: the stored results.
    assert (tmp_path / "b.json").read_bytes() == (tmp_path / "a.json").read_bytes()
    assert (tmp_path / "b.html").read_bytes() == (tmp_path / "a.html").read_bytes()
    fresh = run("review", workspace, "--fresh", "--json", tmp_path / "c.json")
    assert fresh.returncode == 0, fresh.stderr
    assert REUSED not in flat(fresh.stdout)
    assert (tmp_path / "c.json").read_bytes() != (tmp_path / "a.json").read_bytes()


def _print(ws: Workspace, **changes: object) -> str:
    with Store.open(ws.database_path, read_only=True) as store:
        digests = [record.sha256 for record in store.imports()]
    arguments: dict[str, object] = {
        "engine": "duckdb", "language": "en", "today": DAY, "previous": None,
        **changes,
    }  # fmt: skip
    return review_fingerprint(ws, digests, **arguments)  # type: ignore[arg-type]


@pytest.fixture
def small(tmp_path: Path, demo_workspace: Path) -> Workspace:
    """A copy of the demo's fokus.toml and registers, and its database."""
    folder = tmp_path / "ws"
    shutil.copytree(demo_workspace, folder, ignore=shutil.ignore_patterns("reports"))
    return open_workspace(folder)


def test_fingerprint_is_stable_for_the_same_inputs(small: Workspace) -> None:
    assert _print(small) == _print(small)
    assert len(_print(small)) == 64


def test_a_changed_register_changes_the_fingerprint(small: Workspace) -> None:
    before = _print(small)
    register = sorted(small.registers_dir.glob("*.csv"))[0]
    register.write_bytes(register.read_bytes() + b"\n")
    assert _print(small) != before


def test_a_new_register_file_changes_the_fingerprint(small: Workspace) -> None:
    before = _print(small)
    (small.registers_dir / "notes.csv").write_text("a\n", encoding="utf-8")
    assert _print(small) != before


def test_a_changed_config_changes_the_fingerprint(small: Workspace) -> None:
    before = _print(small)
    with small.config_path.open("a", encoding="utf-8") as config:
        config.write("\n# a comment\n")
    assert _print(small) != before


def test_a_new_export_changes_the_fingerprint(small: Workspace) -> None:
    before = _print(small)
    # The same exports made with another seed: other posts, other bytes.
    (small.exports_dir / "new").mkdir()
    changed = write_demo_exports(small.exports_dir / "new", seed=7, today=DAY)
    with Store.open(small.database_path) as store:
        outcomes = import_files(
            changed,
            store,
            exports_dir=small.exports_dir,
            timezone=small.config.timezone,
        )
    # Files the seed does not change are already imported; the others are new.
    assert "imported" in {o.status for o in outcomes}
    assert _print(small) != before


@pytest.mark.parametrize(
    "change",
    [
        {"engine": "pyspark"},
        {"language": "nb"},
        {"today": DAY + dt.timedelta(days=1)},
        {"previous": dt.datetime(2025, 11, 20, 9, tzinfo=dt.UTC)},
    ],
)
def test_engine_language_day_and_previous_review_count(
    small: Workspace, change: dict[str, object]
) -> None:
    assert _print(small, **change) != _print(small)


def test_a_second_review_with_nothing_new_rewrites_no_file(workspace: Path) -> None:
    reports = workspace / "reports"
    names = ("review.html", "review.pdf", "review.json", "review-tables.xlsx",
             "review.pptx", "review.fragment.html")  # fmt: skip
    assert run("review", workspace).returncode == 0
    before = {name: (reports / name).stat().st_ino for name in names}
    html = (reports / "review.html").read_bytes()
    (reports / "review.json").write_text("edited by hand", encoding="utf-8")
    again = run("review", workspace)
    assert again.returncode == 0, again.stderr
    assert REUSED in flat(again.stdout)
    # Each file is replaced by a rename when written: the same inode, not written.
    after = {name: (reports / name).stat().st_ino for name in names}
    assert {n for n in names if after[n] != before[n]} == {"review.json"}
    assert (reports / "review.json").read_text(encoding="utf-8").startswith("{")
    assert (reports / "review.html").read_bytes() == html
    fresh = run("review", workspace, "--fresh")
    assert fresh.returncode == 0, fresh.stderr
    rewritten = {name: (reports / name).stat().st_ino for name in names}
    assert not {n for n in names if rewritten[n] == after[n]}
