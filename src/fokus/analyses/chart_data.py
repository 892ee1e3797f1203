"""Charts from tables a section already has: pick the columns, name each bar.

A chart is data, not drawing (``fokus.model.results.Chart``): its own small table,
so the report can draw it and show the same numbers as its text alternative. The
helpers here only select and relabel; the rows stay in the section table's order,
which the analyses already make deterministic (the engine contract compares charts
on DuckDB and Spark).
"""

from __future__ import annotations

from collections.abc import Sequence

from fokus.analyses.stats import MIN_POSTS
from fokus.i18n import Label, MessageKey
from fokus.model.results import Chart, Column, Param, Table


def joined_label(parts: Sequence[tuple[Param, bool]]) -> Label:
    """One category name from several cells (platform, account, format …):
    ``(value, is_message_key)`` pairs, shown as ``Facebook · Kystlaget · Video``."""
    shown = [(v, key) for v, key in parts if v is not None and v != ""]
    params = {
        f"p{i}": MessageKey(str(v)) if key else str(v)
        for i, (v, key) in enumerate(shown)
    }
    raw = " · ".join(str(v) for v, _ in shown)
    return Label(raw, f"column.chart.joined{len(shown)}", **params)


def bar_from_table(
    table: Table,
    *,
    key: str,
    title_key: str,
    parts: Sequence[str],
    value: str,
    low: str | None,
    high: str | None,
    n: str | None,
    note_key: str,
    category_key: str = "column.chart.group",
    min_n: int = MIN_POSTS,
    keep: Sequence[int] | None = None,
) -> Chart | None:
    """A bar per row with a value: named by the ``parts`` columns, with the
    interval ``low``–``high`` and the group size ``n`` (rows under ``min_n`` are
    drawn faded); None without any value.
    ``keep`` limits the rows to those indexes (e.g. organic posts only)."""
    index = {c.key: i for i, c in enumerate(table.columns)}
    columns = {c.key: c for c in table.columns}
    rows: list[tuple[Param, ...]] = []
    for number, row in enumerate(table.rows):
        if keep is not None and number not in keep:
            continue
        if row[index[value]] is None:
            continue
        name = joined_label(
            [(row[index[p]], columns[p].kind == "label") for p in parts]
        )
        rows.append(
            (
                name,
                row[index[value]],
                None if low is None else row[index[low]],
                None if high is None else row[index[high]],
                None if n is None else row[index[n]],
            )
        )
    if not rows:
        return None
    shown = columns[value]
    data = Table(
        key,
        title_key,
        (
            Column("group", category_key, "label"),
            Column("value", shown.label_key, shown.kind, shown.denominator),
            Column("low", "column.chart.low", shown.kind),
            Column("high", "column.chart.high", shown.kind),
            Column("n", "column.chart.n", "integer"),
        ),
        tuple(rows),
    )
    return Chart(
        key,
        "bar",
        data,
        x="group",
        y="value",
        low="low" if low is not None else None,
        high="high" if high is not None else None,
        n=None if n is None else "n",
        min_n=min_n,
        note_key=note_key,
    )


def share_from_table(
    tables: Sequence[Table],
    *,
    key: str,
    title_key: str,
    parts: Sequence[str],
    part: str,
    whole: str,
    note_key: str,
    value_key: str,
) -> Chart | None:
    """A bar per row of ``tables`` (which all have the named columns): ``part`` as
    a share of ``whole`` (a KPI's value of its target, a text's length of its
    limit), named by the ``parts`` columns; rows without both, or with a whole of
    zero, are left out. None without any."""
    rows: list[tuple[Param, ...]] = []
    for table in tables:
        index = {c.key: i for i, c in enumerate(table.columns)}
        columns = {c.key: c for c in table.columns}
        for row in table.rows:
            top, bottom = row[index[part]], row[index[whole]]
            if not isinstance(top, int | float) or not isinstance(bottom, int | float):
                continue
            if bottom == 0:
                continue
            name = joined_label(
                [(row[index[p]], columns[p].kind == "label") for p in parts]
            )
            rows.append((name, top / bottom))
    if not rows:
        return None
    data = Table(
        key,
        title_key,
        (
            Column("group", "column.chart.group", "label"),
            Column("share", value_key, "percent"),
        ),
        tuple(rows),
    )
    return Chart(key, "bar", data, x="group", y="share", note_key=note_key)
