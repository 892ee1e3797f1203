"""Workspaces: creation makes a real workspace folder, invitations, roles, removal,
the language switch and the audit log page."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select
from webflow import (
    Web,
    accept,
    enrol,
    invite,
    log_in,
    make_owner,
)

from fokus.store import Store
from fokus.web.db import AuditEvent, Membership, User, WorkspaceRow
from fokus.web.settings import Settings
from fokus.workspace import open_workspace
from hostile import HOSTILE


def _kinds(web: Web) -> list[str]:
    with web.app.state.db.sessions() as db:
        return list(db.scalars(select(AuditEvent.kind).order_by(AuditEvent.id)).all())


def test_creating_a_workspace_makes_a_cli_workspace_folder(web: Web) -> None:
    make_owner(web)
    made = web.post(
        "/workspaces", {"name": "Kystlaget Nord Ålesund"}, page="/workspaces"
    )
    assert made.headers["location"] == "/w/kystlaget-nord-alesund/"
    workspace = open_workspace(web.root / "kystlaget-nord-alesund")
    assert workspace.config.organisation == "Kystlaget Nord Ålesund"
    again = web.post(
        "/workspaces", {"name": "Kystlaget Nord Ålesund"}, page="/workspaces"
    )
    assert again.headers["location"] == "/w/kystlaget-nord-alesund-2/"
    home = web.client.get("/w/kystlaget-nord-alesund/")
    assert "Ingenting er importert ennå." in home.text
    assert "Din rolle: eier" in home.text
    assert _kinds(web)[-2:] == ["workspace_created", "workspace_created"]


def test_a_hostile_workspace_name_is_shown_escaped(web: Web) -> None:
    make_owner(web)
    name = HOSTILE["script_tag"] + " & Co"
    made = web.post("/workspaces", {"name": name}, page="/workspaces")
    page = web.client.get(made.headers["location"])
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page.text


def test_an_invited_editor_joins_enrols_and_signs_in(web: Web) -> None:
    owner = make_owner(web)
    web.post("/workspaces", {"name": "Alfa"}, page="/workspaces")
    link = invite(web, "alfa", "Editor@Example.org", "editor")
    accept(web, link)
    # 2FA comes first for the new user too.
    assert web.client.get("/w/alfa/", follow_redirects=False).headers["location"] == (
        "/account/2fa"
    )
    secret, _ = enrol(web)
    home = web.client.get("/w/alfa/")
    assert "Din rolle: redaktør" in home.text
    assert web.client.get(link).status_code == 404  # used once
    log_in(web, "editor@example.org", secret)
    listing = web.client.get("/workspaces")
    assert 'href="/w/alfa/"' in listing.text
    # The owner changes the role and then removes the member.
    log_in(web, owner.email, owner.secret)
    with web.app.state.db.sessions() as db:
        editor_id = db.scalar(select(User.id).where(User.email == "editor@example.org"))
    web.post(f"/w/alfa/members/{editor_id}/role", {"role": "viewer"}, page="/w/alfa/")
    with web.app.state.db.sessions() as db:
        assert db.scalar(
            select(Membership.role).where(Membership.user_id == editor_id)
        ) == ("viewer")
    web.post(f"/w/alfa/members/{editor_id}/remove", page="/w/alfa/")
    with web.app.state.db.sessions() as db:
        assert (
            db.scalar(select(Membership).where(Membership.user_id == editor_id)) is None
        )
    kinds = _kinds(web)
    for kind in (
        "invitation.created",
        "invitation.accepted",
        "role.changed",
        "member.removed",
    ):
        assert kind in kinds


def test_removing_a_workspace_keeps_its_folder(web: Web) -> None:
    make_owner(web)
    web.post("/workspaces", {"name": "Alfa"}, page="/workspaces")
    gone = web.post("/w/alfa/delete", page="/w/alfa/")
    assert gone.headers["location"] == "/workspaces"
    assert web.client.get("/w/alfa/").status_code == 404
    assert (web.root / "alfa" / "fokus.toml").is_file()
    assert _kinds(web)[-1] == "workspace_deleted"


def test_language_switch_is_kept_for_the_user(web: Web) -> None:
    make_owner(web)
    switched = web.post(
        "/language", {"lang": "en", "next": "//evil.example"}, page="/workspaces"
    )
    assert switched.headers["location"] == "/"  # never an open redirect
    page = web.client.get("/workspaces")
    assert '<html lang="en">' in page.text and "Workspaces" in page.text
    with web.app.state.db.sessions() as db:
        assert db.scalar(select(User.language)) == "en"


def test_the_audit_page_is_for_owners_only(web: Web) -> None:
    make_owner(web)
    web.post("/workspaces", {"name": "Alfa"}, page="/workspaces")
    link = invite(web, "alfa", "viewer@example.org", "viewer")
    page = web.client.get("/admin/audit")
    assert "Invitasjon laget" in page.text and "viewer@example.org viewer" in page.text
    assert link.split("/")[-1] not in page.text
    accept(web, link)
    enrol(web)
    assert web.client.get("/admin/audit").status_code == 403
    assert web.client.get("/admin/users").status_code == 403


def test_relaxed_2fa_lets_users_in_with_a_banner(web: Web) -> None:
    make_owner(web)
    web.post("/workspaces", {"name": "Alfa"}, page="/workspaces")
    link = invite(web, "alfa", "viewer@example.org", "viewer")
    accept(web, link)
    assert web.client.get("/workspaces", follow_redirects=False).status_code == 303
    web.app.state.settings = _relaxed(web)
    page = web.client.get("/workspaces")
    assert page.status_code == 200
    assert 'class="banner warning"' in page.text


def _relaxed(web: Web) -> Settings:
    return dataclasses.replace(web.app.state.settings, require_2fa=False)


def test_the_home_page_summarises_a_workspace_like_fokus_status(
    web: Web, demo_workspace: Path
) -> None:
    make_owner(web)
    shutil.copytree(demo_workspace, web.root / "demo")
    with web.app.state.db.sessions.begin() as db:
        db.add(
            WorkspaceRow(slug="demo", name="Fjordvik", folder="demo", created_at=_now())
        )
    status = subprocess.run(
        [
            sys.executable,
            "-m",
            "fokus",
            "status",
            str(web.root / "demo"),
            "--lang",
            "nb",
        ],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "1000"},  # one finding per line
    ).stdout
    page = web.client.get("/w/demo/")
    items = re.findall(
        r"<li>(.*?)</li>", page.text.split('id="summary"')[1].split("</ul>")[0]
    )
    assert len(items) >= 2
    for item in items:  # each finding is the line `fokus status` prints
        assert f"• {html.unescape(item)}" in status
    with Store.open(web.root / "demo" / "fokus.duckdb", read_only=True) as store:
        last = store.imports()[-1].file_name
    assert f"Sist importert: {html.escape(last)}" in page.text


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
