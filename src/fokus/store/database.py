"""Open, migrate and write the workspace's DuckDB file.

Every import is one transaction: the whole file is stored or none of it, so a crash
or a refused file leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from fokus.errors import ExitCode, FokusError
from fokus.model.history import ReviewRecord
from fokus.model.staging import FileIdentity, PostPlan, RowSkip, SeriesParts
from fokus.store import history, posts_sql, review_cache
from fokus.store.review_cache import StoredReview
from fokus.store.schema import MIGRATIONS, SCHEMA_VERSION


@dataclass(frozen=True, slots=True)
class ImportRecord:
    """One row of the import log."""

    import_id: int
    file_name: str
    sha256: str
    kind: str
    platform: str
    as_of: dt.date
    rows_read: int
    rows_imported: int
    rows_skipped: int
    imported_at: dt.datetime


@dataclass(frozen=True, slots=True)
class StagedCounts:
    """What a file held: rows read, stored and skipped (with the skips)."""

    rows_read: int
    rows_imported: int
    rows_skipped: int
    skips: tuple[RowSkip, ...]
    """The skipped rows themselves; at most 10,000 are kept per file."""


def _must_exist(path: Path) -> None:
    if not path.exists():
        raise FokusError(
            "store.missing", "store.missing.hint", ExitCode.STORE, path=str(path)
        )


MEMORY_LIMIT_MIB = 4096
"""The most memory DuckDB uses for a workspace (MiB); past it, it spills to a
``fokus.duckdb.tmp`` folder beside the file. DuckDB's own default, 80 % of the
machine, let a review of ten million posts take most of a 24 GiB machine."""


def memory_limit_mib() -> int:
    """DuckDB's memory limit: half the machine's memory, at most ``MEMORY_LIMIT_MIB``."""
    try:
        machine = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):  # not a POSIX system
        return MEMORY_LIMIT_MIB
    return max(256, min(MEMORY_LIMIT_MIB, machine // 2 // 2**20))


class Store:
    """The workspace database. Use as a context manager, or call ``close()``."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: Path) -> None:
        self._con = connection
        self.path = path

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> Store:
        """Open (and create or migrate, unless read-only) the database at ``path``.

        A read-only connection lets other processes read the file at the same time;
        in a process that also writes to it, read through :meth:`open_reader`."""
        if read_only:
            _must_exist(path)
        return cls._connect(path, read_only=read_only, migrate=not read_only)

    @classmethod
    def open_reader(cls, path: Path) -> Store:
        """Open an existing, current database to read it, in a process that also
        writes to it (the web server).

        DuckDB holds a file in one configuration per process: a read-only
        connection would refuse the process's next writer, and be refused while a
        writer is open. This one connects as the writers do, sharing their database
        (a reader sees each write once it is committed), and never migrates or
        writes."""
        _must_exist(path)
        return cls._connect(path, read_only=False, migrate=False)

    @classmethod
    def _connect(cls, path: Path, *, read_only: bool, migrate: bool) -> Store:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as error:
            # Another process holding the file is the one problem with a remedy
            # other than restoring the file.
            locked = (
                isinstance(error, duckdb.IOException) and "lock" in str(error).lower()
            )
            raise FokusError(
                "store.locked" if locked else "store.unreadable",
                "store.locked.hint" if locked else "store.unreadable.hint",
                ExitCode.STORE,
                path=str(path),
                error=str(error).splitlines()[0],
            ) from error
        # DuckDB's own progress bar would print over ours.
        con.execute("SET enable_progress_bar = false")
        con.execute(f"SET memory_limit = '{memory_limit_mib()}MiB'")
        store = cls(con, path)
        try:
            store._migrate(read_only=not migrate)
            posts_sql.install_functions(con)
        except BaseException:
            con.close()
            raise
        return store

    def close(self) -> None:
        """Close the connection; the file is consistent at every commit."""
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The raw connection, for the read side (ibis) and the benchmarks."""
        return self._con

    def _migrate(self, *, read_only: bool) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise FokusError(
                "store.too_new",
                "store.too_new.hint",
                ExitCode.STORE,
                found=version,
                supported=SCHEMA_VERSION,
            )
        if version == SCHEMA_VERSION:
            return
        if read_only:
            raise FokusError(
                "store.needs_migration", "store.needs_migration.hint", ExitCode.STORE
            )
        with self._transaction():
            for statements in MIGRATIONS[version:]:
                for statement in statements:
                    self._con.execute(statement)
            self._con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                [str(SCHEMA_VERSION)],
            )

    def schema_version(self) -> int:
        """The migration level of the file; 0 for a new, empty database."""
        exists = self._rows(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_schema = 'main' AND table_name = 'meta'"
        )[0][0]
        if not exists:
            return 0
        rows = self._rows("SELECT value FROM meta WHERE key = 'schema_version'")
        return int(rows[0][0]) if rows else 0

    def unfilled_metrics(self) -> frozenset[str]:
        """The metric columns of the posts (all ``DOUBLE``) that no stored snapshot
        has a value in: no imported export fills them."""
        metrics = [
            name
            for (name,) in self._rows(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = 'post_snapshots' AND data_type = 'DOUBLE'"
            )
        ]
        if not metrics:
            return frozenset()
        counts = self._rows(
            "SELECT "
            + ", ".join(f'count("{name}")' for name in metrics)
            + " FROM post_snapshots"
        )[0]
        return frozenset(name for name, n in zip(metrics, counts, strict=True) if not n)

    @contextmanager
    def one_checkpoint(self) -> Iterator[None]:
        """Fold the write-ahead log into the file once, at the end of the block.

        DuckDB checkpoints whenever its log passes 16 MB, which in an import of
        many files is after every other file, and cost a third of a large import's
        time. Inside the block each transaction still commits to the log; a crash
        before the end leaves the log, which DuckDB replays when the file is next
        opened, so nothing committed is lost. After an error the log is left for
        the next checkpoint (at the latest when the file is closed).

        That checkpoint does not vacuum: DuckDB would merge each file's last,
        partly filled row group with the full ones after it, rewriting most of
        what the import wrote (two seconds of a million posts' ten). The store
        never deletes posts, so vacuuming has nothing to reclaim; the cost is a
        small row group per imported file."""
        settings = ("checkpoint_threshold", "max_vacuum_tasks")
        found = self._con.execute(
            "SELECT " + ", ".join(f"current_setting('{name}')" for name in settings)
        ).fetchone()
        assert found is not None  # a setting always has a value
        self._con.execute("SET checkpoint_threshold = '1TB'")
        try:
            yield
            self._con.execute("SET max_vacuum_tasks = 0")
            self._con.execute("CHECKPOINT")
        finally:
            for name, value in zip(settings, found, strict=True):
                self._con.execute(f"SET {name} = '{value}'")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self._con.execute("ROLLBACK")
            raise
        self._con.execute("COMMIT")

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        # fetchall() always finishes the result: DuckDB 2.0 blocks the connection
        # while a result is left half-read.
        return self._con.execute(sql, list(params)).fetchall()

    # -- reviews' key figures -----------------------------------------------------

    def record_review(self, record: ReviewRecord) -> None:
        """Keep a review's key figures for the next review, in one transaction: all
        of them or none, replacing any review stored for the same day."""
        with self._transaction():
            history.write_record(self._con, record)

    def previous_review(self, on_or_before: dt.date) -> ReviewRecord | None:
        """The newest review stored on or before the given day, or None."""
        return history.read_record(self._con, on_or_before)

    def keep_review(self, stored: StoredReview) -> None:
        """Keep a review's whole results for a second review of the same data.

        Raises ``TypeError`` (and keeps nothing) for a value the cache cannot hold.
        """
        with self._transaction():
            review_cache.write_review(self._con, stored)

    def kept_review(self, fingerprint: str) -> StoredReview | None:
        """The kept results of the review with this fingerprint, or None."""
        return review_cache.read_review(self._con, fingerprint)

    # -- the import log -------------------------------------------------------------

    def has_import_of_size(self, size_bytes: int) -> bool:
        """Whether a file of exactly this size was imported before."""
        rows = self._rows(
            "SELECT count(*) FROM imports WHERE size_bytes = ?", [size_bytes]
        )
        return bool(rows[0][0])

    def find_import(self, sha256: str) -> ImportRecord | None:
        """The earlier import of a file with these exact bytes, if any."""
        found = [r for r in self.imports() if r.sha256 == sha256]
        return found[0] if found else None

    def imports(self) -> tuple[ImportRecord, ...]:
        """Every imported file, oldest first."""
        rows = self._rows(
            "SELECT import_id, file_name, sha256, kind, platform, as_of, rows_read, "
            "rows_imported, rows_skipped, imported_at FROM imports ORDER BY import_id"
        )
        return tuple(ImportRecord(*row) for row in rows)

    def _begin_import(self, identity: FileIdentity) -> int:
        next_id = int(
            self._rows("SELECT coalesce(max(import_id), 0) + 1 FROM imports")[0][0]
        )
        self._con.execute(
            "INSERT INTO imports VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, now())",
            [
                next_id,
                identity.name,
                identity.sha256,
                identity.size_bytes,
                identity.kind,
                identity.platform,
                identity.encoding,
                identity.delimiter,
                list(identity.columns),
                list(identity.extra_columns),
                identity.as_of,
                identity.as_of_source,
            ],
        )
        if identity.source is not None:
            source = identity.source
            self._con.execute(
                "INSERT INTO source_definitions VALUES (?, ?, ?, ?, ?)",
                [
                    next_id,
                    source.source,
                    source.mapping_name,
                    list(source.engagement_components),
                    source.mapping_toml,
                ],
            )
        return next_id

    def _finish_import(self, import_id: int, counts: StagedCounts) -> None:
        self._con.execute(
            "UPDATE imports SET rows_read = ?, rows_imported = ?, rows_skipped = ? "
            "WHERE import_id = ?",
            [counts.rows_read, counts.rows_imported, counts.rows_skipped, import_id],
        )
        if counts.skips:
            self._con.executemany(
                "INSERT INTO import_skips VALUES (?, ?, ?, ?)",
                [[import_id, s.source_row, s.reason, s.detail] for s in counts.skips],
            )

    # -- imports, one transaction each ------------------------------------------------

    def import_posts(
        self,
        identity: Callable[[], FileIdentity],
        plan: PostPlan,
        parts: SeriesParts | None = None,
    ) -> StagedCounts:
        """Store a posts export as one snapshot per post, and its accounts.

        ``parts`` are the file's other rows (a workbook's daily sheet), stored in
        the same transaction; the counts are the sum of both.

        A first, light scan finds the rows to skip; it runs before the transaction,
        because DuckDB's fast parallel reader cannot read every file (short rows,
        some multi-line captions) and a failed attempt would abort the transaction.
        Such files are read on one thread. ``identity`` is asked for after that
        scan, so that the file's digest can be computed meanwhile.
        """
        try:
            reader = posts_sql.reader(plan, sequential=False)
            keys = posts_sql.scan_keys(self._con, plan, reader)
        except (duckdb.InvalidInputException, duckdb.NotImplementedException):
            reader = posts_sql.reader(plan, sequential=True)
            try:
                keys = posts_sql.scan_keys(self._con, plan, reader)
            except duckdb.Error as error:
                raise posts_sql.unreadable(error) from error
        except duckdb.Error as error:
            raise posts_sql.unreadable(error) from error
        file = identity()
        with self._transaction():
            import_id = self._begin_import(file)
            try:
                inserted = posts_sql.insert_rows(
                    self._con, plan, keys, reader, import_id=import_id, as_of=file.as_of
                )
                counts = posts_sql.finish(self._con, plan, keys, import_id, inserted)
            except (duckdb.InvalidInputException, duckdb.ConversionException) as error:
                # The key scan reads little of each row; a damaged row further in
                # (bytes that are not UTF-8 after a UTF-8 BOM) fails only here. The
                # transaction is rolled back: nothing of the file is kept.
                raise posts_sql.unreadable(error) from error
            if parts is not None:
                more = self._insert_parts(import_id, file, parts)
                counts = StagedCounts(
                    counts.rows_read + more.rows_read,
                    counts.rows_imported + more.rows_imported,
                    counts.rows_skipped + more.rows_skipped,
                    counts.skips + more.skips,
                )
            self._finish_import(import_id, counts)
        return counts

    def import_series(self, identity: FileIdentity, parts: SeriesParts) -> StagedCounts:
        """Store a file of rows parsed in Python (series, audience, benchmarks)."""
        with self._transaction():
            import_id = self._begin_import(identity)
            counts = self._insert_parts(import_id, identity, parts)
            self._finish_import(import_id, counts)
        return counts

    def _insert_parts(
        self, import_id: int, identity: FileIdentity, parts: SeriesParts
    ) -> StagedCounts:
        """Insert the parsed rows of one file; the caller holds the transaction."""
        platform, as_of = identity.platform, identity.as_of
        tables: tuple[tuple[str, list[list[object]]], ...] = (
            ("daily", [
                [platform, r.account_id, r.metric, r.day, r.value, import_id,
                 r.source_row]
                for r in parts.daily
            ]),
            ("audience", [
                [platform, r.account_id, r.block, r.dimension, r.category, r.value,
                 r.unit, as_of, import_id, r.source_row]
                for r in parts.audience
            ]),
            ("peer_benchmarks", [
                [platform, r.page, r.own, r.metric, r.value, r.period_start,
                 r.period_end, as_of, import_id, r.source_row]
                for r in parts.peers
            ]),
        )  # fmt: skip
        for table, values in tables:
            if values:
                self._insert_many(table, values)
        stored = len(parts.daily) + len(parts.audience) + len(parts.peers)
        return StagedCounts(parts.rows_read, stored, len(parts.skips), parts.skips)

    def _insert_many(self, table: str, values: list[list[object]]) -> None:
        """Insert rows in one statement, one list parameter per column.

        DuckDB's ``executemany`` runs one statement per row: 1.3 s for the 6,935
        daily values of a year of LinkedIn content figures, against 0.08 s here
        (and an Arrow table cost 50–100 MB more memory).
        """
        columns = [list(column) for column in zip(*values, strict=True)]
        unnested = ", ".join(f"unnest(${i + 1})" for i in range(len(columns)))
        self._con.execute(f"INSERT INTO {table} SELECT {unnested}", columns)
