"""Passwords hashed with argon2id (argon2-cffi's defaults)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 10
_HASHER = PasswordHasher()
# Checked against when the account does not exist, so that an unknown e-mail takes
# as long to refuse as a wrong password (no account enumeration by timing).
_DUMMY = _HASHER.hash("not a password of anyone")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def check_password(stored: str | None, password: str) -> bool:
    """True when ``password`` matches ``stored``; None: no such account."""
    try:
        return _HASHER.verify(stored or _DUMMY, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def password_problem(password: str, confirm: str) -> str | None:
    """The message key of what is wrong with a new password, or None."""
    if len(password) < MIN_LENGTH:
        return "web.password.too_short"
    if password != confirm:
        return "web.password.mismatch"
    return None
