"""Time ``fokus import`` of large LinkedIn content workbooks, ``.xls`` and ``.xlsx``.

Generates two LinkedIn Page content exports in LinkedIn's real layout (see
docs/export-formats.md §4.1): a BIFF8 ``.xls`` filled to BIFF8's limit of 65,536
rows on its posts sheet, and an ``.xlsx`` with 100,000 posts, each with a daily
``Metrics`` sheet of one year. Each is imported into a fresh workspace by the CLI,
in its own process; the script prints wall time (best of R), CPU time and peak
RSS, and checks the posts and days stored.

    .venv/bin/python benchmarks/workbook_benchmark.py [--xlsx-posts 100000]
        [--repeat 3] [--workdir DIR] [--keep] [--write-doc]

See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import xlsxwriter
import xlwt

from import_benchmark import (
    fokus_command,
    gb,
    measured_heading,
    replace_section,
    work_folder,
)

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "performance.md"
DOC_START = "<!-- workbook-benchmark:start -->"
DOC_END = "<!-- workbook-benchmark:end -->"
SEED = 42
BIFF8_ROWS = 65_536
"""Rows in one .xls sheet; the posts sheet also holds a description and a header."""
XLS_POSTS = BIFF8_ROWS - 2
DAYS = 365
DAILY_METRICS = 19

METRICS_NOTE = (
    "Aggregated engagement metrics for your organic and sponsored posts over time. "
    "Date indicates when your posts were viewed by LinkedIn members. Data is delayed "
    "by up to 2 days. All dates and times are in UTC."
)
POSTS_NOTE = (
    "Engagement metrics for individual posts. Created date indicates when your post "
    "was created. All dates and times are in UTC."
)
DAILY_HEADER = ["Date"] + [
    f"{name} ({variant})"
    for name in ("Impressions", "Unique impressions", "Clicks", "Reactions",
                 "Comments", "Reposts", "Engagement rate")
    for variant in ("organic", "sponsored", "total")
    if name != "Unique impressions" or variant == "organic"
]  # fmt: skip
POSTS_HEADER = [
    "Post title", "Post link", "Post type", "Campaign name", "Posted by",
    "Created date", "Campaign start date", "Campaign end date", "Audience",
    "Impressions", "Views", "Offsite Views", "Clicks", "Click through rate (CTR)",
    "Likes", "Comments", "Reposts", "Follows", "Engagement rate", "Content Type",
]  # fmt: skip
# BMP-only words: xlwt cannot write emoji into .xls (design.md).
WORDS = (
    "vi", "er", "og", "i", "på", "til", "med", "for", "det", "som", "the", "and",
    "our", "new", "today", "kommune", "innbyggere", "høring", "søknadsfrist",
    "bibliotek", "skole", "arrangement", "velkommen", "nyheter", "Oslo,", "Bergen,",
    '"gratis"', "«sitat»", "#oslo", "#kommune", "@fjordvik", "kl. 18:00", "50%",
    "æøå", "ÆØÅ", "kafé", "øyeblikk", "sjøen", "fjellet",
)  # fmt: skip
CONTENT_TYPES = ("Image", "Video", "Text", "Document", "Article", "Poll", "")


@dataclass(frozen=True, slots=True)
class Export:
    """A generated export file and what its import must store."""

    label: str
    path: Path
    rows: int
    """Data rows of the file (for a workbook: its posts)."""
    posts: int
    daily: int
    """Daily values the import must store."""
    seconds: float
    """Time to generate the file (not compared)."""
    folder: str = "linkedin"
    """The folder under the workspace's ``exports/`` the file is linked into."""


@dataclass(frozen=True, slots=True)
class Run:
    wall: float
    cpu: float
    rss_bytes: int


# -- generating the workbooks ----------------------------------------------------------


