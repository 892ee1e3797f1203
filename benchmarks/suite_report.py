"""The scale suite's tables: one per size, the growth across sizes, the verdicts.

Pure functions of the measurements (no processes, no files), so that the slope and
the verdict wording are tested on their own (tests/test_scale_suite.py).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from import_benchmark import Measurement, gb

LINEAR_SLACK = 1.2
"""A log-log slope above this is called faster than linear."""
TARGET_IMPORT_RATIO = 2.0
TARGET_REVIEW_SECONDS = 10.0
TARGET_PANDAS_RATIO = 3.0
TARGET_RSS_1M = 2e9
TARGET_RSS_10M = 8e9
TARGET_ONE_ACCOUNT_SECONDS = 2.0
ONE_MILLION = 1_000_000
TEN_MILLION = 10_000_000

LABELS = {
    "import": "`fokus import`, all accounts",
    "duckdb": "DuckDB `read_csv` → file, the same files",
    "review": "`fokus review --fresh`, all accounts",
    "review_again": "`fokus review`, no new data (reuse)",
    "analyses": "the review's analyses alone, all accounts (no files)",
    "review_one": "`fokus review --fresh`, one account",
    "analyses_one": "the review's analyses alone, one account (no files)",
    "metric_layer": "metric layer (review_benchmark.py)",
    "pandas": "pandas, the same medians and rates (Parquet)",
    "increment": "`fokus import` of 1,000 new posts",
    "benchmark": "`fokus benchmark` over the clients",
}
"""Every run of one size, in the order they run and are shown."""
GROWTH = ("import", "review", "analyses", "review_one", "increment", "benchmark")
"""The steps whose growth across sizes is tabled."""
FOKUS_RUNS = ("import", "review", "review_again", "analyses", "review_one",
              "analyses_one", "metric_layer", "increment", "benchmark")  # fmt: skip
"""The runs that count for fokus's peak memory."""


@dataclass(frozen=True, slots=True)
class Run:
    """One timed process and the rows it stored, read or reviewed."""

    measurement: Measurement
    rows: int
    note: str = ""
    """Said in the ratio column after the ratio (the second review: reused or not)."""


@dataclass(frozen=True, slots=True)
class SizeResult:
    """Every run at one size."""

    posts: int
    runs: dict[str, Run]
    one_account: int
    """Posts of the account reviewed alone."""
    clients: int


def analyses_seconds(run: Run) -> float:
    """The analyses' own time, as the run printed it (``analyses 9.31 s``)."""
    found = re.search(r"analyses (\d+\.\d+) s", run.measurement.output)
    if found is None:
        raise ValueError(f"no analyses time in {run.measurement.output!r}")
    return float(found[1])


def slope(n1: float, t1: float, n2: float, t2: float) -> float:
    """The log-log slope from (n1, t1) to (n2, t2): 1.0 grows linearly, 2.0 as the
    square, 0.0 not at all."""
    return math.log(t2 / t1) / math.log(n2 / n1)


def verdict(what: str, figure: str, target: str, met: bool) -> str:
    """One verdict line: what was measured, the figure, the target, met or not."""
    return f"- {what}: {figure} (target {target}): {'met' if met else 'NOT met'}."


def ratio_text(key: str, runs: dict[str, Run]) -> str:
    """The ratio column of a run, where it has one."""
    wall = {k: r.measurement.wall for k, r in runs.items()}
    if key == "import":
        return f"{wall['import'] / wall['duckdb']:.2f}× DuckDB"
    if key == "pandas":
        return f"{wall['pandas'] / wall['metric_layer']:.2f}× the metric layer"
    if key in ("analyses", "analyses_one"):
        return f"in-process: analyses {analyses_seconds(runs[key]):.2f} s"
    if key == "review_again":
        return (
            f"{wall['review_again'] / wall['review']:.2f}× the fresh review, "
            f"{runs['review_again'].note}"
        )
    return runs[key].note


