"""The core calls behind ``fokus serve`` and ``fokus user add``."""

from __future__ import annotations

from fokus.web import accounts
from fokus.web.context import now
from fokus.web.db import open_database
from fokus.web.settings import Settings


def add_user(settings: Settings, email: str, password: str, *, owner: bool) -> str:
    """Create an account (an instance owner with ``owner``); returns its e-mail."""
    database = open_database(settings.database_url)
    try:
        with database.sessions.begin() as db:
            return accounts.add_user(db, email, password, owner=owner).email
    finally:
        database.engine.dispose()


def setup_token(settings: Settings) -> str | None:
    """A one-time set-up token while no owner exists (printed by ``fokus serve``)."""
    database = open_database(settings.database_url)
    try:
        with database.sessions.begin() as db:
            return accounts.setup_link(db, settings.secret_key, now())
    finally:
        database.engine.dispose()
