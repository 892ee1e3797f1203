"""Imports into one workspace at once through the web app: two editors uploading at
the same moment (web + web), an upload while `fokus import` runs (web + CLI), and a
review started from the web while `fokus import` runs.

Against a real `fokus serve` on 127.0.0.1 (benchmarks/web_load_core.py starts it and
signs the accounts in through the real routes). Each case starts both sides behind a
barrier, several times; the store afterwards must equal the store after the same two
imports one after the other, in one order or the other. When the workspace stays
busy longer than the server's bound, the answer is a plain "busy, nothing changed",
tested exactly at the end with a held lock.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx2 as httpx
import pytest
from jsonschema import Draft202012Validator

from fokus.errors import FokusError
from fokus.i18n import translate
from fokus.report import json_schema
from fokus.store import Store
from fokus.store.lock import workspace_lock
from fokus.web.settings import load_settings

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ingest"))

from meta_exports import dump, facebook_row, write_facebook

from web_load_core import (
    TOKEN,
    Server,
    add_member,
    create_workspace,
    set_up_owner,
    start_server,
)

pytestmark = pytest.mark.slow
ROUNDS = 3
REVIEW_ROUNDS = 2
"""A review takes far longer than an import: two rounds."""
POSTS = 5_000
BUSY_WAIT = 5
"""The server's bound on waiting for the workspace lock in the busy case (seconds)."""


@dataclass
class Site:
    server: Server
    slug: str
    editors: tuple[httpx.Cookies, httpx.Cookies]
    empty: Path
    """A copy of the web workspace as created, before any import."""
    files: tuple[Path, Path]

    @property
    def folder(self) -> Path:
        return self.server.root / self.slug

    def reset(self) -> None:
        shutil.rmtree(self.folder)
        shutil.copytree(self.empty, self.folder)

    def client(self, editor: int) -> httpx.Client:
        return httpx.Client(
            base_url=self.server.base,
            cookies=self.editors[editor],
            timeout=300.0,
            follow_redirects=False,
        )


def _export(folder: Path, prefix: int, year: int) -> Path:
    rows = [
        facebook_row(str(prefix * 10**9 + i), f"{1 + i % 12:02d}/{1 + i % 28:02d}/{year} 10:00",
                     f"Innlegg {prefix}-{i}")
        for i in range(POSTS)
    ]  # fmt: skip
    return write_facebook(folder / f"posts-{prefix}.csv", rows)


async def _accounts(server: Server) -> tuple[str, httpx.Cookies, httpx.Cookies]:
    owner = await set_up_owner(server)
    slug = await create_workspace(owner, "Samtidig")
    first = await add_member(owner, server.base, slug, "first@example.org", "editor")
    second = await add_member(owner, server.base, slug, "second@example.org", "editor")
    cookies = (httpx.Cookies(first.cookies), httpx.Cookies(second.cookies))
    for client in (owner, first, second):
        await client.aclose()
    return slug, *cookies


def _start(root: Path, wait: int | None = None) -> Server:
    with pytest.MonkeyPatch.context() as patch:
        if wait is not None:
            patch.setenv("FOKUS_LOCK_WAIT_SECONDS", str(wait))
        return start_server(root)


def _site(tmp: Path, server: Server) -> Site:
    # In a thread of its own: Playwright's tests leave an event loop in this one.
    with ThreadPoolExecutor(1) as pool:
        slug, first, second = pool.submit(asyncio.run, _accounts(server)).result()
    empty = tmp / "empty"
    shutil.copytree(server.root / slug, empty)
    files = (_export(tmp / "files", 1, 2024), _export(tmp / "files", 2, 2025))
    return Site(server, slug, (first, second), empty, files)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    tmp = tmp_path_factory.mktemp("web-concurrency")
    server = _start(tmp / "instance", wait=600)  # both sides always get through
    try:
        yield _site(tmp, server)
    finally:
        server.stop()


# -- the two sides -------------------------------------------------------------------


@dataclass
class Timed:
    """One side's answer, and when it was sent and answered (perf_counter)."""

    sent: float
    done: float
    status: int
    text: str


def _token(client: httpx.Client, slug: str) -> str:
    found = TOKEN.search(client.get(f"/w/{slug}/upload").text)
    assert found, "no CSRF token on the upload page"
    return found[1]


def _uploader(site: Site, editor: int, path: Path) -> Callable[[], Timed]:
    """A prepared upload (signed in, token fetched), to be sent when called."""
    client = site.client(editor)
    token = _token(client, site.slug)

    def send() -> Timed:
        sent = time.perf_counter()
        try:
            with path.open("rb") as body:
                answer = client.post(
                    f"/w/{site.slug}/upload",
                    data={"csrf_token": token},
                    files=[("files", (path.name, body, "text/csv"))],
                )
        finally:
            client.close()
        return Timed(sent, time.perf_counter(), answer.status_code, answer.text)

    return send


