"""Time the review of 1,000,000 posts against a plain pandas script doing the same.

Generates N Facebook posts with import_benchmark.py's generator (Meta's real export
format), imports them into a fresh workspace with ``fokus import`` (timed, but not
compared), then runs, each in its own process:

1. the metric layer as the sections use it: ``post_measures``, ``rate_summaries``
   per channel × format × paid status (by reach and by views), and per-channel
   medians of reach, engagement and both rates;
2. ``fokus review WORKSPACE --fresh`` end to end (every section that exists, and
   every report file it writes: HTML, PDF, JSON, spreadsheet and deck);
3. a plain pandas script computing the same medians and rates from the same posts
   (the store's ``posts`` written to Parquet beforehand, untimed: pandas's best
   case, typed columnar data like fokus's store).

It checks that (1) and (3) give the same numbers, and prints wall time, CPU time,
peak RSS, the ratio and the targets: review ≤ 10 s, at least 3× faster than pandas,
peak memory ≤ 2 GB.

    .venv/bin/python benchmarks/review_benchmark.py [--posts 1000000] [--files 4]
        [--workdir DIR] [--keep] [--repeat 1] [--write-doc]

See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from fokus.analyses.registry import ANALYSES
from import_benchmark import (
    PEAK_RSS,
    Measurement,
    cli_ready,
    count_rows,
    fokus_command,
    gb,
    generate,
    measure,
    measured_heading,
    replace_section,
    work_folder,
)

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "performance.md"
TARGET_SECONDS = 10.0
TARGET_RATIO = 3.0
TARGET_RSS_BYTES = 2e9
SECTIONS = tuple(analysis.key for analysis in ANALYSES)
DOC_START = "<!-- review-benchmark:start -->"
DOC_END = "<!-- review-benchmark:end -->"

# The metric layer, as the sections call it. Prints its own compute time (after
# imports) and writes the figures as JSON for the comparison with pandas.
METRIC_LAYER_SCRIPT = """
import json, sys, time
from pathlib import Path
started = time.perf_counter()
from fokus.analyses.base import records
from fokus.analyses.measures import rate_summaries
from fokus.review import review_data
from fokus.store import Store
imported = time.perf_counter()
out = {"summaries": {}, "medians": []}
with Store.open(Path(sys.argv[1]), read_only=True) as store:
    m = review_data(store).measures
    for denominator in ("reach", "views"):
        out["summaries"][denominator] = [
            [group, [s.n, s.median_of_rates, s.mean_of_rates, s.ratio_of_sums]]
            for group, s in rate_summaries(m, ["platform", "format", "paid"], denominator)
        ]
    by = ["platform", "paid"]
    out["medians"] = records(m.group_by(by).aggregate(
        n=m.count(),
        reach=m.reach_basis.median(),
        engagement=m.engagement.median(),
        rate_reach=m.rate_reach.median(),
        rate_views=m.rate_views.median(),
    ).order_by(by))
done = time.perf_counter()
Path(sys.argv[2]).write_text(json.dumps(out))
print(f"imports {imported - started:.2f} s, compute {done - imported:.2f} s")
"""

# The same with pandas, from the store's posts as Parquet (argv[1] = "parquet") or
# from the exports themselves ("csv": Meta's files, mapped as fokus maps them:
# `Post type` to the format, no paid column so "unknown"). Engagement = the sum of
# the platform's interactions (Facebook: reactions + comments + shares; NULL when
# all are missing), reach basis = the first of reach, unique viewers, unique
# impressions; views basis = the first of the platform's view counts
# (docs/metrics.md); a rate only where its denominator is above zero.
PANDAS_SCRIPT = """
import json, sys, time
from pathlib import Path
started = time.perf_counter()
import pandas as pd
imported = time.perf_counter()
ENGAGEMENT = {"facebook": ["reactions", "comments", "shares"],
              "instagram": ["likes", "comments", "shares", "saves"],
              "linkedin": ["reactions", "comments", "shares", "total_clicks"],
              "tiktok": ["likes", "comments", "shares", "saves"],
              "youtube": ["likes", "comments", "shares"],
              "x": ["likes", "comments", "reposts"]}
