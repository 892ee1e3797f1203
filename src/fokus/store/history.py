"""Reviews' key figures in the store: written after a review, read by the next one.

The caller (``Store``) holds the transaction, so a review's figures are stored
whole or not at all, and a second review on the same day replaces the first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

import duckdb

from fokus.model.history import (
    ChannelFigure,
    FindingFigure,
    KpiFigure,
    ReviewRecord,
    SectionFigure,
)
from fokus.model.vocab import SectionStatus, Severity
from fokus.store.schema import REVIEW_TABLES

_KPI_COLUMNS = (
    "goal, kpi, metric, channel, period_start, period_end, value, target, status, n"
)
_CHANNEL_COLUMNS = "platform, account, role, planned, posts, per_week"
_FINDING_COLUMNS = "section, key, severity, subject, text_nb, text_en"


def write_record(con: duckdb.DuckDBPyConnection, record: ReviewRecord) -> None:
    """Replace the figures of ``record.reviewed_on`` with ``record``'s."""
    day = record.reviewed_on
    for table in (*REVIEW_TABLES, "reviews"):
        con.execute(f"DELETE FROM {table} WHERE reviewed_on = ?", [day])
    con.execute(
        "INSERT INTO reviews VALUES (?, ?, ?, ?)",
        [day, record.generated_at, record.data_end, record.strategy_reviewed],
    )
    _insert(con, "review_sections", day, [(s.key, s.status) for s in record.sections])
    _insert(
        con,
        "review_kpis",
        day,
        [
            (k.goal, k.kpi, k.metric, k.channel, k.start, k.end, k.value, k.target,
             k.status, k.n)
            for k in record.kpis
        ],
    )  # fmt: skip
    _insert(
        con,
        "review_channels",
        day,
        [
            (c.platform, c.account, c.role, c.planned, c.posts, c.per_week)
            for c in record.channels
        ],
    )
    _insert(
        con,
        "review_findings",
        day,
        [
            (f.section, f.key, f.severity, f.subject, f.text_nb, f.text_en)
            for f in record.findings
        ],
    )


def _insert(
    con: duckdb.DuckDBPyConnection,
    table: str,
    day: dt.date,
    rows: Sequence[tuple[object, ...]],
) -> None:
    if not rows:
        return
    width = len(rows[0]) + 2
    marks = ", ".join("?" * width)
    con.executemany(
        f"INSERT INTO {table} VALUES ({marks})",
        [[day, position, *row] for position, row in enumerate(rows)],
    )


def read_record(
    con: duckdb.DuckDBPyConnection, on_or_before: dt.date
) -> ReviewRecord | None:
    """The newest review on or before ``on_or_before``, or None."""
    found = _rows(
        con,
        "SELECT reviewed_on, generated_at, data_end, strategy_reviewed FROM reviews "
        "WHERE reviewed_on <= ? ORDER BY reviewed_on DESC LIMIT 1",
        on_or_before,
    )
    if not found:
        return None
    day, generated_at, data_end, strategy_reviewed = found[0]

    def rows(table: str, columns: str) -> list[tuple[Any, ...]]:
        return _rows(
            con,
            f"SELECT {columns} FROM {table} WHERE reviewed_on = ? ORDER BY position",
            day,
        )

    return ReviewRecord(
        reviewed_on=day,
        generated_at=generated_at,
        data_end=data_end,
        strategy_reviewed=strategy_reviewed,
        sections=tuple(
            SectionFigure(key, cast(SectionStatus, status))
            for key, status in rows("review_sections", "section, status")
        ),
        kpis=tuple(KpiFigure(*row) for row in rows("review_kpis", _KPI_COLUMNS)),
        channels=tuple(
            ChannelFigure(*row) for row in rows("review_channels", _CHANNEL_COLUMNS)
        ),
        findings=tuple(
            FindingFigure(section, key, cast(Severity, severity), *rest)
            for section, key, severity, *rest in rows(
                "review_findings", _FINDING_COLUMNS
            )
        ),
    )


def _rows(
    con: duckdb.DuckDBPyConnection, sql: str, day: dt.date
) -> list[tuple[Any, ...]]:
    # fetchall() finishes the result: DuckDB 2.0 blocks a half-read connection.
    return con.execute(sql, [day]).fetchall()
