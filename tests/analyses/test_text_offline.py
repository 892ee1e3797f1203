"""Language detection and lemmas work with no network at all: the models they use
ship inside their packages (stack.md: nothing may download at run time)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

PROBE = """
from fokus.analyses.findability import lemmas
from fokus.analyses.text_language import detect_language
found = detect_language("Vi hjelper deg med søknader og spørsmål om tjenester.")
print(found.language, sorted(lemmas("stillinger")))
"""


def test_language_and_lemmas_offline() -> None:
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("no unshare on this machine")
    probe = subprocess.run([unshare, "-n", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("cannot make a network namespace here (needs root)")
    done = subprocess.run(
        [unshare, "-n", sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "nb ['stilling', 'stillinger']"