def _cli_import(site: Site, path: Path) -> Callable[[], Timed]:
    def run() -> Timed:
        sent = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "fokus", "import", str(site.folder), str(path),
             "--quiet", "--wait", "600"],
            capture_output=True, text=True, timeout=300, check=False,
            env={**os.environ, "FOKUS_LANG": "en", "COLUMNS": "500", "NO_COLOR": "1"},
        )  # fmt: skip
        return Timed(sent, time.perf_counter(), done.returncode, done.stderr)

    return run


def _review_run(site: Site, editor: int) -> Callable[[], Timed]:
    client = site.client(editor)
    token = _token(client, site.slug)

    def send() -> Timed:
        sent = time.perf_counter()
        try:
            answer = client.post(
                f"/w/{site.slug}/review/run", data={"csrf_token": token}
            )
        finally:
            client.close()
        return Timed(sent, time.perf_counter(), answer.status_code, answer.text)

    return send


def _together(*sides: Callable[[], Timed]) -> list[Timed]:
    """Run every side in a thread of its own, released at once by a barrier."""
    barrier = threading.Barrier(len(sides))

    def released(side: Callable[[], Timed]) -> Timed:
        barrier.wait(timeout=60)
        return side()

    with ThreadPoolExecutor(len(sides)) as pool:
        return list(pool.map(released, sides))


def _state(site: Site) -> dict[str, list[tuple[object, ...]]]:
    """Every imported row, and who uploaded what (without the times)."""
    with Store.open(site.folder / "fokus.duckdb") as store:
        state = dump(store, with_times=False)
        state["uploads"] = sorted(
            store.connection.execute(
                "SELECT * EXCLUDE (uploaded_at) FROM uploads"
            ).fetchall(),
            key=repr,
        )
    return state


IMPORTED = (
    "Gjenkjent som Facebook-innlegg (Meta Business Suite): 5\xa0000 rader importert."
)
"""What the upload page says of each file (in bokmål, the accounts' language)."""


def _imported(answer: Timed) -> None:
    assert answer.status == 200, answer.text[:2000]
    assert IMPORTED in answer.text, answer.text[:2000]


def _one_after_the_other(
    site: Site, sides: tuple[Callable[[Site], Callable[[], Timed]], ...]
) -> list[dict[str, list[tuple[object, ...]]]]:
    """The store after the two sides one after the other, in each order."""
    results = []
    for order in (sides, sides[::-1]):
        site.reset()
        for make in order:
            answer = make(site)()
            if answer.status != 0:  # not the command line's success: an upload
                _imported(answer)
        results.append(_state(site))
        assert len(results[-1]["posts"]) == 2 * POSTS
    assert results[0] != results[1]  # the import ids tell the orders apart
    return results


def _overlapped(answers: list[Timed]) -> None:
    """Both were under way at once: each was sent before the other was answered."""
    assert max(a.sent for a in answers) < min(a.done for a in answers)


# -- the cases -----------------------------------------------------------------------


def test_two_editors_uploading_at_once_equal_one_after_the_other(site: Site) -> None:
    first, second = site.files
    sides = (
        lambda s: _uploader(s, 0, first),
        lambda s: _uploader(s, 1, second),
    )
    expected = _one_after_the_other(site, sides)
    for round_ in range(ROUNDS):
        site.reset()
        answers = _together(*(make(site) for make in sides))
        for answer in answers:
            _imported(answer)
        _overlapped(answers)
        state = _state(site)
        assert state in expected, f"round {round_}: not a serial result"
        assert len(state["posts"]) == 2 * POSTS
        assert [(row[0], row[3]) for row in state["uploads"]] == [
            ("posts-1.csv", "first@example.org"),
            ("posts-2.csv", "second@example.org"),
        ]


def test_an_upload_while_fokus_import_runs_equals_one_after_the_other(
    site: Site,
) -> None:
    first, second = site.files
    sides = (
        lambda s: _uploader(s, 0, first),
        lambda s: _cli_import(s, second),
    )
    expected = _one_after_the_other(site, sides)
    for round_ in range(ROUNDS):
        site.reset()
        upload, command = _together(*(make(site) for make in sides))
        _imported(upload)
        assert command.status == 0, command.text
        _overlapped([upload, command])
        state = _state(site)
        assert state in expected, f"round {round_}: not a serial result"
        assert len(state["posts"]) == 2 * POSTS


