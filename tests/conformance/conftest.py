from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fokus.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "fokus.duckdb") as opened:
        yield opened
