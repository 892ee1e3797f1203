"""CSRF protection for every state-changing request.

Each browser gets a random, HttpOnly ``fokus_csrf`` cookie; pages carry a token that
is the keyed hash of it (in forms as ``csrf_token``, for htmx as the ``X-CSRF-Token``
header set on ``<body>``). A POST, PUT, PATCH or DELETE without a matching token is
refused with 403 before any route runs. A site that is not ours can neither read the
cookie nor compute the token.
"""

from __future__ import annotations

import hmac

from fokus.web.security.tokens import token_hash

COOKIE = "fokus_csrf"
FIELD = "csrf_token"
HEADER = "X-CSRF-Token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class CsrfRefused(Exception):
    """A state-changing request without a valid token."""


def page_token(secret_key: bytes, cookie: str) -> str:
    return token_hash(secret_key, "csrf:" + cookie)


def token_ok(secret_key: bytes, cookie: str | None, sent: str | None) -> bool:
    if not cookie or not sent:
        return False
    return hmac.compare_digest(page_token(secret_key, cookie), sent)
