"""Helpers of the web app tests: a client with CSRF tokens, and the sign-in steps."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import pyotp
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from fokus.web.instance import setup_token

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
PASSWORD = "correct horse battery"  # noqa: S105 (a test account)


@dataclass
class Web:
    client: TestClient
    root: Path
    app: FastAPI

    def token(self, path: str = "/login") -> str:
        page = self.client.get(path)
        found = TOKEN.search(page.text)
        assert found, page.text
        return found.group(1)

    def post(
        self, path: str, data: dict[str, str] | None = None, *, page: str = "/login"
    ):  # type: ignore[no-untyped-def]
        return self.client.post(
            path,
            data={**(data or {}), "csrf_token": self.token(page)},
            follow_redirects=False,
        )


def app_routes(app: FastAPI) -> list[APIRoute]:
    """Every API route of the app, also those of included routers (FastAPI keeps
    an included router whole, as ``original_router``; no router here has a prefix)."""
    found: list[APIRoute] = []
    pending: list[object] = list(app.routes)
    while pending:
        route = pending.pop(0)
        if isinstance(route, APIRoute):
            found.append(route)
        router = getattr(route, "original_router", None)
        if router is not None:
            pending.extend(router.routes)
    return found


def safe_moment() -> None:
    """Wait out the last seconds of a 30-second TOTP step, so a code computed now is
    still current when the server checks it."""
    left = 30 - time.time() % 30
    if left < 3:
        time.sleep(left + 0.2)


def code(secret: str, steps_ahead: int = 0) -> str:
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


@dataclass
class Person:
    email: str
    secret: str
    recovery: tuple[str, ...]


SECRET = re.compile(r'<code id="totp-secret">([A-Z2-7]+)</code>')
RECOVERY = re.compile(r"<li><code>([a-z0-9-]+)</code></li>")


def enrol(web: Web) -> tuple[str, tuple[str, ...]]:
    """Set up 2FA for the signed-in user with a code of the previous step (so the
    current and next steps stay free for sign-ins)."""
    page = web.client.get("/account/2fa")
    secret = SECRET.search(page.text)
    assert secret, page.text
    safe_moment()
    done = web.post(
        "/account/2fa", {"code": code(secret.group(1), -1)}, page="/account/2fa"
    )
    assert done.status_code == 200, done.text
    return secret.group(1), tuple(RECOVERY.findall(done.text))


def make_owner(web: Web, email: str = "owner@example.org") -> Person:
    settings = web.app.state.settings
    token = setup_token(settings)
    assert token
    made = web.post(
        f"/setup/{token}",
        {"email": email, "password": PASSWORD, "confirm": PASSWORD},
        page=f"/setup/{token}",
    )
    assert made.status_code == 303, made.text
    secret, recovery = enrol(web)
    return Person(email, secret, recovery)


def log_in(web: Web, email: str, secret: str | None, steps_ahead: int = 0) -> None:
    web.post("/logout", page="/login")
    first = web.post("/login", {"email": email, "password": PASSWORD})
    assert first.status_code == 303, first.text
    if secret is not None:
        assert first.headers["location"] == "/login/code"
        safe_moment()
        second = web.post(
            "/login/code", {"code": code(secret, steps_ahead)}, page="/login/code"
        )
        assert second.status_code == 303, second.text
        assert second.headers["location"] == "/"


def invite(web: Web, slug: str, email: str, role: str) -> str:
    """As an owner: make an invitation link; returns its path."""
    page = web.post(
        f"/w/{slug}/invitations", {"email": email, "role": role}, page=f"/w/{slug}/"
    )
    assert page.status_code == 200, page.text
    link = page.text.split('id="invite-link" readonly value="')[1].split('"')[0]
    return link.removeprefix("http://testserver")


def accept(web: Web, path: str) -> None:
    """Accept an invitation as a new user (signed in afterwards, 2FA still owed)."""
    web.post("/logout", page="/login")
    done = web.post(path, {"password": PASSWORD, "confirm": PASSWORD}, page=path)
    assert done.status_code == 303, done.text
