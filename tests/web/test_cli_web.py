"""``fokus user add`` and the set-up link ``fokus serve`` prints."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from fokus.cli import app
from fokus.web.db import User, open_database
from fokus.web.instance import setup_token
from fokus.web.logs import RedactTokens, redact
from fokus.web.security.passwords import check_password
from fokus.web.settings import SECRET_FILE, load_settings


def test_user_add_owner_prompts_for_the_password(tmp_path: Path) -> None:
    root = tmp_path / "instance"
    settings = load_settings(root, {})
    assert setup_token(settings) is not None  # no owner yet
    password = "a long enough passphrase"  # noqa: S105 (a test account)
    result = CliRunner().invoke(
        app,
        [
            "user",
            "add",
            "Kari@Example.org",
            "--owner",
            "--root",
            str(root),
            "--lang",
            "en",
        ],
        input=f"{password}\n{password}\n",
    )
    assert result.exit_code == 0, result.output
    assert "The owner kari@example.org has been created." in result.output
    assert password not in result.output
    database = open_database(settings.database_url)
    with database.sessions() as db:
        user = db.scalars(select(User)).one()
        assert (user.email, user.is_owner, user.totp_enabled) == (
            "kari@example.org",
            True,
            False,
        )
        assert check_password(user.password_hash, password)
        assert user.password_hash.startswith("$argon2id$")
    database.engine.dispose()
    assert setup_token(settings) is None
    assert (root / SECRET_FILE).stat().st_mode & 0o777 == 0o600
    again = CliRunner().invoke(
        app,
        ["user", "add", "kari@example.org", "--root", str(root), "--lang", "en"],
        input=f"{password}\n{password}\n",
    )
    assert again.exit_code == 3
    assert "There is already a user with kari@example.org." in again.output


def test_user_add_refuses_a_short_password(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["user", "add", "a@example.org", "--root", str(tmp_path), "--lang", "en"],
        input="short\nshort\n",
    )
    assert result.exit_code == 3
    assert "The password is too short." in result.output


def test_the_access_log_never_shows_a_link_token() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/invite/AbC-123_x?next=/", "1.1", 200),
        None,
    )
    assert RedactTokens().filter(record)
    assert record.getMessage() == '127.0.0.1:5000 - "GET /invite/…?next=/ HTTP/1.1" 200'
    assert redact("POST /setup/tok /reset/tok2 /w/alfa/") == (
        "POST /setup/… /reset/… /w/alfa/"
    )
