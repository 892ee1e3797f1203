"""Guards that must hold for every route, found by walking the app's routes, so a
route added later is covered without touching these tests: CSRF and headers.
Workspace isolation and roles: ``test_authz_matrix.py``."""

from __future__ import annotations

import re

from fastapi.routing import APIRoute
from sqlalchemy import func, select
from webflow import Web, app_routes, make_owner

from fokus.web.db import AuditEvent

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
PARAM = re.compile(r"\{([a-z_]+)\}")


def _routes(web: Web) -> list[APIRoute]:
    return app_routes(web.app)


SAMPLES = {"register": "access"}
"""Path parameters a page needs to exist (the rest get "1")."""


def _fill(path: str, **values: str) -> str:
    values = {**SAMPLES, **values}
    return PARAM.sub(lambda match: values.get(match.group(1), "1"), path)


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
