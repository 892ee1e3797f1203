"""How much of the year's result came from how few posts (the Pareto view).

Posts are ranked by their result (reach, views or engagement), best first; the
top k% are the first ``ceil(k × n / 100)`` of them. For each channel and for all
channels together: the share of the total from the top 10 % and 20 %, the share
from each tenth of the posts cumulatively (the data of a Pareto chart), and the
fewest posts that brought half of the total. Each measure only over posts that
have it: reach and views are never added together.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import ibis

from fokus.analyses.base import records

if TYPE_CHECKING:
    import ibis.expr.types as ir

Measure = Literal["reach", "views", "engagement"]
MEASURES: tuple[tuple[Measure, str], ...] = (
    ("reach", "reach_basis"),
    ("views", "views_basis"),
    ("engagement", "engagement"),
)
DECILES = tuple(range(1, 10))
ALL = "all"
"""The scope of all channels together."""


@dataclass(frozen=True, slots=True)
class Concentration:
    """One channel's (or all channels') concentration of one measure."""

    scope: str
    """A platform, or ``ALL``."""
    measure: Measure
    n: int
    total: float
    cumulative: tuple[float, ...]
    """Share of the total from the top 10 %, 20 %, … 90 % of posts."""
    posts_for_half: int
    """The fewest posts whose results add up to half the total."""

    def top(self, tenths: int) -> float:
        return self.cumulative[tenths - 1]

    def top_posts(self, tenths: int) -> int:
        return math.ceil(self.n * tenths / 10)


def concentrations(year: ir.Table) -> list[Concentration]:
    """Every channel's and all channels' concentration, for each measure with data.

    One query: the posts are stacked once per measure and scope (their channel,
    and all channels), then ranked within each stack.
    """
    stacks = [
        year.filter(year[column].notnull() & (year[column] >= 0)).select(
            "platform",
            "account_id",
            "post_id",
            measure=ibis.literal(measure),
            scope=year.platform if by_channel else ibis.literal(ALL),
            value=year[column].cast("float64"),
        )
        for measure, column in MEASURES
        for by_channel in (True, False)
    ]
    t = ibis.union(*stacks)
    group = ["scope", "measure"]
    order = [ibis.desc("value"), "platform", "account_id", "post_id"]
    whole = ibis.window(group_by=group)
    t = t.mutate(
        rank=ibis.row_number().over(group_by=group, order_by=order) + 1,
        n=t.post_id.count().over(whole),
        total=t.value.sum().over(whole),
        running=t.value.sum().over(
            ibis.cumulative_window(group_by=group, order_by=order)
        ),
    )
    tenths = {
        f"d{d}": ibis.ifelse(t["rank"] <= (t.n * d / 10).ceil(), t.value, 0.0).sum()
        for d in DECILES
    }
    summary = t.group_by(group).aggregate(
        n=t.count(),
        total=t.value.sum(),
        half=ibis.ifelse(t.running >= t.total / 2, t["rank"], ibis.null("int64")).min(),
        **tenths,
    )
    found = []
    for row in records(summary):
        total = float(row["total"] or 0.0)
        if total <= 0:
            continue
        found.append(
            Concentration(
                str(row["scope"]),
                row["measure"],
                int(row["n"]),
                total,
                tuple(float(row[f"d{d}"]) / total for d in DECILES),
                int(row["half"]),
            )
        )
    order_of = {m: i for i, (m, _c) in enumerate(MEASURES)}
    return sorted(found, key=lambda c: (c.scope == ALL, c.scope, order_of[c.measure]))
