"""The web app in a real browser (Debian's chromium through Playwright) against a
uvicorn server on 127.0.0.1: owner set-up → 2FA → logout → login with a code →
workspace → invitation → the editor joins and signs in. No request leaves the
server, no script fails, the Content-Security-Policy is never violated.

With FOKUS_SCREENSHOTS=1 the main pages are saved in both languages to
docs/guide/screenshots/ (``make screenshots``)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyotp
import pytest
import uvicorn
from playwright.sync_api import Page, expect

from fokus.web.app import create_app
from fokus.web.instance import setup_token
from fokus.web.settings import load_settings

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).parents[2] / "docs" / "guide" / "screenshots"
PASSWORD = "correct horse battery"  # noqa: S105 (a test account)
_WATCH_POLICY = (
    "window.__violations = [];"
    "document.addEventListener('securitypolicyviolation',"
    " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
)


@dataclass(frozen=True)
class Server:
    url: str
    setup: str


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    settings = load_settings(tmp_path / "instance", {})
    token = setup_token(settings)
    assert token
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(settings)
    uv = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}"
    try:
        yield Server(url, f"{url}/setup/{token}")
    finally:
        uv.should_exit = True
        thread.join(timeout=10)
        app.state.db.engine.dispose()


def _code(secret: str, steps_ahead: int) -> str:
    left = 30 - time.time() % 30
    if left < 3:  # not in the last seconds of a step
        time.sleep(left + 0.2)
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


def _shot(page: Page, name: str) -> None:
    if os.environ.get("FOKUS_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _enrol(page: Page) -> str:
    secret = page.locator("#totp-secret").inner_text()
    page.fill("#code", _code(secret, -1))
    page.click("form[action='/account/2fa'] button[type=submit]")
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    return secret


def _log_out(page: Page) -> None:
    page.click("form[action='/logout'] button")
    expect(page).to_have_url(
        f"{page.url.split('/', 3)[0]}//{page.url.split('/')[2]}/login"
    )


def _log_in(page: Page, url: str, email: str, secret: str, steps_ahead: int) -> None:
    page.goto(f"{url}/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("form[action='/login'] button[type=submit]")
    expect(page).to_have_url(f"{url}/login/code")
    page.fill("#code", _code(secret, steps_ahead))
    page.click("form[action='/login/code'] button[type=submit] >> nth=0")
    expect(page).to_have_url(f"{url}/workspaces")


def test_owner_sets_up_invites_and_the_editor_signs_in(
    server: Server, page: Page
) -> None:
    url = server.url
    outside: list[str] = []
    problems: list[str] = []
    page.on(
        "request", lambda r: None if r.url.startswith(url) else outside.append(r.url)
    )
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.add_init_script(_WATCH_POLICY)

    page.goto(server.setup)
    _shot(page, "nb-setup")
    page.fill("#email", "kari@example.org")
    page.fill("#password", PASSWORD)
    page.fill("#confirm", PASSWORD)
    page.click("main form button[type=submit]")
    expect(page).to_have_url(f"{url}/account/2fa")
    expect(page.locator("figure.qr svg")).to_be_visible()
    _shot(page, "nb-2fa")
    owner_secret = _enrol(page)
    _shot(page, "nb-recovery-codes")

    _log_out(page)
    _log_in(page, url, "kari@example.org", owner_secret, 0)
    page.fill("#name", "Kystlaget Nord")
    page.click("form[action='/workspaces'] button[type=submit]")
    expect(page).to_have_url(f"{url}/w/kystlaget-nord/")
    expect(page.locator("h1")).to_have_text("Kystlaget Nord")
    page.fill("#invite-email", "ola@example.org")
    page.select_option("#invite-role", "editor")
    page.click("form[action$='/invitations'] button[type=submit]")
    link = page.locator("#invite-link").input_value()
    assert link.startswith(f"{url}/invite/")
    _shot(page, "nb-workspace")
    for path, name in (
        ("/workspaces", "workspaces"),
        ("/admin/users", "users"),
        ("/admin/audit", "audit"),
    ):
        page.goto(url + path)
        _shot(page, f"nb-{name}")
    _screens_in_english(page, url)

    _log_out(page)
    page.goto(link)
    page.fill("#password", PASSWORD)
    page.fill("#confirm", PASSWORD)
    page.click("main form button[type=submit]")
    expect(page).to_have_url(f"{url}/account/2fa")
    editor_secret = _enrol(page)
    _log_out(page)
    _log_in(page, url, "ola@example.org", editor_secret, 0)
    expect(page.locator("#workspace-list a")).to_have_text(["Kystlaget Nord"])
    page.click("#workspace-list a")
    expect(page.locator(".meta")).to_contain_text(
        "editor"
    )  # English kept from the cookie

    assert outside == []
    assert problems == []
    assert page.evaluate("window.__violations") == []


def _screens_in_english(page: Page, url: str) -> None:
    """Switch to English with the switch on the page, take the same pages, and
    switch back."""
    page.click("form.lang button[value=en]")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    for path, name in (
        ("/workspaces", "workspaces"),
        ("/w/kystlaget-nord/", "workspace"),
        ("/admin/users", "users"),
        ("/admin/audit", "audit"),
        ("/account/2fa", "2fa-enabled"),
    ):
        page.goto(url + path)
        _shot(page, f"en-{name}")


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A Norwegian browser: the pages start in bokmål (Accept-Language)."""
    return {**browser_context_args, "locale": "nb-NO"}
