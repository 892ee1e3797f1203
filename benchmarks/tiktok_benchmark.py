"""Time ``fokus import`` of large TikTok exports: business CSV, Studio .xlsx, Overview.

Generates three files in TikTok's real layouts (see docs/export-formats.md §5 and
src/fokus/demo/tiktok_writers.py): a business-account video export (CSV, 100,000
videos), a TikTok Studio ``Content`` export saved as ``.xlsx`` with every number
stored as text and dates without a year (20,000 rows), and a TikTok Studio
``Overview`` CSV of 365 days. Each is imported into a fresh workspace by the CLI,
in its own process; the script prints wall time (best of R), CPU time and peak
RSS, and checks the posts and daily values stored.

    .venv/bin/python benchmarks/tiktok_benchmark.py [--videos 100000]
        [--studio-videos 20000] [--repeat 3] [--workdir DIR] [--keep] [--write-doc]

See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import xlsxwriter

from fokus.demo.text_files import csv_text, write_text
from fokus.demo.tiktok_writers import no_year
from import_benchmark import WORDS, work_folder
from workbook_benchmark import (
    SEED,
    Export,
    parse_args,
    run_all,
    write_section,
)

DOC_START = "<!-- tiktok-benchmark:start -->"
DOC_END = "<!-- tiktok-benchmark:end -->"
EXPORTED = dt.datetime(2026, 2, 28, 21, 30)
"""The export moment: the 365 days before it cross New Year, as in the real files."""
HANDLE = "bench.kommune"
DAYS = 365
OVERVIEW_HEADER = [
    "Date",
    "Video Views",
    "Profile Views",
    "Likes",
    "Comments",
    "Shares",
]
BUSINESS_HEADER = ["Video title", "Video link", "Post time", "Video views", "Likes",
                   "Comments", "Shares", "Add to Favorites"]  # fmt: skip
STUDIO_HEADER = ["Time", "Video title", "Video link", "Post time", "Total likes",
                 "Total comments", "Total shares", "Total views"]  # fmt: skip

Video = tuple[str, str, dt.datetime, list[int]]
"""Title, link, upload time (UTC), then views, likes, comments, shares, saves."""


def videos(
    rng: random.Random, n: int, span_days: int, handle: str = HANDLE
) -> Iterator[Video]:
    """n videos, newest first, over ``span_days`` before the export; each id
    encodes its upload second in its top 32 bits, as TikTok's do."""
    newest = int(EXPORTED.replace(tzinfo=dt.UTC).timestamp()) - 86_400
    step = span_days * 86_400 // n
    uploaded = newest
    for _ in range(n):
        uploaded -= rng.randint(1, 2 * step - 1)  # strictly older: ids stay unique
        video_id = uploaded << 32 | rng.getrandbits(32)
        title = " ".join(rng.choices(WORDS, k=rng.randint(6, 30)))  # one line
        views = int(rng.lognormvariate(7.0, 1.3))
        metrics = [views, rng.randint(0, views // 12 + 1), rng.randint(0, 40),
                   rng.randint(0, views // 80 + 1), rng.randint(0, views // 60 + 1)]  # fmt: skip
        link = f"https://www.tiktok.com/@{handle}/video/{video_id}"
        yield title, link, dt.datetime.fromtimestamp(uploaded, dt.UTC), metrics


def write_business(
    path: Path, n: int, *, seed: int = SEED, handle: str = HANDLE
) -> None:
    """UTF-8 with BOM, quoted only when needed, no newline at the end; post times
    ``2025/10/31 18:19:10`` (UTC, a few seconds after the upload). Written in
    chunks, so a file of millions of videos is never held in memory."""
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        out.write(csv_text([BUSINESS_HEADER], final_newline=False))
        rows: list[list[str]] = []
        for title, link, uploaded, metrics in videos(rng, n, 2 * DAYS, handle):
            posted = uploaded + dt.timedelta(seconds=rng.randint(1, 20))
            rows.append([title, link, f"{posted:%Y/%m/%d %H:%M:%S}",
                         *map(str, metrics)])  # fmt: skip
            if len(rows) == 20_000:
                out.write("\n" + csv_text(rows, final_newline=False))
                rows.clear()
        if rows:
            out.write("\n" + csv_text(rows, final_newline=False))


def write_studio_xlsx(path: Path, n: int) -> None:
    """TikTok Studio's Content tab as ``.xlsx``: text cells only, days without a
    year, the export day in ``Time`` on every row."""
    rng = random.Random(SEED)  # noqa: S311 (test data, not secrets)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Content")
    sheet.write_row(0, 0, STUDIO_HEADER)
    for r, (title, link, uploaded, metrics) in enumerate(videos(rng, n, DAYS), 1):
        views, likes, comments, shares, _ = map(str, metrics)
        row = [no_year(EXPORTED.date()), title, link, no_year(uploaded.date()),
               likes, comments, shares, views]  # fmt: skip
        for c, value in enumerate(row):
            sheet.write_string(r, c, value)
    book.close()


def write_overview(path: Path, days: int) -> None:
    """TikTok Studio's Overview: every field quoted, days without a year, oldest first."""
    rng = random.Random(SEED)  # noqa: S311 (test data, not secrets)
    last = EXPORTED.date() - dt.timedelta(days=1)
    rows = [OVERVIEW_HEADER]
    for back in range(days - 1, -1, -1):
        views = rng.randint(200, 40_000)
        rows.append([no_year(last - dt.timedelta(days=back)), str(views),
                     str(rng.randint(0, views // 100)), str(rng.randint(0, views // 12)),
                     str(rng.randint(0, 60)), str(rng.randint(0, views // 80))])  # fmt: skip
    write_text(path, csv_text(rows, quote_all=True, final_newline=False), bom=True)


def generate(folder: Path, n_videos: int, n_studio: int) -> tuple[Export, ...]:
    """The three files; their names carry the export day, so the years are fixed."""
    folder.mkdir(parents=True, exist_ok=True)
    day = f"{EXPORTED:%Y-%m-%d}"
    made = []
    plans: tuple[tuple[str, str, int, int, int, Callable[[Path, int], None]], ...] = (
        ("Business video export (.csv)", f"TIKTOK_VIDEO_{day}.csv", n_videos,
         n_videos, 0, write_business),
        ("Studio Content (.xlsx, numbers as text)", f"Content_{day}.xlsx", n_studio,
         n_studio, 0, write_studio_xlsx),
        ("Studio Overview (.csv)", f"Overview_{day}.csv", DAYS, 0,
         DAYS * (len(OVERVIEW_HEADER) - 1), write_overview),
    )  # fmt: skip
    for label, name, rows, posts, daily, writer in plans:
        started = time.perf_counter()
        writer(folder / name, rows)
        seconds = time.perf_counter() - started
        made.append(Export(label, folder / name, rows, posts, daily, seconds, "tiktok"))
    return tuple(made)


def write_doc(
    args: argparse.Namespace, lines: list[str], load: tuple[float, float]
) -> None:
    """Replace the TikTok section of docs/performance.md (or append it)."""
    command = ["benchmarks/tiktok_benchmark.py", "--videos", str(args.videos),
               "--studio-videos", str(args.studio_videos), "--repeat",
               str(args.repeat)]  # fmt: skip
    what = (
        "Three TikTok exports in TikTok's layouts (docs/export-formats.md §5), "
        f"exported {EXPORTED:%Y-%m-%d}: a business-account video export (UTF-8 with "
        "BOM, quoted where needed, post times `2025/10/31 18:19:10`) of "
        f"{args.videos:,} videos over two years; a TikTok Studio `Content` export "
        f"saved as `.xlsx`, {args.studio_videos:,} rows, every number stored as text "
        "and every day without a year (`July 16`), so fokus infers each year in "
        f"Python; and a Studio `Overview` CSV of {DAYS} days without a year, "
        "crossing New Year."
    )
    write_section(
        (DOC_START, DOC_END), "TikTok files: `fokus import` of large exports",
        command, what, load=load, lines=lines,
    )  # fmt: skip


def main() -> None:
    args = parse_args(__doc__, {"--videos": 100_000, "--studio-videos": 20_000})
    with work_folder(
        args.workdir, "fokus-ttbench-", keep=args.keep, made=("data",)
    ) as workdir:
        exports = generate(workdir / "data", args.videos, args.studio_videos)
        run_all(args, exports, workdir, write_doc, first="File", noun="Rows")


if __name__ == "__main__":
    main()
