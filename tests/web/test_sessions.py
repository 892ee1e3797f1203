"""Session guarantees beyond ``test_auth.py``: fixation, logout everywhere, a
password reset and a role change taking effect at once, lockout per address and in
parallel, and codes that cannot be used twice even when sent at the same moment."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

from fastapi.testclient import TestClient
from httpx2 import Response
from sqlalchemy import func, select
from test_authz_matrix import MATRIX
from webflow import (
    PASSWORD,
    Person,
    Web,
    accept,
    code,
    enrol,
    invite,
    make_owner,
    safe_moment,
)

from fokus.web.db import AuditEvent, LoginFailure, SessionRow, User, WorkspaceRow
from fokus.web.security import ratelimit, sessions
from fokus.web.security.tokens import new_token

COOKIE = sessions.COOKIE


def _client(web: Web, address: str = "testclient") -> Web:
    return Web(TestClient(web.app, client=(address, 50000)), web.root, web.app)


def _member(
    owner: Web, email: str, role: str, slug: str = "alfa"
) -> tuple[Web, Person]:
    """A new user invited to ``slug``, signed in on a client of their own."""
    member = _client(owner)
    accept(member, invite(owner, slug, email, role))
    secret, recovery = enrol(member)
    return member, Person(email, secret, recovery)


def _recovery_sign_in(web: Web, person: Person, which: int) -> Web:
    """Another session of ``person`` on a new client, with a recovery code (so no
    TOTP step is spent)."""
    other = _client(web)
    first = other.post("/login", {"email": person.email, "password": PASSWORD})
    assert first.headers["location"] == "/login/code"
    done = other.post(
        "/login/code", {"recovery": person.recovery[which]}, page="/login/code"
    )
    assert done.headers["location"] == "/", done.text
    return other


def _signed_in(web: Web) -> bool:
    answer = web.client.get("/workspaces", follow_redirects=False)
    assert answer.status_code in {200, 303}
    return answer.status_code == 200


def _with_workspace(web: Web) -> Person:
    owner = make_owner(web)
    web.post("/workspaces", {"name": "Alfa"}, page="/workspaces")
    return owner


def _user_id(web: Web, email: str) -> int:
    with web.app.state.db.sessions() as db:
        found = db.scalar(select(User.id).where(User.email == email))
    assert found is not None
    return found


def _count(web: Web, table: type[object]) -> int:
    with web.app.state.db.sessions() as db:
        return int(db.scalar(select(func.count()).select_from(table)) or 0)


def test_a_planted_session_cookie_is_never_the_one_signed_in(web: Web) -> None:
    owner = make_owner(web)
    # A made-up value planted in the browser before sign-in.
    planted = new_token()
    victim = _client(web)
    victim.client.cookies.set(COOKIE, planted, domain="testserver.local")
    first = victim.post("/login", {"email": owner.email, "password": PASSWORD})
    assert first.headers["location"] == "/login/code"
    safe_moment()
    done = victim.post("/login/code", {"code": code(owner.secret)}, page="/login/code")
    assert done.headers["location"] == "/"
    assert victim.client.cookies.get(COOKIE) not in {None, planted}
    assert _signed_in(victim)
    stranger = _client(web)
    stranger.client.cookies.set(COOKIE, planted, domain="testserver.local")
    assert not _signed_in(stranger)
    # Someone who knows the password but not the code plants their half-signed-in
    # session; the victim's code does not promote it: a new session is made.
    attacker = _client(web)
    half = attacker.post("/login", {"email": owner.email, "password": PASSWORD})
    assert half.headers["location"] == "/login/code"
    pending = attacker.client.cookies.get(COOKIE)
    assert pending
    victim = _client(web)
    victim.client.cookies.set(COOKIE, pending, domain="testserver.local")
    done = victim.post(
        "/login/code", {"code": code(owner.secret, 1)}, page="/login/code"
    )
    assert done.headers["location"] == "/"
    assert victim.client.cookies.get(COOKIE) != pending
    assert _signed_in(victim) and not _signed_in(attacker)
    assert attacker.client.get("/login/code", follow_redirects=False).headers[
        "location"
    ] == ("/login")


def test_a_cookie_replayed_after_logout_is_refused_everywhere(web: Web) -> None:
    _with_workspace(web)
    old = web.client.cookies.get(COOKIE)
    assert old
    web.post("/logout", page="/workspaces")
    replay = _client(web)
    replay.client.cookies.set(COOKIE, old, domain="testserver.local")
    token = replay.token("/login")
    values = {"slug": "alfa", "user_id": "1", "register": "access", "row_id": "x"}
    audit_before = _count(web, AuditEvent)
    checked = 0
    for (method, template), rule in MATRIX.items():
        if rule.who == "public":
            continue
        path = template
        for key, value in values.items():
            path = path.replace("{" + key + "}", value)
        answer = replay.client.request(
            method,
            path,
            data={**rule.data, "csrf_token": token} if method == "POST" else None,
            follow_redirects=False,
        )
        assert (answer.status_code, answer.headers.get("location")) == (
            303,
            "/login",
        ), (method, path)
        checked += 1
    assert checked == 33  # every route but the public ones
    assert _count(web, AuditEvent) == audit_before
    assert _count(web, WorkspaceRow) == 1
    assert _count(web, SessionRow) == 0


def test_an_owner_password_reset_ends_the_users_sessions_at_once(web: Web) -> None:
    _with_workspace(web)
    member, person = _member(web, "viewer@example.org", "viewer")
    other = _recovery_sign_in(web, person, 0)
    assert _signed_in(member) and _signed_in(other)
    viewer_id = _user_id(web, person.email)
    made = web.post(f"/admin/users/{viewer_id}/reset", page="/admin/users")
    assert made.status_code == 200
    # The link is made: whoever holds a session of the user is out now, not only
    # once the link is used. The owner is not.
    assert not _signed_in(member) and not _signed_in(other)
    assert _signed_in(web)
    link = made.text.split('id="reset-link" readonly value="')[1].split('"')[0]
    path = link.removeprefix("http://testserver")
    again = _recovery_sign_in(web, person, 1)
    new = "a brand new passphrase"
    fresh = _client(web)
    done = fresh.post(path, {"password": new, "confirm": new}, page=path)
    assert done.headers["location"] == "/login"
    assert not _signed_in(again)
    # An owner resetting their own password keeps the session they did it from.
    owner_id = _user_id(web, "owner@example.org")
    before = _count(web, SessionRow)
    assert web.post(f"/admin/users/{owner_id}/reset", page="/admin/users").status_code
    assert _signed_in(web)
    assert _count(web, SessionRow) == before


def test_a_role_change_takes_effect_on_the_next_request(web: Web) -> None:
    _with_workspace(web)
    member, person = _member(web, "editor@example.org", "editor")
    member_id = _user_id(web, person.email)
    assert member.client.get("/w/alfa/upload").status_code == 200
    changed = web.post(
        f"/w/alfa/members/{member_id}/role", {"role": "viewer"}, page="/w/alfa/"
    )
    assert changed.status_code == 303
    assert member.client.get("/w/alfa/upload").status_code == 403
    row = member.post("/w/alfa/registers/access/rows", {}, page="/w/alfa/")
    assert row.status_code == 403
    assert member.client.get("/w/alfa/").status_code == 200
    made_owner = web.post(
        f"/admin/users/{member_id}/owner", {"value": "yes"}, page="/admin/users"
    )
    assert made_owner.status_code == 303
    assert member.client.get("/admin/users").status_code == 200
    web.post(f"/admin/users/{member_id}/owner", {"value": "no"}, page="/admin/users")
    assert member.client.get("/admin/users").status_code == 403
    web.post(f"/w/alfa/members/{member_id}/remove", page="/w/alfa/")
    assert member.client.get("/w/alfa/").status_code == 404
    assert _signed_in(member)


def test_twenty_failures_from_one_address_lock_that_address(web: Web) -> None:
    assert (
        20,
        dt.timedelta(minutes=15),
    ) == (ratelimit.ADDRESS_LIMIT, ratelimit.WINDOW)
    owner = make_owner(web)
    guesser = _client(web, "10.0.0.1")
    token = guesser.token("/login")
    for attempt in range(20):  # four tries at each of five accounts: none locked
        answer = guesser.client.post(
            "/login",
            data={
                "email": f"user{attempt % 5}@example.org",
                "password": "wrong password!",
                "csrf_token": token,
            },
        )
        assert answer.status_code == 401, attempt
    right = guesser.post("/login", {"email": owner.email, "password": PASSWORD})
    assert right.status_code == 429
    assert "For mange mislykkede forsøk" in right.text
    # Another address is not locked, nor is the account.
    elsewhere = _client(web, "10.0.0.2")
    ok = elsewhere.post("/login", {"email": owner.email, "password": PASSWORD})
    assert ok.headers["location"] == "/login/code"
    # Fifteen minutes later the address may try again.
    _age_failures(web, dt.timedelta(minutes=15, seconds=1))
    later = guesser.post("/login", {"email": owner.email, "password": PASSWORD})
    assert later.headers["location"] == "/login/code"


def _age_failures(web: Web, by: dt.timedelta) -> None:
    with web.app.state.db.sessions() as db:
        for row in db.scalars(select(LoginFailure)):
            at = row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.UTC)
            row.at = at - by
        db.commit()


def test_five_wrong_codes_lock_the_account_from_any_address(web: Web) -> None:
    owner = make_owner(web)
    for attempt in range(5):
        guesser = _client(web, f"10.0.1.{attempt}")
        guesser.post("/login", {"email": owner.email, "password": PASSWORD})
        wrong = guesser.post("/login/code", {"code": "000000"}, page="/login/code")
        assert wrong.status_code == 401
    fresh = _client(web, "10.0.2.1")
    locked = fresh.post("/login", {"email": owner.email, "password": PASSWORD})
    assert locked.status_code == 429
    with web.app.state.db.sessions() as db:
        kinds = db.scalars(select(AuditEvent.kind)).all()
    assert kinds.count("lockout") == 1


def _at_once(calls: list[Callable[[], Response]]) -> list[Response]:
    """Run ``calls`` in threads released together."""
    barrier = threading.Barrier(len(calls))
    answers: list[Response | None] = [None] * len(calls)

    def run(index: int) -> None:
        barrier.wait()
        answers[index] = calls[index]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(answer is not None for answer in answers)
    return [answer for answer in answers if answer is not None]


def _post_call(web: Web, path: str, data: dict[str, str]) -> Callable[[], Response]:
    token = web.token(path if path != "/login" else "/login")
    return lambda: web.client.post(
        path, data={**data, "csrf_token": token}, follow_redirects=False
    )


def test_parallel_wrong_passwords_get_no_more_than_five_tries(web: Web) -> None:
    owner = make_owner(web)
    guessers = [_client(web, f"10.0.3.{i}") for i in range(10)]
    calls = [
        _post_call(g, "/login", {"email": owner.email, "password": f"guess {i}!"})
        for i, g in enumerate(guessers)
    ]
    statuses = sorted(answer.status_code for answer in _at_once(calls))
    assert statuses.count(401) <= 5 and set(statuses) <= {401, 429}, statuses
    # Tries sent one by one afterwards: together with the burst, exactly five
    # passwords were checked before the account locked.
    later = _client(web, "10.0.4.1")
    checked = statuses.count(401)
    while checked < 6:
        answer = later.post("/login", {"email": owner.email, "password": "again!"})
        if answer.status_code == 429:
            break
        assert answer.status_code == 401
        checked += 1
    assert checked == 5
    right = later.post("/login", {"email": owner.email, "password": PASSWORD})
    assert right.status_code == 429


def _pending(web: Web, person: Person, count: int) -> list[Web]:
    """``count`` clients, each with a password-only session of ``person``."""
    clients = []
    for i in range(count):
        client = _client(web, f"10.0.5.{i}")
        first = client.post("/login", {"email": person.email, "password": PASSWORD})
        assert first.headers["location"] == "/login/code"
        clients.append(client)
    return clients


def test_one_totp_code_sent_from_four_browsers_at_once_signs_in_once(
    web: Web,
) -> None:
    owner = make_owner(web)
    clients = _pending(web, owner, 4)
    safe_moment()
    typed = code(owner.secret, 1)
    calls = [_post_call(c, "/login/code", {"code": typed}) for c in clients]
    statuses = sorted(answer.status_code for answer in _at_once(calls))
    assert statuses == [303, 401, 401, 401]


def test_one_recovery_code_sent_from_four_browsers_at_once_signs_in_once(
    web: Web,
) -> None:
    owner = make_owner(web)
    clients = _pending(web, owner, 4)
    calls = [
        _post_call(c, "/login/code", {"recovery": owner.recovery[5]}) for c in clients
    ]
    statuses = sorted(answer.status_code for answer in _at_once(calls))
    assert statuses == [303, 401, 401, 401]
    with web.app.state.db.sessions() as db:
        kinds = db.scalars(select(AuditEvent.kind)).all()
    assert kinds.count("2fa.recovery_used") == 1
