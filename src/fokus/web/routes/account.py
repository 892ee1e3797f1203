"""The signed-in user's own settings: two-factor enrolment and the language."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from fokus.i18n import parse_language
from fokus.web import accounts, audit
from fokus.web.context import (
    LANG_COOKIE,
    CurrentSession,
    Db,
    client_address,
    now,
    session_of,
    settings_of,
)
from fokus.web.db import User
from fokus.web.security import totp
from fokus.web.templating import render

router = APIRouter()


@router.get("/account/2fa")
def enrol_page(request: Request, current: CurrentSession) -> Response:
    user = current.user
    if user.totp_enabled:
        return render(request, "enrol.html.j2", enabled=True)
    if not user.totp_secret:
        user.totp_secret = totp.new_secret()
    uri = totp.provisioning_uri(user.totp_secret, user.email)
    return render(
        request,
        "enrol.html.j2",
        enabled=False,
        secret=user.totp_secret,
        qr=totp.qr_svg(uri),
        error=None,
    )


@router.post("/account/2fa")
def enrol(
    request: Request, db: Db, current: CurrentSession, code: Annotated[str, Form()] = ""
) -> Response:
    user = current.user
    if user.totp_enabled or not user.totp_secret:
        return RedirectResponse("/account/2fa", status_code=303)
    if not accounts.check_code(db, user, code, now()):
        uri = totp.provisioning_uri(user.totp_secret, user.email)
        return render(
            request,
            "enrol.html.j2",
            400,
            enabled=False,
            secret=user.totp_secret,
            qr=totp.qr_svg(uri),
            error="web.enrol.wrong_code",
        )
    user.totp_enabled = True
    codes = accounts.replace_recovery_codes(db, settings_of(request).secret_key, user)
    audit.record(
        db,
        "2fa.enabled",
        actor_id=user.id,
        actor_email=user.email,
        address=client_address(request),
    )
    return render(request, "recovery_codes.html.j2", codes=codes)


@router.post("/language")
def switch_language(
    request: Request,
    db: Db,
    lang: Annotated[str, Form()] = "nb",
    next_page: Annotated[str, Form(alias="next")] = "/",
) -> Response:
    language = parse_language(lang) or "nb"
    row = session_of(request, db)
    if row is not None and row.stage == "full":
        user = db.get(User, row.user_id)
        if user is not None:
            user.language = language
    # Only a path on this site: never an open redirect.
    safe = next_page.startswith("/") and not next_page.startswith(("//", "/\\"))
    target = next_page if safe else "/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        LANG_COOKIE, language, httponly=True, samesite="lax", max_age=31536000
    )
    return response
