"""The one user-facing error type.

Every expected problem (bad input, a missing workspace, a refused file) is raised as a
``FokusError``. It carries translation keys rather than finished text, so the CLI and
the web app render it in the user's language, in one place each.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from types import MappingProxyType


class ExitCode(IntEnum):
    """Documented exit codes of the ``fokus`` command (see docs/cli.md)."""

    OK = 0
    FAILED = 1  # an unexpected internal error (a bug): the only case with a traceback
    USAGE = 2  # wrong command-line usage (Typer/Click's own code)
    BAD_INPUT = 3  # a file or register was refused, or init found a workspace
    NO_WORKSPACE = 4  # the folder is not a fokus workspace, or its fokus.toml is wrong
    STORE = 5  # the workspace database is locked, newer than this fokus, or damaged


class FokusError(Exception):
    """An expected problem, described by a message key and a hint key.

    ``params`` fill the ``{placeholders}`` of both texts. ``exit_code`` tells the CLI
    which documented code to return.
    """

    def __init__(
        self,
        message_key: str,
        hint_key: str,
        exit_code: ExitCode = ExitCode.BAD_INPUT,
        **params: object,
    ) -> None:
        super().__init__(message_key)
        self.message_key = message_key
        self.hint_key = hint_key
        self.exit_code = exit_code
        self.params: Mapping[str, object] = MappingProxyType(dict(params))

    def __str__(self) -> str:
        return f"{self.message_key} {dict(self.params)}"
