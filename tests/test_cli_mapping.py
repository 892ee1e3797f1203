"""``fokus import --map`` and ``fokus map suggest`` as a user runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import typer.main

from fokus.cli import app

DOCS = Path(__file__).parents[1] / "docs"
CSV = (
    "Post ID;Published;Text;Likes\n"
    "p1;02.03.2026 09:15;Hei;12\n"
    "p2;09.03.2026 14:00;Hallo;\n"
)
MAPPING = """\
platform = "other"
source = "threads"
account = "fjordvik"

[columns]
post_id = "Post ID"
published = "Published"
text = "Text"

[dates]
formats = ["%d.%m.%Y %H:%M"]

[metrics]
likes = "Likes"
"""


def run(*args: str | Path, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FOKUS_LANG": lang, "COLUMNS": "500", "NO_COLOR": "1",
           "PYTHONWARNINGS": ""}  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "fokus", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
        check=False,
    )  # fmt: skip


def flat(text: str) -> str:
    return " ".join(text.split())


def _workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    assert run("init", root).returncode == 0
    (root / "exports" / "threads.csv").write_text(CSV, encoding="utf-8")
    (root / "threads.toml").write_text(MAPPING, encoding="utf-8")
    return root


def _count(root: Path, sql: str) -> object:
    with duckdb.connect(str(root / "fokus.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()[0][0]


def test_import_with_a_mapping_prints_the_summary(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    data = root / "exports" / "threads.csv"
    result = run("import", root, "--map", root / "threads.toml", data)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert (
        lines[0] == "✓ threads.csv: file read with a mapping, 2 rows stored, 0 skipped"
    )
    assert lines[1] == (
        "  • Read with the mapping threads.toml: source “threads”, platform Other."
    )
    assert lines[-1] == (
        "Files imported: 1 (2 rows stored, 0 skipped). Already imported: 0. Refused: 0."
    )
    assert _count(root, "SELECT count(likes) FROM posts") == 1
    # Plain `fokus import` later knows the file by its content.
    again = run("import", root)
    assert again.returncode == 0, again.stderr
    assert "= threads.csv: already imported, nothing changed" in again.stdout


def test_a_wrong_mapping_imports_nothing_and_says_where(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    mapping = root / "threads.toml"
    mapping.write_text(MAPPING.replace("likes =", "like ="), encoding="utf-8")
    result = run("import", root, "--map", mapping, root / "exports" / "threads.csv")
    assert result.returncode == 3
    assert flat(result.stderr) == (
        "✗ threads.toml:14: “like” is not a metric fokus knows. "
        "→ Did you mean “likes”? The metrics fokus knows are listed in docs/mapping.md."
    )
    assert "Traceback" not in result.stderr
    # Checked before anything is opened: not even the database is made.
    assert not (root / "fokus.duckdb").exists()


def test_a_file_without_a_mapped_column_is_refused_in_bokmal(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    mapping = root / "threads.toml"
    mapping.write_text(MAPPING.replace('"Text"', '"Tekst"'), encoding="utf-8")
    result = run("import", root, "--map", mapping, root / "exports" / "threads.csv",
                 "--lang", "nb")  # fmt: skip
    assert result.returncode == 3
    assert flat(result.stderr) == (
        "✗ threads.csv: Mappingens columns.text viser til kolonnen «Tekst», som denne "
        "filen ikke har. → Mente du «Text»? Kolonnene i filen er: "
        '"Post ID", "Published", "Text", "Likes".'
    )
    assert flat(result.stdout).endswith("Avvist: 1.")
    assert _count(root, "SELECT count(*) FROM post_snapshots") == 0


def test_map_without_files_is_a_usage_error(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    result = run("import", root, "--map", root / "threads.toml")
    assert result.returncode == 2
    assert "--map needs the files the mapping describes." in result.stderr


def test_suggest_writes_once_and_overwrites_only_with_force(tmp_path: Path) -> None:
    data = tmp_path / "threads.csv"
    data.write_text(CSV, encoding="utf-8")
    target = tmp_path / "threads.toml"
    first = run("map", "suggest", data, "-o", target)
    assert first.returncode == 0, first.stderr
    assert flat(first.stdout) == (
        f"Wrote a proposed mapping for threads.csv to {target}. "
        "Check the lines marked CHECK before importing."
    )
    written = target.read_text(encoding="utf-8")
    assert 'published = "Published"' in written
    target.write_text("# mine\n", encoding="utf-8")
    second = run("map", "suggest", data, "-o", target)
    assert second.returncode == 3
    assert f"{target} already exists." in flat(second.stderr)
    assert target.read_text(encoding="utf-8") == "# mine\n"
    forced = run("map", "suggest", data, "-o", target, "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_text(encoding="utf-8") == written
    printed = run("map", "suggest", data)
    assert printed.returncode == 0
    assert printed.stdout == written


def test_suggest_for_a_missing_or_empty_file(tmp_path: Path) -> None:
    missing = run("map", "suggest", tmp_path / "nope.csv")
    assert missing.returncode == 3
    assert "nope.csv is not a file." in flat(missing.stderr)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = run("map", "suggest", empty)
    assert result.returncode == 3
    assert "The file is empty." in result.stderr
    assert "Traceback" not in result.stderr


def test_docs_describe_map_suggest_and_point_to_the_metrics() -> None:
    cli = (DOCS / "cli.md").read_text(encoding="utf-8")
    group = typer.main.get_group(app)
    suggest = group.commands["map"].commands["suggest"]  # type: ignore[attr-defined]
    options = [o for p in suggest.params for o in getattr(p, "opts", [])
               if o.startswith("--")]  # fmt: skip
    assert sorted(options) == ["--force", "--lang", "--output"]
    assert "## `fokus map suggest FILE`" in cli
    assert all(f"`{option}`" in cli for option in options)
    # The metric names are listed once, in the metric dictionary (tests/test_docs).
    mapping = (DOCS / "mapping.md").read_text(encoding="utf-8")
    assert "(metrics.md#canonical-per-post-metrics)" in mapping
