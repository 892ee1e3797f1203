"""The scale suite of issue 8: import, review and benchmark from 10 k to 10 M posts.

For each size, N posts over K accounts in three real export formats
(``scale_data.py``), then, each run its own process: ``fokus import`` of every file
and DuckDB's ``read_csv`` of the same files; ``fokus review --fresh`` and a second
review with no new data; the analyses alone, without report files; the review of
one account alone, and its analyses; the metric layer against
pandas (``review_benchmark.py``); an incremental import of 1,000 new posts; and
``fokus benchmark`` over C client workspaces. Every store's post count is checked.
Prints a table per size, the growth across sizes and the targets.

    .venv/bin/python benchmarks/suite.py [--sizes 10000,100000,1000000]
        [--accounts 40] [--clients 10] [--workdir DIR] [--keep] [--write-doc]

See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from fokus.i18n import translate
from import_benchmark import (
    PEAK_RSS,
    count_rows,
    fokus_command,
    measure,
    measured_heading,
    replace_section,
    run_baseline,
    work_folder,
)
from review_benchmark import (
    METRIC_LAYER_SCRIPT,
    PANDAS_SCRIPT,
    export_posts,
    import_workspace,
    python_command,
    same,
)
from scale_data import INCREMENT_POSTS, Account, increment, plan, write_all
from suite_report import Run, SizeResult, growth_table, size_table, verdicts

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "performance.md"
DOC_START = "<!-- scale-suite:start -->"
DOC_END = "<!-- scale-suite:end -->"
REUSED = translate("cli.review.reused", "en")
"""What ``fokus review`` says when it reused the previous run's results."""
AFTER = ("<!-- web-load:start -->",)
"""The suite's section goes before these (after the review's), when it is new."""


class CountError(Exception):
    """A store holds another number of posts than was generated."""


def checked(database: Path, expected: int, what: str) -> int:
    """The posts in ``database`` (read-only), which must be ``expected``."""
    stored = count_rows(database, "posts")
    print(f"  {what}: {stored:,} posts stored of {expected:,}")
    if stored != expected:
        raise CountError(f"{what}: {stored:,} posts stored, {expected:,} generated")
    return stored


def files_of(accounts: Sequence[Account]) -> tuple[Path, ...]:
    return tuple(path for a in accounts for path in a.files)


