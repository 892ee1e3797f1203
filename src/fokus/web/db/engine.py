"""Opening the app database and bringing its schema up to date with Alembic."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry


@dataclass(frozen=True, slots=True)
class Database:
    engine: Engine
    sessions: sessionmaker[Session]


POOL = {"pool_size": 40, "max_overflow": -1}
"""As many connections kept as requests run at once (Starlette's thread pool has
40; an overflow connection is made and closed per request, PRAGMAs and all), and no
upper bound: the sign-in and access checks query on the event loop
(``fokus.web.context``), which must never wait for a connection that only the event
loop itself can give back."""


def open_database(url: str) -> Database:
    """Connect to ``url`` and run every migration not yet applied."""
    sqlite = url.startswith("sqlite")
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False} if sqlite else {},
        pool_pre_ping=not sqlite,
        **POOL,
    )
    if sqlite:
        event.listen(engine, "connect", _sqlite_pragmas)
    upgrade(engine)
    return Database(engine, sessionmaker(engine, expire_on_commit=False))


def upgrade(engine: Engine) -> None:
    """``alembic upgrade head`` on ``engine``, with the migrations in the package."""
    config = Config()
    folder = resources.files("fokus.web.db") / "migrations"
    config.set_main_option("script_location", str(folder))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _sqlite_pragmas(connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    """Crash safety (docs/web.md): write-ahead log, and every commit synced to disk
    before the request that made it is answered (``synchronous = FULL``), so what a
    browser was told is stored survives a killed server and a power cut alike."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()
