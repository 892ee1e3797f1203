"""Instance owners' pages: people (owner flag, password-reset links, 2FA reset) and
the audit log; and the page a reset link opens."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy import delete, select

from fokus.errors import FokusError
from fokus.web import accounts, audit
from fokus.web.context import (
    Db,
    InstanceOwner,
    client_address,
    now,
    session_of,
    settings_of,
)
from fokus.web.db import AuditEvent, Membership, RecoveryCode, User, WorkspaceRow
from fokus.web.security import sessions
from fokus.web.security.passwords import hash_password, password_problem
from fokus.web.templating import render

router = APIRouter()
Text = Annotated[str, Form()]
AUDIT_PAGE = 200


def _people(request: Request, db: Db, owner: User, link: str | None = None) -> Response:
    users = db.scalars(select(User).order_by(User.email)).all()
    query = (
        select(Membership.user_id, WorkspaceRow.name, Membership.role)
        .join(WorkspaceRow, WorkspaceRow.id == Membership.workspace_id)
        .order_by(WorkspaceRow.name)
    )
    memberships: dict[int, list[tuple[str, str]]] = {}
    for user_id, name, role in db.execute(query).all():
        memberships.setdefault(user_id, []).append((name, role))
    return render(
        request,
        "users.html.j2",
        users=users,
        memberships=memberships,
        link=link,
        me=owner,
    )


@router.get("/admin/users")
def users_page(request: Request, db: Db, owner: InstanceOwner) -> Response:
    return _people(request, db, owner)


def _user(db: Db, user_id: int) -> User:
    user = db.get(User, user_id)
    if user is None:
        raise HTTPException(status_code=404)
    return user


@router.post("/admin/users/{user_id}/reset")
def reset_link(
    request: Request, db: Db, owner: InstanceOwner, user_id: int
) -> Response:
    user = _user(db, user_id)
    # Whoever holds a session of the user now (a stolen one, say) is out at once, not
    # only when the link is used; an owner resetting themselves keeps this session.
    current = session_of(request, db)
    mine = current.id if current is not None and user.id == owner.id else None
    sessions.end_all(db, user.id, keep=mine)
    token = accounts.new_link(
        db,
        settings_of(request).secret_key,
        "reset",
        now(),
        user_id=user.id,
        created_by=owner.id,
    )
    audit.record(
        db,
        "password.reset_link",
        actor_id=owner.id,
        actor_email=owner.email,
        address=client_address(request),
        detail=user.email,
    )
    return _people(request, db, owner, link=f"{request.base_url}reset/{token}")


@router.post("/admin/users/{user_id}/reset-2fa")
def reset_2fa(request: Request, db: Db, owner: InstanceOwner, user_id: int) -> Response:
    """Turn a user's 2FA off (a lost phone and lost codes): they enrol again at their
    next sign-in, and every session of theirs ends now."""
    user = _user(db, user_id)
    user.totp_enabled = False
    user.totp_secret = None
    db.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    sessions.end_all(db, user.id)
    audit.record(
        db,
        "2fa.reset",
        actor_id=owner.id,
        actor_email=owner.email,
        address=client_address(request),
        detail=user.email,
    )
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{user_id}/owner")
def set_owner(
    request: Request, db: Db, owner: InstanceOwner, user_id: int, value: Text = ""
) -> Response:
    user = _user(db, user_id)
    make_owner = value == "yes"
    if user.id == owner.id and not make_owner:
        raise FokusError("web.users.last_owner", "web.users.last_owner.hint")
    user.is_owner = make_owner
    audit.record(
        db,
        "owner.changed",
        actor_id=owner.id,
        actor_email=owner.email,
        address=client_address(request),
        detail=f"{user.email} {'owner' if make_owner else '-'}",
    )
    return RedirectResponse("/admin/users", status_code=303)


@router.get("/admin/audit")
def audit_page(request: Request, db: Db, owner: InstanceOwner) -> Response:
    events = db.scalars(
        select(AuditEvent).order_by(AuditEvent.id.desc()).limit(AUDIT_PAGE)
    ).all()
    names = {
        row.id: row.slug
        for row in db.execute(select(WorkspaceRow.id, WorkspaceRow.slug))
    }
    return render(request, "audit.html.j2", events=events, names=names)


@router.get("/reset/{token}")
def reset_page(request: Request, db: Db, token: str) -> Response:
    if (
        accounts.open_link(db, settings_of(request).secret_key, token, "reset", now())
        is None
    ):
        raise HTTPException(status_code=404)
    return render(request, "reset.html.j2", token=token, error=None)


@router.post("/reset/{token}")
def reset_password(
    request: Request, db: Db, token: str, password: Text = "", confirm: Text = ""
) -> Response:
    link = accounts.open_link(
        db, settings_of(request).secret_key, token, "reset", now()
    )
    user = db.get(User, link.user_id) if link is not None and link.user_id else None
    if link is None or user is None:
        raise HTTPException(status_code=404)
    problem = password_problem(password, confirm)
    if problem:
        return render(request, "reset.html.j2", 400, token=token, error=problem)
    user.password_hash = hash_password(password)
    if not accounts.claim_link(db, link, now()):
        raise HTTPException(status_code=404)  # used by a request a moment ago
    sessions.end_all(db, user.id)
    audit.record(
        db,
        "password.changed",
        actor_id=user.id,
        actor_email=user.email,
        address=client_address(request),
    )
    return RedirectResponse("/login", status_code=303)
