"""A workspace's summary for its home page: ``fokus status``'s core call (the coverage
section over the stored data) and the last import.

The coverage section reads every stored post (seconds at a million posts), so a
summary is kept per workspace folder and per state of its files (``fokus.toml``, the
DuckDB file and its write-ahead log: any import or settings change makes a new key)
and per day. It holds what is stored, nothing of the reader, so every role that may
see the workspace sees the same summary; other workspaces never share a key. Only
one request computes a missing summary; the others wait for it. Problems (a locked
database) are never kept: the next request tries again.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from fokus.errors import FokusError
from fokus.store import Store
from fokus.workspace import open_workspace


@dataclass(frozen=True, slots=True)
class Line:
    key: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Summary:
    lines: tuple[Line, ...]
    last_import: str | None = None
    last_import_day: dt.date | None = None
    problem: FokusError | None = None


CACHE_SIZE = 64
FileState = tuple[int, int] | None
Key = tuple[str, dt.date, FileState, FileState, FileState]
_CACHE: OrderedDict[Key, Summary] = OrderedDict()
_CACHE_LOCK = threading.Lock()
_KEY_LOCKS: dict[Key, threading.Lock] = {}


def _file_state(path: Path) -> FileState:
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_mtime_ns, found.st_size)


def summary_key(path: Path, today: dt.date) -> Key:
    """The workspace's folder, the day, and the state of the files a summary reads."""
    folder = path.absolute()  # no resolve(): a realpath per request costs
    database = folder / "fokus.duckdb"
    return (
        str(folder),
        today,
        _file_state(folder / "fokus.toml"),
        _file_state(database),
        _file_state(database.with_name(database.name + ".wal")),
    )


def kept_summary(path: Path, today: dt.date | None = None) -> Summary | None:
    """The summary already kept for the workspace's current state, or None (then
    ``cached_summary`` computes it, in a worker thread: it can take seconds)."""
    key = summary_key(path, today or dt.date.today())
    with _CACHE_LOCK:
        return _CACHE.get(key)


def cached_summary(path: Path, today: dt.date | None = None) -> Summary:
    """``workspace_summary``, computed once per workspace state and day."""
    day = today or dt.date.today()
    key = summary_key(path, day)
    with _CACHE_LOCK:
        found = _CACHE.get(key)
        if found is not None:
            _CACHE.move_to_end(key)
            return found
        key_lock = _KEY_LOCKS.setdefault(key, threading.Lock())
    with key_lock:
        with _CACHE_LOCK:
            found = _CACHE.get(key)
        if found is not None:
            return found
        summary = workspace_summary(path, day)
        with _CACHE_LOCK:
            _KEY_LOCKS.pop(key, None)
            if summary.problem is None:
                _CACHE[key] = summary
                while len(_CACHE) > CACHE_SIZE:
                    _CACHE.popitem(last=False)
        return summary


def workspace_summary(path: Path, today: dt.date | None = None) -> Summary:
    """What is stored in the workspace at ``path``; a problem (a broken fokus.toml,
    a locked database) is returned to be shown, not raised."""
    # Imported here: ibis takes a quarter of a second to load (as in `fokus status`).
    from fokus.analyses.base import ReviewContext  # noqa: PLC0415
    from fokus.analyses.coverage import Coverage  # noqa: PLC0415
    from fokus.review import review_data  # noqa: PLC0415

    try:
        workspace = open_workspace(path)
        if not workspace.database_path.exists():
            return Summary(lines=(Line("web.workspace.nothing_imported"),))
        with Store.open_reader(workspace.database_path) as store:
            records = store.imports()
            result = Coverage().run(
                review_data(store),
                ReviewContext(workspace.config, today or dt.date.today()),
            )
    except FokusError as error:
        return Summary(lines=(), problem=error)
    last = records[-1] if records else None
    return Summary(
        lines=tuple(Line(finding.key, finding.params) for finding in result.findings),
        last_import=last.file_name if last else None,
        last_import_day=last.imported_at.astimezone(dt.UTC).date() if last else None,
    )
