"""The audit log: who did what, when, from where, with no secrets in it.

Kinds are stable words (``login``, ``login.failed``, ``lockout``, ``2fa.enabled`` …);
each has a message ``web.audit.kind.<kind>`` for the audit page. ``detail`` holds
plain words such as the target's e-mail or the new role, never a password, code,
token or link.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from sqlalchemy.orm import Session

from fokus.web.db.models import AuditEvent

AuditKind = Literal[
    "setup",
    "login",
    "login.failed",
    "lockout",
    "logout",
    "2fa.enabled",
    "2fa.recovery_used",
    "2fa.reset",
    "password.reset_link",
    "password.changed",
    "role.changed",
    "member.removed",
    "owner.changed",
    "invitation.created",
    "invitation.accepted",
    "workspace_created",
    "workspace_deleted",
    "upload",
    "register_edited",
    "settings_changed",
    "review_run",
]
AUDIT_KINDS: tuple[AuditKind, ...] = get_args(AuditKind)


def record(
    db: Session,
    kind: AuditKind,
    *,
    actor_id: int | None = None,
    actor_email: str | None = None,
    workspace_id: int | None = None,
    address: str | None = None,
    detail: str = "",
) -> None:
    db.add(
        AuditEvent(
            at=dt.datetime.now(dt.UTC),
            kind=kind,
            actor_id=actor_id,
            actor_email=actor_email,
            workspace_id=workspace_id,
            address=address,
            detail=detail,
        )
    )
