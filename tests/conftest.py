"""Fixtures shared by more than one test folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def demo_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo workspace made by ``fokus demo``, as a user makes it: built once per
    test session for the section tests (tests/analyses) and the engine contract
    (tests/engines)."""
    folder = tmp_path_factory.mktemp("demo") / "workspace"
    subprocess.run(
        [sys.executable, "-m", "fokus", "demo", str(folder), "--quiet", "--lang", "en"],
        check=True,
        capture_output=True,
    )
    return folder
