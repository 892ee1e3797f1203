"""Charts made from a section's tables: the share of one column in another."""

from __future__ import annotations

from fokus.analyses.chart_data import share_from_table
from fokus.model.results import Column, Table

COLUMNS = (
    Column("platform", "column.platform", "label"),
    Column("account", "column.account"),
    Column("value", "column.strategy.value", "number"),
    Column("target", "column.strategy.target", "number"),
)


def _table(*rows: tuple[object, ...]) -> Table:
    return Table("t", "table.t", COLUMNS, rows)  # type: ignore[arg-type]


def test_a_share_per_row_of_every_table_named_by_its_parts() -> None:
    chart = share_from_table(
        (
            _table(
                ("platform.facebook", "Kystlaget", 300, 400), ("platform.x", "", 5, 0)
            ),
            _table(
                ("platform.instagram", None, 0.03, 0.02),
                ("platform.tiktok", "k", None, 10),
            ),
        ),
        key="k",
        title_key="table.k",
        parts=("platform", "account"),
        part="value",
        whole="target",
        note_key="note.k",
        value_key="column.k",
    )
    assert chart is not None
    # A zero whole and a missing part are left out; an empty part is not named.
    assert [(str(name), share) for name, share in chart.data.rows] == [
        ("platform.facebook · Kystlaget", 0.75),
        ("platform.instagram", 0.03 / 0.02),
    ]
    assert [(c.key, c.label_key, c.kind) for c in chart.data.columns] == [
        ("group", "column.chart.group", "label"),
        ("share", "column.k", "percent"),
    ]
    assert (chart.key, chart.kind, chart.x, chart.y, chart.note_key) == (
        "k", "bar", "group", "share", "note.k"
    )  # fmt: skip
    assert chart.data.title_key == "table.k"


def test_no_chart_without_any_share() -> None:
    table = _table(("platform.x", "a", None, 3), ("platform.x", "b", 2, 0))
    assert (
        share_from_table(
            (table,),
            key="k",
            title_key="t",
            parts=("platform",),
            part="value",
            whole="target",
            note_key="n",
            value_key="v",
        )
        is None
    )
