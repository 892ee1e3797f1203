"""Time-based one-time codes (RFC 6238, pyotp), their QR code, and recovery codes.

A code is accepted for the current 30-second step or the one before or after (clock
drift), and only for a step later than the last one used: the same code cannot be
used twice (replay).
"""

from __future__ import annotations

import secrets
import time

import pyotp
import segno

ISSUER = "fokus"
RECOVERY_CODES = 10
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The QR code of ``uri`` as inline SVG markup (no XML declaration, no script)."""
    return str(
        segno.make(uri, error="m").svg_inline(
            scale=5, dark="#1d2731", light="#ffffff", svgclass="qr", omitsize=False
        )
    )


def matching_step(
    secret: str, code: str, last_step: int, now: float | None = None
) -> int | None:
    """The time step ``code`` belongs to, if it is valid and newer than
    ``last_step``; None otherwise."""
    code = "".join(code.split())
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    step = int((time.time() if now is None else now) // totp.interval)
    for candidate in (step - 1, step, step + 1):
        if candidate > last_step and secrets.compare_digest(
            totp.generate_otp(candidate), code
        ):
            return candidate
    return None


def new_recovery_codes() -> tuple[str, ...]:
    """Ten codes like ``k7mq-2xpf-9rta``, shown once to the user."""
    return tuple(
        "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(3))
        for _ in range(RECOVERY_CODES)
    )


def normal_recovery_code(text: str) -> str:
    """A recovery code as typed (spaces, capitals, no dashes) in its stored form."""
    letters = "".join(ch for ch in text.lower() if ch.isalnum())
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))
