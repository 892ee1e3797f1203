"""Running the review from the web app: one run at a time per workspace, in a
background thread (holding the workspace's lock, which uploads take too), and the rendered review fragment cached per stored review.

``start_review`` returns at once; the page polls ``review_state`` until the run is
done. The run writes the same files as ``fokus review`` into ``reports/`` and, beside
them, ``review.fragment.html`` (the fragment the review page shows), so a page view
reads one file; ``review_fragment`` keeps it in memory keyed by its modification
time.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from fokus.errors import FokusError
from fokus.review import FRAGMENT, review_workspace, write_review
from fokus.store.lock import workspace_lock
from fokus.web.settings import DEFAULT_LOCK_WAIT
from fokus.workspace import open_workspace

LOG = logging.getLogger("fokus.web")
RunStatus = Literal["idle", "running", "done", "failed"]
DOWNLOADS: dict[str, tuple[str, str]] = {
    "review.html": ("text/html; charset=utf-8", "html"),
    "review.pdf": ("application/pdf", "pdf"),
    "review.json": ("application/json", "json"),
    "review-tables.xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    "review.pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "pptx",
    ),
}
"""Every report file the web app lets a viewer download: its type and short name."""


@dataclass(frozen=True, slots=True)
class RunState:
    """The latest run in this process: its status, when it ended, why it failed."""

    status: RunStatus
    finished_at: dt.datetime | None = None
    message_key: str | None = None
    hint_key: str | None = None
    params: tuple[tuple[str, object], ...] = ()


_LOCK = threading.Lock()
_STATES: dict[Path, RunState] = {}
_FRAGMENTS: dict[Path, tuple[float, str]] = {}


def review_state(folder: Path) -> RunState:
    with _LOCK:
        return _STATES.get(folder, RunState("idle"))


def start_review(folder: Path, wait: int = DEFAULT_LOCK_WAIT) -> bool:
    """Start a run for the workspace in ``folder``; False if one is running. The
    run waits up to ``wait`` seconds for the workspace's lock, then fails as busy."""
    with _LOCK:
        if _STATES.get(folder, RunState("idle")).status == "running":
            return False
        _STATES[folder] = RunState("running")
    threading.Thread(target=_run, args=(folder, wait), daemon=True).start()
    return True


def run_review(folder: Path) -> None:
    """Run the review and write its files and fragment (in the calling thread)."""
    workspace = open_workspace(folder)
    reports = workspace.root / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    review = review_workspace(workspace)
    write_review(
        review,
        workspace,
        reports / "review.html",
        reports / "review.json",
        reports / "review.pdf",
        tables=reports / "review-tables.xlsx",
        deck=reports / "review.pptx",
        fragment=reports / FRAGMENT,
    )


def _run(folder: Path, wait: int) -> None:
    ended = dt.datetime.now(dt.UTC)
    try:
        with workspace_lock(folder, wait=wait):
            run_review(folder)
        state = RunState("done", dt.datetime.now(dt.UTC))
    except FokusError as error:
        if error.message_key == "store.busy":  # told without the server's path
            error = FokusError("web.review.busy", "web.review.busy.hint", seconds=wait)
        state = RunState(
            "failed", ended, error.message_key, error.hint_key,
            tuple(error.params.items()),
        )  # fmt: skip
    except Exception:
        LOG.exception("The review of %s failed", folder.name)
        state = RunState("failed", ended, "web.pages.review.crashed",
                         "web.pages.review.crashed.hint")  # fmt: skip
    with _LOCK:
        _STATES[folder] = state


def review_fragment(folder: Path) -> str | None:
    """The stored review's fragment, or None before the first review."""
    path = folder / "reports" / FRAGMENT
    try:
        stamp = path.stat().st_mtime
    except FileNotFoundError:
        return None
    with _LOCK:
        cached = _FRAGMENTS.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
    text = path.read_text(encoding="utf-8")
    with _LOCK:
        _FRAGMENTS[path] = (stamp, text)
    return text


def download_path(folder: Path, name: str) -> Path | None:
    """The report file ``name`` if it is one of ``DOWNLOADS`` and was written."""
    if name not in DOWNLOADS:
        return None
    path = folder / "reports" / name
    return path if path.is_file() else None
