"""Who may do what in a workspace: the contract every ``/w/{slug}/…`` route uses.

Later pages depend on exactly this shape::

    from fokus.web.access import Access, require

    @router.post("/w/{slug}/uploads")
    def upload(access: Annotated[Access, Depends(require("editor"))]) -> ...:
        access.workspace_path  # the workspace folder, for fokus.workspace.open_workspace

- ``Role = Literal["viewer", "editor", "owner"]``: ``viewer`` reads the review and
  downloads; ``editor`` also uploads, edits registers and runs the review; ``owner``
  is an instance owner, who has every workspace and manages people.
- ``require(role)`` is a dependency factory. Its dependency signs the visitor in
  (redirects to sign-in or 2FA enrolment as needed) and answers **404** for a
  workspace that does not exist or of which the user is not a member, so that URLs
  leak nothing; **403** for a member whose role is lower than ``role``.
- ``Access`` is what a route gets: the user, the workspace and the effective role.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from fastapi import HTTPException, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from fokus.web.context import CurrentUser, Db, settings_of
from fokus.web.db import Membership, User, WorkspaceRow

Role = Literal["viewer", "editor", "owner"]
ROLES: tuple[Role, ...] = get_args(Role)
MemberRole = Literal["viewer", "editor"]
MEMBER_ROLES: tuple[MemberRole, ...] = get_args(MemberRole)
_RANK: dict[Role, int] = {"viewer": 1, "editor": 2, "owner": 3}


@dataclass(frozen=True, slots=True)
class Access:
    user_id: int
    user_email: str
    workspace_id: int
    workspace_slug: str
    workspace_name: str
    workspace_path: Path
    role: Role


def allows(role: Role, needed: Role) -> bool:
    return _RANK[role] >= _RANK[needed]


def require(role: Role) -> Callable[[Request, str, Db, CurrentUser], Awaitable[Access]]:
    """A dependency giving the caller's :class:`Access` to ``{slug}`` if their role
    is at least ``role``."""

    async def dependency(
        request: Request, slug: str, db: Db, user: CurrentUser
    ) -> Access:
        access = _access(db, settings_of(request).root, slug, user, role)
        db.commit()  # the connection goes back to the pool before the route runs
        return access

    return dependency


def _access(db: Session, root: Path, slug: str, user: User, needed: Role) -> Access:
    """The workspace and the user's membership of it, in one query."""
    found = db.execute(
        select(WorkspaceRow, Membership.role)
        .outerjoin(
            Membership,
            (Membership.workspace_id == WorkspaceRow.id)
            & (Membership.user_id == user.id),
        )
        .where(WorkspaceRow.slug == slug)
    ).first()
    if found is None:
        raise HTTPException(status_code=404)
    workspace, member_role = found
    effective: Role | None = "owner" if user.is_owner else None
    if effective is None:
        if member_role not in MEMBER_ROLES:
            raise HTTPException(status_code=404)
        effective = "editor" if member_role == "editor" else "viewer"
    if not allows(effective, needed):
        raise HTTPException(status_code=403)
    return Access(
        user_id=user.id,
        user_email=user.email,
        workspace_id=workspace.id,
        workspace_slug=workspace.slug,
        workspace_name=workspace.name,
        workspace_path=root / workspace.folder,
        role=effective,
    )
