"""Comparing what two engines returned: rows, tables, section results.

The tolerance, and why: both engines compute the same definitions — the median is
the exact, linearly interpolated one on both (DuckDB ``quantile_cont``, Spark
``percentile(x, 0.5)``: what ibis compiles ``median()`` to), counts are integers —
so the only differences that may remain are in the last bits of floating-point
sums, which Spark adds up partition by partition in another order than DuckDB. For
n values that error is below n × 2⁻⁵³ relative (about 1e-10 for a million posts);
the contract allows ``REL_TOL`` = 1e-9, and ``ABS_TOL`` for values near zero.
Anything else must be equal: texts, dates, integers, NULLs, lists, row order.

Timestamps: DuckDB returns UTC instants with their zone; Spark returns the wall time
in its session zone, which ``spark_review_data`` sets to UTC. Both become naive UTC.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

import pyarrow as pa

REL_TOL = 1e-9
ABS_TOL = 1e-12


def normalised(value: object) -> object:
    """A value as both engines should agree on it."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def differences(a: object, b: object, where: str = "") -> list[str]:  # noqa: PLR0911 (one return per kind of value)
    """Where ``a`` (DuckDB) and ``b`` (Spark) differ beyond the tolerance."""
    a, b = normalised(a), normalised(b)
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        if type(a) is not type(b):
            return [f"{where}: {type(a).__name__} vs {type(b).__name__}"]
        return [
            d
            for f in dataclasses.fields(a)
            for d in differences(
                getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}"
            )
        ]
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        if set(a) != set(b):
            return [f"{where}: keys {sorted(a)} vs {sorted(b)}"]
        return [d for k in a for d in differences(a[k], b[k], f"{where}[{k!r}]")]
    if isinstance(a, Sequence) and not isinstance(a, str):
        if not isinstance(b, Sequence) or isinstance(b, str) or len(a) != len(b):
            return [f"{where}: {a!r} vs {b!r}"]
        return [
            d for i, (x, y) in enumerate(zip(a, b, strict=True))
            for d in differences(x, y, f"{where}[{i}]")
        ]  # fmt: skip
    if isinstance(a, float) or isinstance(b, float):
        numbers = (int, float)
        if (
            isinstance(a, numbers)
            and isinstance(b, numbers)
            and not isinstance(a, bool)
            and not isinstance(b, bool)
            and math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)
        ):
            return []
        return [f"{where}: {a!r} vs {b!r}"]
    if type(a) is not type(b) or a != b:
        return [f"{where}: {a!r} ({type(a).__name__}) vs {b!r} ({type(b).__name__})"]
    return []


def sorted_rows(table: pa.Table, key: Sequence[str]) -> list[dict[str, Any]]:
    """The rows in key order (engines return rows in no set order)."""
    rows: list[dict[str, Any]] = table.sort_by(
        [(k, "ascending") for k in key]
    ).to_pylist()
    return rows


def report(found: list[str], limit: int = 20) -> str:
    """The first differences, one a line, for an assertion message."""
    more = f"\n… and {len(found) - limit} more" if len(found) > limit else ""
    return "\n".join(found[:limit]) + more
