"""The formats section's tables: the two rankings and video length.

Every row says how many posts its median rests on; every rate column names its
denominator; groups that are not ranked say why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fokus.analyses.format_groups import Group, Outcome, Ranked
from fokus.analyses.video_length import WATCH_MEASURES, LengthBucket
from fokus.model.denominators import Denominator, Statistic
from fokus.model.results import CellKind, Column, Param, Table

_NOTES = {
    "too_few": "table.formats.note.too_few",
    "paid": "table.formats.note.paid",
    "not_basis": "table.formats.note.not_basis",
    "no_values": "table.formats.note.no_values",
    "alone": "table.formats.note.alone",
}


def measure_key(measure: str) -> str:
    """The message key naming a reach-type measure (and a rate's denominator)."""
    if measure in ("reach", "impressions", "views"):
        return f"report.denominator.{measure}"
    return "table.formats.measure.mixed"


def measure_denominator(measure: str) -> Denominator:
    """A group's reach-type measure as a rate's denominator; a group whose posts
    count different things (``mixed``) is measured per post, as each row says."""
    return _MEASURE_DENOMINATORS.get(measure, "reach_views_or_impressions")


_MEASURE_DENOMINATORS: dict[str, Denominator] = {
    "reach": "reach",
    "impressions": "impressions",
    "views": "views",
}


def format_key(group: Group) -> str:
    return f"format.{group.format}"


def _group_cells(group: Group) -> tuple[Param, ...]:
    return (
        f"platform.{group.platform}",
        group.account,
        format_key(group),
        group.raw,
        f"table.formats.paid.{group.paid}",
    )


_GROUP_COLUMNS = (
    Column("platform", "column.platform", "label"),
    Column("account", "column.account"),
    Column("format", "column.format", "label"),
    Column("exported_as", "column.formats.exported_as"),
    Column("paid", "column.formats.paid", "label"),
)


def ranking_table(outcome: Outcome, rankings: Sequence[Sequence[Ranked]]) -> Table:
    """One row per channel × format × paid status, each channel's ranking in order."""
    rows = []
    for ranking in rankings:
        for entry in ranking:
            median = entry.median
            rows.append(
                (
                    *_group_cells(entry.group),
                    entry.n,
                    measure_key(entry.group.measure),
                    None if median is None else median.estimate,
                    None if median is None else median.low,
                    None if median is None else median.high,
                    entry.shrunk,
                    entry.rank,
                    None if entry.status == "ranked" else _NOTES[entry.status],
                )
            )
    kind: CellKind
    denominator: Denominator | None
    statistic: Statistic | None
    if outcome == "reach":
        kind, denominator, statistic = "number", None, None
        values = ("reach", "column.formats.measure")
    else:
        kind, denominator = "percent", "reach_views_or_impressions"
        statistic = "median_of_rates"
        values = ("denominator", "column.formats.denominator")
    columns = (
        *_GROUP_COLUMNS,
        Column("n", "column.formats.n", "integer"),
        Column(values[0], values[1], "label"),
        Column(
            "median", f"column.formats.{outcome}.median", kind, denominator, statistic
        ),
        Column("low", "column.formats.low", kind, denominator, statistic),
        Column("high", "column.formats.high", kind, denominator, statistic),
        Column("ordered_by", "column.formats.ordered_by", kind, denominator, statistic),
        Column("rank", "column.formats.rank", "integer"),
        Column("note", "column.formats.note", "label"),
    )
    return Table(f"formats.{outcome}", f"table.formats.{outcome}", columns, tuple(rows))


def video_table(
    buckets: Sequence[LengthBucket], accounts: Mapping[tuple[str, str], str]
) -> Table:
    """One row per channel × paid status × length bucket × watch measure exported
    on that channel; a channel without watch data gets one row per bucket."""
    exported: dict[tuple[str, str], set[str]] = {}
    for b in buckets:
        have = exported.setdefault((b.platform, b.account_id), set())
        have.update(m for m in WATCH_MEASURES if b.measures[m])
    rows: list[tuple[Param, ...]] = []
    for b in buckets:
        head: tuple[Param, ...] = (
            f"platform.{b.platform}",
            accounts.get((b.platform, b.account_id), b.account_id),
            f"table.formats.paid.{b.paid}",
            f"table.formats.length.{b.bucket}",
            b.videos,
        )
        have = exported[(b.platform, b.account_id)]
        measures = [m for m in WATCH_MEASURES if m in have]
        if not measures:
            rows.append((*head, "table.formats.watch.none", 0, None, None, None))
        for m in measures:
            median = b.median(m)
            rows.append(
                (
                    *head,
                    f"table.formats.watch.{m}",
                    0 if median is None else median.n,
                    None if median is None else median.estimate,
                    None if median is None else median.low,
                    None if median is None else median.high,
                )
            )
    columns = (
        Column("platform", "column.platform", "label"),
        Column("account", "column.account"),
        Column("paid", "column.formats.paid", "label"),
        Column("length", "column.formats.length", "label"),
        Column("videos", "column.formats.videos", "integer"),
        Column("measure", "column.formats.watch_measure", "label"),
        Column("n", "column.formats.watch_n", "integer"),
        Column("median", "column.formats.watch.median", "number"),
        Column("low", "column.formats.low", "number"),
        Column("high", "column.formats.high", "number"),
    )
    return Table(
        "formats.video_length", "table.formats.video_length", columns, tuple(rows)
    )
