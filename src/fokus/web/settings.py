"""The web app's instance settings: where workspaces live, the app database, the
secret key, and whether two-factor authentication is enforced.

Settings come from ``fokus serve``'s options and the environment
(``FOKUS_DATABASE_URL``, ``FOKUS_REQUIRE_2FA``, ``FOKUS_SECURE_COOKIES``,
``FOKUS_MAX_UPLOAD_MB``, ``FOKUS_LOCK_WAIT_SECONDS``); the secret
key is generated once and kept in the root folder, readable by its owner only.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from fokus.errors import ExitCode, FokusError

SECRET_FILE = ".fokus-web-secret"  # noqa: S105 (a file name, not a secret)
DATABASE_FILE = "fokus-web.sqlite"
_FALSE = frozenset({"0", "false", "no", "off"})
_TRUE = frozenset({"1", "true", "yes", "on"})
DEFAULT_LOCK_WAIT = 60


@dataclass(frozen=True, slots=True)
class Settings:
    """One instance of the web app."""

    root: Path
    """The folder holding one workspace folder per web workspace."""
    database_url: str
    secret_key: bytes
    require_2fa: bool = True
    """False relaxes enforced 2FA: every page then shows a warning banner."""
    secure_cookies: bool = False
    """Mark cookies Secure even when the request arrives as plain HTTP (behind a
    TLS-terminating proxy); HTTPS requests always get Secure cookies."""
    max_upload_mb: int = 50
    """The largest file an upload may be, in MiB (``FOKUS_MAX_UPLOAD_MB``)."""
    lock_wait_seconds: int = DEFAULT_LOCK_WAIT
    """How long an upload or a review waits for the workspace while another import,
    review or backup holds it, before it is refused as busy
    (``FOKUS_LOCK_WAIT_SECONDS``)."""


def load_settings(
    root: Path, environ: Mapping[str, str] | None = None, *, create: bool = True
) -> Settings:
    """Settings for the instance in ``root`` (made if ``create``), read from
    ``environ`` (the process environment by default)."""
    env = os.environ if environ is None else environ
    root = root.absolute()
    if create:
        root.mkdir(parents=True, exist_ok=True)
    if not root.is_dir():
        raise FokusError(
            "web.error.root_missing", "web.error.root_missing.hint", path=str(root)
        )
    url = env.get("FOKUS_DATABASE_URL") or f"sqlite:///{root / DATABASE_FILE}"
    return Settings(
        root=root,
        database_url=url,
        secret_key=_secret_key(root),
        require_2fa=_flag(env, "FOKUS_REQUIRE_2FA", default=True),
        secure_cookies=_flag(env, "FOKUS_SECURE_COOKIES", default=False),
        max_upload_mb=_megabytes(env, "FOKUS_MAX_UPLOAD_MB", default=50),
        lock_wait_seconds=_seconds(env, "FOKUS_LOCK_WAIT_SECONDS"),
    )


def _seconds(env: Mapping[str, str], name: str) -> int:
    value = env.get(name, "").strip()
    if not value:
        return DEFAULT_LOCK_WAIT
    if value.isdigit() and 0 < int(value) <= 3_600:
        return int(value)
    raise FokusError(
        "web.error.bad_seconds",
        "web.error.bad_seconds.hint",
        ExitCode.USAGE,
        name=name,
        value=value,
    )


def _megabytes(env: Mapping[str, str], name: str, *, default: int) -> int:
    value = env.get(name, "").strip()
    if not value:
        return default
    if value.isdigit() and 0 < int(value) <= 10_000:
        return int(value)
    raise FokusError(
        "web.error.bad_size",
        "web.error.bad_size.hint",
        ExitCode.USAGE,
        name=name,
        value=value,
    )


def _flag(env: Mapping[str, str], name: str, *, default: bool) -> bool:
    value = env.get(name, "").strip().lower()
    if not value:
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise FokusError(
        "web.error.bad_flag",
        "web.error.bad_flag.hint",
        ExitCode.USAGE,
        name=name,
        value=value,
    )


def _secret_key(root: Path) -> bytes:
    """The instance's secret key, made on first start and kept with mode 0600."""
    path = root / SECRET_FILE
    if not path.exists():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(32))
    return bytes.fromhex(path.read_text(encoding="ascii").strip())
