"""Small synthetic exports in Meta's real formats, written by the tests themselves."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from fokus.demo.meta_formats import FACEBOOK_HEADERS
from fokus.store import Store

FACEBOOK_HEADER = FACEBOOK_HEADERS["default"]
"""The default 31-column set of a Facebook posts export, as the demo writes it."""


def meta_csv(rows: Sequence[Sequence[str]], *, delimiter: str = ",") -> str:
    """CSV text quoted the way Meta quotes: only fields that need it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue()


def facebook_row(
    post_id: str,
    published: str,
    title: str,
    post_type: str = "Photos",
    *,
    views: str = "100",
    reach: str = "80",
    reactions: str = "5",
    comments: str = "2",
    shares: str = "1",
) -> list[str]:
    """One post row of the 31-column default export."""
    total = (
        str(int(reactions) + int(comments) + int(shares))
        if reactions and comments and shares
        else ""
    )
    return [
        post_id, "100066300000001", "Fjordvik kommune", title, "", "0", published,
        "N/A", f"https://www.facebook.com/fjordvik/posts/{post_id}", "0", "0",
        post_type, "", "", "", "", "Lifetime", views, reach, total, reactions,
        comments, shares, "3", "1", "2", "0", "", "", "", "",
    ]  # fmt: skip


def write_facebook(path: Path, rows: Sequence[Sequence[str]], **kwargs: str) -> Path:
    """A Facebook posts export, UTF-8 with BOM, as Meta Business Suite writes it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = meta_csv([FACEBOOK_HEADER, *rows], **kwargs)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    return path


def write_series(path: Path, title: str, days: Sequence[tuple[str, str]]) -> Path:
    """A Meta overview series: UTF-16LE with BOM, sep line, title, Date/Primary."""
    lines = ["sep=,", f'"{title}"', '"Date","Primary"']
    lines += [f'"{day}T00:00:00","{value}"' for day, value in days]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xff\xfe" + ("\n".join(lines) + "\n\n").encode("utf-16-le"))
    return path


TABLES = ("imports", "import_skips", "accounts", "posts", "post_snapshots",
          "post_fields", "daily", "audience")  # fmt: skip


def dump(
    store: Store, *, with_times: bool = True
) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted: two equal dumps mean an unchanged store.

    ``with_times=False`` leaves out when each file was imported, to compare the
    results of two separate imports of the same files.
    """
    columns = {"imports": "* EXCLUDE (imported_at)"} if not with_times else {}
    return {
        t: sorted(
            store.connection.execute(
                f"SELECT {columns.get(t, '*')} FROM {t}"
            ).fetchall(),
            key=repr,
        )
        for t in TABLES
    }


def fingerprint(store: Store) -> dict[str, tuple[int, int]]:
    """Per table, the row count and the sum of the rows' hashes, computed by DuckDB:
    what ``dump`` tells (up to a 2**-64 chance), in milliseconds on a store where
    ``dump`` takes seconds (the long fuzz profile compares one per case)."""
    found: dict[str, tuple[int, int]] = {}
    for table in TABLES:
        count, total = store.connection.execute(
            f"SELECT count(*), coalesce(sum(hash(t)::HUGEINT), 0) FROM {table} AS t"
        ).fetchall()[0]
        found[table] = (int(count), int(total))
    return found
