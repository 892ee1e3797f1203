"""Accounts and one-time links: the core calls behind the pages and ``fokus user``.

A one-time link (first-owner set-up, invitation, password reset) is a random token
shown once; the database keeps its keyed hash, its kind and its expiry, and marks
it used the moment it is used.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from sqlalchemy import CursorResult, Update, delete, func, select, update
from sqlalchemy.orm import Session

from fokus.errors import FokusError
from fokus.i18n import Language
from fokus.web.db import OneTimeLink, RecoveryCode, User
from fokus.web.security import totp
from fokus.web.security.passwords import hash_password, password_problem
from fokus.web.security.tokens import new_token, token_hash

LinkKind = Literal["setup", "invite", "reset"]
LINK_LIFETIME: dict[LinkKind, dt.timedelta] = {
    "setup": dt.timedelta(days=1),
    "invite": dt.timedelta(days=7),
    "reset": dt.timedelta(days=1),
}
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")


def normal_email(email: str) -> str:
    """``email`` trimmed and lower-cased, or a FokusError when it is not one."""
    value = email.strip().lower()
    if len(value) > 320 or not _EMAIL.match(value):
        raise FokusError("web.email.invalid", "web.email.invalid.hint", email=email)
    return value


def has_owner(db: Session) -> bool:
    return bool(db.scalar(select(func.count()).where(User.is_owner.is_(True))))


def find_user(db: Session, email: str) -> User | None:
    return db.scalar(select(User).where(User.email == email.strip().lower()))


def add_user(
    db: Session,
    email: str,
    password: str,
    *,
    owner: bool = False,
    language: Language = "nb",
    confirm: str | None = None,
) -> User:
    """A new account; refuses a taken e-mail or a weak password."""
    address = normal_email(email)
    problem = password_problem(password, password if confirm is None else confirm)
    if problem:
        raise FokusError(problem, problem + ".hint")
    if find_user(db, address) is not None:
        raise FokusError("web.user.exists", "web.user.exists.hint", email=address)
    user = User(
        email=address,
        password_hash=hash_password(password),
        is_owner=owner,
        language=language,
        totp_enabled=False,
        totp_last_step=0,
        created_at=dt.datetime.now(dt.UTC),
    )
    db.add(user)
    db.flush()
    return user


def new_link(
    db: Session,
    key: bytes,
    kind: LinkKind,
    now: dt.datetime,
    *,
    email: str | None = None,
    workspace_id: int | None = None,
    role: str | None = None,
    user_id: int | None = None,
    created_by: int | None = None,
) -> str:
    """Store a one-time link and return its token (to show once)."""
    token = new_token()
    db.add(
        OneTimeLink(
            token_hash=token_hash(key, token),
            kind=kind,
            email=email,
            workspace_id=workspace_id,
            role=role,
            user_id=user_id,
            created_by=created_by,
            created_at=now,
            expires_at=now + LINK_LIFETIME[kind],
        )
    )
    db.flush()
    return token


def open_link(
    db: Session, key: bytes, token: str, kind: LinkKind, now: dt.datetime
) -> OneTimeLink | None:
    """The unused, unexpired link of ``kind`` with ``token``, or None."""
    link = db.scalar(
        select(OneTimeLink).where(
            OneTimeLink.token_hash == token_hash(key, token), OneTimeLink.kind == kind
        )
    )
    if link is None or link.used_at is not None:
        return None
    expires = (
        link.expires_at
        if link.expires_at.tzinfo
        else link.expires_at.replace(tzinfo=dt.UTC)
    )
    return link if expires > now else None


def setup_link(db: Session, key: bytes, now: dt.datetime) -> str | None:
    """A fresh first-owner set-up token while no owner exists (older ones die)."""
    if has_owner(db):
        return None
    db.execute(
        delete(OneTimeLink).where(
            OneTimeLink.kind == "setup", OneTimeLink.used_at.is_(None)
        )
    )
    return new_link(db, key, "setup", now)


def replace_recovery_codes(db: Session, key: bytes, user: User) -> tuple[str, ...]:
    """Ten new recovery codes for ``user`` (the old ones die); returned once."""
    codes = totp.new_recovery_codes()
    db.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    db.add_all(
        RecoveryCode(user_id=user.id, code_hash=token_hash(key, "recovery:" + code))
        for code in codes
    )
    return codes


def use_recovery_code(
    db: Session, key: bytes, user: User, typed: str, now: dt.datetime
) -> bool:
    """Spend one recovery code; False when it is wrong or already used."""
    wanted = token_hash(key, "recovery:" + totp.normal_recovery_code(typed))
    row = db.scalar(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == wanted,
            RecoveryCode.used_at.is_(None),
        )
    )
    if row is None:
        return False
    return _claimed(
        db,
        update(RecoveryCode)
        .where(RecoveryCode.id == row.id, RecoveryCode.used_at.is_(None))
        .values(used_at=now),
    )


def check_code(db: Session, user: User, code: str, now: dt.datetime) -> bool:
    """Accept a TOTP code once: the step it belongs to becomes the last one used.
    Two requests with the same code at once: the conditional update lets one win."""
    if not user.totp_secret:
        return False
    step = totp.matching_step(
        user.totp_secret, code, user.totp_last_step, now.timestamp()
    )
    if step is None:
        return False
    return _claimed(
        db,
        update(User)
        .where(User.id == user.id, User.totp_last_step < step)
        .values(totp_last_step=step),
    )


def claim_link(db: Session, link: OneTimeLink, now: dt.datetime) -> bool:
    """Mark a one-time link used; False when another request used it first."""
    return _claimed(
        db,
        update(OneTimeLink)
        .where(OneTimeLink.id == link.id, OneTimeLink.used_at.is_(None))
        .values(used_at=now),
    )


def _claimed(db: Session, statement: Update) -> bool:
    """Run a conditional UPDATE of one row: True when this request changed it. The
    row stays locked until the request's transaction ends, so a second request
    waits and then finds the condition false (SQLite and PostgreSQL alike)."""
    result = db.execute(statement)
    assert isinstance(result, CursorResult)
    return result.rowcount == 1


def check_password_of(user: User, password: str) -> bool:
    from fokus.web.security.passwords import check_password  # noqa: PLC0415

    return check_password(user.password_hash, password)
