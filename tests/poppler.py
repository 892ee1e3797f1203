"""Poppler's command-line tools (``pdftotext``, ``pdfinfo``, ``pdftoppm``) for the
tests that read a PDF: skipped where poppler-utils is absent, a failure under CI,
which installs it (scripts/apt-packages.txt)."""

from __future__ import annotations

import os
import shutil

import pytest


def poppler_tool(name: str) -> str:
    """The path of poppler's ``name``."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing; scripts/apt-packages.txt installs it")
        pytest.skip(f"{name} is absent (poppler-utils)")
    return found
