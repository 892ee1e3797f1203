"""Time ``fokus import`` against plain DuckDB ``read_csv`` on the same Meta exports.

Generates N Facebook posts in Meta Business Suite's real export format (see
docs/export-formats.md §1), spread over K files, then runs, each in its own
process: the fokus import into a fresh workspace, and DuckDB's
``CREATE TABLE t AS SELECT * FROM read_csv(...)`` into a fresh ``.duckdb`` file and
into memory. Prints wall time, peak RSS, the ratios, the targets and the machine.

    .venv/bin/python benchmarks/import_benchmark.py [--posts 1000000] [--files 4]
        [--workdir DIR] [--keep] [--repeat 1] [--write-doc]

See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import platform
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from fokus.demo.meta_formats import FACEBOOK_HEADERS

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "performance.md"
TIME_BIN = Path("/usr/bin/time")
PEAK_RSS = (
    "peak RSS is the larger of the process's maximum resident set size "
    "(`/usr/bin/time -v`) and the largest total of its processes' resident memory, "
    "sampled every 20 ms (`fokus review` draws the PDF in a second process)"
)
"""How every benchmark here measures peak memory (``measure``), for the docs."""
TARGET_RATIO = 2.0
TARGET_RSS_BYTES = 1.5e9
SEED = 42
DOC_START = "<!-- import-benchmark:start -->"
DOC_END = "<!-- import-benchmark:end -->"

# Meta's default Facebook posts column set, 31 columns (export-formats.md §1.1 A).
HEADER = FACEBOOK_HEADERS["default"]
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
          "Nov", "Dec")  # fmt: skip
PAGES = (("100066300057039", "Bench Media"), ("100089412275561", "Bench, Kultur"))
# Words for captions: Norwegian and English, with commas, double quotes, emoji,
# hashtags and mentions. "Mathematical bold" words (which NFKC must fold, the slow
# path of the import) go into a share of captions set by --styled-share.
WORDS = (
    "vi", "er", "og", "i", "på", "til", "med", "for", "det", "som", "en", "et",
    "the", "and", "of", "to", "in", "our", "new", "today", "this", "week",
    "kommune", "innbyggere", "høring", "søknadsfrist", "bibliotek", "skole",
    "tilbud", "arrangement", "velkommen", "nyheter", "fotball", "konsert",
    "Oslo,", "Bergen,", "Tromsø,", "Trondheim,", "i dag,", "however,", "nå,",
    '"gratis"', '"Ja!"', '"Årets ildsjel"', 'sa "takk"', "«sitat»",
    "🎉", "👍", "❤️", "🇳🇴", "😀", "🙌🏽", "☀️", "📣",
    "#oslo", "#kommune", "#sommer2025", "#frivillig", "@bench_media",
    "https://example.no/a/2025", "kl. 18:00", "50%", "1,5",
    "æøå", "ÆØÅ", "kafé", "naïve", "øyeblikk", "sjøen", "fjellet", "løp",
)  # fmt: skip
# Post type, weight (cumulative), permalink path.
POST_TYPES = (("Photos", 0.55, "posts"), ("Videos", 0.75, "videos"),
              ("Reels", 0.88, "reel"), ("Links", 0.97, "posts"),
              ("Text", 1.0, "posts"))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Generated:
    files: tuple[Path, ...]
    seconds: float
    bytes: int
    caption_chars: int
    multiline: int


@dataclass(frozen=True, slots=True)
class Measurement:
    wall: float
    cpu: float
    """User plus system seconds, over all threads."""
    rss_bytes: int
    output: str


@dataclass(frozen=True, slots=True)
class Result:
    label: str
    measurement: Measurement
    rows: int


# -- generating the exports ------------------------------------------------------------


def meta_field(value: str) -> str:
    """Quote like Meta: only when the value holds a space, comma, quote or newline."""
    if " " in value or "," in value or '"' in value or "\n" in value:
        return '"' + value.replace('"', '""') + '"'
    return value


STYLED = ("𝐍𝐲𝐡𝐞𝐭", "𝐕𝐢𝐤𝐭𝐢𝐠", "𝑺𝒐𝒎𝒎𝒆𝒓")


def caption(rng: random.Random, styled_share: float) -> str:
    """A 150–200-character caption; a good share over several lines."""
    words = rng.choices(WORDS, k=rng.randint(14, 40))
    if rng.random() < styled_share:
        words[rng.randrange(len(words))] = rng.choice(STYLED)
    roll = rng.random()
    if roll < 0.35:
        return " ".join(words)
    cut = rng.randint(3, len(words) - 3)
    first, rest = " ".join(words[:cut]), words[cut:]
    if roll < 0.7:
        return first + "\n\n" + " ".join(rest)
    cut2 = rng.randint(1, len(rest) - 1)
    return first + "\n" + " ".join(rest[:cut2]) + "\n\n" + " ".join(rest[cut2:])


Page = tuple[str, str]
"""A Facebook Page: its id and its name."""


def export_row(
    rng: random.Random,
    post_id: int,
    minute: int,
    year: int,
    text: str,
    *,
    pages: tuple[Page, ...] = PAGES,
) -> str:
    """One post line in the default 31-column set, newline included."""
    page_id, page_name = pages[post_id % len(pages)]
    roll = rng.random()
    kind, path = next((t, p) for t, w, p in POST_TYPES if roll <= w)
    day = dt.date(year, 1, 1) + dt.timedelta(days=minute // 1440)
    published = f"{day:%m/%d/%Y} {minute % 1440 // 60:02d}:{minute % 60:02d}"
    title, description = (text, "") if rng.random() < 0.97 else ("", text)
    views = int(rng.lognormvariate(7.0, 1.3))
    reach = int(views * (0.4 + 0.5 * rng.random()))
    reactions = int(reach * 0.06 * rng.random())
    comments = int(reactions * 0.2 * rng.random())
    shares = int(reactions * 0.1 * rng.random())
    video = kind in {"Videos", "Reels"}
    duration = rng.randint(6, 600) if video else 0
    link = int(reach * 0.02 * rng.random()) if kind == "Links" else 0
    photo = int(reach * 0.03 * rng.random()) if kind == "Photos" else 0
    other = int(reach * 0.02 * rng.random())
    total = link + photo + other
    if video:
        watched = views * duration * 0.2 * rng.random()
        seconds = f"{watched:.2f}"
        average = f"{watched / views:.3f}" if views else "0"
        clicks = (str(link), str(other), str(photo))
    else:
        seconds = average = ""
        clicks = ("", "", "") if total == 0 else (str(link), str(other), str(photo))
    permalink = f"https://www.facebook.com/{page_id}/{path}/{post_id}"
    fields = (
        str(post_id), page_id, meta_field(page_name), meta_field(title),
        meta_field(description), str(duration), meta_field(published),
        "uploaded" if video and duration > 60 else "N/A", permalink, "0",
        "1" if rng.random() < 0.03 else "0", kind, "", "", "", "", "Lifetime",
        str(views), str(reach), str(reactions + comments + shares), str(reactions),
        str(comments), str(shares), str(total), *clicks, seconds, average, "", "",
    )  # fmt: skip
    return ",".join(fields) + "\n"


ID_RANGE = (10**14, 4 * 10**15)


def post_ids(
    rng: random.Random, n: int, id_range: tuple[int, int] = ID_RANGE
) -> list[int]:
    """n unique post ids of 15 or 16 digits, drawn from ``id_range``."""
    seen: set[int] = set()
    while len(seen) < n:
        seen.add(rng.randrange(*id_range))
    ids = sorted(seen)
    rng.shuffle(ids)
    return ids


def file_name(rng: random.Random, index: int, year: int) -> str:
    """Meta's name: the period, ending on the export day, and a 16-digit id."""
    end = dt.date(year, 12, 31) + dt.timedelta(days=index)
    return (
        f"Jan-01-{year}_{MONTHS[end.month - 1]}-{end.day:02d}-{end.year}_"
        f"{rng.randrange(10**15, 10**16)}.csv"
    )


