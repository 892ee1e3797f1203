"""Guards that must hold for every route, found by walking the app's routes, so a
route added later is covered without touching these tests: CSRF, headers,
workspace isolation and roles."""

from __future__ import annotations

import inspect
import re

from fastapi.routing import APIRoute
from sqlalchemy import func, select
from webflow import Web, accept, enrol, invite, log_in, make_owner

from fokus.web.access import Role, allows
from fokus.web.db import AuditEvent

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
PARAM = re.compile(r"\{([a-z_]+)\}")


def _routes(web: Web) -> list[APIRoute]:
    """Every API route of the app, also those of included routers (FastAPI keeps
    an included router whole, as ``original_router``; no router here has a prefix)."""
    found: list[APIRoute] = []
    pending: list[object] = list(web.app.routes)
    while pending:
        route = pending.pop(0)
        if isinstance(route, APIRoute):
            found.append(route)
        router = getattr(route, "original_router", None)
        if router is not None:
            pending.extend(router.routes)
    return found


SAMPLES = {"register": "access"}
"""Path parameters a page needs to exist (the rest get "1")."""


def _fill(path: str, **values: str) -> str:
    values = {**SAMPLES, **values}
    return PARAM.sub(lambda match: values.get(match.group(1), "1"), path)


def _needed_role(route: APIRoute) -> Role | None:
    """The role a route's ``require(role)`` dependency asks for, if it has one."""
    for dependency in route.dependant.dependencies:
        call = dependency.call
        if call is not None and call.__qualname__ == "require.<locals>.dependency":
            role: Role = inspect.getclosurevars(call).nonlocals["role"]
            return role
    return None


def _audit_count(web: Web) -> int:
    with web.app.state.db.sessions() as db:
        return int(db.scalar(select(func.count()).select_from(AuditEvent)) or 0)


def test_every_state_changing_route_refuses_a_missing_or_wrong_csrf_token(
    web: Web,
) -> None:
    make_owner(web)
    web.post("/workspaces", {"name": "Kystlaget"}, page="/workspaces")
    unsafe = [
        (method, _fill(route.path, slug="kystlaget"))
        for route in _routes(web)
        for method in sorted(route.methods & UNSAFE)
    ]
    assert len(unsafe) >= 15  # the walk found the routes
    before = _audit_count(web)
    for method, path in unsafe:
        for data in ({}, {"csrf_token": "forged"}):
            answer = web.client.request(method, path, data=data, follow_redirects=False)
            assert answer.status_code == 403, (method, path, data)
            assert "Skjemaet var utløpt" in answer.text
        header = web.client.request(
            method, path, headers={"X-CSRF-Token": "forged"}, follow_redirects=False
        )
        assert header.status_code == 403, (method, path)
    assert _audit_count(web) == before
    # The htmx header carrying the page's token is accepted.
    token = web.token("/workspaces")
    ok = web.client.post(
        "/language",
        data={"lang": "en", "next": "/workspaces"},
        headers={"X-CSRF-Token": token},
        follow_redirects=False,
    )
    assert ok.status_code == 303


def test_every_page_has_the_security_headers(web: Web) -> None:
    make_owner(web)
    web.post("/workspaces", {"name": "Kystlaget"}, page="/workspaces")
    paths = [
        _fill(route.path, slug="kystlaget", token="nope")  # noqa: S106 (a link token)
        for route in _routes(web)
        if "GET" in route.methods
    ] + ["/no-such-page", "/static/fokus.css", "/static/htmx.min.js"]
    assert len(paths) >= 12
    for path in paths:
        answer = web.client.get(path, follow_redirects=False)
        headers = answer.headers
        csp = headers["content-security-policy"]
        assert "script-src 'self';" in csp and "unsafe-inline" not in csp, path
        assert "unsafe-eval" not in csp and "frame-ancestors 'none'" in csp
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        if not path.startswith("/static/"):
            assert headers["cache-control"] == "no-store", path
    page = web.client.get("/workspaces").text
    assert "<script>" not in page and " style=" not in page and "<style" not in page


def test_workspace_routes_answer_404_outside_membership_and_403_below_the_role(
    web: Web,
) -> None:
    make_owner(web)
    for name in ("Alfa", "Beta"):
        web.post("/workspaces", {"name": name}, page="/workspaces")
    viewer = invite(web, "alfa", "viewer@example.org", "viewer")
    editor = invite(web, "alfa", "editor@example.org", "editor")
    accept(web, viewer)
    viewer_secret, _ = enrol(web)
    accept(web, editor)
    editor_secret, _ = enrol(web)
    workspace_routes = [
        (method, route)
        for route in _routes(web)
        if route.path.startswith("/w/{slug}")
        for method in sorted(route.methods)
    ]
    assert len(workspace_routes) >= 20
    for email, secret, role in (
        ("viewer@example.org", viewer_secret, "viewer"),
        ("editor@example.org", editor_secret, "editor"),
    ):
        log_in(web, email, secret, steps_ahead=0 if role == "viewer" else 1)
        token = web.token("/workspaces")
        for method, route in workspace_routes:
            needed = _needed_role(route)
            assert needed is not None, f"{route.path} does not use require()"
            for slug in ("beta", "no-such-workspace"):
                path = _fill(route.path, slug=slug)
                answer = web.client.request(
                    method, path, data={"csrf_token": token}, follow_redirects=False
                )
                assert answer.status_code == 404, (role, method, path)
                assert "Fant ikke siden" in answer.text
            own = _fill(route.path, slug="alfa")
            if not allows(role, needed):
                answer = web.client.request(
                    method, own, data={"csrf_token": token}, follow_redirects=False
                )
                assert answer.status_code == 403, (role, method, own)
            elif method == "GET":
                # No review was run: its downloads do not exist yet.
                expected = 404 if "/download/" in route.path else 200
                assert web.client.get(own).status_code == expected, (role, own)
