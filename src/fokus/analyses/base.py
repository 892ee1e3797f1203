"""The interface every analysis implements.

An analysis receives ibis tables (lazy expressions over the workspace database, or
over Spark later) and the workspace config, and returns a ``SectionResult``. It does
no other I/O: no files, no clock (``today`` comes in the context).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Protocol

from fokus.config import WorkspaceConfig
from fokus.model.results import SectionResult

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


@dataclass(frozen=True, slots=True)
class ReviewContext:
    """What an analysis may know besides the data."""

    config: WorkspaceConfig
    today: dt.date


def to_date(value: object) -> dt.date | None:
    """A day from what an engine returns: a date, a datetime, a pandas Timestamp.

    Missing values (None, NaT, NaN) become None. NaT claims to be a datetime, so it
    is caught by the self-inequality that only missing values have.
    """
    if value is None or value != value:  # noqa: PLR0124 (NaT and NaN are unequal to themselves)
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
