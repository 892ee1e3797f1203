"""A workspace: a plain folder with ``fokus.toml``, exports, registers and reports.

The folder is the unit a user backs up or puts in git, so everything fokus keeps
about an organisation lives inside it::

    fokus.toml   exports/   registers/   reports/   fokus.duckdb

This module is the only one that reads ``fokus.toml`` from disk or creates the
folder; ``fokus.config`` parses the text without touching files.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from fokus.config import WorkspaceConfig, load_config
from fokus.errors import ExitCode, FokusError
from fokus.files import write_atomically
from fokus.i18n import LANGUAGES, Language, translate
from fokus.registers import REGISTERS, write_register_template

CONFIG_NAME = "fokus.toml"
EXPORTS_README = "README.txt"
# Windows marks these hidden with an attribute rather than a leading dot, so they
# need naming; they would otherwise be refused as unknown exports on every import.
_NOT_EXPORTS = frozenset({"Thumbs.db", "desktop.ini"})


@dataclass(frozen=True, slots=True)
class Workspace:
    """An opened workspace: its folder and its validated configuration."""

    root: Path
    config: WorkspaceConfig

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def exports_dir(self) -> Path:
        return self.root / "exports"

    @property
    def registers_dir(self) -> Path:
        return self.root / "registers"

    @property
    def reports_dir(self) -> Path:
        """Where reviews are written; created by whoever writes the first one."""
        return self.root / "reports"

    @property
    def database_path(self) -> Path:
        return self.root / "fokus.duckdb"


def open_workspace(path: Path) -> Workspace:
    """Open the workspace in ``path``, reading and validating its ``fokus.toml``."""
    root = path.absolute()
    config_path = root / CONFIG_NAME
    if not root.exists():
        raise _error("workspace.missing", ExitCode.NO_WORKSPACE, path=str(root))
    if not root.is_dir():
        raise _error("workspace.not_a_folder", ExitCode.NO_WORKSPACE, path=str(root))
    if not config_path.is_file():
        raise _error("workspace.no_config", ExitCode.NO_WORKSPACE, path=str(root))
    try:
        data = config_path.read_bytes()
    except OSError as error:
        raise _error(
            "workspace.unreadable",
            ExitCode.NO_WORKSPACE,
            path=str(config_path),
            error=error.strerror or str(error),
        ) from None
    try:
        # utf-8-sig: Notepad may put a byte order mark in front.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _error(
            "workspace.not_utf8",
            ExitCode.NO_WORKSPACE,
            path=str(config_path),
            line=data[: error.start].count(b"\n") + 1,
        ) from None
    return Workspace(root, load_config(text, source=str(config_path)))


def init_workspace(
    path: Path,
    organisation: str,
    language: Language,
    timezone: str = "Europe/Oslo",
    *,
    today: dt.date | None = None,
) -> Workspace:
    """Create a workspace in ``path`` (made if needed) and return it opened.

    Writes ``fokus.toml`` from the template in ``language``, ``exports/`` with a
    README and ``registers/`` with one template per register. Refuses a folder that
    already has a ``fokus.toml``, and leaves any other file already there alone.
    ``today`` sets the year of the example KPI's deadline (for tests).
    """
    root = path.absolute()
    config_path = root / CONFIG_NAME
    if config_path.exists() or config_path.is_symlink():
        raise _error("workspace.exists", ExitCode.BAD_INPUT, path=str(root))
    if root.exists() and not root.is_dir():
        raise _error("workspace.not_a_folder", ExitCode.BAD_INPUT, path=str(root))
    if language not in LANGUAGES:  # callers outside mypy's reach, such as the web app
        raise FokusError(
            "config.invalid_language",
            "config.invalid_language.hint",
            ExitCode.BAD_INPUT,
            source=CONFIG_NAME,
            field="language",
            value=language,
            allowed=", ".join(LANGUAGES),
        )
    year = (today or dt.date.today()).year
    text = _render_config(organisation, language, timezone, year)
    # Validate before creating anything, so a bad time zone leaves no half workspace.
    workspace = Workspace(root, load_config(text))
    try:
        workspace.exports_dir.mkdir(parents=True, exist_ok=True)
        workspace.registers_dir.mkdir(exist_ok=True)
        readme = workspace.exports_dir / EXPORTS_README
        if not readme.exists():
            body = translate("workspace.exports_readme", language)
            write_atomically(readme, body.encode("utf-8"))
        for register in REGISTERS:
            if not (workspace.registers_dir / register.filename).exists():
                write_register_template(register, workspace.registers_dir, language)
        # fokus.toml comes last: if anything above failed, the folder is not yet a
        # workspace and running init again simply completes it.
        if config_path.exists():
            raise _error("workspace.exists", ExitCode.BAD_INPUT, path=str(root))
        write_atomically(config_path, text.encode("utf-8"))
    except OSError as error:
        raise _error(
            "workspace.write_failed",
            ExitCode.BAD_INPUT,
            path=str(error.filename or root),
            error=error.strerror or str(error),
        ) from None
    return workspace


def list_export_files(workspace: Workspace) -> tuple[Path, ...]:
    """Every export file under ``exports/``, in subfolders too, sorted by path.

    Skips hidden files and folders, Excel's ``~$`` lock files, system clutter and
    the README that ``init`` put there.
    """
    exports = workspace.exports_dir
    found: list[Path] = []
    for folder, subfolders, files in os.walk(exports):
        # Pruning in place stops os.walk from descending into hidden folders.
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in files:
            path = Path(folder) / name
            if _is_export(name) and path.is_file() and path != exports / EXPORTS_README:
                found.append(path)
    return tuple(sorted(found))


def _is_export(name: str) -> bool:
    # "~$report.xlsx" is the lock file Excel keeps while report.xlsx is open.
    return not name.startswith((".", "~$")) and name not in _NOT_EXPORTS


_TOML_ESCAPES: Mapping[str, str] = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def _render_config(
    organisation: str, language: Language, timezone: str, year: int
) -> str:
    template = (
        resources.files("fokus") / "workspace_templates" / f"fokus.{language}.toml"
    )
    text = template.read_text(encoding="utf-8")
    return (
        text.replace("@organisation@", _toml_string(organisation))
        .replace("@timezone@", _toml_string(timezone))
        .replace("@year@", f"{year:04d}")
    )


def _toml_string(value: str) -> str:
    """``value`` as a TOML basic string, quotes, backslashes and control characters
    escaped, so any name the user types reads back unchanged."""
    escaped: list[str] = []
    for char in value:
        if char in _TOML_ESCAPES:
            escaped.append(_TOML_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\u{ord(char):04X}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def _error(key: str, exit_code: ExitCode, **params: object) -> FokusError:
    return FokusError(key, f"{key}.hint", exit_code, **params)
