"""``fokus export-parquet``: the store as partitioned Parquet for a cluster, read
back with DuckDB's own Parquet reader (Hive partitioning), not through fokus."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from fokus.store.schema import SCHEMA_VERSION
from scale_helpers import flat, run

SINGLE = ("latest_daily", "audience", "imports", "accounts", "source_definitions")


@pytest.fixture(scope="module")
def workspace(demo_workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export") / "workspace"
    shutil.copytree(demo_workspace, folder)
    return folder


@pytest.fixture(scope="module")
def exported(workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("parquet") / "out"
    result = run("export-parquet", workspace, out)
    assert result.returncode == 0, result.stderr
    return out


def _store(workspace: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(workspace / "fokus.duckdb"), read_only=True)


def _hive(out: Path, name: str) -> str:
    return f"read_parquet('{out / name}/**/*.parquet', hive_partitioning = true)"


def test_every_table_round_trips_with_its_row_count(
    workspace: Path, exported: Path
) -> None:
    manifest = json.loads((exported / "_fokus.json").read_text(encoding="utf-8"))
    with _store(workspace) as store:
        expected = {
            name: store.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]
            for name in ("posts", "latest_post_metrics", *SINGLE)
        }
    read = duckdb.connect()
    sources = {
        "posts": _hive(exported, "posts"),
        "latest_post_metrics": _hive(exported, "latest_post_metrics"),
        **{name: f"read_parquet('{exported / name}.parquet')" for name in SINGLE},
    }
    counts = {
        name: read.execute(f"SELECT count(*) FROM {source}").fetchall()[0][0]
        for name, source in sources.items()
    }
    assert counts == expected
    assert expected["posts"] > 1000  # the demo: a real amount of data
    assert {k: v["rows"] for k, v in manifest["tables"].items()} == expected
    assert manifest["organisation"] == "Fjordvik kommune"
    assert manifest["schema_version"] == SCHEMA_VERSION
    assert manifest["partition_by"] == ["platform", "year"]
    assert manifest["tables"]["posts"]["path"] == "posts"
    assert manifest["tables"]["audience"]["path"] == "audience.parquet"


def test_partitions_are_platform_then_year(workspace: Path, exported: Path) -> None:
    with _store(workspace) as store:
        expected = store.execute(
            "SELECT DISTINCT platform, year(published_day) FROM posts ORDER BY ALL"
        ).fetchall()
    folders = sorted(
        (p.parent.name.removeprefix("platform="), int(p.name.removeprefix("year=")))
        for p in (exported / "posts").glob("platform=*/year=*")
    )
    assert folders == expected


def test_values_read_back_exactly(workspace: Path, exported: Path) -> None:
    key = "platform, account_id, post_id"
    columns = f"{key}, published_at, format, text_nfkc, reach, likes, paid"
    with _store(workspace) as store:
        store.execute("SET TimeZone = 'UTC'")
        expected = store.execute(
            f"SELECT {columns} FROM posts ORDER BY {key} LIMIT 25"
        ).fetchall()
        metrics = store.execute(
            f"SELECT {key}, metric, value FROM latest_post_metrics ORDER BY ALL"
        ).fetchall()
    read = duckdb.connect()
    read.execute("SET TimeZone = 'UTC'")
    found = read.execute(
        f"SELECT {columns} FROM {_hive(exported, 'posts')} ORDER BY {key} LIMIT 25"
    ).fetchall()
    found_metrics = read.execute(
        f"SELECT {key}, metric, value FROM "
        f"{_hive(exported, 'latest_post_metrics')} ORDER BY ALL"
    ).fetchall()
    assert found == expected
    assert len(found_metrics) == len(metrics) > 10_000
    assert found_metrics == metrics  # every value, exactly


def test_a_folder_with_files_is_refused_without_force(
    workspace: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    refused = run("export-parquet", workspace, out)
    assert refused.returncode == 3
    assert f"The folder {out} is not empty" in flat(refused.stderr)
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    forced = run("export-parquet", workspace, out, "--force")
    assert forced.returncode == 0, forced.stderr
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (out / "_fokus.json").is_file()
    again = run("export-parquet", workspace, out, "--force")  # replaces, not adds
    assert again.returncode == 0, again.stderr
    read = duckdb.connect()
    with _store(workspace) as store:
        posts = store.execute("SELECT count(*) FROM posts").fetchall()[0][0]
    assert read.execute(f"SELECT count(*) FROM {_hive(out, 'posts')}").fetchall() == [
        (posts,)
    ]
