"""The workspace lock: one writing fokus at a time, the others wait their turn.

DuckDB itself refuses a second writer at once ("store.locked"). Two imports started
together should instead run one after the other, so every command that writes the
workspace (import, review, backup, restore) first takes an exclusive lock on the file
``.fokus.lock`` in the workspace folder, waiting up to a timeout for it. The lock is
an operating-system lock (``flock``), so a killed process never leaves it held.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

from fokus.errors import ExitCode, FokusError

LOCK_NAME = ".fokus.lock"
DEFAULT_WAIT_SECONDS = 60.0
_POLL_SECONDS = 0.05


@contextmanager
def workspace_lock(root: Path, *, wait: float = DEFAULT_WAIT_SECONDS) -> Iterator[None]:
    """Hold the workspace's lock; wait up to ``wait`` seconds for another holder.

    Raises ``store.busy`` (exit code 5) when the other holder has not finished in
    time; nothing has been read or changed then.
    """
    with _opened(root) as handle:
        deadline = time.monotonic() + max(wait, 0.0)
        while not _taken(handle, deadline, root, wait):
            time.sleep(_POLL_SECONDS)
        with _holding(handle):
            yield


@asynccontextmanager
async def awaited_workspace_lock(
    root: Path, *, wait: float = DEFAULT_WAIT_SECONDS
) -> AsyncIterator[None]:
    """``workspace_lock`` for the web app's event loop: the wait sleeps instead of
    holding a worker thread, so uploads queued behind a long review do not take
    the threads every other page needs."""
    with _opened(root) as handle:
        deadline = time.monotonic() + max(wait, 0.0)
        while not _taken(handle, deadline, root, wait):
            await asyncio.sleep(_POLL_SECONDS)
        with _holding(handle):
            yield


def _taken(handle: int, deadline: float, root: Path, wait: float) -> bool:
    """One try for the lock: True when taken, False to wait and try again, and
    ``store.busy`` once the deadline has passed."""
    if _try_lock(handle):
        return True
    if time.monotonic() >= deadline:
        raise FokusError(
            "store.busy",
            "store.busy.hint",
            ExitCode.STORE,
            path=str(root),
            seconds=round(wait),
        )
    return False


@contextmanager
def _holding(handle: int) -> Iterator[None]:
    try:
        yield
    finally:
        _unlock(handle)


@contextmanager
def _opened(root: Path) -> Iterator[int]:
    handle = _open(root)
    try:
        yield handle
    finally:
        os.close(handle)


def _open(root: Path) -> int:
    path = root / LOCK_NAME
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise FokusError(
            "store.lock_failed",
            "store.lock_failed.hint",
            ExitCode.STORE,
            path=str(path),
            error=error.strerror or str(error),
        ) from None


if sys.platform == "win32":  # pragma: no cover - tested on Linux only
    import msvcrt

    def _try_lock(handle: int) -> bool:
        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: int) -> None:
        os.lseek(handle, 0, os.SEEK_SET)
        msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: int) -> bool:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: int) -> None:
        fcntl.flock(handle, fcntl.LOCK_UN)
