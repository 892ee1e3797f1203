"""Every broken export either imports or is refused with a FokusError; nothing else.

Starting from one valid file per adapter (seeds.py), Hypothesis breaks it (see
mutations.py) and imports it into a real DuckDB store through ``import_file``, the
code path of ``fokus import``. The property: the outcome is ``imported`` or
``refused`` with a message and hint in the catalogs; no other exception escapes; a
refused file leaves the store exactly as before; memory stays bounded.

``HYPOTHESIS_PROFILE=long`` (scripts/fuzz-long.sh) runs 10,000 cases per adapter.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutations import broken
from seeds import adapter_seeds, register_seeds

from fokus.i18n import translate
from fokus.ingest.pipeline import import_file
from fokus.ingest.registry import ADAPTERS
from fokus.registers.access import access_from
from fokus.registers.ai_tools import ai_tools_from
from fokus.registers.experiments import experiments_from
from fokus.registers.profiles import profiles_from
from fokus.registers.reader import read_register
from fokus.registers.time_use import time_use_from
from fokus.store import Store

sys.path.insert(0, str(Path(__file__).parents[1] / "ingest"))
from meta_exports import TABLES, fingerprint

settings.register_profile(
    "fuzz-ci",
    max_examples=5,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz-long",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# A failing case of megabytes would otherwise be hidden behind this warning (an
# error under the project's warning filter) when Hypothesis prints it.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Generating overly large repr:hypothesis.errors.HypothesisWarning"
)
PROFILE = settings.get_profile(
    "fuzz-long" if os.environ.get("HYPOTHESIS_PROFILE") == "long" else "fuzz-ci"
)
# Peak resident memory may grow by at most this much over a whole test: a 200 MB
# zip bomb or a billion-laughs file must be refused, not inflated.
MEMORY_LIMIT_BYTES = 1536 * 1024 * 1024
KINDS = sorted(adapter.kind for adapter in ADAPTERS)


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class PeakMemory:
    """How far resident memory rose during one case's import or read, not during
    the building of its input (a 200 MB zip bomb is made in memory first) nor in
    earlier cases. Linux resets the peak (VmHWM) when "5" is written to
    /proc/self/clear_refs; elsewhere the process's peak since the test began."""

    def __init__(self) -> None:
        self.resettable = Path("/proc/self/clear_refs").exists()
        self.start = _peak_rss()

    def begin(self) -> None:
        if self.resettable:
            Path("/proc/self/clear_refs").write_text("5")
            self.start = _status_kb("VmHWM") * 1024

    def growth(self) -> int:
        if self.resettable:
            return _status_kb("VmHWM") * 1024 - self.start
        return _peak_rss() - self.start


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise LookupError(field)


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="fokus-fuzz-") as name:
        yield Path(name)


def test_there_is_a_seed_for_every_adapter() -> None:
    assert sorted(adapter_seeds()) == KINDS


def test_the_fingerprint_sees_a_changed_cell(folder: Path) -> None:
    """The property "a refused file leaves the store as it was" compares these."""
    seed = adapter_seeds()["meta_facebook_posts"]
    exports = folder / "fingerprint" / "exports"
    exports.mkdir(parents=True)
    (exports / seed.name).write_bytes(seed.data)
    with Store.open(folder / "fingerprint" / "fokus.duckdb") as store:
        empty = fingerprint(store)
        assert set(empty.values()) == {(0, 0)}
        import_file(exports / seed.name, store, exports_dir=exports, timezone="UTC")
        imported = fingerprint(store)
        assert imported["posts"][0] > 0
        assert imported["post_snapshots"] != empty["post_snapshots"]
        change = "UPDATE post_snapshots SET reach = {} WHERE source_row = 2"
        (old,) = store.connection.execute(
            "SELECT reach FROM post_snapshots WHERE source_row = 2"
        ).fetchall()[0]
        store.connection.execute(change.format(old + 1))
        changed = fingerprint(store)
        assert changed["post_snapshots"][0] == imported["post_snapshots"][0]
        assert changed["post_snapshots"] != imported["post_snapshots"]
        assert changed["posts"] != imported["posts"]  # a view of the newest
        unchanged = {"imports", "import_skips", "accounts", "post_fields", "daily"}
        assert all(changed[table] == imported[table] for table in unchanged)
        store.connection.execute(change.format(old))
        assert fingerprint(store) == imported


