"""Hand-built posts for analysis tests, written into a real workspace database."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fokus.store import Store

DEMO_TODAY = dt.date(2026, 11, 20)
"""The day the demo workspace is reviewed on (``fokus demo`` fixes it)."""


def add_post(
    store: Store,
    platform: str,
    post_id: str,
    day: dt.date,
    *,
    account: str = "acc",
    format_: str = "image",
    paid: str = "organic",
    as_of: dt.date = dt.date(2026, 1, 31),
    import_id: int = 1,
    **metrics: float | None,
) -> None:
    """One post snapshot as an importer would store it (published at noon UTC)."""
    columns: dict[str, Any] = {
        "platform": platform,
        "account_id": account,
        "post_id": post_id,
        "published_at": dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC),
        "published_day": day,
        "format": format_,
        "paid": paid,
        "as_of": as_of,
        "import_id": import_id,
        "source_row": 2,
        **metrics,
    }
    names = ", ".join(columns)
    marks = ", ".join("?" * len(columns))
    store.connection.execute(
        f"INSERT INTO post_snapshots ({names}) VALUES ({marks})", list(columns.values())
    )


def add_daily(
    store: Store,
    platform: str,
    metric: str,
    day: dt.date,
    value: float,
    *,
    account: str = "acc",
) -> None:
    """One day of an account-level series (import 1 must exist: see add_import)."""
    store.connection.execute(
        "INSERT INTO daily VALUES (?, ?, ?, ?, ?, 1, 2)",
        [platform, account, metric, day, value],
    )


def add_import(store: Store, as_of: dt.date = dt.date(2026, 1, 31)) -> None:
    """The import log row the daily view joins on."""
    store.connection.execute(
        "INSERT INTO imports VALUES (1, 'f.csv', 'x', 1, 'k', 'p', 'utf-8', ',', [], "
        "[], ?, 'option', 0, 0, 0, now())",
        [as_of],
    )  # fmt: skip
