"""The core of ``web_load.py``: start ``fokus serve``, set up accounts through the
real routes (2FA codes from pyotp), and drive many signed-in clients at once.

Used by ``web_load.py`` (the benchmark) and ``tests/web/test_load_smoke.py`` (the same
code with 3 clients for 2 seconds).
"""

from __future__ import annotations

import asyncio
import math
import os
import random
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx2 as httpx
import pyotp

from import_benchmark import fokus_command

PASSWORD = "load test passphrase 42"  # noqa: S105 (throwaway benchmark accounts)
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
SECRET = re.compile(r'<code id="totp-secret">([A-Z2-7]+)</code>')
INVITE = re.compile(r'id="invite-link" readonly value="([^"]+)"')
SETUP = re.compile(r"(/setup/[A-Za-z0-9_-]+)")
OUTCOME = re.compile(rb'<article class="file-result (\w+)"')
TIMEOUT = httpx.Timeout(120.0)


@dataclass
class Server:
    """``fokus serve`` in its own process, with its own root and app database."""

    process: subprocess.Popen[bytes]
    base: str
    root: Path
    log: Path
    setup_path: str

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(root: Path, wait: float = 90.0) -> Server:
    """Start ``fokus serve --root ROOT`` on 127.0.0.1 with a SQLite app database in
    ROOT, and wait until it answers; the set-up link is read from what it prints."""
    root.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = root.parent / f"{root.name}-serve.log"
    env = {
        **os.environ,
        "FOKUS_DATABASE_URL": f"sqlite:///{root / 'fokus-web.sqlite'}",
        "COLUMNS": "1000",  # the set-up link on one line
    }
    command = [*fokus_command(), "serve", "--root", str(root), "--port", str(port)]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=env
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"fokus serve ended:\n{log.read_text()}")
        found = SETUP.search(log.read_text(errors="replace"))
        if found and _answers(base):
            return Server(process, base, root, log, found[1])
        time.sleep(0.25)
    process.kill()
    raise RuntimeError(
        f"fokus serve did not answer in {wait:.0f} s:\n{log.read_text()}"
    )


