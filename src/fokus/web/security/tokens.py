"""Random tokens and their keyed hashes: what the database keeps of a session, a
one-time link or a recovery code, so that a copy of the database opens nothing."""

from __future__ import annotations

import hashlib
import hmac
import secrets


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(secret_key: bytes, token: str) -> str:
    return hmac.new(secret_key, token.encode("utf-8"), hashlib.sha256).hexdigest()
