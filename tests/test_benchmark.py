"""``fokus benchmark`` over three demo workspaces made with different seeds.

The expected figures are computed here independently: post counts with DuckDB SQL
on each store, medians with numpy over the three stores' posts.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import numpy as np
import pytest

from fokus.demo import write_demo_exports
from fokus.ingest.pipeline import import_files
from fokus.store import Store
from fokus.workspace import init_workspace, list_export_files
from scale_helpers import flat, run

DAY = dt.date(2026, 11, 20)
CLIENTS = {11: "Nordvik <b>kommune</b>", 22: "Sørby & Co", 33: "Østre museum"}
REACH = "coalesce(reach, unique_viewers, unique_impressions)"
FACEBOOK_ENGAGEMENT = (
    "CASE WHEN reactions IS NULL AND comments IS NULL AND shares IS NULL THEN NULL "
    "ELSE coalesce(reactions, 0) + coalesce(comments, 0) + coalesce(shares, 0) END"
)


@pytest.fixture(scope="module")
def workspaces(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ...]:
    """Three clients: the demo's exports with three seeds, imported (no review)."""
    folders = []
    for seed, name in CLIENTS.items():
        folder = tmp_path_factory.mktemp(f"client{seed}") / "ws"
        workspace = init_workspace(folder, name, "en", today=DAY)
        write_demo_exports(workspace.exports_dir, seed=seed, today=DAY)
        with Store.open(workspace.database_path) as store:
            outcomes = import_files(
                list_export_files(workspace),
                store,
                exports_dir=workspace.exports_dir,
                timezone=workspace.config.timezone,
            )
        assert {o.status for o in outcomes} == {"imported"}
        folders.append(folder)
    return tuple(folders)


@pytest.fixture(scope="module")
def document(
    workspaces: tuple[Path, ...], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, object]:
    out = tmp_path_factory.mktemp("bench") / "benchmark.json"
    result = run("benchmark", *workspaces, "--out", out)
    assert result.returncode == 0, result.stderr
    found: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return found


