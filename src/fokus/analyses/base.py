"""The interface every analysis implements.

An analysis receives ibis tables (lazy expressions over the workspace database, or
over Spark later) and the workspace config, and returns a ``SectionResult``. It does
no other I/O: no files, no clock (``today`` comes in the context).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from fokus.config import WorkspaceConfig
from fokus.model.results import SectionResult
from fokus.registers.experiments import ExperimentRegister
from fokus.registers.reader import RegisterFile
from fokus.registers.templates import RegisterKey

if TYPE_CHECKING:
    import ibis.expr.types as ir


@dataclass(frozen=True, slots=True)
class ReviewData:
    """The workspace's data as ibis tables; reviews read the latest snapshots."""

    posts: ir.Table
    metrics: ir.Table
    """Latest lifetime value per post and metric (``latest_post_metrics``)."""
    daily: ir.Table
    """Latest value per account, metric and day (``latest_daily``)."""
    audience: ir.Table
    imports: ir.Table
    accounts: ir.Table
    sources: ir.Table
    measures: ir.Table
    """One row per post with engagement, rates and baselines (``measures.py``),
    computed once per review."""
    """What mappings said about sources fokus does not know (``source_definitions``)."""


@dataclass(frozen=True, slots=True)
class ReviewContext:
    """What an analysis may know besides the data."""

    config: WorkspaceConfig
    today: dt.date
    experiments: ExperimentRegister | None = None
    """The experiments register as read by the review; None when there is none."""
    registers: Mapping[RegisterKey, RegisterFile] = field(default_factory=dict)
    """Every register in the workspace as read (rows and file-level problems); a
    section turns its own register into typed rows with that register's module."""


def records(table: ir.Table) -> list[dict[str, Any]]:
    """A small result as Python rows, through Arrow (no pandas on the way)."""
    rows: list[dict[str, Any]] = table.to_pyarrow().to_pylist()
    return rows


def grouped_values(
    table: ir.Table, keys: Sequence[str], columns: Sequence[str]
) -> list[dict[tuple[object, ...], list[float]]]:
    """Each column's non-null values as floats, grouped by the key columns.

    The engine collects one list per group, and Arrow hands each list over as a
    whole: no Python object per post on the way, so a group of a million posts is
    as cheap as the medians computed from it. The values come in no set order.
    """
    found: list[dict[tuple[object, ...], list[float]]] = []
    for column in columns:
        usable = table.filter(table[column].notnull())
        lists = usable.group_by(list(keys)).aggregate(
            values=usable[column].cast("float64").collect()
        )
        arrow = lists.to_pyarrow()
        key_columns = [arrow.column(key).to_pylist() for key in keys]
        values = arrow.column("values").combine_chunks()
        found.append(
            {
                tuple(k[i] for k in key_columns): values[i].values.to_pylist()
                for i in range(arrow.num_rows)
            }
        )
    return found


def scalar(value: ir.Scalar) -> Any:
    """A single value, through Arrow."""
    return value.to_pyarrow().as_py()


def to_date(value: object) -> dt.date | None:
    """A day from what an engine returns: a date or a datetime; None stays None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


class Analysis(Protocol):
    """One section of the review."""

    key: ClassVar[str]

    def run(self, data: ReviewData, context: ReviewContext) -> SectionResult:
        """Compute the section; expected data gaps are results, not exceptions."""
        ...