def median_account(accounts: Sequence[Account]) -> Account:
    """The median-sized account (the lower middle one for an even count)."""
    ordered = sorted(accounts, key=lambda a: (a.posts, a.index))
    return ordered[(len(ordered) - 1) // 2]


def fokus(*args: str) -> list[str]:
    return [*fokus_command(), *args]


def run_imports(folder: Path, accounts: list[Account]) -> dict[str, Run]:
    """fokus import of every account into one workspace, and plain DuckDB."""
    n = sum(a.posts for a in accounts)
    workspace = folder / "all"
    imported = import_workspace(files_of(accounts), workspace)
    runs = {"import": Run(imported, checked(workspace / "fokus.duckdb", n, "import"))}
    baseline = run_baseline(files_of(accounts), folder / "baseline.duckdb")
    if baseline.rows != n:
        raise CountError(f"DuckDB read {baseline.rows:,} rows, {n:,} generated")
    (folder / "baseline.duckdb").unlink()
    runs["duckdb"] = Run(baseline.measurement, baseline.rows)
    return runs


def run_reviews(folder: Path, accounts: list[Account]) -> dict[str, Run]:
    """The review of all accounts (fresh, then again), then of one account."""
    n = sum(a.posts for a in accounts)
    workspace = folder / "all"
    fresh = measure(fokus("review", str(workspace), "--fresh", "--quiet"), folder)
    # Not --quiet: the review says when it reused the results, and that is checked.
    again = measure(fokus("review", str(workspace), "--lang", "en"), folder)
    reused = REUSED in " ".join(again.output.split())
    runs = {
        "review": Run(fresh, n),
        "review_again": Run(again, n, "reused" if reused else "NOT reused"),
        "analyses": Run(measure(analyses(workspace), folder), n),
    }
    one = median_account(accounts)
    alone = folder / "one"
    import_workspace(one.files, alone)
    checked(alone / "fokus.duckdb", one.posts, f"one account ({one.name})")
    review = measure(fokus("review", str(alone), "--fresh", "--quiet"), folder)
    runs["review_one"] = Run(review, one.posts)
    runs["analyses_one"] = Run(measure(analyses(alone), folder), one.posts)
    return runs


ANALYSES_SCRIPT = """
import sys, time
from pathlib import Path
started = time.perf_counter()
from fokus.review import run_review
from fokus.workspace import open_workspace
imported = time.perf_counter()
review = run_review(open_workspace(Path(sys.argv[1])), record=False).review
done = time.perf_counter()
failed = [s.key for s in review.sections if s.status == "failed"]
if failed:
    raise SystemExit(f"sections failed: {failed}")
print(f"imports {imported - started:.2f} s, analyses {done - imported:.2f} s")
"""
"""``fokus review``'s computation without its report files: every analysis run
afresh in one process, as the command runs them, nothing stored or written."""


def analyses(workspace: Path) -> list[str]:
    return python_command(ANALYSES_SCRIPT, str(workspace))


def run_pandas(folder: Path, n: int) -> dict[str, Run]:
    """review_benchmark's metric layer and pandas, on the all-accounts store."""
    database = folder / "all" / "fokus.duckdb"
    parquet = folder / "posts.parquet"
    export_posts(database, parquet)
    ours, theirs = folder / "fokus.json", folder / "pandas.json"
    layer = measure(
        python_command(METRIC_LAYER_SCRIPT, str(database), str(ours)), folder
    )
    pandas = measure(
        python_command(PANDAS_SCRIPT, "parquet", str(theirs), str(parquet)), folder
    )
    parquet.unlink()
    if not same(json.loads(ours.read_text()), json.loads(theirs.read_text())):
        raise SystemExit(f"the metric layer and pandas disagree: see {folder}")
    return {"metric_layer": Run(layer, n), "pandas": Run(pandas, n)}


def run_increment(folder: Path, new: Account, n: int) -> dict[str, Run]:
    """One more account's file into the big workspace: fokus import of it alone."""
    workspace = folder / "all"
    for path in new.files:
        os.link(path, workspace / "exports" / path.name)
    imported = measure(fokus("import", str(workspace), "--quiet"), folder)
    stored = checked(workspace / "fokus.duckdb", n + new.posts, "incremental import")
    return {"increment": Run(imported, stored)}


def run_benchmark(
    folder: Path, accounts: list[Account], clients: int
) -> dict[str, Run]:
    """C client workspaces, client c holding accounts c, c + C, …; imported
    untimed; then ``fokus benchmark`` over them all, timed."""
    workspaces = []
    for c in range(clients):
        mine = [a for a in accounts if a.index % clients == c]
        workspace = folder / f"client{c:02d}"
        import_workspace(files_of(mine), workspace)
        checked(workspace / "fokus.duckdb", sum(a.posts for a in mine), f"client {c}")
        workspaces.append(str(workspace))
    out = folder / "benchmark.json"
    compared = measure(fokus("benchmark", *workspaces, "--out", str(out)), folder)
    return {"benchmark": Run(compared, sum(a.posts for a in accounts))}


def run_size(
    workdir: Path, n: int, args: argparse.Namespace
) -> tuple[SizeResult, list[Account]]:
    """Generate one size's data and run every step on it."""
    folder = workdir / f"n{n}"
    folder.mkdir(parents=True, exist_ok=True)
    started = dt.datetime.now()
    accounts = write_all(plan(n, args.accounts), folder / "data", args.accounts + 1)
    new = increment(args.accounts, folder / "data")
    seconds = (dt.datetime.now() - started).total_seconds()
    print(f"{n:,} posts over {args.accounts} accounts generated in {seconds:.1f} s")
    runs = run_imports(folder, accounts)
    runs |= run_reviews(folder, accounts)
    runs |= run_pandas(folder, n)
    runs |= run_increment(folder, new, n)
    runs |= run_benchmark(folder, accounts, args.clients)
    result = SizeResult(n, runs, median_account(accounts).posts, args.clients)
    print("\n".join(size_table(result)), end="\n\n")
    return result, accounts


def mix(accounts: Sequence[Account]) -> str:
    """The formats in the mix, with their shares of accounts and posts."""
    total = sum(a.posts for a in accounts)
    kinds = {
        "facebook": "Facebook posts in Meta Business Suite's format",
        "tiktok": "TikTok business-account video exports",
        "x": "X tweet activity files (analytics.twitter.com)",
    }
    parts = []
    for platform, label in kinds.items():
        mine = [a for a in accounts if a.platform == platform]
        posts = sum(a.posts for a in mine)
        parts.append(
            f"{label}: {len(mine)} accounts, {100 * posts / total:.0f} % of the posts"
        )
    return "; ".join(parts)


def reproduce(args: argparse.Namespace) -> str:
    return shlex.join([
        ".venv/bin/python", "benchmarks/suite.py",
        "--sizes", ",".join(map(str, args.sizes)),
        "--accounts", str(args.accounts), "--clients", str(args.clients),
        "--write-doc",
    ])  # fmt: skip


def section(
    args: argparse.Namespace,
    body: Sequence[str],
    accounts: Sequence[Account],
    load: tuple[float, float],
) -> str:
    """The scale suite's section of docs/performance.md, markers included."""
    return "\n".join([
        DOC_START,
        *measured_heading(
            "Scale suite: import, review and benchmark from 10 k to 10 M posts",
            reproduce(args),
        ),
        f"The posts are spread unevenly over {args.accounts} accounts, each one "
        "platform account with its own files, in the formats the other benchmarks "
        f"write (at the largest size: {mix(accounts)}). LinkedIn's workbooks "
        "(`.xls`/`.xlsx`) are left to `workbook_benchmark.py`: they are read "
        "cell by cell through calamine, and a real export is bounded (a `.xls` "
        "holds 65,534 posts), so at this scale they would time the workbook "
        "reader, not the store. Each run is its own process; wall time is the "
        f"whole process, start-up included; {PEAK_RSS}. Every review writes all "
        "its report files (HTML, "
        "JSON, PDF, spreadsheet, deck); the second one, with no new data, reuses "
        "the sections' results (checked: it says so) and rewrites no file that "
        "already holds what it would write. "
        "The analyses alone are `fokus review`'s computation in a process of its own, "
        "every section run afresh and nothing written; the one-account review is "
        "of the median-sized "
        f"account, in a workspace of its own; the incremental import brings "
        f"{INCREMENT_POSTS:,} posts of a new account into the all-accounts "
        f"workspace; `fokus benchmark` compares {args.clients} client workspaces, "
        f"client c holding accounts c, c + {args.clients}, … Every store's post "
        "count was checked against the posts generated.",
        f"Load average (1 min) before / after the runs: {load[0]:.1f} / "
        f"{load[1]:.1f} on {os.cpu_count()} cores.",
        "",
        *body,
        DOC_END,
    ])  # fmt: skip


def write_doc(text: str) -> None:
    """Replace the suite's section of docs/performance.md, or put it before the
    web section (after the review's), or at the end."""
    replace_section(DOC, (DOC_START, DOC_END), text, before=AFTER)


def sizes(text: str) -> list[int]:
    values = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    if not values or values != sorted(set(values)) or values[0] < 1:
        raise argparse.ArgumentTypeError("ascending post counts, e.g. 10000,100000")
    return values


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=sizes, default=[10_000, 100_000, 1_000_000],
                        help="comma list of post counts; 10 M: add 10000000")  # fmt: skip
    parser.add_argument("--accounts", type=int, default=40)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--workdir", type=Path, help="default: a new temp folder")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--write-doc", action="store_true",
                        help="write the figures into docs/performance.md")  # fmt: skip
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= args.accounts <= args.sizes[0]:
        parser.error("need 1 ≤ --clients ≤ --accounts ≤ the smallest size")
    return args


def main() -> int:
    args = parse_args()
    with work_folder(args.workdir, "fokus-suite-", keep=args.keep) as workdir:
        try:
            load_before = os.getloadavg()[0]
            results: list[SizeResult] = []
            accounts: list[Account] = []
            for n in args.sizes:
                result, accounts = run_size(workdir, n, args)
                results.append(result)
                if not args.keep:
                    shutil.rmtree(workdir / f"n{n}")
            load = (load_before, os.getloadavg()[0])
            body = [line for r in results for line in (*size_table(r), "")]
            body += ["Growth (wall time; log-log slope, 1.0 = linear):", ""]
            body += [
                *growth_table(results),
                "",
                "Targets (issue 8):",
                "",
                *verdicts(results),
            ]
            print("\n".join(body))
            if args.write_doc:
                write_doc(section(args, body, accounts, load))
        except CountError as error:
            print(f"WRONG COUNT: {error}", file=sys.stderr)
            return 1
        except subprocess.CalledProcessError as error:
            print(f"failed: {shlex.join(map(str, error.cmd))}\n{error.stderr}",
                  file=sys.stderr)  # fmt: skip
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