class RollingStore:
    """The store the cases import into, replaced by an empty one once it holds
    ``limit`` rows of posts and series. Comparing the store before and after a case
    costs time in proportion to its size: over 10,000 cases, a store that only
    grew made the long profile quadratic (an hour and more per adapter), and at
    20,000 rows the comparison was still a third of the time."""

    def __init__(self, folder: Path, limit: int = 2_000) -> None:
        self.folder = folder
        self.limit = limit
        self.generation = 0
        self.store = Store.open(self._path())

    def _path(self) -> Path:
        return self.folder / f"fokus-{self.generation}.duckdb"

    def roll_if_full(self) -> None:
        (rows,) = self.store.connection.execute(
            "SELECT (SELECT count(*) FROM post_snapshots) + (SELECT count(*) FROM "
            "daily) + (SELECT count(*) FROM audience)"
        ).fetchall()[0]
        if rows > self.limit:
            self.store.close()
            self._path().unlink()
            self.generation += 1
            self.store = Store.open(self._path())

    def close(self) -> None:
        self.store.close()


def test_a_store_that_is_full_rolls_over_to_an_empty_one(folder: Path) -> None:
    seed = adapter_seeds()["meta_facebook_posts"]
    exports = folder / "rolling" / "exports"
    exports.mkdir(parents=True)
    (exports / seed.name).write_bytes(seed.data)
    rolling = RollingStore(folder / "rolling", limit=1)
    first = rolling.store
    rolling.roll_if_full()
    assert rolling.store is first  # empty: nothing to roll
    import_file(exports / seed.name, first, exports_dir=exports, timezone="UTC")
    rolling.roll_if_full()
    assert rolling.store is not first
    assert fingerprint(rolling.store) == dict.fromkeys(TABLES, (0, 0))
    assert sorted(p.name for p in (folder / "rolling").glob("*.duckdb")) == [
        "fokus-1.duckdb"
    ]
    rolling.close()


@pytest.mark.parametrize("kind", KINDS)
def test_a_broken_export_imports_or_is_refused(kind: str, folder: Path) -> None:
    seed = adapter_seeds()[kind]
    exports = folder / kind / "exports"
    exports.mkdir(parents=True)
    memory = PeakMemory()
    rolling = RollingStore(folder / kind)

    @PROFILE
    @given(data=broken(seed.data), case=st.integers(0, 10**9))
    def check(data: bytes, case: int) -> None:
        store = rolling.store
        path = exports / f"{case}-{seed.name}"
        path.write_bytes(data)
        before = fingerprint(store)
        memory.begin()
        outcome = import_file(path, store, exports_dir=exports, timezone="Europe/Oslo")
        path.unlink()
        assert outcome.status in {"imported", "refused", "already_imported"}
        if outcome.status == "refused":
            assert outcome.refusal_key and outcome.refusal_hint_key
            for key in (outcome.refusal_key, outcome.refusal_hint_key):
                shown = translate(key, "en", **outcome.refusal_params)
                assert shown and shown != key, key
            assert fingerprint(store) == before, "a refused file changed the store"
        assert memory.growth() < MEMORY_LIMIT_BYTES
        rolling.roll_if_full()

    try:
        check()
    finally:
        rolling.close()


READERS = {
    "access": access_from,
    "ai_tools": ai_tools_from,
    "time_use": time_use_from,
    "profiles": profiles_from,
    "experiments": experiments_from,
}


@pytest.mark.parametrize("key", sorted(READERS))
def test_a_broken_register_is_read_with_problems_not_errors(
    key: str, folder: Path
) -> None:
    seed = register_seeds()[key]
    registers = folder / "registers" / key
    registers.mkdir(parents=True)
    memory = PeakMemory()

    @PROFILE
    @given(data=broken(seed.data), xlsx=st.booleans())
    def check(data: bytes, xlsx: bool) -> None:
        for old in registers.iterdir():
            old.unlink()
        (registers / f"{key}.{'xlsx' if xlsx else 'csv'}").write_bytes(data)
        memory.begin()
        file = read_register(registers, key)  # type: ignore[arg-type]
        assert file is not None
        parsed = READERS[key](file)
        for problem in (*file.problems, *parsed.problems):
            try:
                shown = translate(problem.key, "en", **problem.params)
            except KeyError:  # {file}, {row}: filled in where problems are shown
                continue
            assert shown != problem.key
        assert memory.growth() < MEMORY_LIMIT_BYTES

    check()