def size_table(result: SizeResult) -> list[str]:
    """The runs of one size as a Markdown table."""
    lines = [
        f"**{result.posts:,} posts** (one account: {result.one_account:,} posts; "
        f"{result.clients} client workspaces)",
        "",
        "| Run | Wall | CPU (user+sys) | Peak RSS | Rows | Ratio |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for key, label in LABELS.items():
        run = result.runs[key]
        m = run.measurement
        lines.append(
            f"| {label} | {m.wall:.2f} s | {m.cpu:.2f} s | {gb(m.rss_bytes)} | "
            f"{run.rows:,} | {ratio_text(key, result.runs)} |"
        )
    return lines


def growth_table(results: Sequence[SizeResult]) -> list[str]:
    """Wall time of each growth step at each size, and the log-log slope between
    consecutive sizes; then the steps that grow faster than linearly."""
    pairs = list(itertools.pairwise(results))
    head = [f"{r.posts:,}" for r in results]
    head += [f"slope {a.posts:,} → {b.posts:,}" for a, b in pairs]
    lines = [
        "| Step | " + " | ".join(head) + " |",
        "|---|" + "---:|" * len(head),
    ]
    steep = []
    for key in GROWTH:
        cells = [f"{r.runs[key].measurement.wall:.2f} s" for r in results]
        for a, b in pairs:
            s = slope(a.posts, a.runs[key].measurement.wall,
                      b.posts, b.runs[key].measurement.wall)  # fmt: skip
            cells.append(f"{s:.2f}")
            if s > LINEAR_SLACK:
                steep.append(f"{LABELS[key]} from {a.posts:,} to {b.posts:,} ({s:.2f})")
        lines.append(f"| {LABELS[key]} | " + " | ".join(cells) + " |")
    lines.append("")
    if len(results) < 2:
        lines.append("- One size only: no slope.")
    elif steep:
        lines.append(
            f"- Faster than linear (slope > {LINEAR_SLACK}): " + "; ".join(steep) + "."
        )
    else:
        lines.append(
            f"- No step grows faster than linearly (every slope ≤ {LINEAR_SLACK})."
        )
    return lines


def peak(result: SizeResult) -> int:
    return max(result.runs[k].measurement.rss_bytes for k in FOKUS_RUNS)


def verdicts(results: Sequence[SizeResult]) -> list[str]:
    """The targets of issue 8 part 2 at 1 M and 10 M posts, where measured."""
    by_size = {r.posts: r for r in results}
    lines = []
    one = by_size.get(ONE_MILLION)
    if one is None:
        lines.append("- At 1,000,000 posts: not measured (not in --sizes).")
    else:
        wall = {k: r.measurement.wall for k, r in one.runs.items()}
        imported = wall["import"] / wall["duckdb"]
        faster = wall["pandas"] / wall["metric_layer"]
        analysed = analyses_seconds(one.runs["analyses"])
        lines += [
            verdict("1 M: `fokus import` / DuckDB `read_csv`", f"{imported:.2f}×",
                    f"≤ {TARGET_IMPORT_RATIO}×", imported <= TARGET_IMPORT_RATIO),
            verdict("1 M: full review (`--fresh`)", f"{wall['review']:.2f} s",
                    f"≤ {TARGET_REVIEW_SECONDS:.0f} s",
                    wall["review"] <= TARGET_REVIEW_SECONDS),
            verdict("1 M: the review's analyses alone (in-process, no files)",
                    f"{analysed:.2f} s", f"≤ {TARGET_REVIEW_SECONDS:.0f} s",
                    analysed <= TARGET_REVIEW_SECONDS),
            verdict("1 M: pandas / metric layer (how many times faster fokus is)",
                    f"{faster:.2f}×", f"≥ {TARGET_PANDAS_RATIO:.0f}×",
                    faster >= TARGET_PANDAS_RATIO),
            verdict("1 M: peak memory of the fokus runs", gb(peak(one)),
                    f"≤ {gb(TARGET_RSS_1M)}", peak(one) <= TARGET_RSS_1M),
        ]  # fmt: skip
    ten = by_size.get(TEN_MILLION)
    if ten is None:
        lines.append("- At 10,000,000 posts: not measured (not in --sizes).")
    else:
        wall = {k: r.measurement.wall for k, r in ten.runs.items()}
        alone = analyses_seconds(ten.runs["analyses_one"])
        lines += [
            verdict("10 M: import and full review complete",
                    f"import {wall['import']:.1f} s, review {wall['review']:.1f} s",
                    "both complete", True),
            verdict("10 M: peak memory of the fokus runs", gb(peak(ten)),
                    f"≤ {gb(TARGET_RSS_10M)}", peak(ten) <= TARGET_RSS_10M),
            verdict("10 M: review of one account", f"{wall['review_one']:.2f} s",
                    f"≤ {TARGET_ONE_ACCOUNT_SECONDS:.0f} s",
                    wall["review_one"] <= TARGET_ONE_ACCOUNT_SECONDS),
            verdict("10 M: the analyses of one account alone (in-process, no files)",
                    f"{alone:.2f} s", f"≤ {TARGET_ONE_ACCOUNT_SECONDS:.0f} s",
                    alone <= TARGET_ONE_ACCOUNT_SECONDS),
        ]  # fmt: skip
    return lines
