"""Sign-in rate limits kept in the app database, so a restart forgives nothing.

Every password or code tried is recorded twice, for the account and for the client
address, *before* it is checked (``attempt``): requests sent at the same moment
cannot all slip under the limit, because each counts the others that were written
before it. A right password or code takes its own record back (``forgive``); a wrong
one leaves it as a failure. An account is locked after ``ACCOUNT_LIMIT`` failures
within ``WINDOW``; an address after ``ADDRESS_LIMIT`` (it may try many accounts).
The lock lifts when the oldest failure in the window ages out; a complete sign-in
(password and, where enrolled, the second factor) clears the account's failures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from fokus.web.db.models import LoginFailure

WINDOW = dt.timedelta(minutes=15)
ACCOUNT_LIMIT = 5
ADDRESS_LIMIT = 20


@dataclass(frozen=True, slots=True)
class Attempt:
    """The two records of one try, taken back if it succeeds."""

    ids: tuple[int, int]


def account_key(email: str) -> str:
    return "account:" + email.strip().lower()


def address_key(address: str) -> str:
    return "address:" + address


def failures(db: Session, key: str, now: dt.datetime) -> int:
    since = now - WINDOW
    query = select(func.count()).where(LoginFailure.key == key, LoginFailure.at > since)
    return int(db.scalar(query) or 0)


def attempt(db: Session, email: str, address: str, now: dt.datetime) -> Attempt | None:
    """Record a try (committed at once) before its password or code is checked;
    None, and nothing kept, when the account or the address is locked."""
    rows = (
        LoginFailure(key=account_key(email), at=now),
        LoginFailure(key=address_key(address), at=now),
    )
    db.add_all(rows)
    db.commit()
    if (
        failures(db, account_key(email), now) > ACCOUNT_LIMIT
        or failures(db, address_key(address), now) > ADDRESS_LIMIT
    ):
        _remove(db, (rows[0].id, rows[1].id))
        db.commit()
        return None
    return Attempt((rows[0].id, rows[1].id))


def forgive(db: Session, tried: Attempt) -> None:
    """The try was right: it counts against neither the account nor the address."""
    _remove(db, tried.ids)


def locks_now(db: Session, email: str, now: dt.datetime) -> bool:
    """True when the account's failures just reached the limit (the lockout)."""
    return failures(db, account_key(email), now) == ACCOUNT_LIMIT


def clear_account(db: Session, email: str) -> None:
    db.execute(delete(LoginFailure).where(LoginFailure.key == account_key(email)))


def _remove(db: Session, ids: tuple[int, ...]) -> None:
    db.execute(delete(LoginFailure).where(LoginFailure.id.in_(ids)))