def generate(
    folder: Path,
    n_posts: int,
    n_files: int,
    styled_share: float,
    year: int = 2025,
    *,
    seed: int = SEED,
    pages: tuple[Page, ...] = PAGES,
    id_range: tuple[int, int] = ID_RANGE,
) -> Generated:
    """Write the exports into ``folder``; seeded, so every run writes the same bytes.
    ``pages`` and ``id_range`` let several calls write different accounts."""
    started = time.perf_counter()
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    folder.mkdir(parents=True, exist_ok=True)
    ids = post_ids(rng, n_posts, id_range)
    header = ",".join(meta_field(name) for name in HEADER) + "\n"
    minutes_in_year = (dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days * 1440
    files, size, chars, multiline = [], 0, 0, 0
    for index in range(n_files):
        share = ids[index * n_posts // n_files : (index + 1) * n_posts // n_files]
        # Meta lists the newest post first.
        minutes = sorted((rng.randrange(minutes_in_year) for _ in share), reverse=True)
        path = folder / file_name(rng, index, year)
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            out.write(header)
            chunk: list[str] = []
            for post_id, minute in zip(share, minutes, strict=True):
                text = caption(rng, styled_share)
                chars += len(text)
                multiline += "\n" in text
                chunk.append(export_row(rng, post_id, minute, year, text, pages=pages))
                if len(chunk) == 20_000:
                    out.write("".join(chunk))
                    chunk.clear()
            out.write("".join(chunk))
        files.append(path)
        size += path.stat().st_size
    return Generated(
        tuple(files), time.perf_counter() - started, size, chars, multiline
    )


# -- measuring ---------------------------------------------------------------------


_RSS_PROBE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(f'User time (seconds): {use.ru_utime}', file=sys.stderr)\n"
    "print(f'System time (seconds): {use.ru_stime}', file=sys.stderr)\n"
    "print(f'Maximum resident set size (kbytes): {use.ru_maxrss}', file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def measure(command: list[str], scratch: Path) -> Measurement:
    """Run ``command`` in its own process: wall time and peak resident memory."""
    report = scratch / "time.txt"
    if TIME_BIN.exists():
        wrapped = [str(TIME_BIN), "-v", "-o", str(report), *command]
    else:
        # A probe process whose only child is the command: its RUSAGE_CHILDREN is
        # the command's own peak, not the peak of everything run so far.
        wrapped = [sys.executable, "-c", _RSS_PROBE, *command]
    started = time.perf_counter()
    process = subprocess.Popen(
        wrapped, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    tree = TreeMemory(process.pid)
    tree.start()
    stdout, stderr = process.communicate()
    wall = time.perf_counter() - started
    tree.stop()
    if process.returncode != 0:
        raise SystemExit(
            f"failed ({process.returncode}): {shlex.join(command)}\n{stdout}\n{stderr}"
        )
    text = report.read_text() if TIME_BIN.exists() else stderr
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    cpu = re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", text)
    if rss is None or len(cpu) != 2:
        raise SystemExit(f"no peak RSS or CPU time from {shlex.join(wrapped)}")
    seconds = sum(float(c) for c in cpu)
    # The largest process's own peak, or the processes' largest total when it ran
    # more than one at a time (fokus review draws the PDF in a second process).
    peak = max(int(rss[1]) * 1024, tree.peak)
    return Measurement(wall, seconds, peak, stdout)


class TreeMemory(threading.Thread):
    """The largest total resident memory of a process's descendants (the process
    itself is the timing wrapper), sampled every 20 ms from /proc. Linux only;
    elsewhere it stays 0 and the single process's peak is what is reported."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peak = 0
        self._done = threading.Event()
        self._page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

    def run(self) -> None:
        while not self._done.wait(0.02):
            self.peak = max(self.peak, self._total())

    def stop(self) -> None:
        self._done.set()
        self.join()

    def _total(self) -> int:
        parents: dict[int, int] = {}
        for entry in Path("/proc").glob("[0-9]*"):
            with contextlib.suppress(OSError, ValueError, IndexError):
                stat = (entry / "stat").read_text()
                parents[int(entry.name)] = int(stat[stat.rindex(")") + 2 :].split()[1])
        family, found = {self.root}, True
        while found:
            found = False
            for pid, parent in parents.items():
                if parent in family and pid not in family:
                    family.add(pid)
                    found = True
        total = 0
        for pid in family - {self.root}:
            with contextlib.suppress(OSError, ValueError, IndexError):
                resident = Path(f"/proc/{pid}/statm").read_text().split()[1]
                total += int(resident) * self._page
        return total


def fokus_command() -> list[str]:
    """The installed CLI next to this Python, else ``python -m fokus``."""
    script = Path(sys.executable).parent / "fokus"
    return [str(script)] if script.exists() else [sys.executable, "-m", "fokus"]


_API_INIT = (
    "import sys\nfrom pathlib import Path\n"
    "from fokus.workspace import init_workspace\n"
    "init_workspace(Path(sys.argv[1]), 'Bench', 'en')\n"
)
_API_IMPORT = (
    "import sys\nfrom pathlib import Path\n"
    "from fokus.ingest.pipeline import import_files\n"
    "from fokus.store import Store\n"
    "from fokus.workspace import list_export_files, open_workspace\n"
    "ws = open_workspace(Path(sys.argv[1]))\n"
    "with Store.open(ws.database_path) as store:\n"
    "    outcomes = import_files(list_export_files(ws), store,\n"
    "        exports_dir=ws.exports_dir, timezone=ws.config.timezone)\n"
    "bad = [o for o in outcomes if o.status != 'imported' or o.rows_skipped]\n"
    "sys.exit(str(bad) if bad else 0)\n"
)


def cli_ready() -> bool:
    """Whether ``fokus import`` exists yet (the CLI is written in parallel)."""
    done = subprocess.run(
        [*fokus_command(), "import", "--help"], capture_output=True, check=False
    )
    return done.returncode == 0


def run_fokus(files: tuple[Path, ...], workspace: Path, use_cli: bool) -> Result:
    """Create a workspace (not timed), link the exports in, time the import."""
    if use_cli:
        init = [*fokus_command(), "init", str(workspace), "--organisation", "Bench",
                "--lang", "en"]  # fmt: skip
        command = [*fokus_command(), "import", str(workspace), "--quiet"]
    else:
        init = [sys.executable, "-c", _API_INIT, str(workspace)]
        command = [sys.executable, "-c", _API_IMPORT, str(workspace)]
    subprocess.run(init, check=True, capture_output=True)
    exports = workspace / "exports"
    for path in files:
        try:
            os.link(path, exports / path.name)
        except OSError:
            shutil.copy2(path, exports / path.name)
    measurement = measure(command, workspace.parent)
    label = "fokus import" if use_cli else "fokus (Python API)"
    return Result(label, measurement, count_rows(workspace / "fokus.duckdb", "posts"))


# Plain DuckDB, file by file, with the same fallback fokus has: DuckDB's parallel
# reader refuses some files with line breaks inside quoted fields ("does not support
# a full read on this file", duckdb/duckdb#24237); those are read with
# parallel = false. The output says how many files needed it. Files with the same
# header go into one table (t0, t1, … in the order their headers first appear), so
# exports of several kinds can be read in one run; the last line is the row total.
_BASELINE = (
    "import sys, duckdb\n"
    "con = duckdb.connect(sys.argv[1])\n"
    "sequential, tables = 0, {}\n"
    "for path in sys.argv[2:]:\n"
    "    with open(path, encoding='utf-8-sig') as f:\n"
    "        header = f.readline()\n"
    "    known = header in tables\n"
    "    table = tables.setdefault(header, f't{len(tables)}')\n"
    "    verb = f'INSERT INTO {table}' if known else f'CREATE TABLE {table} AS'\n"
    "    try:\n"
    "        con.execute(f'{verb} SELECT * FROM read_csv(?, header = true)', [path])\n"
    "    except duckdb.NotImplementedException:\n"
    "        sequential += 1\n"
    "        con.execute(f'{verb} SELECT * FROM read_csv(?, header = true, '\n"
    "                    'parallel = false)', [path])\n"
    "print('sequential files:', sequential)\n"
    "print(sum(con.execute(f'SELECT count(*) FROM {t}').fetchall()[0][0]\n"
    "          for t in tables.values()))\n"
)


def run_baseline(files: tuple[Path, ...], database: Path | None) -> Result:
    """Plain DuckDB: read every file into one table, in a file or in memory."""
    target = str(database) if database else ":memory:"
    scratch = database.parent if database else files[0].parent
    command = [sys.executable, "-c", _BASELINE, target, *map(str, files)]
    measurement = measure(command, scratch)
    label = "DuckDB read_csv → file" if database else "DuckDB read_csv → memory"
    return Result(label, measurement, int(measurement.output.split()[-1]))


def count_rows(database: Path, table: str) -> int:
    with duckdb.connect(str(database), read_only=True) as con:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])


def best(runs: list[Result]) -> Result:
    return min(runs, key=lambda r: r.measurement.wall)


# -- reporting ---------------------------------------------------------------------


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.M)
        cpu = found[1].strip() if found else cpu
    ram = "? GiB"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        found = re.search(r"^MemTotal:\s*(\d+) kB", meminfo.read_text(), re.M)
        ram = f"{int(found[1]) / 2**20:.1f} GiB" if found else ram
    return (
        f"{cpu}, {os.cpu_count()} cores, {ram} RAM, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, "
        f"DuckDB {duckdb.__version__}"
    )


def gb(n: float) -> str:
    return f"{n / 1e9:.2f} GB"


def report(
    args: argparse.Namespace,
    data: Generated,
    fokus: Result,
    on_file: Result,
    in_memory: Result,
    *,
    load: tuple[float, float],
) -> tuple[list[str], list[str]]:
    """The table as Markdown lines, and the verdict lines."""
    f = fokus.measurement
    ratio_file = f.wall / on_file.measurement.wall
    ratio_memory = f.wall / in_memory.measurement.wall
    lines = [
        f"Data: {args.posts:,} posts in {args.files} files, {data.bytes / 1e6:,.0f} MB "
        f"(captions {data.caption_chars / args.posts:.0f} chars on average, "
        f"{100 * data.multiline / args.posts:.0f} % multi-line, "
        f"{100 * args.styled_share:.0f} % with Unicode bold letters); "
        f"generated in {data.seconds:.1f} s.",
        f"Load average (1 min) before / after the runs: {load[0]:.1f} / {load[1]:.1f} "
        f"on {os.cpu_count()} cores.",
        "",
        "| Run | Wall | CPU (user+sys) | Peak RSS | Rows stored | fokus / this (wall) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for result, ratio in ((fokus, None), (on_file, ratio_file),
                          (in_memory, ratio_memory)):  # fmt: skip
        m = result.measurement
        shown = f"{ratio:.2f}×" if ratio is not None else "—"
        lines.append(
            f"| {result.label} | {m.wall:.2f} s | {m.cpu:.2f} s | {gb(m.rss_bytes)} | "
            f"{result.rows:,} | {shown} |"
        )
    rows_ok = fokus.rows == args.posts
    verdict = [
        f"- Ratio fokus / DuckDB-to-file: {ratio_file:.2f} (target ≤ {TARGET_RATIO}): "
        f"{'met' if ratio_file <= TARGET_RATIO else 'NOT met'}.",
        f"- CPU-time ratio fokus / DuckDB-to-file: "
        f"{f.cpu / on_file.measurement.cpu:.2f} (less sensitive to other load).",
        f"- fokus peak RSS: {gb(f.rss_bytes)} (target ≤ {gb(TARGET_RSS_BYTES)}): "
        f"{'met' if f.rss_bytes <= TARGET_RSS_BYTES else 'NOT met'}.",
        f"- Posts in the store: {fokus.rows:,} of {args.posts:,}: "
        f"{'correct' if rows_ok else 'WRONG'}.",
    ]
    return lines, verdict


def reproduce(args: argparse.Namespace) -> str:
    parts = [".venv/bin/python", "benchmarks/import_benchmark.py",
             "--posts", str(args.posts), "--files", str(args.files)]  # fmt: skip
    if args.repeat != 1:
        parts += ["--repeat", str(args.repeat)]
    parts += ["--styled-share", str(args.styled_share)]
    return shlex.join([*parts, "--write-doc"])


def measured_heading(title: str, command: str) -> list[str]:
    """The opening of a measured section: its title, the machine and the command."""
    return [
        f"## {title}", "",
        f"Measured {dt.date.today().isoformat()} on {machine()}.", "",
        "Reproduce from the repository root:", "", "```", command, "```", "",
    ]  # fmt: skip


def replace_section(
    doc: Path,
    markers: tuple[str, str],
    section: str,
    *,
    intro: str = "",
    before: Sequence[str] = (),
) -> None:
    """Put ``section`` (markers included) in ``doc``: in place of the text between
    its markers, else before the first of ``before`` found, else at the end; a
    missing ``doc`` is created with ``intro`` above it."""
    start, end = markers
    if not doc.exists():
        text = intro + section + "\n"
    else:
        text = doc.read_text(encoding="utf-8")
        if start in text and end in text:
            head, rest = text.split(start, 1)
            text = head + section + rest.split(end, 1)[1]
        elif (anchor := next((a for a in before if a in text), None)) is not None:
            head, rest = text.split(anchor, 1)
            text = head + section + "\n\n" + anchor + rest
        else:
            text = text.rstrip("\n") + "\n\n" + section + "\n"
    doc.write_text(text, encoding="utf-8")
    print(f"\nWrote {doc.relative_to(REPO)}")


def write_doc(args: argparse.Namespace, table: list[str], verdict: list[str],
              how: str) -> None:  # fmt: skip
    """Replace the import section of docs/performance.md (or create the file)."""
    section = "\n".join([
        DOC_START,
        *measured_heading(
            "Import: `fokus import` against plain DuckDB `read_csv`", reproduce(args)
        ),
        f"fokus ran as {how}. Each run is its own process; wall time is the whole "
        f"process (start-up included), {PEAK_RSS}."
        + (f" Best of {args.repeat} runs each." if args.repeat > 1 else ""),
        "",
        *table,
        "",
        *verdict,
        DOC_END,
    ])  # fmt: skip
    replace_section(
        DOC, (DOC_START, DOC_END), section,
        intro="# Performance\n\nMeasured figures, written by the scripts in "
        "`benchmarks/` (see `benchmarks/README.md`). Rerun them rather than "
        "editing the numbers by hand.\n\n",
    )  # fmt: skip


# -- main --------------------------------------------------------------------------


@contextlib.contextmanager
def work_folder(
    given: Path | None, prefix: str, *, keep: bool, made: Sequence[str] = ()
) -> Iterator[Path]:
    """``--workdir`` or a new temporary folder (never inside the repository). It is
    removed afterwards unless ``keep``; of a folder the user gave, only the entries
    this script made there (``made``, glob patterns) are."""
    workdir = (given or Path(tempfile.mkdtemp(prefix=prefix))).resolve()
    if workdir == REPO or REPO in workdir.parents:
        raise SystemExit("--workdir must be outside the repository")
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"Machine: {machine()}\nWork folder: {workdir}", flush=True)
    try:
        yield workdir
    finally:
        if keep:
            print(f"Kept {workdir}")
        elif given is None:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            for pattern in made:
                for path in workdir.glob(pattern):
                    shutil.rmtree(path, ignore_errors=True)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument(
        "--styled-share", type=float, default=0.03,
        help="share of captions with Unicode 'bold' letters that NFKC folds",
    )  # fmt: skip
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
    with work_folder(
        args.workdir, "fokus-bench-", keep=args.keep, made=("data", "run[0-9]*")
    ) as workdir:
        data = generate(workdir / "data", args.posts, args.files, args.styled_share)
        print(f"Generated {args.posts:,} posts, {data.bytes / 1e6:,.0f} MB in "
              f"{data.seconds:.1f} s")  # fmt: skip
        use_cli = cli_ready()
        how = (
            f"the CLI, `{shlex.join(['fokus', 'import', 'WORKSPACE', '--quiet'])}`"
            if use_cli
            else "the Python API (`fokus import` was not available yet)"
        )
        print(f"fokus runs through {how}")
        load_before = os.getloadavg()[0]
        fokus_runs, file_runs, memory_runs = [], [], []
        for attempt in range(args.repeat):
            run_dir = workdir / f"run{attempt}"
            shutil.rmtree(run_dir, ignore_errors=True)  # a kept earlier run's
            run_dir.mkdir()
            file_runs.append(run_baseline(data.files, run_dir / "baseline.duckdb"))
            fokus_runs.append(run_fokus(data.files, run_dir / "workspace", use_cli))
            memory_runs.append(run_baseline(data.files, None))
            if not args.keep:
                shutil.rmtree(run_dir)
        load = (load_before, os.getloadavg()[0])
        table, verdict = report(
            args, data, best(fokus_runs), best(file_runs), best(memory_runs), load=load
        )
        print()
        print("\n".join([*table, "", *verdict]))
        if args.write_doc:
            write_doc(args, table, verdict, how)


if __name__ == "__main__":
    main()