VIEWS = {"facebook": ["views", "impressions"],
         "instagram": ["views", "impressions", "plays"],
         "linkedin": ["impressions", "views"], "tiktok": ["views"],
         "youtube": ["views"], "x": ["impressions"]}
REACH = ["reach", "unique_viewers", "unique_impressions"]
NUMBERS = sorted({*REACH, *(c for cs in (*ENGAGEMENT.values(), *VIEWS.values())
                            for c in cs)})
source, output, inputs = sys.argv[1], sys.argv[2], sys.argv[3:]
if source == "parquet":
    posts = pd.read_parquet(inputs[0], columns=["platform", "format", "paid", *NUMBERS])
else:
    meta = {"Post type": "format", "Views": "views", "Reach": "reach",
            "Reactions": "reactions", "Comments": "comments", "Shares": "shares"}
    posts = pd.concat(
        [pd.read_csv(p, encoding="utf-8-sig", usecols=list(meta)) for p in inputs],
        ignore_index=True,
    ).rename(columns=meta)
    posts["format"] = posts["format"].map({"Photos": "image", "Videos": "video",
        "Reels": "reel", "Links": "link", "Text": "text"})
    posts["platform"], posts["paid"] = "facebook", "unknown"
    for column in NUMBERS:
        if column not in posts:
            posts[column] = float("nan")
loaded = time.perf_counter()
posts["engagement"] = posts["views_basis"] = float("nan")
for platform, parts in ENGAGEMENT.items():
    rows = posts["platform"] == platform
    if rows.any():
        got = posts.loc[rows, parts]
        posts.loc[rows, "engagement"] = got.fillna(0).sum(axis=1).where(
            got.notna().any(axis=1))
        posts.loc[rows, "views_basis"] = posts.loc[rows, VIEWS[platform]].bfill(
            axis=1).iloc[:, 0]
posts["reach_basis"] = posts[REACH].bfill(axis=1).iloc[:, 0]
for d in ("reach", "views"):
    basis = posts[d + "_basis"]
    posts["rate_" + d] = (posts["engagement"] / basis).where(basis > 0)
out = {"summaries": {}, "medians": []}
keys = ["platform", "format", "paid"]
for d in ("reach", "views"):
    usable = posts[posts["rate_" + d].notna()]
    g = usable.groupby(keys, sort=True)
    table = g.agg(n=("rate_" + d, "size"), median=("rate_" + d, "median"),
                  mean=("rate_" + d, "mean"), engagement=("engagement", "sum"),
                  basis=(d + "_basis", "sum"))
    out["summaries"][d] = [
        [dict(zip(keys, k)), [int(r.n), r.median, r.mean,
                              r.engagement / r.basis if r.basis else None]]
        for k, r in zip(table.index, table.itertuples())
    ]
by = ["platform", "paid"]
table = posts.groupby(by, sort=True).agg(
    n=("platform", "size"), reach=("reach_basis", "median"),
    engagement=("engagement", "median"), rate_reach=("rate_reach", "median"),
    rate_views=("rate_views", "median"))
out["medians"] = [
    {**dict(zip(by, k)), "n": int(r.n), "reach": r.reach, "engagement": r.engagement,
     "rate_reach": r.rate_reach, "rate_views": r.rate_views}
    for k, r in zip(table.index, table.itertuples())
]
done = time.perf_counter()
Path(output).write_text(json.dumps(out, default=float))
print(f"imports {imported - started:.2f} s, read {loaded - imported:.2f} s, "
      f"compute {done - loaded:.2f} s")
