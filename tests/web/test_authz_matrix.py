"""The authorisation matrix: every route of the web app × every caller × own, foreign
and missing workspace, against a table written here by hand (not read from the code
under test). A new route fails ``test_the_table_names_every_route`` until someone
decides who may use it.

Who may use a route:

- ``public``: anyone, signed in or not;
- ``signed_in``: any signed-in user (2FA done);
- ``instance_owner``: an owner of the instance;
- ``viewer`` / ``editor`` / ``owner``: that role (or higher) in the workspace of the
  address; instance owners have every workspace.

What a refused caller gets: anonymous → 303 to ``/login``; not a member, or a
workspace that does not exist → 404 with the friendly "page not found"; a member
whose role is too low, or a signed-in user on an owner page → 403 "no access".
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from webflow import (
    Web,
    accept,
    app_routes,
    enrol,
    invite,
    make_owner,
)

from fokus.editing.register_rows import rows
from fokus.report.html import chart_script
from fokus.web.db import AuditEvent, User
from fokus.web.reviews import FRAGMENT, review_state
from fokus.workspace import open_workspace

Who = Literal["public", "signed_in", "instance_owner", "viewer", "editor", "owner"]
Caller = Literal["anonymous", "none", "viewer", "editor", "owner"]
CALLERS: tuple[Caller, ...] = ("anonymous", "none", "viewer", "editor", "owner")
SLUGS = ("alfa", "beta", "missing")
"""The viewer and the editor are members of ``alfa`` only; ``missing`` does not
exist. The instance owner has both."""
RANK = {"none": 0, "viewer": 1, "editor": 2, "owner": 3}

ROW = {
    "person": "Ola Nordmann",
    "platform": "Facebook",
    "asset": "Kystlaget",
    "role": "redaktør",
    "last_active": "2026-03-25",
}
SETTINGS = {"organisation": "Kystlaget", "language": "nb", "timezone": "Europe/Oslo"}
STORED = {
    "review.html": b"<!doctype html><title>stored</title>",
    "review.pdf": b"%PDF-1.7 stored",
    "review.json": b'{"stored": true}',
    "review-tables.xlsx": b"PK stored tables",
    "review.pptx": b"PK stored deck",
}
"""A stored review put in place by hand (no review is run): what the downloads give."""


@dataclass(frozen=True)
class Rule:
    """Who may use a route, and what an allowed caller gets: ``status`` (and
    ``location`` for a redirect). ``data`` is the form an allowed POST sends;
    ``order`` puts routes that undo the set-up (removing a member, deleting the
    workspace, signing out) after the others."""

    who: Who
    status: int
    location: str | None = None
    data: dict[str, str] = field(default_factory=dict)
    order: int = 0


MATRIX: dict[tuple[str, str], Rule] = {
    # Signing in and one-time links: public. A made-up link is "not found".
    ("GET", "/login"): Rule("public", 200),
    ("POST", "/login"): Rule(
        "public", 401, data={"email": "nobody@example.org", "password": "wrong!"}
    ),
    # Only a session waiting for its code sees the code page; others sign in again.
    ("GET", "/login/code"): Rule("public", 303, "/login"),
    ("POST", "/login/code"): Rule("public", 303, "/login", data={"code": "123456"}),
    ("GET", "/setup/{token}"): Rule("public", 404),
    ("POST", "/setup/{token}"): Rule("public", 404),
    ("GET", "/invite/{token}"): Rule("public", 404),
    ("POST", "/invite/{token}"): Rule("public", 404),
    ("GET", "/reset/{token}"): Rule("public", 404),
    ("POST", "/reset/{token}"): Rule("public", 404),
    ("POST", "/language"): Rule(
        "public", 303, "/login", data={"lang": "nb", "next": "/login"}
    ),
    ("GET", "/assets/{name}"): Rule("public", 200),
    ("POST", "/logout"): Rule("public", 303, "/login", order=9),
    # Any signed-in user.
    ("GET", "/"): Rule("signed_in", 303, "/workspaces"),
    ("GET", "/workspaces"): Rule("signed_in", 200),
    ("GET", "/account/2fa"): Rule("signed_in", 200),
    # 2FA is already on: the form sends back to its page.
    ("POST", "/account/2fa"): Rule("signed_in", 303, "/account/2fa"),
    # Instance owners.
    ("POST", "/workspaces"): Rule(
        "instance_owner", 303, "/w/gamma/", data={"name": "Gamma"}
    ),
    ("GET", "/admin/users"): Rule("instance_owner", 200),
    ("GET", "/admin/audit"): Rule("instance_owner", 200),
    ("POST", "/admin/users/{user_id}/reset"): Rule("instance_owner", 200),
    ("POST", "/admin/users/{user_id}/reset-2fa"): Rule(
        "instance_owner", 303, "/admin/users"
    ),
    ("POST", "/admin/users/{user_id}/owner"): Rule(
        "instance_owner", 303, "/admin/users", data={"value": "no"}
    ),
    # A workspace's pages.
    ("GET", "/w/{slug}/"): Rule("viewer", 200),
    ("GET", "/w/{slug}/imports"): Rule("viewer", 200),
    ("GET", "/w/{slug}/review"): Rule("viewer", 200),
    ("GET", "/w/{slug}/review/status"): Rule("viewer", 200),
    ("GET", "/w/{slug}/download/review.html"): Rule("viewer", 200),
    ("GET", "/w/{slug}/download/review.pdf"): Rule("viewer", 200),
    ("GET", "/w/{slug}/download/review.json"): Rule("viewer", 200),
    ("GET", "/w/{slug}/download/review-tables.xlsx"): Rule("viewer", 200),
    ("GET", "/w/{slug}/download/review.pptx"): Rule("viewer", 200),
    ("GET", "/w/{slug}/upload"): Rule("editor", 200),
    # No file chosen: the page again, with nothing imported.
    ("POST", "/w/{slug}/upload"): Rule("editor", 200),
    ("GET", "/w/{slug}/registers"): Rule("editor", 200),
    ("GET", "/w/{slug}/registers/{register}"): Rule("editor", 200),
    ("POST", "/w/{slug}/registers/{register}/rows"): Rule(
        "editor", 303, "/w/{slug}/registers/access", data=ROW
    ),
    ("POST", "/w/{slug}/registers/{register}/rows/{row_id}"): Rule(
        "editor", 303, "/w/{slug}/registers/access", data=ROW
    ),
    ("POST", "/w/{slug}/registers/{register}/rows/{row_id}/delete"): Rule(
        "editor", 303, "/w/{slug}/registers/access", order=1
    ),
    ("GET", "/w/{slug}/settings"): Rule("editor", 200),
    ("POST", "/w/{slug}/settings"): Rule(
        "editor", 303, "/w/{slug}/settings?saved=1", data=SETTINGS
    ),
    ("POST", "/w/{slug}/review/run"): Rule("editor", 303, "/w/{slug}/review", order=1),
    ("POST", "/w/{slug}/invitations"): Rule(
        "owner", 200, data={"email": "new@example.org", "role": "viewer"}
    ),
    ("POST", "/w/{slug}/members/{user_id}/role"): Rule(
        "owner", 303, "/w/{slug}/", data={"role": "viewer"}
    ),
    ("POST", "/w/{slug}/members/{user_id}/remove"): Rule(
        "owner", 303, "/w/{slug}/", order=1
    ),
    ("POST", "/w/{slug}/delete"): Rule("owner", 303, "/workspaces", order=2),
}


def _expected(rule: Rule, caller: Caller, slug: str | None) -> int | str:
    """``"allowed"``, or the status a refused caller gets."""
    if rule.who == "public":
        return "allowed"
    if caller == "anonymous":
        return 303
    if rule.who == "signed_in":
        return "allowed"
    if rule.who == "instance_owner":
        return "allowed" if caller == "owner" else 403
    if slug == "missing" or (
        caller != "owner" and (caller == "none" or slug == "beta")
    ):
        return 404
    return "allowed" if RANK[caller] >= RANK[rule.who] else 403


@dataclass
class Instance:
    web: Web
    clients: dict[Caller, TestClient]
    tokens: dict[Caller, str]
    spare_id: int


def _client(web: Web) -> Web:
    return Web(TestClient(web.app), web.root, web.app)


def _signed_in_member(owner: Web, email: str, role: str, *slugs: str) -> Web:
    """A new user, invited by the owner to ``slugs`` with ``role``, 2FA enrolled."""
    member = _client(owner)
    for slug in slugs:
        accept(member, invite(owner, slug, email, role))
    enrol(member)
    return member


@pytest.fixture
def instance(web: Web) -> Iterator[Instance]:
    """One set of users per backend: the owner, a viewer and an editor of ``alfa``,
    someone in no workspace, and a spare member of both (the target of the member
    and people routes). A stored review is put in place in both workspaces."""
    make_owner(web)
    for name in ("Alfa", "Beta"):
        web.post("/workspaces", {"name": name}, page="/workspaces")
    viewer = _signed_in_member(web, "viewer@example.org", "viewer", "alfa")
    editor = _signed_in_member(web, "editor@example.org", "editor", "alfa")
    nobody = _signed_in_member(web, "nobody@example.org", "viewer", "beta")
    spare = _client(web)  # invited to both, never enrols
    accept(spare, invite(web, "alfa", "spare@example.org", "viewer"))
    accept(spare, invite(web, "beta", "spare@example.org", "viewer"))
    with web.app.state.db.sessions() as db:
        ids = {user.email: user.id for user in db.scalars(select(User))}
    # "none" was a member of beta; the owner takes that away (through the app).
    gone = web.post(
        f"/w/beta/members/{ids['nobody@example.org']}/remove", page="/w/beta/"
    )
    assert gone.status_code == 303
    for slug in ("alfa", "beta"):
        reports = web.root / slug / "reports"
        reports.mkdir(exist_ok=True)
        for name, data in STORED.items():
            (reports / name).write_bytes(data)
        (reports / FRAGMENT).write_text("<p>Lagret gjennomgang</p>", encoding="utf-8")
    anonymous = _client(web)
    clients: dict[Caller, TestClient] = {
        "anonymous": anonymous.client,
        "none": nobody.client,
        "viewer": viewer.client,
        "editor": editor.client,
        "owner": web.client,
    }
    tokens = {
        "anonymous": anonymous.token("/login"),
        "none": nobody.token("/workspaces"),
        "viewer": viewer.token("/workspaces"),
        "editor": editor.token("/workspaces"),
        "owner": web.token("/workspaces"),
    }
    yield Instance(web, clients, tokens, ids["spare@example.org"])
    for slug in ("alfa", "beta"):
        _wait_for_review(web.root / slug)


def _wait_for_review(folder: Path) -> None:
    deadline = time.monotonic() + 120
    while review_state(folder).status == "running" and time.monotonic() < deadline:
        time.sleep(0.2)


def test_the_table_names_every_route(web: Web) -> None:
    routes = {
        (method, route.path)
        for route in app_routes(web.app)
        for method in route.methods
    }
    assert routes == set(MATRIX)


def _params(instance: Instance, slug: str) -> dict[str, str]:
    folder = instance.web.root / slug
    row_id = "0000000000000000-1"
    if (folder / "fokus.toml").exists():
        table = rows(open_workspace(folder), "access").rows
        if table:
            row_id = table[-1].row_id
    return {
        "slug": slug,
        "token": "made-up-link-token",
        "name": chart_script().name,
        "user_id": str(instance.spare_id),
        "register": "access",
        "row_id": row_id,
    }


def _fill(template: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        template = template.replace("{" + key + "}", value)
    return template


def _audit_count(web: Web) -> int:
    with web.app.state.db.sessions() as db:
        return int(db.scalar(select(func.count()).select_from(AuditEvent)) or 0)


def test_every_route_answers_every_caller_exactly_as_the_table_says(
    instance: Instance,
) -> None:
    web = instance.web
    _allowed_downloads_give_the_stored_review(instance)
    seen = 0
    ordered = sorted(MATRIX.items(), key=lambda item: item[1].order)
    for (method, template), rule in ordered:
        for caller in CALLERS:
            for slug in SLUGS if "{slug}" in template else (None,):
                values = _params(instance, slug or "alfa")
                path = _fill(template, values)
                expected = _expected(rule, caller, slug)
                before = _audit_count(web) if expected != "allowed" else 0
                answer = instance.clients[caller].request(
                    method,
                    path,
                    data={**rule.data, "csrf_token": instance.tokens[caller]}
                    if method == "POST"
                    else None,
                    follow_redirects=False,
                )
                where = (caller, method, path)
                seen += 1
                if expected == "allowed":
                    assert answer.status_code == rule.status, (*where, answer.text)
                    if rule.location is not None:
                        wanted = _fill(rule.location, values)
                        assert answer.headers["location"] == wanted, where
                    continue
                assert answer.status_code == expected, (*where, answer.text[:300])
                if expected == 303:
                    assert answer.headers["location"] == "/login", where
                elif expected == 404:
                    assert "Fant ikke siden" in answer.text, where
                else:
                    assert "Ingen tilgang" in answer.text, where
                # A refused call does nothing: not even a line in the audit log.
                assert _audit_count(web) == before, where
    assert seen == _count_checks()


def _count_checks() -> int:
    return sum(
        len(CALLERS) * (len(SLUGS) if "{slug}" in path else 1) for _, path in MATRIX
    )


def _allowed_downloads_give_the_stored_review(instance: Instance) -> None:
    for caller in ("viewer", "editor", "owner"):
        client = instance.clients[caller]
        for name, data in STORED.items():
            answer = client.get(f"/w/alfa/download/{name}")
            assert answer.status_code == 200
            assert answer.content == data
            assert answer.headers["content-disposition"] == (
                f'attachment; filename="alfa-{name}"'
            )
        page = client.get("/w/alfa/review")
        assert "Lagret gjennomgang" in page.text
