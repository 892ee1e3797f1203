"""The workspace database: schema, versions, locking, and the metric columns."""

from __future__ import annotations

import contextlib
import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from fokus.errors import ExitCode, FokusError
from fokus.ingest.headers import POST_METRICS
from fokus.model.vocab import POST_METRICS as MODEL_METRICS
from fokus.store import Store, database
from fokus.store.database import memory_limit_mib
from fokus.store.schema import MIGRATIONS, SCHEMA_VERSION


def test_a_new_store_records_its_schema_version(tmp_path: Path) -> None:
    with Store.open(tmp_path / "f.duckdb") as store:
        assert store.schema_version() == SCHEMA_VERSION
    with Store.open(tmp_path / "f.duckdb") as store:  # opening again migrates nothing
        assert store.schema_version() == SCHEMA_VERSION
        assert store.imports() == ()


def test_every_known_metric_has_a_column(tmp_path: Path) -> None:
    with Store.open(tmp_path / "f.duckdb") as store:
        columns = {
            row[0]
            for row in store.connection.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = 'post_snapshots' AND data_type = 'DOUBLE'"
            ).fetchall()
        }
    assert columns == set(MODEL_METRICS)
    assert set(POST_METRICS) <= columns


def test_a_store_from_a_newer_fokus_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "f.duckdb"
    with Store.open(path) as store:
        store.connection.execute(
            "UPDATE meta SET value = '99' WHERE key = 'schema_version'"
        )
    before = path.read_bytes()
    with pytest.raises(FokusError) as refused:
        Store.open(path)
    assert (refused.value.message_key, refused.value.exit_code) == (
        "store.too_new",
        ExitCode.STORE,
    )
    assert dict(refused.value.params) == {"found": 99, "supported": SCHEMA_VERSION}
    assert path.read_bytes() == before


def test_a_store_in_use_by_another_process_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "f.duckdb"
    Store.open(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('ready', flush=True); time.sleep(30)", str(path)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(FokusError) as refused:
            Store.open(path)
        assert refused.value.message_key == "store.locked"
        assert refused.value.exit_code == ExitCode.STORE
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    time.sleep(0.1)
    Store.open(path).close()  # free again once the other process is gone


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "f.duckdb"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(FokusError) as refused:
        Store.open(path)
    assert refused.value.message_key == "store.unreadable"
    assert path.read_bytes() == b"this is not a database" * 100


def test_duckdb_is_the_pinned_major_version() -> None:
    assert duckdb.__version__.startswith("2.0.")


def test_a_schema_1_store_is_migrated_with_its_posts_kept(tmp_path: Path) -> None:
    path = tmp_path / "f.duckdb"
    con = duckdb.connect(str(path))
    for statement in MIGRATIONS[0]:
        con.execute(statement)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.execute(
        "INSERT INTO post_snapshots (platform, account_id, post_id, published_at, "
        "published_day, format, paid, as_of, import_id, source_row, reach) VALUES "
        "('facebook', 'a', 'p1', '2025-01-02 10:00+00', '2025-01-02', 'image', "
        "'organic', '2025-02-01', 1, 2, 120)"
    )
    con.close()
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION == 5
        # Migration 4 adds the web app's record of uploads, empty.
        assert store.connection.execute("SELECT count(*) FROM uploads").fetchall() == [
            (0,)
        ]
        rows = store.connection.execute(
            "SELECT post_id, reach, engagements FROM posts"
        ).fetchall()
        metrics = store.connection.execute(
            "SELECT metric, value FROM latest_post_metrics"
        ).fetchall()
    assert rows == [("p1", 120.0, None)]
    assert metrics == [("reach", 120.0)]


def test_posts_holds_each_posts_newest_snapshot(tmp_path: Path) -> None:
    """Newest export first, then the later import, then the later row."""
    sys.path.insert(0, str(Path(__file__).parent / "analyses"))
    from posts_table import add_post  # noqa: PLC0415

    day = dt.date(2026, 1, 5)
    with Store.open(tmp_path / "fokus.duckdb") as store:
        for post, as_of, import_id, reach in (
            ("a", dt.date(2026, 2, 1), 1, 10.0),
            ("a", dt.date(2026, 3, 1), 1, 30.0),  # newer export: wins
            ("a", dt.date(2026, 1, 1), 9, 20.0),
            ("b", dt.date(2026, 2, 1), 2, 10.0),
            ("b", dt.date(2026, 2, 1), 3, 40.0),  # same day, later import: wins
            ("c", dt.date(2026, 2, 1), 4, 50.0),
        ):
            add_post(store, "facebook", post, day, as_of=as_of, import_id=import_id,
                     reach=reach)  # fmt: skip
        add_post(store, "facebook", "a", day, account="other", reach=60.0)
        assert store.connection.execute(
            "SELECT account_id, post_id, reach FROM posts ORDER BY ALL"
        ).fetchall() == [
            ("acc", "a", 30.0),
            ("acc", "b", 40.0),
            ("acc", "c", 50.0),
            ("other", "a", 60.0),
        ]


def _meta(store: Store, key: str) -> list[tuple[str]]:
    return store.connection.execute(
        "SELECT value FROM meta WHERE key = ?", [key]
    ).fetchall()


def test_a_reader_and_a_writer_share_the_file_in_one_process(tmp_path: Path) -> None:
    """The web server reads summaries while uploads write: in either order of
    opening, both connections work, and the reader sees each committed write."""
    path = tmp_path / "f.duckdb"
    Store.open(path).close()
    with Store.open_reader(path) as reader, Store.open(path) as writer:
        writer.connection.execute("INSERT INTO meta VALUES ('first', 'a')")
        assert _meta(reader, "first") == [("a",)]
    with Store.open(path) as writer, Store.open_reader(path) as reader:
        writer.connection.execute("BEGIN")
        writer.connection.execute("INSERT INTO meta VALUES ('second', 'b')")
        assert _meta(reader, "second") == []  # not yet committed
        writer.connection.execute("COMMIT")
        assert _meta(reader, "second") == [("b",)]
    # A read-only connection would have refused the writer (the bug it replaces).
    with Store.open(path, read_only=True), pytest.raises(FokusError) as refused:
        Store.open(path)
    assert refused.value.message_key == "store.unreadable"


def test_a_reader_neither_creates_nor_migrates_a_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.duckdb"
    with pytest.raises(FokusError) as refused:
        Store.open_reader(missing)
    assert refused.value.message_key == "store.missing"
    assert not missing.exists()
    old = tmp_path / "old.duckdb"
    con = duckdb.connect(str(old))
    for statement in MIGRATIONS[0]:
        con.execute(statement)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.close()
    with pytest.raises(FokusError) as refused:
        Store.open_reader(old)
    assert refused.value.message_key == "store.needs_migration"
    with duckdb.connect(str(old), read_only=True) as con:
        assert con.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'"
        ).fetchall() == [("1",)]


