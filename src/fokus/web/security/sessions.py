"""Server-side sessions: a random token in an HttpOnly cookie, only its keyed hash in
the database. Signing in always makes a new token (no fixation); signing out deletes
the row, so a copied cookie dies with it. Expired rows are refused, and removed at
every sign-in (a page view writes nothing)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from fokus.web.db.models import SessionRow
from fokus.web.security.tokens import new_token, token_hash

COOKIE = "fokus_session"
Stage = Literal["code", "full"]
LIFETIME: dict[Stage, dt.timedelta] = {
    "code": dt.timedelta(minutes=10),
    "full": dt.timedelta(hours=12),
}


def start(db: Session, key: bytes, user_id: int, stage: Stage, now: dt.datetime) -> str:
    """A new session for ``user_id``; returns the token for the cookie."""
    token = new_token()
    db.execute(delete(SessionRow).where(SessionRow.expires_at <= now))
    db.add(
        SessionRow(
            token_hash=token_hash(key, token),
            user_id=user_id,
            stage=stage,
            created_at=now,
            expires_at=now + LIFETIME[stage],
        )
    )
    return token


def find(
    db: Session, key: bytes, token: str | None, now: dt.datetime
) -> SessionRow | None:
    if not token:
        return None
    row = db.scalar(
        select(SessionRow).where(SessionRow.token_hash == token_hash(key, token))
    )
    if row is None:
        return None
    if _aware(row.expires_at) <= now:
        return None  # deleted by the next sign-in (``start``): no write here
    return row


def end(db: Session, key: bytes, token: str | None) -> None:
    if token:
        db.execute(
            delete(SessionRow).where(SessionRow.token_hash == token_hash(key, token))
        )


def end_all(db: Session, user_id: int, *, keep: int | None = None) -> None:
    """Sign a user out everywhere (a password reset), but for the session ``keep``."""
    db.execute(
        delete(SessionRow).where(SessionRow.user_id == user_id, SessionRow.id != keep)
        if keep is not None
        else delete(SessionRow).where(SessionRow.user_id == user_id)
    )


def _aware(value: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes; they were stored as UTC."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
