"""Rules every section keeps, checked on the demo's real review.json: every rate
names its denominator and sits beside its n, and no ranked group is below the
minimum number of posts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fokus.analyses.stats import MIN_POSTS

COUNT_COLUMNS = ("n", "posts")


def _tables(demo_workspace: Path) -> list[tuple[str, dict[str, Any]]]:
    review = json.loads(
        (demo_workspace / "reports" / "review.json").read_text(encoding="utf-8")
    )
    return [(s["key"], t) for s in review["sections"] for t in s["tables"]]


def _is_count(key: str) -> bool:
    return key in COUNT_COLUMNS or key.startswith("n_") or key.endswith("_n")


def _is_rate(column: dict[str, Any]) -> bool:
    return column["kind"] == "percent" and "rate" in column["key"]


def test_every_rate_names_its_denominator_next_to_an_n(demo_workspace: Path) -> None:
    rates = 0
    for section, table in _tables(demo_workspace):
        keys = [c["key"] for c in table["columns"]]
        for column in table["columns"]:
            if _is_rate(column) or column.get("denominator"):
                rates += _is_rate(column)
                where = f"{section}/{table['key']}/{column['key']}"
                assert column.get("denominator"), f"{where} has no denominator"
                # A table of single posts (it shows their text) rests on one post
                # a row; every other table says how many posts each value rests on.
                per_post = "text" in keys
                assert per_post or any(_is_count(k) for k in keys), f"{where} has no n"
    assert rates >= 10  # the demo's sections do show rates


@pytest.mark.parametrize("count", COUNT_COLUMNS)
def test_no_group_below_the_minimum_is_ranked(demo_workspace: Path, count: str) -> None:
    ranked = 0
    for section, table in _tables(demo_workspace):
        keys = [c["key"] for c in table["columns"]]
        if "rank" not in keys or count not in keys:
            continue
        for row in table["rows"]:
            if row[keys.index("rank")] is not None:
                ranked += 1
                n = row[keys.index(count)]
                assert n >= MIN_POSTS, f"{section}/{table['key']}: rank with n={n}"
    if count == "n":
        assert ranked > 0  # the check ran on real rankings
