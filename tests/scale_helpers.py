"""Running the ``fokus`` command as a user does (the CLI and scale tests)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run(
    *args: str | Path, lang: str = "en", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m fokus ARGS`` in a wide terminal, without colour."""
    base = {
        **os.environ,
        "FOKUS_LANG": lang,
        "COLUMNS": "500",  # keep rich from wrapping messages
        "NO_COLOR": "1",
        "PYTHONWARNINGS": "",
    }
    return subprocess.run(
        [sys.executable, "-m", "fokus", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**base, **(env or {})},
        timeout=900,
        check=False,
    )


def flat(text: str) -> str:
    """Whitespace collapsed, so a wrapped line still matches."""
    return " ".join(text.split())
