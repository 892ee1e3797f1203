"""The demo workspace, built once per test session, for the sections' pattern tests.

The demo generator plants patterns (docs/demo.md) that the review must find; the
section tests read the demo's real database through the real review code. The
workspace itself (``demo_workspace``) is built once per session in tests/conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from posts_table import DEMO_TODAY

from fokus.analyses.base import ReviewContext, ReviewData
from fokus.review import review_data
from fokus.store import Store
from fokus.workspace import open_workspace


@pytest.fixture
def demo_data(demo_workspace: Path) -> Iterator[tuple[ReviewData, ReviewContext]]:
    """The demo's data and context, read-only."""
    workspace = open_workspace(demo_workspace)
    with Store.open(workspace.database_path, read_only=True) as store:
        yield review_data(store), ReviewContext(workspace.config, DEMO_TODAY)