def _wait_for_review(site: Site, editor: int) -> str:
    with site.client(editor) as client:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            status = client.get(f"/w/{site.slug}/review/status").text
            if "Gjennomgangen kjører." not in status:
                return status
            time.sleep(0.5)
    pytest.fail("the review did not finish in 10 minutes")


def test_a_review_from_the_web_while_fokus_import_runs(site: Site) -> None:
    first, second = site.files
    site.reset()
    _imported(_uploader(site, 0, first)())
    assert _cli_import(site, second)().status == 0
    expected = _state(site)
    for round_ in range(REVIEW_ROUNDS):
        site.reset()
        _imported(_uploader(site, 0, first)())
        run, command = _together(_review_run(site, 1), _cli_import(site, second))
        assert run.status == 303, run.text[:2000]
        assert command.status == 0, command.text
        status = _wait_for_review(site, 1)
        assert "Gjennomgangen er ferdig." in status, status
        assert _state(site) == expected, f"round {round_}"
        # The review read the store before the import or after it, never between.
        document = json.loads((site.folder / "reports" / "review.json").read_bytes())
        Draft202012Validator(json_schema()).validate(document)
        assert document["period"]["end"] in {"2024-12-28", "2025-12-28"}, round_
        html = (site.folder / "reports" / "review.html").read_text(encoding="utf-8")
        assert html.rstrip().endswith("</html>")
        assert sorted(p.name for p in (site.folder / "reports").iterdir()) == [
            "review-tables.xlsx", "review.fragment.html", "review.html",
            "review.json", "review.pdf", "review.pptx",
        ]  # fmt: skip


# -- a workspace busy for longer than the server waits --------------------------------


@pytest.fixture(scope="module")
def busy_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    tmp = tmp_path_factory.mktemp("web-busy")
    server = _start(tmp / "instance", wait=BUSY_WAIT)
    try:
        yield _site(tmp, server)
    finally:
        server.stop()


BUSY_UPLOAD = (
    "Arbeidsområdet er opptatt med en annen import, gjennomgang eller sikkerhetskopi, "
    "og den ble ikke ferdig innen 5 sekunder. Denne filen er ikke importert."
)
BUSY_UPLOAD_HINT = "Send filen på nytt om et par minutter. Ingenting er endret."
BUSY_REVIEW = (
    "Arbeidsområdet var opptatt med en annen import, gjennomgang eller "
    "sikkerhetskopi i 5 sekunder, så gjennomgangen ble ikke startet."
)
BUSY_REVIEW_HINT = "Kjør gjennomgangen på nytt om et par minutter. Ingenting er endret."


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_a_workspace_busy_longer_than_the_bound_is_refused_in_plain_words(
    busy_site: Site,
) -> None:
    site = busy_site
    first, _second = site.files
    site.reset()
    with workspace_lock(site.folder):
        before = _listing(site.folder)
        upload = _uploader(site, 0, first)
        with ThreadPoolExecutor(1) as pool:
            waiting = pool.submit(upload)
            time.sleep(1)
            # While the upload waits for the lock, the server answers other requests.
            with site.client(1) as other:
                assert other.get(f"/w/{site.slug}/upload").status_code == 200
            answered = time.perf_counter()
            answer = waiting.result()
        assert answered < answer.done
        assert answer.status == 200
        assert BUSY_UPLOAD in answer.text, answer.text[:3000]
        assert BUSY_UPLOAD_HINT in answer.text
        assert IMPORTED not in answer.text
        assert str(site.folder) not in answer.text  # no server path shown
        run = _review_run(site, 1)()
        assert run.status == 303
        status = _wait_for_review(site, 1)
        assert f"Gjennomgangen stoppet: {BUSY_REVIEW}" in status, status
        assert BUSY_REVIEW_HINT in status
        # Nothing changed: no file kept, no database, no report.
        assert _listing(site.folder) == before
    # Once the workspace is free, the same file goes through.
    _imported(_uploader(site, 0, first)())


def test_the_lock_wait_setting_is_read_and_checked(tmp_path: Path) -> None:
    assert load_settings(tmp_path, {}).lock_wait_seconds == 60
    given = {"FOKUS_LOCK_WAIT_SECONDS": " 5 "}
    assert load_settings(tmp_path, given).lock_wait_seconds == 5
    for wrong in ("0", "3601", "-1", "1.5", "soon"):
        with pytest.raises(FokusError) as refused:
            load_settings(tmp_path, {"FOKUS_LOCK_WAIT_SECONDS": wrong})
        error = refused.value
        assert translate(error.message_key, "en", **error.params) == (
            f"FOKUS_LOCK_WAIT_SECONDS={wrong} is not a valid number of seconds."
        )
