"""Run the command-line interface with ``python -m fokus``."""

from __future__ import annotations

from fokus.cli import main

main()
