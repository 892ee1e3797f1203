"""The app database survives ``kill -9``: the real server (``fokus serve``, SQLite
app database) is killed at seeded random points while a thread creates workspaces,
invites people, accepts invitations, signs in and edits a register. After each kill
it starts again, and everything that got a success answer before the kill is there,
whole; nothing is half-done; and the burst goes on."""

from __future__ import annotations

import os
import random
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import httpx2 as httpx
from alembic.script import ScriptDirectory

from fokus.web.security import sessions

SEED = 20261127
KILLS = 5
PASSWORD = "correct horse battery"  # noqa: S105 (a test account)
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
SETUP = re.compile(r"(/setup/[A-Za-z0-9_-]+)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Server:
    root: Path
    port: int
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.starts += 1
        log = self.root.parent / f"serve-{self.starts}.log"
        environ = {
            key: value
            for key, value in os.environ.items()
            if key != "FOKUS_DATABASE_URL"  # the default: SQLite under the root
        }
        environ["FOKUS_REQUIRE_2FA"] = "false"  # tested elsewhere; not the point here
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [
                    sys.executable, "-m", "fokus", "serve", "--root", str(self.root),
                    "--port", str(self.port),
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=environ,
            )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, log.read_text()
            try:
                if httpx.get(self.url + "/login", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise AssertionError("fokus serve did not start: " + log.read_text())

    def setup_path(self) -> str:
        text = (self.root.parent / f"serve-{self.starts}.log").read_text()
        found = SETUP.search(text)
        assert found, text
        return found.group(1)

    def kill(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)


def _form(
    client: httpx.Client, page: str, path: str, data: dict[str, str]
) -> httpx.Response:
    token = TOKEN.search(client.get(page).text)
    assert token, page
    return client.post(path, data={**data, "csrf_token": token.group(1)})


@dataclass
class Done:
    """What got a success answer: the server had said it was stored."""

    workspaces: list[str] = field(default_factory=list)
    invitations: list[tuple[str, str]] = field(default_factory=list)
    members: list[tuple[str, str]] = field(default_factory=list)
    sessions: list[tuple[str, str]] = field(default_factory=list)
    rows: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _round(url: str, owner: httpx.Client, number: int, done: Done) -> None:
    """One round of state changes; each is noted in ``done`` once answered."""
    made = _form(owner, "/workspaces", "/workspaces", {"name": f"Lag {number}"})
    assert made.status_code == 303, made.text
    slug = made.headers["location"].split("/")[2]
    done.workspaces.append(slug)
    email = f"person{number}@example.org"
    page = _form(owner, f"/w/{slug}/", f"/w/{slug}/invitations",
                 {"email": email, "role": "editor"})  # fmt: skip
    assert page.status_code == 200, page.text
    link = page.text.split('id="invite-link" readonly value="')[1].split('"')[0]
    done.invitations.append((email, slug))
    path = link.removeprefix(url)
    with httpx.Client(base_url=url) as member:
        joined = _form(member, path, path, {"password": PASSWORD, "confirm": PASSWORD})
    assert joined.status_code == 303, joined.text
    done.members.append((email, slug))
    with httpx.Client(base_url=url) as fresh:
        _sign_in_and_edit(fresh, email, slug, number, done)


def _sign_in_and_edit(
    fresh: httpx.Client, email: str, slug: str, number: int, done: Done
) -> None:
    signed = _form(fresh, "/login", "/login", {"email": email, "password": PASSWORD})
    assert signed.status_code == 303, signed.text
    done.sessions.append((email, fresh.cookies[sessions.COOKIE]))
    person = f"Person {number}"
    form = f"/w/{slug}/registers/access"
    row = {"person": person, "platform": "Facebook", "asset": "Laget",
           "role": "redaktør", "last_active": "2026-03-25"}  # fmt: skip
    added = _form(fresh, form, f"{form}/rows", row)
    assert added.status_code == 303, added.text
    done.rows.append((slug, person))


def _burst(url: str, owner_cookie: str, start: int, done: Done) -> None:
    """Rounds until the server dies; a request cut off by the kill was not answered.
    Any other failure is kept in ``done.errors``."""
    number = start
    try:
        with httpx.Client(
            base_url=url, cookies={sessions.COOKIE: owner_cookie}
        ) as owner:
            while True:
                number += 1
                _round(url, owner, number, done)
    except httpx.TransportError:
        return
    except Exception as error:
        done.errors.append(repr(error))


def _head() -> str:
    folder = resources.files("fokus.web.db") / "migrations"
    head = ScriptDirectory(str(folder)).get_current_head()
    assert head is not None
    return head


def _check(server: Server, done: Done) -> None:
    """The database is whole and holds every answered action, nothing half-done."""
    database = server.root / "fokus-web.sqlite"
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (_head(),)
        ]
        slugs = {row[0] for row in db.execute("SELECT slug FROM workspaces")}
        assert set(done.workspaces) <= slugs
        for slug in slugs:  # every workspace row has its folder, and was audited
            assert (server.root / slug / "fokus.toml").is_file(), slug
        created = {
            row[0]
            for row in db.execute(
                "SELECT detail FROM audit_events WHERE kind = 'workspace_created'"
            )
        }
        assert created == slugs
        links = set(
            db.execute(
                "SELECT i.email, w.slug FROM invitations i"
                " JOIN workspaces w ON w.id = i.workspace_id WHERE i.kind = 'invite'"
            )
        )
        assert set(done.invitations) <= links
        assert db.execute(
            "SELECT count(*) FROM invitations WHERE kind = 'invite'"
        ).fetchone() == (len(links),)
        members = set(
            db.execute(
                "SELECT u.email, w.slug FROM memberships m JOIN users u ON u.id ="
                " m.user_id JOIN workspaces w ON w.id = m.workspace_id"
            )
        )
        assert set(done.members) <= members
        # An accepted invitation and its membership are one: both or neither.
        used = set(
            db.execute(
                "SELECT i.email, w.slug FROM invitations i JOIN workspaces w ON"
                " w.id = i.workspace_id WHERE i.kind = 'invite' AND i.used_at IS NOT NULL"
            )
        )
        assert used == members
        # Every account but the owner's came with its membership.
        loners = db.execute(
            "SELECT email FROM users WHERE NOT is_owner AND id NOT IN"
            " (SELECT user_id FROM memberships)"
        ).fetchall()
        assert loners == []
    for slug, person in done.rows:
        text = (server.root / slug / "registers" / "access.csv").read_text("utf-8")
        assert person in text, (slug, person)


def _sessions_survive(server: Server, done: Done) -> None:
    for email, cookie in done.sessions:
        with httpx.Client(
            base_url=server.url, cookies={sessions.COOKIE: cookie}
        ) as client:
            assert client.get("/workspaces").status_code == 200, email


def _backup_while_serving(server: Server, target: Path) -> int:
    """docs/backup.md's procedure, with Python's ``sqlite3.Connection.backup``."""
    with (
        sqlite3.connect(server.root / "fokus-web.sqlite") as source,
        sqlite3.connect(target) as copy,
    ):
        source.backup(copy)
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        count: int = copy.execute("SELECT count(*) FROM workspaces").fetchone()[0]
    return count


def _first_owner(server: Server, client: httpx.Client) -> str:
    """The owner made through the set-up link ``fokus serve`` printed; their
    session cookie."""
    path = server.setup_path()
    made = _form(client, path, path,
                 {"email": "owner@example.org", "password": PASSWORD, "confirm": PASSWORD})  # fmt: skip
    assert made.status_code == 303, made.text
    return client.cookies[sessions.COOKIE]


def test_the_app_database_survives_kill_9_during_a_burst(tmp_path: Path) -> None:
    chance = random.Random(SEED)  # noqa: S311 (kill points, not secrets)
    server = Server(tmp_path / "instance", _free_port())
    server.start()
    with httpx.Client(base_url=server.url) as first:
        owner_cookie = _first_owner(server, first)
    done = Done()
    try:
        for kill in range(KILLS):
            burst = threading.Thread(
                target=_burst, args=(server.url, owner_cookie, 1000 * kill, done)
            )
            burst.start()
            time.sleep(chance.uniform(1.0, 4.0))
            server.kill()
            burst.join(timeout=60)
            assert not burst.is_alive()
            assert done.errors == []
            server.start()
            _check(server, done)
            _sessions_survive(server, done)
        assert len(done.workspaces) >= KILLS  # the bursts got somewhere
        # The burst goes on after the last restart.
        before = len(done.rows)
        with httpx.Client(
            base_url=server.url, cookies={sessions.COOKIE: owner_cookie}
        ) as owner:
            _round(server.url, owner, 99999, done)
        assert len(done.rows) == before + 1
        _check(server, done)
        copied = _backup_while_serving(server, tmp_path / "backup.sqlite")
        assert copied >= len(done.workspaces)
    finally:
        if server.process is not None and server.process.poll() is None:
            server.kill()