"""


def same(a: object, b: object) -> bool:
    """Equal, floats to 1e-9 relative (sums add up in another order); NaN = None."""
    if isinstance(a, float) and math.isnan(a):
        a = None
    if isinstance(b, float) and math.isnan(b):
        b = None
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float | int) and isinstance(b, float | int):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return a == b


def python_command(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", code, *args]


def import_workspace(files: tuple[Path, ...], workspace: Path) -> Measurement:
    """A fresh workspace with the exports imported (the review's input)."""
    init = [*fokus_command(), "init", str(workspace), "--organisation", "Bench",
            "--lang", "en"]  # fmt: skip
    subprocess.run(init, check=True, capture_output=True)
    for path in files:
        try:
            os.link(path, workspace / "exports" / path.name)
        except OSError:
            shutil.copy2(path, workspace / "exports" / path.name)
    command = [*fokus_command(), "import", str(workspace), "--quiet"]
    return measure(command, workspace.parent)


def export_posts(database: Path, parquet: Path) -> None:
    """The store's posts as Parquet, for pandas (not timed)."""
    target = str(parquet).replace("'", "''")
    with duckdb.connect(str(database), read_only=True) as con:
        con.execute(f"COPY (SELECT * FROM posts) TO '{target}' (FORMAT parquet)")


def run_all(
    workspace: Path, exports: tuple[Path, ...], scratch: Path
) -> dict[str, Measurement]:
    database = workspace / "fokus.duckdb"
    parquet = scratch / "posts.parquet"
    if not parquet.exists():
        export_posts(database, parquet)
    fokus_json = scratch / "fokus.json"
    parquet_json, csv_json = (
        scratch / "pandas-parquet.json",
        scratch / "pandas-csv.json",
    )
    runs = {
        "metric layer": measure(
            python_command(METRIC_LAYER_SCRIPT, str(database), str(fokus_json)), scratch
        ),
        "fokus review": measure(
            [*fokus_command(), "review", str(workspace), "--fresh", "--quiet"], scratch
        ),
        "pandas": measure(
            python_command(PANDAS_SCRIPT, "parquet", str(parquet_json), str(parquet)),
            scratch,
        ),
        "pandas csv": measure(
            python_command(PANDAS_SCRIPT, "csv", str(csv_json), *map(str, exports)),
            scratch,
        ),
    }
    fokus = json.loads(fokus_json.read_text())
    for output in (parquet_json, csv_json):
        pandas = json.loads(output.read_text())
        if not same(fokus, pandas):
            raise SystemExit(f"fokus and {output.name} disagree:\n{fokus}\n{pandas}")
    return runs


def report(
    args: argparse.Namespace,
    imported: Measurement,
    runs: dict[str, Measurement],
    load: tuple[float, float],
) -> tuple[list[str], list[str]]:
    layer, review = runs["metric layer"], runs["fokus review"]
    pandas, pandas_csv = runs["pandas"], runs["pandas csv"]
    labels = {
        "metric layer": "fokus metric layer: the medians and rates, from the store",
        "fokus review": f"`fokus review` end to end (sections: {', '.join(SECTIONS)})",
        "pandas": "pandas, the same medians and rates, from the posts as Parquet",
        "pandas csv": "pandas, the same medians and rates, from the exports (CSV)",
    }
    lines = [
        f"Data: {args.posts:,} Facebook posts (import_benchmark.py's generator, "
        f"{args.files} files), imported with `fokus import` in {imported.wall:.1f} s "
        "(not compared).",
        f"Load average (1 min) before / after the runs: {load[0]:.1f} / "
        f"{load[1]:.1f} on {os.cpu_count()} cores.",
        "",
        "| Run | Wall | CPU (user+sys) | Peak RSS | In-process |",
        "|---|---:|---:|---:|---|",
    ]
    for key, m in runs.items():
        inside = m.output.strip().splitlines()[-1] if key != "fokus review" else ""
        lines.append(
            f"| {labels[key]} | {m.wall:.2f} s | {m.cpu:.2f} s | {gb(m.rss_bytes)} | "
            f"{inside} |"
        )
    peak = max(layer.rss_bytes, review.rss_bytes)

    def ratio(baseline: Measurement, name: str) -> str:
        r = baseline.wall / layer.wall
        return (
            f"- {name} / fokus metric layer (wall): {r:.2f}× (target ≥ "
            f"{TARGET_RATIO:.0f}×): {'met' if r >= TARGET_RATIO else 'NOT met'}; "
            f"CPU time {baseline.cpu / layer.cpu:.2f}×."
        )

    verdict = [
        f"- `fokus review` end to end: {review.wall:.2f} s (target ≤ "
        f"{TARGET_SECONDS:.0f} s): {'met' if review.wall <= TARGET_SECONDS else 'NOT met'}.",
        ratio(pandas_csv, "pandas from the exports"),
        ratio(pandas, "pandas from Parquet"),
        f"- fokus peak RSS: {gb(peak)} (target ≤ {gb(TARGET_RSS_BYTES)}): "
        f"{'met' if peak <= TARGET_RSS_BYTES else 'NOT met'}.",
        "- The metric layer and both pandas runs give the same numbers (n exact, "
        "rates and medians to 1e-9): checked.",
    ]
    return lines, verdict


def reproduce(args: argparse.Namespace) -> str:
    parts = [".venv/bin/python", "benchmarks/review_benchmark.py",
             "--posts", str(args.posts), "--files", str(args.files)]  # fmt: skip
    if args.repeat != 1:
        parts += ["--repeat", str(args.repeat)]
    return shlex.join([*parts, "--write-doc"])


def write_doc(args: argparse.Namespace, table: list[str], verdict: list[str]) -> None:
    """Replace the review section of docs/performance.md (or add it)."""
    section = "\n".join([
        DOC_START,
        *measured_heading(
            "Review: the metric layer and `fokus review` against pandas",
            reproduce(args),
        ),
        "Each run is its own process; wall time is the whole process (start-up "
        f"and imports included), {PEAK_RSS}; \"In-process\" is the run's own "
        "timing of its imports and its "
        "computation. pandas reads either the store's `posts` from a Parquet file "
        "written beforehand (untimed) or the exported CSV files themselves."
        + (f" Best of {args.repeat} runs each." if args.repeat > 1 else ""),
        "",
        *table,
        "",
        *verdict,
        DOC_END,
    ])  # fmt: skip
    replace_section(DOC, (DOC_START, DOC_END), section)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--workdir", type=Path, help="default: a new temp folder")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--repeat", type=int, default=1, help="best of R runs each")
    parser.add_argument("--write-doc", action="store_true",
                        help="write the figures into docs/performance.md")  # fmt: skip
    args = parser.parse_args()
    if args.posts < args.files or args.files < 1 or args.repeat < 1:
        parser.error("need --files ≥ 1, --posts ≥ --files and --repeat ≥ 1")
    return args


