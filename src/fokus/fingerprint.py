"""What went into a review, as one digest: equal digests, equal reviews.

A review is a function of the imported files (the import log's sha256s), the
registers' and ``fokus.toml``'s contents, the fokus version, the engine, the
language, the review date and the previous review it is compared with. When all
of these are unchanged, the stored results (``fokus.store.review_cache``) are
what a new run would compute, and ``fokus review`` reuses them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from pathlib import Path

from fokus import __version__
from fokus.config import EngineName
from fokus.i18n import Language
from fokus.workspace import Workspace


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _register_digests(folder: Path) -> list[str]:
    """Each file in the registers folder (sub-folders included), by name and
    content: a new, changed, renamed or removed register changes the list."""
    if not folder.is_dir():
        return []
    return [
        f"{path.relative_to(folder).as_posix()}={_file_digest(path)}"
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    ]


def review_fingerprint(
    workspace: Workspace,
    import_digests: Sequence[str],
    *,
    engine: EngineName,
    language: Language,
    today: dt.date,
    previous: dt.datetime | None,
) -> str:
    """The sha256 of everything the review depends on, as a hex string.

    ``previous``: when the review this one is compared with was generated (None
    for no such review).
    """
    parts = [
        f"fokus={__version__}",
        f"engine={engine}",
        f"language={language}",
        f"today={today.isoformat()}",
        f"previous={'' if previous is None else previous.isoformat()}",
        f"config={_file_digest(workspace.config_path)}",
        *(f"import={digest}" for digest in sorted(import_digests)),
        *(f"register={entry}" for entry in _register_digests(workspace.registers_dir)),
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
