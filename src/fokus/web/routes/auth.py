"""Signing in and out: first-owner set-up, password, then the second factor."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request, Response
from fastapi.responses import RedirectResponse

from fokus.errors import FokusError
from fokus.web import accounts, audit
from fokus.web.context import (
    Db,
    client_address,
    language_of,
    now,
    session_of,
    settings_of,
)
from fokus.web.db import User
from fokus.web.routes.cookies import clear_session, set_session
from fokus.web.security import ratelimit, sessions
from fokus.web.security.passwords import check_password
from fokus.web.templating import render

router = APIRouter()
Text = Annotated[str, Form()]


def _signed_in_redirect(
    request: Request, user: User, db: Db, stage: sessions.Stage
) -> Response:
    """A fresh session (never the old token: no fixation) and on to the next page."""
    key = settings_of(request).secret_key
    sessions.end(db, key, request.cookies.get(sessions.COOKIE))
    token = sessions.start(db, key, user.id, stage, now())
    response = RedirectResponse(
        "/login/code" if stage == "code" else "/", status_code=303
    )
    set_session(request, response, token)
    return response


@router.get("/setup/{token}")
def setup_page(request: Request, token: str, db: Db) -> Response:
    if (
        accounts.open_link(db, settings_of(request).secret_key, token, "setup", now())
        is None
    ):
        raise HTTPException(status_code=404)
    return render(request, "setup.html.j2", token=token, errors={}, email="")


@router.post("/setup/{token}")
def setup(  # noqa: PLR0917 (FastAPI passes form fields as parameters)
    request: Request,
    token: str,
    db: Db,
    email: Text = "",
    password: Text = "",
    confirm: Text = "",
) -> Response:
    key = settings_of(request).secret_key
    link = accounts.open_link(db, key, token, "setup", now())
    if link is None or accounts.has_owner(db):
        raise HTTPException(status_code=404)
    try:
        user = accounts.add_user(
            db,
            email,
            password,
            owner=True,
            language=language_of(request),
            confirm=confirm,
        )
    except FokusError as error:
        return render(
            request,
            "setup.html.j2",
            400,
            token=token,
            email=email,
            errors=_field(error),
        )
    if not accounts.claim_link(db, link, now()):
        raise HTTPException(status_code=404)  # used by a request a moment ago
    audit.record(
        db,
        "setup",
        actor_id=user.id,
        actor_email=user.email,
        address=client_address(request),
    )
    return _signed_in_redirect(request, user, db, "full")


def _field(error: FokusError) -> dict[str, FokusError]:
    """Which form field an account error belongs next to."""
    if error.message_key.startswith("web.password"):
        return {"password": error}
    return {"email": error}


@router.get("/login")
def login_page(request: Request) -> Response:
    return render(request, "login.html.j2", email="", error=None)


@router.post("/login")
def login(request: Request, db: Db, email: Text = "", password: Text = "") -> Response:
    address = client_address(request)
    tried = ratelimit.attempt(db, email, address, now())
    if tried is None:
        return render(
            request, "login.html.j2", 429, email=email, error="web.login.locked"
        )
    user = accounts.find_user(db, email)
    if (
        not check_password(user.password_hash if user else None, password)
        or user is None
    ):
        return _failed(request, db, email, address, "password")
    ratelimit.forgive(db, tried)
    if user.totp_enabled:
        # Failed codes keep counting until the code is right too: a known password
        # must not reset the count of guessed codes.
        return _signed_in_redirect(request, user, db, "code")
    ratelimit.clear_account(db, email)
    audit.record(db, "login", actor_id=user.id, actor_email=user.email, address=address)
    return _signed_in_redirect(request, user, db, "full")


def _failed(request: Request, db: Db, email: str, address: str, step: str) -> Response:
    """Log a failed password or code (already counted by ``ratelimit.attempt``) and
    say so without saying which."""
    shown = email.strip().lower()[:320]
    audit.record(db, "login.failed", actor_email=shown, address=address, detail=step)
    if ratelimit.locks_now(db, email, now()):
        audit.record(db, "lockout", actor_email=shown, address=address)
    db.commit()
    template = "login.html.j2" if step == "password" else "login_code.html.j2"
    return render(request, template, 401, email=email, error="web.login.failed")


@router.get("/login/code")
def code_page(request: Request, db: Db) -> Response:
    row = session_of(request, db)
    if row is None or row.stage != "code":
        return RedirectResponse("/login", status_code=303)
    return render(request, "login_code.html.j2", email="", error=None)


@router.post("/login/code")
def code(request: Request, db: Db, code: Text = "", recovery: Text = "") -> Response:
    row = session_of(request, db)
    user = (
        db.get(User, row.user_id) if row is not None and row.stage == "code" else None
    )
    if user is None:
        return RedirectResponse("/login", status_code=303)
    address = client_address(request)
    moment = now()
    tried = ratelimit.attempt(db, user.email, address, moment)
    if tried is None:
        return render(
            request, "login_code.html.j2", 429, email="", error="web.login.locked"
        )
    key = settings_of(request).secret_key
    if recovery.strip():
        if not accounts.use_recovery_code(db, key, user, recovery, moment):
            return _failed(request, db, user.email, address, "recovery")
        audit.record(
            db,
            "2fa.recovery_used",
            actor_id=user.id,
            actor_email=user.email,
            address=address,
        )
    elif not accounts.check_code(db, user, code, moment):
        return _failed(request, db, user.email, address, "code")
    ratelimit.forgive(db, tried)
    ratelimit.clear_account(db, user.email)
    audit.record(db, "login", actor_id=user.id, actor_email=user.email, address=address)
    return _signed_in_redirect(request, user, db, "full")


@router.post("/logout")
def logout(request: Request, db: Db) -> Response:
    row = session_of(request, db)
    if row is not None:
        user = db.get(User, row.user_id)
        audit.record(
            db,
            "logout",
            actor_id=row.user_id,
            actor_email=user.email if user else None,
            address=client_address(request),
        )
    sessions.end(
        db, settings_of(request).secret_key, request.cookies.get(sessions.COOKIE)
    )
    response = RedirectResponse("/login", status_code=303)
    clear_session(response)
    return response