def _sql(folder: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(folder / "fokus.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def _groups(document: dict[str, object]) -> dict[tuple[str, str], dict[str, object]]:
    groups = document["groups"]
    assert isinstance(groups, list)
    return {(g["platform"], g["format"]): g for g in groups}


def test_posts_and_clients_per_group_are_the_stores_counts(
    workspaces: tuple[Path, ...], document: dict[str, object]
) -> None:
    expected: dict[tuple[str, str], list[int]] = {}
    for folder in workspaces:
        for platform, fmt, n in _sql(
            folder, "SELECT platform, format, count(*) FROM posts GROUP BY ALL"
        ):
            expected.setdefault((str(platform), str(fmt)), []).append(int(str(n)))
    groups = _groups(document)
    assert set(groups) == set(expected)
    assert {k: g["posts"] for k, g in groups.items()} == {
        k: sum(v) for k, v in expected.items()
    }
    assert {k: g["clients"] for k, g in groups.items()} == {
        k: len(v) for k, v in expected.items()
    }
    assert document["clients"] == list(CLIENTS.values())


def _values(
    workspaces: tuple[Path, ...], expression: str, platform: str, fmt: str
) -> list[np.ndarray]:
    sql = (
        f"SELECT {expression} FROM posts WHERE platform = '{platform}' "
        f"AND format = '{fmt}' AND {expression} IS NOT NULL"
    )
    return [
        np.array([float(str(row[0])) for row in _sql(folder, sql)])
        for folder in workspaces
    ]


@pytest.mark.parametrize(
    ("platform", "fmt"),
    [("facebook", "image"), ("facebook", "reel"), ("instagram", "carousel")],
)
def test_medians_are_numpys_over_the_three_stores(
    workspaces: tuple[Path, ...], document: dict[str, object], platform: str, fmt: str
) -> None:
    figures = _groups(document)[(platform, fmt)]["figures"]
    reach = np.concatenate(_values(workspaces, REACH, platform, fmt))
    assert figures["reach"]["median"] == float(np.median(reach))
    assert figures["reach"]["n"] == len(reach)
    low, high = figures["reach"]["low"], figures["reach"]["high"]
    assert low <= figures["reach"]["median"] <= high
    if platform == "facebook":
        engagement = np.concatenate(
            _values(workspaces, FACEBOOK_ENGAGEMENT, platform, fmt)
        )
        rate = np.concatenate(
            _values(
                workspaces,
                f"({FACEBOOK_ENGAGEMENT}) / nullif({REACH}, 0)",
                platform,
                fmt,
            )
        )
        assert figures["engagement"]["median"] == float(np.median(engagement))
        assert figures["engagement_rate"]["median"] == pytest.approx(
            float(np.median(rate)), rel=1e-12
        )
        assert figures["engagement_rate"]["n"] == len(rate)


def test_each_client_is_placed_against_the_group(
    workspaces: tuple[Path, ...], document: dict[str, object]
) -> None:
    group = _groups(document)[("facebook", "image")]
    per_client = _values(workspaces, REACH, "facebook", "image")
    pooled = np.concatenate(per_client)
    placed = {p["client"]: p for p in group["placements"] if p["metric"] == "reach"}
    for name, own in zip(CLIENTS.values(), per_client, strict=True):
        median = float(np.median(own))
        expected_rank = (
            100
            * (float(np.sum(pooled < median)) + float(np.sum(pooled == median)) / 2)
            / len(pooled)
        )
        assert placed[name] == {
            "client": name,
            "metric": "reach",
            "n": len(own),
            "median": median,
            "status": "placed",
            "ratio": pytest.approx(median / float(np.median(pooled)), rel=1e-12),
            "percentile": pytest.approx(expected_rank, rel=1e-12),
        }


def test_a_client_with_too_few_posts_is_not_placed(
    document: dict[str, object],
) -> None:
    small = [
        p
        for g in _groups(document).values()
        for p in g["placements"]
        if p["n"] < document["min_posts"]
    ]
    assert document["min_posts"] == 10
    assert all(p["status"] == "too_few_posts" for p in small)
    assert all(p["ratio"] is None and p["percentile"] is None for p in small)
    placed = [
        p for g in _groups(document).values() for p in g["placements"] if p["n"] >= 10
    ]
    assert placed and all(p["status"] == "placed" for p in placed)


def test_every_denominator_is_declared(document: dict[str, object]) -> None:
    assert document["schema_version"] == 2
    assert document["metrics"] == {
        "reach": {"denominator": None, "statistic": "median_per_post"},
        "engagement": {"denominator": None, "statistic": "median_per_post"},
        "engagement_rate": {"denominator": "reach", "statistic": "median_of_rates"},
    }


def test_html_escapes_client_names_and_terminal_shows_the_table(
    workspaces: tuple[Path, ...], tmp_path: Path
) -> None:
    out = tmp_path / "benchmark.html"
    result = run("benchmark", *workspaces, "--out", out, lang="nb")
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert "<b>kommune" not in html
    assert "Nordvik &lt;b&gt;kommune&lt;/b&gt;" in html
    assert "Sørby &amp; Co" in html
    assert "Sammenligning av 3 kunder" in flat(result.stdout)
    assert "Nordvik <b>kommune</b>" in result.stdout
    assert f"Sammenligningen er skrevet til {out}." in flat(result.stdout)


def test_csv_has_one_row_per_client_group_and_measure(
    workspaces: tuple[Path, ...], document: dict[str, object], tmp_path: Path
) -> None:
    out = tmp_path / "benchmark.csv"
    assert run("benchmark", *workspaces, "--out", out).returncode == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == (
        "client,platform,format,metric,n,median,group_median,ratio,percentile,status"
    )
    placements = sum(len(g["placements"]) for g in _groups(document).values())
    assert len(lines) == 1 + placements


def test_unknown_output_type_is_refused(
    workspaces: tuple[Path, ...], tmp_path: Path
) -> None:
    result = run("benchmark", *workspaces, "--out", tmp_path / "b.txt")
    assert result.returncode == 2
    assert "End the file name with .html, .json or .csv." in flat(result.stderr)
