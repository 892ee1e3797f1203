"""Sign-in rate limits kept in the app database, so a restart forgives nothing.

Every failed password or code is recorded twice: for the account and for the client
address. An account is locked after ``ACCOUNT_LIMIT`` failures within ``WINDOW``; an
address after ``ADDRESS_LIMIT`` (it may try many accounts). The lock lifts when the
oldest failure in the window ages out; a successful sign-in clears the account's.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from fokus.web.db.models import LoginFailure

WINDOW = dt.timedelta(minutes=15)
ACCOUNT_LIMIT = 5
ADDRESS_LIMIT = 20


def account_key(email: str) -> str:
    return "account:" + email.strip().lower()


def address_key(address: str) -> str:
    return "address:" + address


def failures(db: Session, key: str, now: dt.datetime) -> int:
    since = now - WINDOW
    query = select(func.count()).where(LoginFailure.key == key, LoginFailure.at > since)
    return int(db.scalar(query) or 0)


def locked(db: Session, email: str, address: str, now: dt.datetime) -> bool:
    return (
        failures(db, account_key(email), now) >= ACCOUNT_LIMIT
        or failures(db, address_key(address), now) >= ADDRESS_LIMIT
    )


def record_failure(db: Session, email: str, address: str, now: dt.datetime) -> bool:
    """Count one failure; True when it is the one that locks the account."""
    db.add(LoginFailure(key=account_key(email), at=now))
    db.add(LoginFailure(key=address_key(address), at=now))
    db.flush()
    return failures(db, account_key(email), now) == ACCOUNT_LIMIT


def clear_account(db: Session, email: str) -> None:
    db.execute(delete(LoginFailure).where(LoginFailure.key == account_key(email)))
