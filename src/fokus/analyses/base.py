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

import ibis

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
    """One row per post, its newest snapshot: the measures table, which has every
    column of the store's ``posts`` but the texts and the unmapped columns."""
    metrics: ir.Table
    """Latest lifetime value per post and metric (``latest_post_metrics``)."""
    daily: ir.Table
    """Latest value per account, metric and day (``latest_daily``)."""
    audience: ir.Table
    imports: ir.Table
    accounts: ir.Table
    sources: ir.Table
    """What mappings said about sources fokus does not know (``source_definitions``)."""
    measures: ir.Table
    """One row per post with engagement, rates and baselines (``measures.py``),
    computed once per review. It holds whether a post has a text (``has_text``),
    not the text: ``with_text`` adds it to the posts a section reads it for."""
    texts: ir.Table
    """Each snapshot's normalised text (``post_texts``), for ``with_text``."""


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


def channels_in(table: ir.Table) -> list[str]:
    """The platforms a table has rows for, in order."""
    return sorted(
        str(r["platform"]) for r in records(table.select("platform").distinct())
    )


def first_per_channel(
    table: ir.Table,
    order_by: Sequence[Any],
    n: int,
    platforms: Sequence[str] | None = None,
) -> ir.Table:
    """Each channel's first ``n`` rows in ``order_by`` order, stacked.

    One top-N per channel (a heap, not a sort of every row), so it stays cheap on
    channels of millions of posts. ``platforms`` saves the query for them.
    """
    chosen = channels_in(table) if platforms is None else platforms
    parts = [
        table.filter(table.platform == platform).order_by(list(order_by)).limit(n)
        for platform in chosen
    ]
    return ibis.union(*parts) if parts else table.limit(0)


def column_values(table: ir.Table, column: str) -> list[float]:
    """A column's non-null values as floats, through Arrow in one piece."""
    usable = table.filter(table[column].notnull())
    arrow = usable.select(value=usable[column].cast("float64")).to_pyarrow()
    values: list[float] = arrow.column("value").to_pylist()
    return values


def grouped_values(
    table: ir.Table, by: Sequence[str], value: str
) -> dict[tuple[Any, ...], list[float]]:
    """The non-missing values of ``value`` as floats, per group of ``by``.

    The grouping stays in the engine, which collects one list per group; Arrow
    hands each list over whole, so there is no Python object per post on the way
    and a group of a million posts costs little more than its medians. The values
    come in no set order.
    """
    usable = table.filter(table[value].notnull())
    grouped = usable.group_by(list(by)).aggregate(
        values=usable[value].cast("float64").collect()
    )
    arrow = grouped.to_pyarrow()
    keys = [arrow.column(k).to_pylist() for k in by]
    lists = arrow.column("values").combine_chunks()
    return {
        tuple(k[i] for k in keys): lists[i].values.to_pylist()
        for i in range(arrow.num_rows)
    }


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