def main() -> None:
    args = parse_args()
    if not cli_ready():
        raise SystemExit("`fokus import` is not available")
    with work_folder(args.workdir, "fokus-review-", keep=args.keep) as workdir:
        workspace = workdir / "workspace"
        if not (workspace / "fokus.duckdb").exists():
            data = generate(workdir / "data", args.posts, args.files, 0.03)
            print(f"Generated {args.posts:,} posts in {data.seconds:.1f} s")
            imported = import_workspace(data.files, workspace)
        else:  # --workdir with a workspace from an earlier --keep run
            imported = Measurement(math.nan, math.nan, 0, "")
        exports = tuple(sorted((workspace / "exports").glob("*.csv")))
        stored = count_rows(workspace / "fokus.duckdb", "posts")
        if stored != args.posts:
            raise SystemExit(f"{stored:,} posts in the store, not {args.posts:,}")
        print(f"Imported {stored:,} posts in {imported.wall:.1f} s")
        load_before = os.getloadavg()[0]
        attempts = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            attempts.append(run_all(workspace, exports, workdir))
            print(f"One round of runs: {time.perf_counter() - started:.1f} s")
        runs = {
            key: min((a[key] for a in attempts), key=lambda m: m.wall)
            for key in attempts[0]
        }
        load = (load_before, os.getloadavg()[0])
        table, verdict = report(args, imported, runs, load)
        print()
        print("\n".join([*table, "", *verdict]))
        if args.write_doc:
            write_doc(args, table, verdict)


if __name__ == "__main__":
    main()
