"""The web app in a real browser (Debian's chromium through Playwright) against a
uvicorn server on 127.0.0.1, on SQLite and on PostgreSQL: owner set-up → 2FA →
logout → login with a code → workspace → invitation → the editor joins and signs
in → uploads the demo exports by the file input → edits a register → runs the
review → sees its charts → downloads the PDF. No request leaves the server, no
script fails, the Content-Security-Policy is never violated.

With FOKUS_SCREENSHOTS=1 the main pages are saved in both languages to
docs/guide/screenshots/ (``make screenshots``)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pyotp
import pytest
import uvicorn
from playwright.sync_api import Page, expect

from fokus.demo import write_demo_exports
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


@pytest.fixture(params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Server]:
    environ: dict[str, str] = {}
    if request.param == "postgresql":
        base: str = request.getfixturevalue("postgres_url")
        plain = base.replace("postgresql+psycopg", "postgresql")
        with psycopg.connect(plain + "/postgres", autocommit=True) as connection:
            connection.execute("CREATE DATABASE journey")
        environ["FOKUS_DATABASE_URL"] = f"{base}/journey"
    settings = load_settings(tmp_path / "instance", environ)
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


def _shot(page: Page, name: str, *, full_page: bool = True) -> None:
    if os.environ.get("FOKUS_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


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


def test_the_whole_journey_from_set_up_to_the_pdf(
    server: Server, page: Page, tmp_path: Path
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
    _upload_demo(page, tmp_path / "exports")
    _edit_register(page)
    _run_review(page)
    _download_pdf(page, tmp_path)
    _editor_screens(page, url)

    assert outside == []
    assert problems == []
    assert page.evaluate("window.__violations") == []


def _upload_demo(page: Page, folder: Path) -> None:
    files = write_demo_exports(folder)
    page.click("nav.tabs a[href$='/upload']")
    page.set_input_files("#files", [str(path) for path in files])
    page.click("#upload-form button[type=submit]")
    expect(page.locator("#upload-progress li.done")).to_have_count(
        len(files), timeout=300_000
    )
    assert page.locator("#upload-progress li.failed").count() == 0
    imported = page.locator("article.file-result.imported")
    expect(imported.first).to_contain_text("rows imported")
    count = imported.count()
    assert count >= 30
    _shot(page, "en-upload-results")
    page.click("nav.tabs a[href$='/imports']")
    expect(page.locator("#imports tbody tr")).to_have_count(count)


def _edit_register(page: Page) -> None:
    page.click("nav.tabs a[href$='/registers']")
    page.click("#register-list a[href$='/registers/access']")
    page.fill("#field-person", "Ola Nordmann")
    page.select_option("#field-platform", "Facebook")
    page.fill("#field-asset", "Fjordvik kommune")
    page.fill("#field-role", "editor")
    page.fill("#field-last_active", "2026-11-01")
    page.click("#row-form button[type=submit]")
    expect(page.locator("#register-rows tbody tr")).to_have_count(1)
    expect(page.locator("#register-rows")).to_contain_text("Ola Nordmann")


def _run_review(page: Page) -> None:
    page.click("nav.tabs a[href$='/review']")
    page.click("#run-review")
    expect(page.locator("#review-status a")).to_be_visible(timeout=300_000)
    page.click("#review-status a")
    chart = page.locator(".fokus-review section svg, .fokus-review section canvas")
    expect(chart.first).to_be_visible(timeout=30_000)


def _download_pdf(page: Page, folder: Path) -> None:
    with page.expect_download() as info:
        page.click("#downloads a[href$='/review.pdf']")
    download = info.value
    assert download.suggested_filename == "kystlaget-nord-review.pdf"
    target = folder / "review.pdf"
    download.save_as(target)
    assert target.read_bytes().startswith(b"%PDF")
    if shutil.which("pdfinfo") is None:
        if os.environ.get("CI"):
            pytest.fail("pdfinfo is missing (poppler-utils, scripts/apt-packages.txt)")
        return
    info_text = subprocess.run(
        ["pdfinfo", str(target)], check=True, capture_output=True, text=True
    ).stdout
    assert int(info_text.split("Pages:")[1].split()[0]) > 3


def _editor_screens(page: Page, url: str) -> None:
    """The editor's pages in English (the language the cookie kept), then bokmål."""
    base = f"{url}/w/kystlaget-nord"
    pages = (
        ("/upload", "upload"),
        ("/imports", "imports"),
        ("/registers/access", "register"),
        ("/settings", "settings"),
        ("/review", "review"),
    )
    for language in ("en", "nb"):
        if language == "nb":
            page.click("form.lang button[value=nb]")
            expect(page.locator("html")).to_have_attribute("lang", "nb")
        for path, name in pages:
            page.goto(base + path)
            if name == "review":  # many screens long: its first two show what it is
                page.set_viewport_size({"width": 1280, "height": 1800})
            _shot(page, f"{language}-{name}", full_page=name != "review")
            page.set_viewport_size({"width": 1280, "height": 720})


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
