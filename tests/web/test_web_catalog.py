"""Every message key the web app names is in both catalogs (locale/*/web.po)."""

from __future__ import annotations

import re
from pathlib import Path

from fokus.i18n import LANGUAGES, catalog
from fokus.web.access import ROLES
from fokus.web.audit import AUDIT_KINDS

WEB = Path(__file__).parents[2] / "src" / "fokus" / "web"
LITERAL = re.compile(r"[\"'](web\.[a-z0-9_.]+[a-z0-9_])[\"']")
ERROR_KINDS = ("not_found", "forbidden", "csrf", "bad_request", "crash")


def _used_keys() -> set[str]:
    keys: set[str] = set()
    for path in [*WEB.rglob("*.py"), *WEB.rglob("*.j2"), WEB.parent / "cli.py"]:
        keys.update(LITERAL.findall(path.read_text(encoding="utf-8")))
    keys -= {"web.password"}  # a prefix tested with startswith()
    keys.update(
        f"web.error.{kind}.{part}" for kind in ERROR_KINDS for part in ("title", "body")
    )
    keys.add("web.error.fokus.title")
    keys.update(f"web.role.{role}" for role in ROLES)
    keys.update(f"web.audit.kind.{kind}" for kind in AUDIT_KINDS)
    keys.update(f"web.language.{language}" for language in LANGUAGES)
    keys.update(
        f"{key}.hint" for key in ("web.password.too_short", "web.password.mismatch")
    )
    return keys


def test_every_web_key_is_in_both_catalogs() -> None:
    used = _used_keys()
    assert len(used) > 120
    missing = sorted(
        f"{language}:{key}"
        for language in LANGUAGES
        for key in used
        if key not in catalog(language)
    )
    assert missing == []


def test_the_web_catalog_has_no_unused_keys() -> None:
    shipped = {key for key in catalog("en") if key.startswith("web.")}
    assert sorted(shipped - _used_keys()) == []
