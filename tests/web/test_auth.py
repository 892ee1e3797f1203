"""Accounts: first-run set-up, enforced 2FA, codes, recovery codes, lockout, reset."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient
from sqlalchemy import select
from webflow import PASSWORD, Web, code, enrol, log_in, make_owner, safe_moment

from fokus.web.db import AuditEvent, User
from fokus.web.instance import setup_token
from fokus.web.security import ratelimit


def _audit(web: Web) -> list[tuple[str, str | None, str]]:
    with web.app.state.db.sessions() as db:
        rows = db.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        return [(row.kind, row.actor_email, row.detail) for row in rows]


def test_setup_link_makes_the_owner_once_and_2fa_comes_first(web: Web) -> None:
    settings = web.app.state.settings
    token = setup_token(settings)
    assert token is not None
    made = web.post(
        f"/setup/{token}",
        {"email": "Owner@Example.org ", "password": PASSWORD, "confirm": PASSWORD},
        page=f"/setup/{token}",
    )
    assert (made.status_code, made.headers["location"]) == (303, "/")
    cookie = made.headers["set-cookie"]
    assert (
        "fokus_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    )
    # Signed in, but every page sends the owner to 2FA enrolment first.
    assert (
        web.client.get("/workspaces", follow_redirects=False).headers["location"]
        == "/account/2fa"
    )
    # The link is dead, and no new one is made once an owner exists.
    assert web.client.get(f"/setup/{token}").status_code == 404
    assert setup_token(settings) is None
    _secret, recovery = enrol(web)
    assert len(recovery) == 10 and len(set(recovery)) == 10
    assert web.client.get("/workspaces").status_code == 200
    assert [kind for kind, *_ in _audit(web)] == ["setup", "2fa.enabled"]
    assert _audit(web)[0][1] == "owner@example.org"


def test_weak_password_is_refused_next_to_the_field(web: Web) -> None:
    token = setup_token(web.app.state.settings)
    page = web.post(
        f"/setup/{token}",
        {"email": "a@example.org", "password": "short", "confirm": "short"},
        page=f"/setup/{token}",
    )
    assert page.status_code == 400
    assert 'id="password-error"' in page.text
    assert "Passordet er for kort." in page.text


def test_login_needs_password_then_code_and_rotates_the_session(web: Web) -> None:
    owner = make_owner(web)
    before = web.client.cookies.get("fokus_session")
    web.post("/logout", page="/workspaces")
    assert (
        web.client.get("/workspaces", follow_redirects=False).headers["location"]
        == "/login"
    )
    first = web.post("/login", {"email": owner.email, "password": PASSWORD})
    assert first.headers["location"] == "/login/code"
    pending = web.client.cookies.get("fokus_session")
    # The password alone opens nothing.
    assert (
        web.client.get("/workspaces", follow_redirects=False).headers["location"]
        == "/login"
    )
    safe_moment()
    second = web.post("/login/code", {"code": code(owner.secret)}, page="/login/code")
    assert second.headers["location"] == "/"
    after = web.client.cookies.get("fokus_session")
    assert len({before, pending, after}) == 3
    assert web.client.get("/workspaces").status_code == 200
    # The old session token is dead server-side.
    stale = TestClient(web.app, cookies={"fokus_session": before or ""})
    assert stale.get("/workspaces", follow_redirects=False).headers["location"] == (
        "/login"
    )


def test_a_totp_code_is_refused_the_second_time(web: Web) -> None:
    owner = make_owner(web)
    log_in(web, owner.email, owner.secret)
    web.post("/logout", page="/workspaces")
    web.post("/login", {"email": owner.email, "password": PASSWORD})
    # The same code again (same step): refused. The enrolment's step too.
    safe_moment()
    again = web.post("/login/code", {"code": code(owner.secret)}, page="/login/code")
    assert again.status_code == 401
    older = web.post(
        "/login/code", {"code": code(owner.secret, -1)}, page="/login/code"
    )
    assert older.status_code == 401
    newer = web.post("/login/code", {"code": code(owner.secret, 1)}, page="/login/code")
    assert newer.status_code == 303


def test_a_recovery_code_works_once(web: Web) -> None:
    owner = make_owner(web)
    spare = owner.recovery[3]
    for expected in (303, 401):
        web.post("/logout", page="/login")
        web.post("/login", {"email": owner.email, "password": PASSWORD})
        typed = spare.upper().replace("-", " ")
        done = web.post("/login/code", {"recovery": typed}, page="/login/code")
        assert done.status_code == expected
    kinds = [kind for kind, *_ in _audit(web)]
    assert kinds.count("2fa.recovery_used") == 1
    assert kinds[-1] == "login.failed"


def test_five_failures_lock_the_account_even_with_the_right_password(web: Web) -> None:
    owner = make_owner(web)
    web.post("/logout", page="/login")
    for _ in range(ratelimit.ACCOUNT_LIMIT):
        wrong = web.post(
            "/login", {"email": owner.email, "password": "wrong password!"}
        )
        assert wrong.status_code == 401
        assert "Feil e-post, passord eller kode." in wrong.text
    locked = web.post("/login", {"email": owner.email, "password": PASSWORD})
    assert locked.status_code == 429
    kinds = [kind for kind, *_ in _audit(web)]
    assert kinds.count("login.failed") == 5 and kinds.count("lockout") == 1
    # Kept in the database: a new app on the same database still refuses.
    with web.app.state.db.sessions() as db:
        assert ratelimit.failures(db, ratelimit.account_key(owner.email), _now()) == 5


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def test_unknown_account_fails_like_a_wrong_password(web: Web) -> None:
    make_owner(web)
    web.post("/logout", page="/login")
    unknown = web.post("/login", {"email": "nobody@example.org", "password": PASSWORD})
    assert unknown.status_code == 401
    assert "Feil e-post, passord eller kode." in unknown.text


def test_owner_reset_link_sets_a_new_password_once(web: Web) -> None:
    make_owner(web)
    with web.app.state.db.sessions() as db:
        owner_id = db.scalar(select(User.id))
    page = web.post(f"/admin/users/{owner_id}/reset", page="/admin/users")
    link = page.text.split('id="reset-link" readonly value="')[1].split('"')[0]
    path = link.removeprefix("http://testserver")
    new = "a brand new passphrase"
    done = web.post(path, {"password": new, "confirm": new}, page=path)
    assert done.headers["location"] == "/login"
    assert web.client.get(path).status_code == 404
    # Every session ended; the old password no longer works, the new one does.
    assert (
        web.client.get("/workspaces", follow_redirects=False).headers["location"]
        == "/login"
    )
    assert (
        web.post(
            "/login", {"email": "owner@example.org", "password": PASSWORD}
        ).status_code
        == 401
    )
    assert (
        web.post("/login", {"email": "owner@example.org", "password": new}).status_code
        == 303
    )
    kinds = [kind for kind, *_ in _audit(web)]
    assert "password.reset_link" in kinds and "password.changed" in kinds
    assert all(
        new not in detail and "reset/" not in detail for _, _, detail in _audit(web)
    )
