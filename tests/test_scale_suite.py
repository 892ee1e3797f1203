"""The scale suite (benchmarks/suite.py), run for real at two small sizes, and its
slope and verdicts on hand-computed values. Counts are asserted, never times.

The stored counts are checked against the generated files themselves: each
account's rows are counted here with Python's csv module, not taken from the
suite's own plan.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from import_benchmark import Measurement, measure
from suite import CountError, checked
from suite_report import LABELS, Run, SizeResult, growth_table, slope, verdict, verdicts

SUITE = Path(__file__).resolve().parents[1] / "benchmarks" / "suite.py"
SIZES = (600, 1200)
ACCOUNTS, CLIENTS = 4, 2


def csv_rows(path: Path) -> int:
    """Data rows of an export (quoted line breaks kept inside their row)."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def account_rows(data: Path) -> dict[int, int]:
    """Rows per generated account folder (``account-007`` → 7)."""
    return {
        int(folder.name.split("-")[1]): sum(csv_rows(p) for p in folder.iterdir())
        for folder in sorted(data.iterdir())
    }


def sql(database: Path, query: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute(query).fetchall()


def posts(database: Path) -> int:
    found = sql(database, "SELECT count(*) FROM posts")[0][0]
    assert isinstance(found, int)
    return found


@pytest.fixture(scope="module")
def suite(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    workdir = tmp_path_factory.mktemp("suite")
    done = subprocess.run(
        [sys.executable, str(SUITE), "--sizes", ",".join(map(str, SIZES)),
         "--accounts", str(ACCOUNTS), "--clients", str(CLIENTS),
         "--workdir", str(workdir), "--keep"],
        capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return workdir, done.stdout


def table_rows(output: str, size: int) -> dict[str, list[str]]:
    """The last table printed for ``size``: run label → cells."""
    block = output.rsplit(f"**{size:,} posts**", 1)[1].split("\n\n", 2)[1]
    lines = block.splitlines()
    assert lines[0] == "| Run | Wall | CPU (user+sys) | Peak RSS | Rows | Ratio |"
    return {
        cells[0]: cells[1:]
        for line in lines[2:]
        if (cells := [c.strip() for c in line.strip("|").split("|")])
    }


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES)
def test_every_store_holds_exactly_the_generated_posts(
    suite: tuple[Path, str], size: int
) -> None:
    workdir, _ = suite
    folder = workdir / f"n{size}"
    rows = account_rows(folder / "data")
    generated = {i: n for i, n in rows.items() if i < ACCOUNTS}
    assert sum(generated.values()) == size
    assert rows[ACCOUNTS] == 1000  # the incremental account
    # The all-accounts store, after the incremental import.
    assert posts(folder / "all" / "fokus.duckdb") == size + 1000
    per_account = sql(
        folder / "all" / "fokus.duckdb",
        "SELECT count(*) FROM posts GROUP BY platform, account_id ORDER BY 1",
    )
    assert [n for (n,) in per_account] == sorted(rows.values())
    # The median-sized account alone.
    median = sorted(generated.values())[(ACCOUNTS - 1) // 2]
    assert sql(folder / "one" / "fokus.duckdb",
               "SELECT count(*), count(DISTINCT account_id) FROM posts") == [(median, 1)]  # fmt: skip
    # Client c holds accounts c, c + 2.
    for c in range(CLIENTS):
        mine = sum(n for i, n in generated.items() if i % CLIENTS == c)
        assert posts(folder / f"client{c:02d}" / "fokus.duckdb") == mine


@pytest.mark.slow
def test_three_platforms_are_in_the_mix(suite: tuple[Path, str]) -> None:
    workdir, _ = suite
    found = sql(
        workdir / "n600" / "all" / "fokus.duckdb",
        "SELECT platform, count(DISTINCT account_id) FROM posts GROUP BY 1 ORDER BY 1",
    )
    # Accounts 0 and 2 and the incremental one are Facebook Pages.
    assert found == [("facebook", 3), ("tiktok", 1), ("x", 1)]


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES)
def test_table_has_every_run_with_its_rows(suite: tuple[Path, str], size: int) -> None:
    workdir, output = suite
    generated = account_rows(workdir / f"n{size}" / "data")
    median = sorted(n for i, n in generated.items() if i < ACCOUNTS)[1]
    table = table_rows(output, size)
    assert list(table) == list(LABELS.values())
    assert all(len(cells) == 5 for cells in table.values())
    rows = {label: cells[3] for label, cells in table.items()}
    expected = dict.fromkeys(LABELS.values(), f"{size:,}")
    expected[LABELS["review_one"]] = f"{median:,}"
    expected[LABELS["analyses_one"]] = f"{median:,}"
    expected[LABELS["increment"]] = f"{size + 1000:,}"
    assert rows == expected
    assert table[LABELS["import"]][4].endswith("× DuckDB")
    assert table[LABELS["pandas"]][4].endswith("× the metric layer")
    assert table[LABELS["review_again"]][4].endswith("× the fresh review, reused")
    for key in ("analyses", "analyses_one"):
        assert re.fullmatch(r"in-process: analyses \d+\.\d\d s", table[LABELS[key]][4])


@pytest.mark.slow
def test_growth_table_and_verdicts_are_printed(suite: tuple[Path, str]) -> None:
    _, output = suite
    growth = output.split("Growth (wall time; log-log slope, 1.0 = linear):\n\n")[1]
    lines = growth.splitlines()
    assert lines[0] == "| Step | 600 | 1,200 | slope 600 → 1,200 |"
    steps = [line.split("|")[1].strip() for line in lines[2:8]]
    assert steps == [LABELS[k] for k in ("import", "review", "analyses", "review_one",
                                         "increment", "benchmark")]  # fmt: skip
    assert (
        "Targets (issue 8):\n\n"
        "- At 1,000,000 posts: not measured (not in --sizes).\n"
        "- At 10,000,000 posts: not measured (not in --sizes).\n"
    ) in output


def test_slope_is_one_for_linear_growth_and_two_for_the_square() -> None:
    assert slope(1_000, 1.0, 10_000, 10.0) == pytest.approx(1.0, abs=1e-12)
    assert slope(1_000, 1.0, 10_000, 100.0) == pytest.approx(2.0, abs=1e-12)
    assert slope(100, 5.0, 400, 5.0) == 0.0
    # Half the time at ten times the posts: log10(0.5).
    assert slope(10_000, 2.0, 100_000, 1.0) == pytest.approx(-0.30103, abs=1e-5)


def test_verdict_says_met_or_not_met() -> None:
    assert verdict("1 M: full review (`--fresh`)", "8.00 s", "≤ 10 s", True) == (
        "- 1 M: full review (`--fresh`): 8.00 s (target ≤ 10 s): met."
    )
    assert verdict("10 M: review of one account", "2.50 s", "≤ 2 s", False) == (
        "- 10 M: review of one account: 2.50 s (target ≤ 2 s): NOT met."
    )


def _result(
    posts: int,
    wall: dict[str, float],
    rss: int = 10**9,
    analyses: tuple[float, float] = (1.0, 1.0),
) -> SizeResult:
    printed = {
        "analyses": f"imports 0.70 s, analyses {analyses[0]:.2f} s\n",
        "analyses_one": f"imports 0.70 s, analyses {analyses[1]:.2f} s\n",
    }
    runs = {
        key: Run(Measurement(wall.get(key, 1.0), 1.0, rss, printed.get(key, "")), posts)
        for key in LABELS
    }
    return SizeResult(posts, runs, posts // 40, 10)


def test_verdicts_at_one_million_posts() -> None:
    one = _result(
        1_000_000,
        {"import": 15.0, "duckdb": 10.0, "review": 12.5, "metric_layer": 1.0,
         "pandas": 3.5},
        rss=2_100_000_000,
        analyses=(9.5, 1.0),
    )  # fmt: skip
    assert verdicts([one]) == [
        "- 1 M: `fokus import` / DuckDB `read_csv`: 1.50× (target ≤ 2.0×): met.",
        "- 1 M: full review (`--fresh`): 12.50 s (target ≤ 10 s): NOT met.",
        "- 1 M: the review's analyses alone (in-process, no files): 9.50 s "
        "(target ≤ 10 s): met.",
        "- 1 M: pandas / metric layer (how many times faster fokus is): 3.50× "
        "(target ≥ 3×): met.",
        "- 1 M: peak memory of the fokus runs: 2.10 GB (target ≤ 2.00 GB): NOT met.",
        "- At 10,000,000 posts: not measured (not in --sizes).",
    ]


def test_verdicts_at_ten_million_posts() -> None:
    ten = _result(10_000_000, {"import": 200.0, "review": 90.0, "review_one": 1.5},
                  rss=7_000_000_000, analyses=(60.0, 2.25))  # fmt: skip
    assert verdicts([ten])[1:] == [
        "- 10 M: import and full review complete: import 200.0 s, review 90.0 s "
        "(target both complete): met.",
        "- 10 M: peak memory of the fokus runs: 7.00 GB (target ≤ 8.00 GB): met.",
        "- 10 M: review of one account: 1.50 s (target ≤ 2 s): met.",
        "- 10 M: the analyses of one account alone (in-process, no files): 2.25 s "
        "(target ≤ 2 s): NOT met.",
    ]


def test_growth_table_names_a_step_that_grows_faster_than_linearly() -> None:
    small = _result(10_000, {"review": 1.0})
    large = _result(100_000, {"review": 20.0, "import": 10.0})
    lines = growth_table([small, large])
    assert lines[0] == "| Step | 10,000 | 100,000 | slope 10,000 → 100,000 |"
    assert (
        lines[3] == "| `fokus review --fresh`, all accounts | 1.00 s | 20.00 s | 1.30 |"
    )
    assert lines[2] == "| `fokus import`, all accounts | 1.00 s | 10.00 s | 1.00 |"
    assert lines[-1] == (
        "- Faster than linear (slope > 1.2): `fokus review --fresh`, all accounts "
        "from 10,000 to 100,000 (1.30)."
    )


def test_a_wrong_count_is_an_error(tmp_path: Path) -> None:
    database = tmp_path / "fokus.duckdb"
    with duckdb.connect(str(database)) as con:
        con.execute("CREATE TABLE posts AS SELECT range AS id FROM range(3)")
    assert checked(database, 3, "three") == 3
    with pytest.raises(CountError, match="two: 3 posts stored, 2 generated"):
        checked(database, 2, "two")


def test_peak_memory_counts_every_process_the_command_runs(tmp_path: Path) -> None:
    """A command holding 150 MB that runs a second process holding 150 MB at the
    same time: the peak is their total, not the larger one alone."""
    child = "b = b'y' * 150_000_000; import time; time.sleep(1.0)"
    parent = (
        "import subprocess, sys; a = b'x' * 150_000_000; "
        f"subprocess.run([sys.executable, '-c', {child!r}], check=True)"
    )
    measured = measure([sys.executable, "-c", parent], tmp_path)
    assert measured.rss_bytes > 300_000_000
    alone = measure([sys.executable, "-c", child], tmp_path)
    assert 150_000_000 < alone.rss_bytes < 220_000_000