def _answers(base: str) -> bool:
    try:
        return httpx.get(f"{base}/login", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


# -- accounts, through the real routes ---------------------------------------------


def totp_code(secret: str, steps_ahead: int = 0) -> str:
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


async def safe_moment() -> None:
    """Wait out the last seconds of a TOTP step, so a code is still current when
    the server checks it."""
    left = 30 - time.time() % 30
    if left < 3:
        await asyncio.sleep(left + 0.2)


async def post(
    client: httpx.AsyncClient, path: str, data: Mapping[str, str], page: str
) -> httpx.Response:
    """POST a form with the CSRF token of ``page`` (as a browser would)."""
    found = TOKEN.search((await client.get(page)).text)
    if found is None:
        raise RuntimeError(f"no CSRF token on {page}")
    return await client.post(path, data={**data, "csrf_token": found[1]})


def expect(response: httpx.Response, status: int, what: str) -> httpx.Response:
    if response.status_code != status:
        raise RuntimeError(f"{what}: {response.status_code}\n{response.text[:2000]}")
    return response


async def enrol(client: httpx.AsyncClient) -> str:
    """Set up 2FA for the signed-in user (a code of the previous step, so the current
    one stays free for the sign-in); returns the TOTP secret."""
    found = SECRET.search((await client.get("/account/2fa")).text)
    if found is None:
        raise RuntimeError("no TOTP secret on /account/2fa")
    await safe_moment()
    answer = await post(
        client, "/account/2fa", {"code": totp_code(found[1], -1)}, "/account/2fa"
    )
    expect(answer, 200, "2FA enrolment")
    return found[1]


async def log_in(client: httpx.AsyncClient, email: str, secret: str) -> None:
    """Sign out, then in again with the password and a TOTP code: a new session."""
    await post(client, "/logout", {}, "/login")
    first = await post(
        client, "/login", {"email": email, "password": PASSWORD}, "/login"
    )
    expect(first, 303, f"password of {email}")
    await safe_moment()
    second = await post(
        client, "/login/code", {"code": totp_code(secret)}, "/login/code"
    )
    expect(second, 303, f"code of {email}")


def new_client(base: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=base, timeout=TIMEOUT, follow_redirects=False)


async def set_up_owner(
    server: Server, email: str = "owner@example.org"
) -> httpx.AsyncClient:
    """The owner through the one-time set-up link, with 2FA, signed in again."""
    client = new_client(server.base)
    made = await post(
        client,
        server.setup_path,
        {"email": email, "password": PASSWORD, "confirm": PASSWORD},
        server.setup_path,
    )
    expect(made, 303, "owner set-up")
    secret = await enrol(client)
    await log_in(client, email, secret)
    return client


async def create_workspace(owner: httpx.AsyncClient, name: str) -> str:
    """A new web workspace; returns its slug."""
    made = await post(owner, "/workspaces", {"name": name}, "/workspaces")
    location = expect(made, 303, "new workspace").headers["location"]
    return location.removeprefix("/w/").strip("/")


async def add_member(
    owner: httpx.AsyncClient, base: str, slug: str, email: str, role: str
) -> httpx.AsyncClient:
    """Invite ``email``, accept as a new user, enrol 2FA, sign in: a client with a
    session of its own."""
    page = await post(
        owner, f"/w/{slug}/invitations", {"email": email, "role": role}, f"/w/{slug}/"
    )
    found = INVITE.search(expect(page, 200, "invitation").text)
    if found is None:
        raise RuntimeError("no invitation link")
    path = found[1].removeprefix(base)
    client = new_client(base)
    done = await post(client, path, {"password": PASSWORD, "confirm": PASSWORD}, path)
    expect(done, 303, f"invitation of {email}")
    secret = await enrol(client)
    await log_in(client, email, secret)
    return client


def point_workspace_at(root: Path, slug: str, data: Path, *, copy: bool) -> None:
    """Make the web workspace ``slug`` the workspace folder ``data``: a symlink, or
    a copy when the load writes to it (uploads, reviews)."""
    folder = root / slug
    shutil.rmtree(folder)
    if copy:
        shutil.copytree(data, folder)
    else:
        folder.symlink_to(data.resolve(), target_is_directory=True)


# -- the load ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Operation:
    """One kind of request: a page view (GET) or a form sent (POST)."""

    name: str
    method: str
    path: str
    ok_status: tuple[int, ...] = (200,)
    must_contain: str = ""
    files: tuple[tuple[str, bytes], ...] = ()


@dataclass
class Sample:
    operation: str
    seconds: float
    ok: bool
    detail: str = ""
    outcomes: tuple[str, ...] = ()
    """What an upload page said per file: imported, already_imported, refused."""


@dataclass
class Load:
    samples: list[Sample] = field(default_factory=list)
    wall: float = 0.0


class PageClient:
    """Page views (GET) over one kept-alive connection, with the session cookies of
    an httpx client: a few lines of HTTP/1.1 instead of httpx, so that the load
    generator, which shares the machine with the server it measures, spends a
    fraction of the CPU per request (POSTs still go through httpx)."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.host = client.base_url.host
        self.port = client.base_url.port or 80
        cookies = "; ".join(f"{name}={value}" for name, value in client.cookies.items())
        self.head = f"Host: {self.host}:{self.port}\r\nCookie: {cookies}\r\n\r\n"
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str) -> tuple[int, bytes]:
        """The status and body of ``GET path``. A kept-alive connection the server
        closed while idle (uvicorn does after 5 s) is opened again, once, as any
        HTTP client does."""
        reused = self.streams is not None
        try:
            return await self._get(path)
        except (asyncio.IncompleteReadError, ConnectionError) as error:
            stale = isinstance(error, ConnectionError) or not error.partial
            if not (reused and stale):
                raise
            return await self._get(path)

    async def _get(self, path: str) -> tuple[int, bytes]:
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        try:
            writer.write(f"GET {path} HTTP/1.1\r\n{self.head}".encode())
            lines = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
            status_line, *header_lines = lines.split("\r\n")
            headers = {
                name.lower(): value
                for name, _, value in (line.partition(": ") for line in header_lines)
            }
            if headers.get("transfer-encoding") == "chunked":
                body = await _chunked(reader)
            else:
                body = await reader.readexactly(int(headers.get("content-length", 0)))
        except BaseException:
            await self.close()
            raise
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return int(status_line.split()[1]), body

    async def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


async def _chunked(reader: asyncio.StreamReader) -> bytes:
    parts = []
    while size := int((await reader.readuntil(b"\r\n")).strip(), 16):
        parts.append(await reader.readexactly(size))
        await reader.readexactly(2)
    await reader.readuntil(b"\r\n")
    return b"".join(parts)


async def _one(pages: PageClient, op: Operation) -> Sample:
    started = time.perf_counter()
    try:
        if op.method == "GET":
            status, body = await pages.get(op.path)
        else:
            answer = await _send_form(pages.client, op)
            status, body = answer.status_code, answer.content
        ok = status in op.ok_status and op.must_contain.encode() in body
        detail = "" if ok else f"{status} {body[:200]!r}"
        found = OUTCOME.findall(body) if op.files and ok else []
        outcomes = tuple(outcome.decode() for outcome in found)
    except (httpx.HTTPError, OSError, asyncio.IncompleteReadError, ValueError) as error:
        ok, detail, outcomes = False, f"{type(error).__name__}: {error}", ()
    return Sample(op.name, time.perf_counter() - started, ok, detail, outcomes)


async def _send_form(client: httpx.AsyncClient, op: Operation) -> httpx.Response:
    """A POST with a CSRF token from the workspace home, /w/<slug>/, as a browser
    has one."""
    page = "/".join(op.path.split("/")[:3]) + "/"
    found = TOKEN.search((await client.get(page)).text)
    data = {"csrf_token": found[1] if found else ""}
    files = [("files", (name, body, "text/csv")) for name, body in op.files]
    return await client.post(op.path, data=data, files=files or None)


async def drive(
    clients: Sequence[httpx.AsyncClient],
    operations: Sequence[Operation],
    seconds: float,
    max_requests: int = 1_000_000,
    weights: Sequence[float] | None = None,
) -> Load:
    """Every client sends one request after another until ``seconds`` have passed
    or ``max_requests`` were sent: the operations in turn, or drawn by ``weights``."""
    load = Load()
    started = time.perf_counter()
    deadline = started + seconds
    rng = random.Random(7)  # noqa: S311 (which page next, not a secret)

    sent = 0

    async def run(index: int, client: httpx.AsyncClient) -> None:
        nonlocal sent
        turn = index
        pages = PageClient(client)
        while time.perf_counter() < deadline and sent < max_requests:
            sent += 1  # counted before the await: never more than max_requests
            if weights is None:
                op = operations[turn % len(operations)]
                turn += 1
            else:
                op = rng.choices(operations, weights)[0]
            load.samples.append(await _one(pages, op))
        await pages.close()

    await asyncio.gather(*(run(i, c) for i, c in enumerate(clients)))
    load.wall = time.perf_counter() - started
    return load


# -- figures -----------------------------------------------------------------------


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (``share`` in 0..1); NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass(frozen=True, slots=True)
class Figures:
    operation: str
    requests: int
    errors: int
    p50: float
    p95: float
    p99: float
    slowest: float


def figures(load: Load) -> list[Figures]:
    """Requests, errors and latency percentiles per operation, then for all."""
    names = sorted({s.operation for s in load.samples})
    rows = []
    for name in [*names, "all"]:
        chosen = [s for s in load.samples if name in {"all", s.operation}]
        times = [s.seconds for s in chosen]
        rows.append(
            Figures(
                name,
                len(chosen),
                sum(not s.ok for s in chosen),
                percentile(times, 0.50),
                percentile(times, 0.95),
                percentile(times, 0.99),
                max(times, default=math.nan),
            )
        )
    return rows


def upload_outcomes(load: Load) -> dict[str, int]:
    """How many uploaded files the pages said were imported, already imported or
    refused (a refusal here is the workspace busy past the server's wait)."""
    counts: dict[str, int] = {}
    for sample in load.samples:
        for outcome in sample.outcomes:
            counts[outcome] = counts.get(outcome, 0) + 1
    return dict(sorted(counts.items()))


def table(rows: Sequence[Figures], wall: float) -> list[str]:
    """The figures as a Markdown table."""
    lines = [
        "| Page | Requests | Errors | Requests/s | p50 | p95 | p99 | Slowest |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        rate = row.requests / wall if wall else math.nan
        lines.append(
            f"| {row.operation} | {row.requests:,} | {row.errors:,} | {rate:.1f} | "
            f"{ms(row.p50)} | {ms(row.p95)} | {ms(row.p99)} | {ms(row.slowest)} |"
        )
    return lines


def ms(seconds: float) -> str:
    return "—" if math.isnan(seconds) else f"{seconds * 1000:,.0f} ms"
