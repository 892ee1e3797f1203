"""The documentation describes every command, option and exit code there is."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from fokus.cli import app
from fokus.errors import ExitCode
from fokus.model.vocab import FORMATS, PAID_STATUSES, POST_METRICS

DOCS = Path(__file__).parents[1] / "docs"


def test_every_command_and_option_is_in_docs_cli() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    group = typer.main.get_group(app)
    missing = []
    for name, command in group.commands.items():
        if f"## `fokus {name}" not in text:
            missing.append(name)
        missing.extend(
            f"{name} {option}"
            for parameter in command.params
            for option in getattr(parameter, "opts", [])
            if option.startswith("--") and f"`{option}`" not in text
        )
    assert missing == []


def test_every_exit_code_is_in_docs_cli() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    documented = {int(code) for code in re.findall(r"^\| (\d) \|", text, re.MULTILINE)}
    assert documented == {int(code) for code in ExitCode}


def test_readme_names_the_commands_ci_runs() -> None:
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    ci = (DOCS.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
    assert "make test" in readme
    assert "make demo" in readme


def test_docs_metrics_defines_every_canonical_format_and_metric() -> None:
    text = (DOCS / "metrics.md").read_text(encoding="utf-8")
    defined = set(re.findall(r"^\| `([a-z0-9_]+)` \|", text, re.MULTILINE))
    assert set(FORMATS) <= defined
    assert set(POST_METRICS) <= defined
    assert set(PAID_STATUSES) <= defined