def test_duckdb_may_use_half_the_machine_at_most_4_gib(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = 4096

    def machine(gib: float) -> None:
        pages = int(gib * 2**30 / page)
        sizes = {"SC_PAGE_SIZE": page, "SC_PHYS_PAGES": pages}
        monkeypatch.setattr(database.os, "sysconf", sizes.__getitem__)

    machine(24)
    assert memory_limit_mib() == 4096
    machine(6)
    assert memory_limit_mib() == 3072
    machine(0.25)
    assert memory_limit_mib() == 256  # DuckDB needs some to work at all
    machine(6)
    with Store.open(tmp_path / "fokus.duckdb") as store:
        setting = store.connection.execute(
            "SELECT current_setting('memory_limit')"
        ).fetchone()
    assert setting == ("3.0 GiB",)


def test_the_import_checkpoint_leaves_row_groups_as_written(tmp_path: Path) -> None:
    # Two appends of 130,000 rows end in partly filled row groups (122,880 rows
    # make one). A vacuuming checkpoint merges them, rewriting what was written;
    # the import's checkpoint does not.
    def row_groups(database: Path, *, in_import: bool) -> int:
        with Store.open(database) as store:
            con = store.connection
            con.execute("CREATE TABLE t (n BIGINT, s VARCHAR)")
            con.execute("CHECKPOINT")
            with store.one_checkpoint() if in_import else contextlib.nullcontext():
                for _ in range(2):
                    con.execute("INSERT INTO t SELECT range, range::VARCHAR "
                                "FROM range(130000)")  # fmt: skip
            if not in_import:
                con.execute("CHECKPOINT")
            vacuum = con.execute("SELECT current_setting('max_vacuum_tasks')")
            assert vacuum.fetchone() == (100,)  # DuckDB's default, back after
            found = con.execute(
                "SELECT count(DISTINCT row_group_id), sum(count) FILTER (WHERE "
                "column_name = 'n' AND segment_type = 'BIGINT') "
                "FROM pragma_storage_info('t')"
            ).fetchone()
        assert found is not None
        assert found[1] == 260_000
        return int(found[0])

    assert row_groups(tmp_path / "import.duckdb", in_import=True) == 4
    assert row_groups(tmp_path / "other.duckdb", in_import=False) == 3


def test_an_import_checkpoints_once_at_the_end(tmp_path: Path) -> None:
    database = tmp_path / "fokus.duckdb"
    wal = tmp_path / "fokus.duckdb.wal"

    def threshold(store: Store) -> object:
        found = store.connection.execute(
            "SELECT current_setting('checkpoint_threshold')"
        ).fetchone()
        assert found is not None
        return found[0]

    with Store.open(database) as store:
        con = store.connection
        with store.one_checkpoint():
            assert threshold(store) == "931.3 GiB"  # never, inside the block
            for i in range(2):
                con.execute("BEGIN")
                con.execute(f"CREATE TABLE t{i} AS SELECT range AS n FROM range(1000)")
                con.execute("COMMIT")
                assert wal.stat().st_size > 0  # committed, not yet in the file
        assert not wal.exists()  # folded in once, at the end
        assert threshold(store) == "16.0 MiB"
        with pytest.raises(ZeroDivisionError), store.one_checkpoint():
            con.execute("CREATE TABLE t2 AS SELECT 1 AS n")
            raise ZeroDivisionError
        assert threshold(store) == "16.0 MiB"
        assert wal.stat().st_size > 0  # left for the next checkpoint
    with duckdb.connect(str(database), read_only=True) as con:
        counts = [
            con.execute(f"SELECT count(*) FROM t{i}").fetchone() for i in range(3)
        ]
    assert counts == [(1000,), (1000,), (1,)]