def daily_rows(rng: random.Random, year: int) -> Iterator[list[object]]:
    start = dt.date(year, 1, 1)
    for offset in range(DAYS):
        day = start + dt.timedelta(days=offset)
        organic, sponsored = (
            rng.randint(50, 5000),
            rng.choice((0, 0, rng.randint(0, 900))),
        )
        clicks = rng.randint(0, organic // 20)
        reactions, comments = rng.randint(0, organic // 30), rng.randint(0, 10)
        reposts = rng.randint(0, 5)
        total = organic + sponsored
        rate = (clicks + reactions + comments + reposts) / total
        yield [
            f"{day:%m/%d/%Y}", organic, sponsored, total, int(organic * 0.7),
            clicks, 0, clicks, reactions, 0, reactions, comments, 0, comments,
            reposts, 0, reposts, rate, 0, rate,
        ]  # fmt: skip


def post_rows(rng: random.Random, n: int, year: int) -> Iterator[list[object]]:
    """n posts, newest first, ids unique, as LinkedIn writes them."""
    first = 7_000_000_000_000_000_000
    for index in range(n):
        words = rng.choices(WORDS, k=rng.randint(14, 36))
        cut = rng.randint(3, len(words) - 3)
        title = " ".join(words[:cut]) + "\n\n" + " ".join(words[cut:])
        created = dt.date(year, 12, 31) - dt.timedelta(days=index * 365 // n)
        impressions = int(rng.lognormvariate(6.0, 1.1)) + 1
        clicks, likes = (
            rng.randint(0, impressions // 10),
            rng.randint(0, impressions // 15),
        )
        comments, reposts = rng.randint(0, 6), rng.randint(0, 3)
        sponsored = rng.random() < 0.05
        content_type = rng.choice(CONTENT_TYPES)
        views = rng.randint(0, impressions) if content_type == "Video" else ""
        yield [
            title, f"https://www.linkedin.com/feed/update/urn:li:activity:{first + index}",
            "Sponsored" if sponsored else "Organic",
            "Vårkampanje" if sponsored else "", "Kari Nordmann", f"{created:%m/%d/%Y}",
            f"{created:%m/%d/%Y}" if sponsored else "", "", "All followers",
            impressions, views, "", clicks, clicks / impressions, likes, comments,
            reposts, rng.choice(("", 0, 1)),
            (clicks + likes + comments + reposts) / impressions, content_type,
        ]  # fmt: skip


def write_xls(path: Path, n_posts: int, year: int) -> None:
    rng = random.Random(SEED)  # noqa: S311 (test data, not secrets)
    book = xlwt.Workbook(encoding="utf-8")
    _fill_xls(book.add_sheet("Metrics"), [[METRICS_NOTE], DAILY_HEADER],
              daily_rows(rng, year))  # fmt: skip
    _fill_xls(book.add_sheet("All posts"), [[POSTS_NOTE], POSTS_HEADER],
              post_rows(rng, n_posts, year))  # fmt: skip
    book.save(str(path))


def _fill_xls(
    sheet: xlwt.Worksheet,
    head: Sequence[Sequence[object]],
    rows: Iterator[list[object]],
) -> None:
    for r, row in enumerate((*head, *rows)):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
        if r % 1000 == 0:
            sheet.flush_row_data()  # keeps xlwt's memory flat


def write_xlsx(path: Path, n_posts: int, year: int) -> None:
    rng = random.Random(SEED)  # noqa: S311 (test data, not secrets)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    for name, head, rows in (
        ("Metrics", [[METRICS_NOTE], DAILY_HEADER], daily_rows(rng, year)),
        ("All posts", [[POSTS_NOTE], POSTS_HEADER], post_rows(rng, n_posts, year)),
    ):
        sheet = book.add_worksheet(name)
        for r, row in enumerate((*head, *rows)):
            for c, value in enumerate(row):
                if isinstance(value, str):
                    if value:
                        sheet.write_string(r, c, value)
                else:
                    sheet.write_number(r, c, value)
    book.close()


def generate(folder: Path, xlsx_posts: int) -> tuple[Export, ...]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for label, name, n, writer in (
        (".xls (BIFF8)", "bench-page_content_1767085154803.xls", XLS_POSTS, write_xls),
        (".xlsx", "bench-page_content_1774355108388.xlsx", xlsx_posts, write_xlsx),
    ):
        started = time.perf_counter()
        writer(folder / name, n, 2025)
        made.append(Export(label, folder / name, n, n, DAYS * DAILY_METRICS,
                           time.perf_counter() - started))  # fmt: skip
    return tuple(made)


# -- measuring ---------------------------------------------------------------------


# A probe process whose only child is the command: its RUSAGE_CHILDREN is the
# command's own peak resident set size and CPU time.
_PROBE = (
    "import resource, subprocess, sys, time\n"
    "started = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "wall = time.perf_counter() - started\n"
    "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(wall, use.ru_utime + use.ru_stime, use.ru_maxrss * 1024)\n"
    "sys.exit(code)\n"
)


def run_import(export: Path, workspace: Path, folder: str = "linkedin") -> Run:
    """A fresh workspace (not timed), the file linked in, then ``fokus import``."""
    subprocess.run(
        [*fokus_command(), "init", str(workspace), "--organisation", "Bench",
         "--lang", "en"],
        check=True, capture_output=True,
    )  # fmt: skip
    target = workspace / "exports" / folder / export.name
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(export, target)
    except OSError:
        shutil.copy2(export, target)
    command = [*fokus_command(), "import", str(workspace), "--quiet"]
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *command], capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"failed: {shlex.join(command)}\n{done.stdout}{done.stderr}")
    wall, cpu, rss = done.stdout.split()
    return Run(float(wall), float(cpu), int(rss))


def stored(workspace: Path) -> tuple[int, int]:
    """Posts and daily values in the workspace's database."""
    with duckdb.connect(str(workspace / "fokus.duckdb"), read_only=True) as con:
        posts = con.execute("SELECT count(*) FROM posts").fetchall()[0][0]
        days = con.execute("SELECT count(*) FROM daily").fetchall()[0][0]
    return int(posts), int(days)


Result = tuple[Export, Run, tuple[int, int]]


def measure(
    exports: Sequence[Export], repeat: int, workdir: Path, *, keep: bool
) -> list[Result]:
    """Import each file ``repeat`` times, each in a fresh workspace: the best run."""
    results = []
    for export in exports:
        runs = []
        for attempt in range(repeat):
            workspace = workdir / f"run-{export.path.name}-{attempt}"
            runs.append(run_import(export.path, workspace, export.folder))
            counts = stored(workspace)
            if not keep:
                shutil.rmtree(workspace)
            print(f"  {export.label} run {attempt + 1}: {runs[-1].wall:.2f} s, "
                  f"{gb(runs[-1].rss_bytes)}")  # fmt: skip
        results.append((export, min(runs, key=lambda r: r.wall), counts))
    return results


# -- reporting ---------------------------------------------------------------------


def table(
    results: list[Result], repeat: int, first: str = "Workbook", noun: str = "Posts"
) -> list[str]:
    lines = [
        f"| {first} | {noun} | File size | fokus import (wall, best of "
        f"{repeat}) | CPU (user+sys) | Peak RSS | {noun} per second | Stored |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for export, run, (posts, days) in results:
        ok = posts == export.posts and days == export.daily
        lines.append(
            f"| {export.label} | {export.rows:,} | "
            f"{export.path.stat().st_size / 1e6:.1f} MB | {run.wall:.2f} s | "
            f"{run.cpu:.2f} s | {gb(run.rss_bytes)} | {export.rows / run.wall:,.0f} | "
            f"{posts:,} posts, {days:,} daily values: {'correct' if ok else 'WRONG'} |"
        )
    return lines


def write_section(
    markers: tuple[str, str],
    title: str,
    command: Sequence[str],
    what: str,
    *,
    load: tuple[float, float],
    lines: Sequence[str],
) -> None:
    """Replace a section of docs/performance.md between its markers (or append it):
    the machine, the command, ``what`` was measured, how, the load and the table."""
    start, end = markers
    section = "\n".join([
        start,
        *measured_heading(
            title, shlex.join([".venv/bin/python", *command, "--write-doc"])
        ),
        f"{what} fokus ran as the CLI, `fokus import WORKSPACE --quiet`, each run in "
        "its own process in a fresh workspace; wall time is the whole process "
        "(start-up included); CPU time and peak RSS come from "
        "`resource.getrusage(RUSAGE_CHILDREN)` in a probe process whose only child "
        "is the import.",
        f"Load average (1 min) before / after the runs: {load[0]:.1f} / {load[1]:.1f} "
        f"on {os.cpu_count()} cores.",
        "",
        *lines,
        end,
    ])  # fmt: skip
    replace_section(DOC, markers, section)


def write_doc(
    args: argparse.Namespace, lines: list[str], load: tuple[float, float]
) -> None:
    """Replace the workbook section of docs/performance.md (or append it)."""
    command = ["benchmarks/workbook_benchmark.py", "--xlsx-posts",
               str(args.xlsx_posts), "--repeat", str(args.repeat)]  # fmt: skip
    what = (
        "Two LinkedIn content exports in LinkedIn's layout (a `Metrics` sheet of "
        f"{DAYS} days × {DAILY_METRICS} figures and an `All posts` sheet, each under "
        "its description row): a BIFF8 `.xls` whose posts sheet is full (65,536 rows, "
        f"BIFF8's limit: description, header and {XLS_POSTS:,} posts) and an `.xlsx` "
        f"with {args.xlsx_posts:,} posts."
    )
    write_section(
        (DOC_START, DOC_END),
        "LinkedIn workbooks: `fokus import` of large content exports",
        command, what, load=load, lines=lines,
    )  # fmt: skip


def parse_args(doc: str, sizes: dict[str, int]) -> argparse.Namespace:
    """``--repeat``, ``--workdir``, ``--keep``, ``--write-doc`` and the script's own
    sizes (option -> default), each at least 1."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    for option, default in sizes.items():
        parser.add_argument(option, type=int, default=default)
    parser.add_argument("--repeat", type=int, default=3, help="best of R runs each")
    parser.add_argument("--workdir", type=Path, help="default: a new temp folder")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--write-doc", action="store_true",
                        help="write the figures into docs/performance.md")  # fmt: skip
    args = parser.parse_args()
    for option in (*sizes, "--repeat"):
        if getattr(args, option[2:].replace("-", "_")) < 1:
            parser.error(f"need {option} ≥ 1")
    return args


def run_all(
    args: argparse.Namespace,
    exports: Sequence[Export],
    workdir: Path,
    write: Callable[[argparse.Namespace, list[str], tuple[float, float]], None],
    **columns: str,
) -> None:
    """Time every export, print the table and, with ``--write-doc``, write it."""
    for export in exports:
        print(f"Generated {export.label}: {export.rows:,} rows, "
              f"{export.path.stat().st_size / 1e6:.1f} MB in "
              f"{export.seconds:.1f} s")  # fmt: skip
    load_before = os.getloadavg()[0]
    results = measure(exports, args.repeat, workdir, keep=args.keep)
    load = (load_before, os.getloadavg()[0])
    lines = table(results, args.repeat, **columns)
    print()
    print("\n".join(lines))
    if args.write_doc:
        write(args, lines, load)


def main() -> None:
    args = parse_args(__doc__, {"--xlsx-posts": 100_000})
    with work_folder(
        args.workdir, "fokus-xlbench-", keep=args.keep, made=("data",)
    ) as workdir:
        run_all(args, generate(workdir / "data", args.xlsx_posts), workdir, write_doc)


if __name__ == "__main__":
    main()
