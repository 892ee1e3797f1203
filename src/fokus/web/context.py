"""Per-request plumbing shared by the routes: the database session, the signed-in
user, the reader's language, and the redirects that send a visitor where they must
go first (sign in, then set up two-factor authentication)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from fokus.i18n import Language, parse_language
from fokus.web.db import Database, SessionRow, User
from fokus.web.security import sessions
from fokus.web.settings import Settings

LANG_COOKIE = "fokus_lang"


class Redirect(Exception):
    """Send the browser to ``url`` (303 See Other)."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def database_of(request: Request) -> Database:
    database: Database = request.app.state.db
    return database


async def get_db(request: Request) -> AsyncIterator[Session]:
    """One transaction per request: committed when the route returns normally,
    before the response leaves (``scope="function"``), so the browser's next request
    sees it; rolled back when the route raises.

    ``async``, like the sign-in and access checks below, so that a page costs no
    trips to the thread pool before its route: those checks are a few indexed reads
    of the app database, quicker on the event loop than a hand-over to a thread (and
    the GIL contention of many threads). They end their read transaction at once, so
    no connection is held while a request waits; the pool never makes the event loop
    wait for a connection (``fokus.web.db.engine``)."""
    with database_of(request).sessions() as db:
        request.state.db = db
        yield db
        db.commit()


Db = Annotated[Session, Depends(get_db, scope="function")]


@dataclass(frozen=True, slots=True)
class SignedIn:
    user: User
    session: SessionRow


def session_of(request: Request, db: Session) -> SessionRow | None:
    found: SessionRow | None = getattr(request.state, "session_row", None)
    if found is None:
        key = settings_of(request).secret_key
        found = sessions.find(db, key, request.cookies.get(sessions.COOKIE), now())
        request.state.session_row = found
    return found


def _session_user(request: Request, db: Session) -> SignedIn:
    row = session_of(request, db)
    if row is None or row.stage != "full":
        raise Redirect("/login")
    user = db.get(User, row.user_id)
    if user is None:
        raise Redirect("/login")
    request.state.user = user
    return SignedIn(user, row)


async def _signed_in(request: Request, db: Db) -> SignedIn:
    signed_in = _session_user(request, db)
    db.commit()  # the connection goes back to the pool before the route runs
    return signed_in


async def _ready(
    request: Request, current: Annotated[SignedIn, Depends(_signed_in)]
) -> User:
    """The signed-in user, once two-factor authentication is set up where enforced."""
    if settings_of(request).require_2fa and not current.user.totp_enabled:
        raise Redirect("/account/2fa")
    return current.user


async def _owner(user: Annotated[User, Depends(_ready)]) -> User:
    if not user.is_owner:
        raise HTTPException(status_code=403)
    return user


CurrentSession = Annotated[SignedIn, Depends(_signed_in)]
"""Signed in with every factor; two-factor set-up may still be owed."""
CurrentUser = Annotated[User, Depends(_ready)]
"""Signed in and allowed everywhere their roles allow."""
InstanceOwner = Annotated[User, Depends(_owner)]


def language_of(request: Request) -> Language:
    user: User | None = getattr(request.state, "user", None)
    if user is not None:
        found = parse_language(user.language)
        if found:
            return found
    cookie = parse_language(request.cookies.get(LANG_COOKIE, ""))
    if cookie:
        return cookie
    for part in request.headers.get("accept-language", "").split(","):
        found = parse_language(part.split(";")[0])
        if found:
            return found
    return "nb"


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"
