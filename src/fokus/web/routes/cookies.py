"""Setting and clearing the session cookie (HttpOnly, SameSite=Lax, Secure on HTTPS)."""

from __future__ import annotations

from fastapi import Request, Response

from fokus.web.context import settings_of
from fokus.web.security import sessions


def set_session(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        sessions.COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https" or settings_of(request).secure_cookies,
        path="/",
    )


def clear_session(response: Response) -> None:
    response.delete_cookie(sessions.COOKIE, path="/")
