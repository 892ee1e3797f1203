"""The application factory: ``create_app(settings)``.

Everything a request passes through is set up here, in this order: a CSRF cookie for
every browser and the security headers on every response (``Guard``), the CSRF check
on every state-changing request (a dependency of the whole app, so a new route cannot
forget it), the routers listed in ``fokus.web.routes.ROUTERS``, and friendly error
pages (details only in the server log).
"""

from __future__ import annotations

import logging

from fastapi import Depends, FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fokus.errors import FokusError
from fokus.web.context import Redirect, settings_of
from fokus.web.db import open_database
from fokus.web.routes import ROUTERS
from fokus.web.security import csrf
from fokus.web.security.tokens import new_token
from fokus.web.settings import Settings
from fokus.web.static_files import HashedStaticFiles, static_folder
from fokus.web.templating import render

LOG = logging.getLogger("fokus.web")
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def create_app(settings: Settings) -> FastAPI:
    app = FastAPI(
        title="fokus",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        dependencies=[Depends(check_csrf)],
    )
    app.state.settings = settings
    app.state.db = open_database(settings.database_url)
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", HashedStaticFiles(static_folder()), name="static")
    app.add_middleware(Guard)
    app.add_exception_handler(Redirect, _redirect)
    app.add_exception_handler(csrf.CsrfRefused, _csrf_refused)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _bad_request)
    app.add_exception_handler(FokusError, _fokus_error)
    app.add_exception_handler(Exception, _crash)
    return app


def secure_request(request: Request) -> bool:
    return request.url.scheme == "https" or settings_of(request).secure_cookies


class Guard:
    """Every request gets a CSRF cookie (a new one for a new browser) and every
    response the security headers. A plain ASGI middleware: Starlette's
    ``BaseHTTPMiddleware`` costs a task group and a stream per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        cookie = request.cookies.get(csrf.COOKIE)
        request.state.csrf_cookie = token = cookie or new_token()
        new_cookie = None if cookie else _csrf_cookie(request, token)

        async def send_guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                set_headers(scope["path"], headers)
                if new_cookie is not None:
                    headers.append("set-cookie", new_cookie)
            await send(message)

        await self.app(scope, receive, send_guarded)


def _csrf_cookie(request: Request, token: str) -> str:
    """The ``Set-Cookie`` value of a new CSRF cookie."""
    response = Response()
    response.set_cookie(
        csrf.COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=secure_request(request),
    )
    return response.headers["set-cookie"]


def set_headers(path: str, headers: MutableHeaders) -> None:
    for name, value in HEADERS.items():
        headers.setdefault(name, value)
    if path.startswith("/assets/"):
        headers.setdefault("Cache-Control", "no-store")
    elif not path.startswith("/static/"):
        headers["Cache-Control"] = "no-store"


async def check_csrf(request: Request) -> None:
    """Refuse a POST, PUT, PATCH or DELETE without the page's CSRF token."""
    if request.method not in csrf.UNSAFE_METHODS:
        return
    sent = request.headers.get(csrf.HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form()).get(csrf.FIELD)
        sent = value if isinstance(value, str) else None
    cookie = request.cookies.get(csrf.COOKIE)
    if not csrf.token_ok(settings_of(request).secret_key, cookie, sent):
        raise csrf.CsrfRefused


async def _redirect(_request: Request, error: Exception) -> Response:
    assert isinstance(error, Redirect)
    return RedirectResponse(error.url, status_code=303)


async def _csrf_refused(request: Request, _error: Exception) -> Response:
    LOG.warning("CSRF token missing or wrong: %s %s", request.method, request.url.path)
    return render(request, "error.html.j2", 403, kind="csrf")


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    kind = {404: "not_found", 403: "forbidden", 405: "not_found"}.get(
        error.status_code, "bad_request"
    )
    status = 404 if error.status_code == 405 else error.status_code
    return render(request, "error.html.j2", status, kind=kind)


async def _bad_request(request: Request, error: Exception) -> Response:
    LOG.info("Refused request to %s: %s", request.url.path, error)
    return render(request, "error.html.j2", 400, kind="bad_request")


async def _fokus_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, FokusError)
    return render(request, "error.html.j2", 400, kind="fokus", error=error)


async def _crash(request: Request, error: Exception) -> Response:
    LOG.exception("Unexpected error on %s %s", request.method, request.url.path)
    if not hasattr(request.state, "csrf_cookie"):
        request.state.csrf_cookie = new_token()
    response = render(request, "error.html.j2", 500, kind="crash")
    set_headers(request.url.path, response.headers)
    return response
