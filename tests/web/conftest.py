"""Fixtures of the web app tests: the app on SQLite and on a throwaway PostgreSQL
cluster (stack.md §8), a client, and helpers that walk the sign-in steps."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from fastapi.testclient import TestClient
from webflow import Web

from fokus.web.app import create_app
from fokus.web.settings import load_settings

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A throwaway PostgreSQL 15 cluster on a private port and socket folder."""
    if not (PG_BIN / "initdb").exists():
        _skip_or_fail("PostgreSQL 15 is not installed (scripts/apt-packages.txt)")
    if os.geteuid() != 0 or shutil.which("su") is None:
        _skip_or_fail("starting PostgreSQL as the postgres user needs root")
    # Not under pytest's temporary folder: the postgres user cannot enter root's.
    folder = Path(tempfile.mkdtemp(prefix="fokus-pg-"))
    port = _free_port()
    (folder / "sock").mkdir()
    subprocess.run(["chown", "-R", "postgres:postgres", str(folder)], check=True)
    start = (
        f"{PG_BIN}/initdb -D {folder}/data -U app --auth=trust -E UTF8 --locale=C.UTF-8"
        f" >/dev/null && {PG_BIN}/pg_ctl -D {folder}/data -o '-p {port} -k"
        f" {folder}/sock -c listen_addresses=127.0.0.1' -l {folder}/pg.log -w start"
    )
    subprocess.run(
        ["su", "postgres", "-s", "/bin/bash", "-c", start],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://app@127.0.0.1:{port}"
    finally:
        stop = f"{PG_BIN}/pg_ctl -D {folder}/data -m fast stop"
        subprocess.run(
            ["su", "postgres", "-s", "/bin/bash", "-c", stop],
            check=False,
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


_COUNTER = iter(range(1, 1_000_000))


def _fresh_database(request: pytest.FixtureRequest, root: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{root / 'app.sqlite'}"
    base: str = request.getfixturevalue("postgres_url")
    name = f"t{next(_COUNTER)}"
    plain = base.replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(plain + "/postgres", autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    return f"{base}/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def web(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Web]:
    root = tmp_path / "instance"
    environ = {"FOKUS_DATABASE_URL": _fresh_database(request, tmp_path)}
    settings = load_settings(root, environ)
    app = create_app(settings)
    with TestClient(app, raise_server_exceptions=True) as client:
        yield Web(client, root, app)
    app.state.db.engine.dispose()
