"""Valid files to start fuzzing from: one small file per adapter, per register.

The demo writes every export kind in its real format; text files are cut to their
first lines so each case stays fast. The two kinds the demo does not write (LinkedIn
competitors, Facebook Insights post level) come from the ingest tests' writers.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import zipfile
from concurrent.futures import Future
from dataclasses import dataclass
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "ingest"))
from test_facebook_insights import _api_export
from test_linkedin import _competitors

from fokus.demo import write_demo_exports, write_demo_registers
from fokus.ingest.pipeline import choose_adapter
from fokus.ingest.sniff import read_sample
from fokus.registers.templates import REGISTER_KEYS

TEXT_LINES = 25


@dataclass(frozen=True, slots=True)
class Seed:
    """A valid file: its name (adapters read dates from names) and bytes."""

    name: str
    data: bytes


def _kind(path: Path) -> str:
    digest: Future[str] = Future()
    digest.set_result("0" * 64)
    return choose_adapter(read_sample(path, digest)).kind


def _trimmed(data: bytes) -> bytes:
    if data[:2] in {b"PK", b"\xd0\xcf"} or data.lstrip()[:5] == b"<?xml":
        return data  # workbooks and XML: cutting them is a mutation, not a seed
    newline = b"\n\x00" if data[:2] == b"\xff\xfe" else b"\n"
    end = 0
    for _ in range(TEXT_LINES):
        found = data.find(newline, end)
        if found < 0:
            return data
        end = found + len(newline)
    return data[:end]


@cache
def adapter_seeds() -> dict[str, Seed]:
    """One seed per adapter kind, by kind."""
    seeds: dict[str, Seed] = {}
    with tempfile.TemporaryDirectory(prefix="fokus-seeds-") as folder:
        root = Path(folder)
        write_demo_exports(root / "demo", today=dt.date(2026, 11, 20))
        for archive in (root / "demo").rglob("*.zip"):
            with zipfile.ZipFile(archive) as opened:
                opened.extractall(root / "unzipped")
        extra = root / "extra"
        extra.mkdir()
        _competitors(
            extra, "Fjordvik - fjordvik_competitor_analytics_1767085167105.xlsx"
        )
        _api_export(extra)
        for path in sorted(root.rglob("*")):
            if not path.is_file() or path.suffix == ".zip":
                continue
            kind = _kind(path)
            if kind not in seeds:
                trimmed = _trimmed(path.read_bytes())
                seeds[kind] = Seed(path.name, trimmed)
    return seeds


@cache
def register_seeds() -> dict[str, Seed]:
    """The demo's registers, one per key (CSV)."""
    with tempfile.TemporaryDirectory(prefix="fokus-registers-") as folder:
        write_demo_registers(Path(folder), "nb", today=dt.date(2026, 11, 20))
        return {
            key: Seed(path.name, path.read_bytes())
            for key in REGISTER_KEYS
            for path in Path(folder).glob(f"{key}.*")
        }
