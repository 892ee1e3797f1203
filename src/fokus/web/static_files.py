"""Static files under hashed names, cached by browsers for a year.

Pages link ``static_url("fokus.css")`` → ``/static/fokus.<16 hex digits>.css``: the
digest is of the file's bytes, so a new release gets new names and a browser may keep
each file for a year without asking again (``Cache-Control: immutable``). The plain
name (``/static/fokus.css``) still works, revalidated on every use (``no-cache`` with
an ETag). A hashed name whose digest is not the file's is "not found": a stale page
never gets new bytes under an old name.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from importlib import resources
from pathlib import Path

from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
_HASHED = re.compile(r"^(?P<stem>[^/]+)\.(?P<digest>[0-9a-f]{16})(?P<suffix>\.\w+)$")


@cache
def static_folder() -> Path:
    return Path(str(resources.files("fokus.web") / "static"))


@cache
def digests(folder: Path) -> dict[str, str]:
    """Each file's name → the first 16 hex digits of its sha256 (read once)."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


def hashed_name(name: str, folder: Path | None = None) -> str:
    """``fokus.css`` → ``fokus.<digest>.css``."""
    digest = digests(folder or static_folder())[name]
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{digest}.{suffix}" if dot else f"{name}.{digest}"


def static_url(name: str) -> str:
    """The address a page links a static file by."""
    return f"/static/{hashed_name(name)}"


class HashedStaticFiles(StaticFiles):
    """``StaticFiles`` that serves ``name.<digest>.ext`` as ``name.ext``, for a year."""

    def __init__(self, folder: Path) -> None:
        super().__init__(directory=str(folder))
        self.folder = folder

    def plain_name(self, path: str) -> str | None:
        """The file a hashed name stands for, if its digest is the file's."""
        found = _HASHED.match(path)
        if found is None:
            return None
        name = found["stem"] + found["suffix"]
        return name if digests(self.folder).get(name) == found["digest"] else None

    async def get_response(self, path: str, scope: Scope) -> Response:
        plain = self.plain_name(path)
        if plain is None and _HASHED.match(path):
            plain = "\0"  # a stale or forged digest: not found (Starlette's 404)
        response = await super().get_response(plain or path, scope)
        response.headers["Cache-Control"] = IMMUTABLE if plain else REVALIDATE
        return response
