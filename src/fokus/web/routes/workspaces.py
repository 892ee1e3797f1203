"""The workspace list, creating a workspace, its home page, members and invitations."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from fokus.errors import FokusError
from fokus.web import accounts, audit
from fokus.web.access import MEMBER_ROLES, Access, require
from fokus.web.context import (
    CurrentUser,
    Db,
    InstanceOwner,
    client_address,
    language_of,
    now,
    settings_of,
)
from fokus.web.db import Membership, User, WorkspaceRow
from fokus.web.summary import cached_summary, kept_summary
from fokus.web.templating import render
from fokus.workspace import init_workspace

router = APIRouter()
Text = Annotated[str, Form()]
Viewer = Annotated[Access, Depends(require("viewer"))]
Owner = Annotated[Access, Depends(require("owner"))]
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ß": "ss"})


def slugify(name: str) -> str:
    """``Kystlaget Nord Ålesund`` → ``kystlaget-nord-alesund`` (at most 48 letters)."""
    folded = unicodedata.normalize("NFKD", name.lower().translate(_FOLD))
    ascii_only = folded.encode("ascii", "ignore").decode("ascii")
    return (
        re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")[:48].strip("-") or "workspace"
    )


def _workspaces_of(db: Db, user: User) -> list[tuple[WorkspaceRow, str]]:
    if user.is_owner:
        rows = db.scalars(select(WorkspaceRow).order_by(WorkspaceRow.name)).all()
        return [(row, "owner") for row in rows]
    query = (
        select(WorkspaceRow, Membership.role)
        .join(Membership, Membership.workspace_id == WorkspaceRow.id)
        .where(Membership.user_id == user.id)
        .order_by(WorkspaceRow.name)
    )
    return [(row, role) for row, role in db.execute(query).all()]


@router.get("/")
def home(user: CurrentUser) -> Response:
    return RedirectResponse("/workspaces", status_code=303)


@router.get("/workspaces")
def workspace_list(request: Request, db: Db, user: CurrentUser) -> Response:
    return render(
        request,
        "workspaces.html.j2",
        workspaces=_workspaces_of(db, user),
        name="",
        error=None,
    )


@router.post("/workspaces")
def create_workspace(
    request: Request, db: Db, user: InstanceOwner, name: Text = ""
) -> Response:
    name = name.strip()
    if not name or len(name) > 200:
        return render(
            request,
            "workspaces.html.j2",
            400,
            workspaces=_workspaces_of(db, user),
            name=name,
            error="web.workspaces.name_needed",
        )
    base = slugify(name)
    slug, number = base, 1
    taken = set(db.scalars(select(WorkspaceRow.slug)).all())
    root = settings_of(request).root
    while slug in taken or (root / slug).exists():
        number += 1
        slug = f"{base}-{number}"
    init_workspace(root / slug, name, language_of(request))
    row = WorkspaceRow(slug=slug, name=name, folder=slug, created_at=now())
    db.add(row)
    db.flush()
    audit.record(
        db,
        "workspace_created",
        actor_id=user.id,
        actor_email=user.email,
        workspace_id=row.id,
        address=client_address(request),
        detail=slug,
    )
    return RedirectResponse(f"/w/{slug}/", status_code=303)


@dataclass(frozen=True, slots=True)
class Member:
    id: int
    email: str


def _members(db: Db, workspace_id: int) -> list[tuple[Member, str]]:
    """The members and their roles: plain columns, not User objects (every home
    page shows them)."""
    query = (
        select(User.id, User.email, Membership.role)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.workspace_id == workspace_id)
        .order_by(User.email)
    )
    return [(Member(id, email), role) for id, email, role in db.execute(query).all()]


@router.get("/w/{slug}/")
async def workspace_home(request: Request, db: Db, access: Viewer) -> Response:
    """``async``: a kept summary and a short members query are quicker on the event
    loop; only a summary still to compute goes to a worker thread."""
    members = _members(db, access.workspace_id)
    db.commit()  # the connection goes back to the pool before the summary's work
    summary = kept_summary(access.workspace_path) or await run_in_threadpool(
        cached_summary, access.workspace_path
    )
    return render(
        request,
        "workspace.html.j2",
        access=access,
        members=members,
        summary=summary,
        roles=MEMBER_ROLES,
        link=None,
    )


@router.post("/w/{slug}/invitations")
def invite(
    request: Request, db: Db, access: Owner, email: Text = "", role: Text = "viewer"
) -> Response:
    if role not in MEMBER_ROLES:
        raise HTTPException(status_code=400)
    address = accounts.normal_email(email)
    key = settings_of(request).secret_key
    token = accounts.new_link(
        db,
        key,
        "invite",
        now(),
        email=address,
        workspace_id=access.workspace_id,
        role=role,
        created_by=access.user_id,
    )
    audit.record(
        db,
        "invitation.created",
        actor_id=access.user_id,
        actor_email=access.user_email,
        workspace_id=access.workspace_id,
        address=client_address(request),
        detail=f"{address} {role}",
    )
    return render(
        request,
        "workspace.html.j2",
        access=access,
        members=_members(db, access.workspace_id),
        summary=cached_summary(access.workspace_path),
        roles=MEMBER_ROLES,
        link=f"{request.base_url}invite/{token}",
    )


def _membership(db: Db, access: Access, user_id: int) -> Membership:
    member = db.scalar(
        select(Membership).where(
            Membership.user_id == user_id,
            Membership.workspace_id == access.workspace_id,
        )
    )
    if member is None:
        raise HTTPException(status_code=404)
    return member


@router.post("/w/{slug}/members/{user_id}/role")
def change_role(
    request: Request, db: Db, access: Owner, user_id: int, role: Text = ""
) -> Response:
    if role not in MEMBER_ROLES:
        raise HTTPException(status_code=400)
    member = _membership(db, access, user_id)
    member.role = role
    target = db.get(User, user_id)
    audit.record(
        db,
        "role.changed",
        actor_id=access.user_id,
        actor_email=access.user_email,
        workspace_id=access.workspace_id,
        address=client_address(request),
        detail=f"{target.email if target else user_id} {role}",
    )
    return RedirectResponse(f"/w/{access.workspace_slug}/", status_code=303)


@router.post("/w/{slug}/members/{user_id}/remove")
def remove_member(request: Request, db: Db, access: Owner, user_id: int) -> Response:
    member = _membership(db, access, user_id)
    db.delete(member)
    target = db.get(User, user_id)
    audit.record(
        db,
        "member.removed",
        actor_id=access.user_id,
        actor_email=access.user_email,
        workspace_id=access.workspace_id,
        address=client_address(request),
        detail=target.email if target else str(user_id),
    )
    return RedirectResponse(f"/w/{access.workspace_slug}/", status_code=303)


@router.post("/w/{slug}/delete")
def delete_workspace(request: Request, db: Db, access: Owner) -> Response:
    """Remove the workspace from the web app; its folder stays on disk (data is never
    deleted by a click)."""
    row = db.get(WorkspaceRow, access.workspace_id)
    if row is not None:
        db.delete(row)
    audit.record(
        db,
        "workspace_deleted",
        actor_id=access.user_id,
        actor_email=access.user_email,
        workspace_id=access.workspace_id,
        address=client_address(request),
        detail=access.workspace_slug,
    )
    return RedirectResponse("/workspaces", status_code=303)


@router.get("/invite/{token}")
def invitation_page(request: Request, db: Db, token: str) -> Response:
    link = accounts.open_link(
        db, settings_of(request).secret_key, token, "invite", now()
    )
    if link is None or link.workspace_id is None:
        raise HTTPException(status_code=404)
    workspace = db.get(WorkspaceRow, link.workspace_id)
    exists = accounts.find_user(db, link.email or "") is not None
    return render(
        request,
        "invite.html.j2",
        token=token,
        link=link,
        exists=exists,
        workspace=workspace,
        errors={},
    )


@router.post("/invite/{token}")
def accept_invitation(
    request: Request, db: Db, token: str, password: Text = "", confirm: Text = ""
) -> Response:
    from fokus.web.routes.auth import _signed_in_redirect  # noqa: PLC0415 (one helper)

    key = settings_of(request).secret_key
    link = accounts.open_link(db, key, token, "invite", now())
    if link is None or link.workspace_id is None or not link.email:
        raise HTTPException(status_code=404)
    workspace = db.get(WorkspaceRow, link.workspace_id)
    user = accounts.find_user(db, link.email)
    if user is None:
        try:
            user = accounts.add_user(
                db, link.email, password, language=language_of(request), confirm=confirm
            )
        except FokusError as error:
            return render(
                request,
                "invite.html.j2",
                400,
                token=token,
                link=link,
                exists=False,
                workspace=workspace,
                errors={"password": error},
            )
    elif not accounts.check_password_of(user, password):
        return render(
            request,
            "invite.html.j2",
            401,
            token=token,
            link=link,
            exists=True,
            workspace=workspace,
            errors={
                "password": FokusError("web.login.failed", "web.login.failed.hint")
            },
        )
    _join(db, user, link.workspace_id, link.role or "viewer")
    if not accounts.claim_link(db, link, now()):
        raise HTTPException(status_code=404)  # used by a request a moment ago
    audit.record(
        db,
        "invitation.accepted",
        actor_id=user.id,
        actor_email=user.email,
        workspace_id=link.workspace_id,
        address=client_address(request),
        detail=link.role or "",
    )
    if user.totp_enabled:
        return RedirectResponse("/login", status_code=303)
    return _signed_in_redirect(request, user, db, "full")


def _join(db: Db, user: User, workspace_id: int, role: str) -> None:
    member = db.scalar(
        select(Membership).where(
            Membership.user_id == user.id, Membership.workspace_id == workspace_id
        )
    )
    if member is None:
        db.add(Membership(user_id=user.id, workspace_id=workspace_id, role=role))
    else:
        member.role = role
