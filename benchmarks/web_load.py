"""Load on the web app: many signed-in clients at once against `fokus serve`.

Builds (or reuses, ``--workspace``) a workspace of 1,000,000 posts, starts ``fokus
serve`` on 127.0.0.1 with its own app database, sets up the owner with 2FA and one
account per client through the real routes, then drives the clients for ``--seconds``
and prints requests, errors and p50/p95/p99 latency per page. ``--mix`` is issue 9's
profile: 50 clients mixing page views, uploads and reviews, bounded in count and time.
See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import httpx2 as httpx

from fokus.review import FRAGMENT
from import_benchmark import (
    count_rows,
    fokus_command,
    generate,
    measured_heading,
    replace_section,
    work_folder,
)
from review_benchmark import import_workspace
from web_load_core import (
    Load,
    Operation,
    Server,
    add_member,
    create_workspace,
    drive,
    figures,
    point_workspace_at,
    set_up_owner,
    start_server,
    table,
    upload_outcomes,
)

REPO = Path(__file__).resolve().parent.parent
TARGET_P95 = 0.300
DOCS = {
    False: (REPO / "docs" / "performance.md", "web-load"),
    True: (REPO / "docs" / "reliability.md", "web-mix"),
}


def build_workspace(workdir: Path, posts: int, files: int) -> Path:
    """``workdir/workspace`` with ``posts`` generated Facebook posts imported
    (import_benchmark.py's seeded generator); reused when it is already there."""
    workspace = workdir / "workspace"
    if not (workspace / "fokus.duckdb").exists():
        data = generate(workdir / "data", posts, files, 0.03)
        print(f"Generated {posts:,} posts in {data.seconds:.1f} s", flush=True)
        imported = import_workspace(data.files, workspace)
        print(f"Imported them in {imported.wall:.1f} s", flush=True)
    return workspace


def ensure_review(workspace: Path) -> None:
    """Review the workspace once (untimed) when it has no review yet, so that the
    review page shows a real review of every post."""
    if (workspace / "reports" / FRAGMENT).exists():
        return
    started = time.perf_counter()
    subprocess.run([*fokus_command(), "review", "--quiet", str(workspace)], check=True)
    print(f"Reviewed it in {time.perf_counter() - started:.1f} s", flush=True)


def small_export(workdir: Path) -> tuple[str, bytes]:
    """A Meta export of 50 posts, the file the mixed profile uploads."""
    data = generate(workdir / "upload", 50, 1, 0.0)
    path = data.files[0]
    return path.name, path.read_bytes()


async def available(client: httpx.AsyncClient, path: str) -> bool:
    return (await client.get(path)).status_code == 200


async def operations(
    owner: httpx.AsyncClient, slug: str, mix: bool, upload: tuple[str, bytes] | None
) -> tuple[list[Operation], list[float], list[str]]:
    """The requests to send (those this server has), their weights, and notes on
    the ones it lacks."""
    home = f"/w/{slug}/"
    ops = [Operation("dashboard", "GET", home, must_contain='id="summary"')]
    notes = []
    if await available(owner, f"{home}review"):
        ops.append(Operation("review page", "GET", f"{home}review"))
    else:
        notes.append(f"review page: {home}review is not on this server (404)")
    if mix:
        ops.append(Operation("workspace list", "GET", "/workspaces"))
    weights = [1.0] * len(ops)
    if mix and upload is not None:
        if await available(owner, f"{home}upload"):
            ops.append(
                Operation(
                    "upload", "POST", f"{home}upload", (200, 303), files=(upload,)
                )
            )
            weights.append(len(weights) / 8)
        else:
            notes.append(f"upload: {home}upload is not on this server (404)")
        if await available(owner, f"{home}review"):
            ops.append(Operation("run review", "POST", f"{home}review/run", (200, 303)))
            weights.append(len(weights) / 8)
        else:
            notes.append(f"run review: {home}review is not on this server (404)")
    return ops, weights, notes


async def load_run(
    server: Server, data: Path, args: argparse.Namespace
) -> tuple[Load, list[str]]:
    """Accounts, the workspace, a warm-up request per page, then the timed load."""
    owner = await set_up_owner(server)
    slug = await create_workspace(owner, "Load")
    clients = []
    for number in range(args.clients):
        email = f"client{number + 1}@example.org"
        clients.append(await add_member(owner, server.base, slug, email, "editor"))
    print(f"Signed in {len(clients)} clients, each with its own session", flush=True)
    # After the accounts: each invitation shows the workspace page (uncached then).
    point_workspace_at(server.root, slug, data, copy=args.mix)
    upload = small_export(server.root.parent) if args.mix else None
    ops, weights, notes = await operations(owner, slug, args.mix, upload)
    for note in notes:
        print(f"Not measured: {note}")
    for op in ops:
        if op.method == "GET":  # warm-up, not timed
            await owner.get(op.path)
    print(f"Driving {len(clients)} clients for {args.seconds} s …", flush=True)
    result = await drive(
        clients, ops, args.seconds, args.max_requests, weights if args.mix else None
    )
    for client in [owner, *clients]:
        await client.aclose()
    return result, notes


def reproduce(args: argparse.Namespace) -> str:
    parts = [".venv/bin/python", "benchmarks/web_load.py", "--posts", str(args.posts),
             "--clients", str(args.clients), "--seconds", str(args.seconds)]  # fmt: skip
    if args.mix:
        parts += ["--mix", "--max-requests", str(args.max_requests)]
    return shlex.join([*parts, "--write-doc"])


def verdict(load: Load, mix: bool) -> list[str]:
    rows = figures(load)
    errors = rows[-1].errors
    lines = [f"- Errors: {errors:,} of {rows[-1].requests:,} requests (target 0): "
             f"{'met' if errors == 0 else 'NOT met'}."]  # fmt: skip
    if mix:
        counts = upload_outcomes(load)
        shown = ", ".join(
            f"{n:,} {name.replace('_', ' ')}" for name, n in counts.items()
        )
        lines.append(
            f"- Uploaded files, as the upload page answered: {shown or 'none'}."
        )
    else:
        for row in rows[:-1]:
            met = row.p95 <= TARGET_P95
            lines.append(
                f"- {row.operation}: p95 {row.p95 * 1000:,.0f} ms (target ≤ 300 ms): "
                f"{'met' if met else 'NOT met'}."
            )
    return lines


def write_doc(args: argparse.Namespace, section_lines: Sequence[str]) -> None:
    """Replace this profile's section of docs/performance.md (or reliability.md)."""
    doc, marker = DOCS[bool(args.mix)]
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    replace_section(
        doc, (start, end), "\n".join([start, *section_lines, end]),
        intro="# Reliability\n\nMeasured figures for issue 9, written by the scripts "
        "in `benchmarks/` (see `benchmarks/README.md`). Rerun them rather than "
        "editing the numbers by hand.\n\n",
    )  # fmt: skip


def section(
    args: argparse.Namespace, load: Load, notes: list[str], loads: tuple[float, float]
) -> list[str]:
    title = (
        "Web app under mixed load (issue 9)"
        if args.mix
        else "Web app: signed-in clients against the dashboard and review pages"
    )
    what = (
        f"{args.clients} clients, each signed in with its own session (password and "
        f"TOTP code through the real routes), sent requests one after another for "
        f"{args.seconds} s (at most {args.max_requests:,} in all) against `fokus "
        f"serve` on 127.0.0.1 (one uvicorn process, SQLite app database), with "
        f"{args.posts:,} posts in the workspace, reviewed (the review page shows that "
        f"review)."
    )
    what += (
        " Each client drew its next request at random: page views, uploads and review"
        " runs where the server has them."
        if args.mix
        else " Each client took the pages in turn; one untimed request per page warmed"
        " the server first. Latency is from the client: request sent to last byte."
        " Page views go over a minimal HTTP/1.1 client (web_load_core.PageClient), so"
        " the load generator, on the same cores, takes little of the CPU."
    )
    return [
        *measured_heading(title, reproduce(args)),
        what, "",
        f"Load average (1 min) before / after the run: {loads[0]:.1f} / {loads[1]:.1f} "
        f"on {os.cpu_count()} cores.", "",
        *table(figures(load), load.wall), "",
        *verdict(load, args.mix),
        *(f"- Not measured: {note}." for note in notes),
    ]  # fmt: skip


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--workspace", type=Path,
                        help="use this imported workspace instead of building one")  # fmt: skip
    parser.add_argument("--workdir", type=Path, help="default: a new temp folder")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--clients", type=int)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--max-requests", type=int, default=100_000)
    parser.add_argument("--mix", action="store_true",
                        help="issue 9's profile: 50 clients, views, uploads, reviews")  # fmt: skip
    parser.add_argument("--write-doc", action="store_true")
    args = parser.parse_args()
    if args.clients is None:
        args.clients = 50 if args.mix else 20
    return args


def main() -> None:
    args = parse_args()
    with work_folder(args.workdir, "fokus-webload-", keep=args.keep) as workdir:
        server = None
        try:
            data = args.workspace or build_workspace(workdir, args.posts, args.files)
            args.posts = count_rows(data / "fokus.duckdb", "posts")
            ensure_review(data)
            print(f"Workspace: {data} ({args.posts:,} posts)", flush=True)
            shutil.rmtree(workdir / "instance", ignore_errors=True)
            server = start_server(workdir / "instance")
            before = os.getloadavg()[0]
            load, notes = asyncio.run(load_run(server, data, args))
            loads = (before, os.getloadavg()[0])
            lines = section(args, load, notes, loads)
            print("\n" + "\n".join(lines[lines.index("```") + 3 :]))
            failed = [s for s in load.samples if not s.ok]
            for sample in failed[:5]:
                print(f"Error on {sample.operation}: {sample.detail}", file=sys.stderr)
            if args.write_doc:
                write_doc(args, lines)
            if math.isnan(load.wall) or not load.samples:
                raise SystemExit("no requests were sent")
        finally:
            if server is not None:
                server.stop()


if __name__ == "__main__":
    main()
