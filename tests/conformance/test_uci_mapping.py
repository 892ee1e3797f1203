"""The worked example of docs/mapping.md on the real UCI "Facebook metrics" data set.

``fokus map suggest`` proposes a mapping for ``dataset_Facebook.csv``; the edits the
documentation lists are applied exactly as written; the file is imported through the
real pipeline. Expected counts come from reading the CSV with ``csv``, not from fokus.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest
from sample_outcomes import DATASETS

from fokus.analyses.base import ReviewContext
from fokus.analyses.formats import Formats
from fokus.analyses.stats import MIN_POSTS
from fokus.config import load_config
from fokus.ingest.mapping import MappedPosts
from fokus.ingest.mapping_file import parse_mapping
from fokus.ingest.mapping_suggest import suggest_mapping
from fokus.ingest.pipeline import import_file
from fokus.review import review_data
from fokus.store import Store

UCI = DATASETS / "uci_facebook_metrics" / "dataset_Facebook.csv"
if not UCI.is_file():
    pytest.skip(f"{UCI} is absent", allow_module_level=True)

pytestmark = pytest.mark.samples
DOCS = Path(__file__).parents[2] / "docs" / "mapping.md"
TODAY = dt.date(2015, 1, 31)
# The metric columns the suggestion maps, as docs/mapping.md shows them.
METRICS = {
    "reach": "Lifetime Post Total Reach",
    "impressions": "Lifetime Post Total Impressions",
    "comments": "comment",
    "likes": "like",
    "shares": "share",
    "interactions": "Total Interactions",
}


def documented_edits() -> list[tuple[str, str]]:
    """The edits of the worked example: rows `| `old` | `new` |` of its table."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("<!-- uci-edits -->")[1]
    return re.findall(r"^\| `([^`]+)` \| `([^`]+)` \|", section, re.MULTILINE)


def test_the_docs_list_the_edits() -> None:
    assert documented_edits() == [
        ('platform = "other"', 'platform = "facebook"'),
        ('source = "dataset_Facebook"', 'source = "UCI Facebook metrics"'),
        ('account = "dataset_Facebook"', 'account = "Cosmetics brand (UCI)"'),
        ("# year = YYYY", "year = 2014"),
    ]


def test_the_suggestion_after_the_documented_edits_imports_all_500_posts(
    tmp_path: Path,
) -> None:
    text = suggest_mapping(UCI, "en")
    for old, new in documented_edits():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    mapping = parse_mapping(text, "uci.toml")
    assert dict(mapping.metrics) == METRICS
    with open(UCI, encoding="ascii", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert len(rows) == 500

    with Store.open(tmp_path / "fokus.duckdb") as store:
        outcome = import_file(UCI, store, exports_dir=UCI.parent,
                              timezone="Europe/Lisbon", adapter=MappedPosts(mapping))  # fmt: skip
        assert (outcome.status, outcome.kind) == ("imported", "mapped")
        assert (outcome.rows_read, outcome.rows_imported, outcome.rows_skipped) == (
            500, 500, 0,
        )  # fmt: skip
        con = store.connection
        paid = dict(
            con.execute("SELECT paid, count(*) FROM posts GROUP BY paid").fetchall()
        )
        expected_paid = {
            "paid": sum(r["Paid"] == "1" for r in rows),
            "organic": sum(r["Paid"] == "0" for r in rows),
            "unknown": sum(r["Paid"] == "" for r in rows),
        }
        assert expected_paid["unknown"] == 1  # SOURCES.md: one empty Paid cell
        assert paid == expected_paid
        # Missing stays missing: NULLs per metric = empty cells in the CSV.
        nulls = con.execute(
            "SELECT " + ", ".join(f"count(*) - count({m})" for m in METRICS)
            + " FROM posts"
        ).fetchall()[0]  # fmt: skip
        empty = tuple(sum(r[c] == "" for r in rows) for c in METRICS.values())
        assert nulls == empty == (0, 0, 0, 1, 4, 0)
        totals = con.execute(
            "SELECT " + ", ".join(f"sum({m})" for m in METRICS) + " FROM posts"
        ).fetchall()[0]
        assert totals == tuple(
            float(sum(int(r[c]) for r in rows if r[c])) for c in METRICS.values()
        )
        # Month precision, the start of each month in 2014.
        months = con.execute(
            "SELECT DISTINCT published_precision, year(published_day), "
            "day(published_day) FROM posts"
        ).fetchall()
        assert months == [("month", 2014, 1)]
        per_month = dict(con.execute(
            "SELECT month(published_day), count(*) FROM posts GROUP BY 1"
        ).fetchall())  # fmt: skip
        expected_months: dict[int, int] = {}
        for r in rows:
            expected_months[int(r["Post Month"])] = expected_months.get(
                int(r["Post Month"]), 0) + 1  # fmt: skip
        assert per_month == expected_months
        formats = dict(con.execute(
            "SELECT format_raw || '=' || format, count(*) FROM posts GROUP BY 1"
        ).fetchall())  # fmt: skip
        assert formats == {
            f"{t}={c}": sum(r["Type"] == t for r in rows)
            for t, c in (("Photo", "image"), ("Status", "text"), ("Link", "link"),
                         ("Video", "video"))
        }  # fmt: skip
        assert con.execute(
            "SELECT source, engagement_components FROM source_definitions"
        ).fetchall() == [("UCI Facebook metrics", ["likes", "comments", "shares"])]
        assert con.execute("SELECT platform, account_id FROM accounts").fetchall() == [
            ("facebook", "Cosmetics brand (UCI)")
        ]
        # The same file again changes nothing.
        again = import_file(UCI, store, exports_dir=UCI.parent,
                            timezone="Europe/Lisbon", adapter=MappedPosts(mapping))  # fmt: skip
        assert again.status == "already_imported"
        assert con.execute("SELECT count(*) FROM post_snapshots").fetchall() == [(500,)]


def test_the_formats_section_on_the_uci_posts(tmp_path: Path) -> None:
    """Issue 4's real-data check: n per format, small groups flagged, never ranked,
    and the denominator named."""
    text = suggest_mapping(UCI, "en")
    for old, new in documented_edits():
        text = text.replace(old, new)
    with open(UCI, encoding="ascii", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    with Store.open(tmp_path / "fokus.duckdb") as store:
        import_file(UCI, store, exports_dir=UCI.parent, timezone="Europe/Lisbon",
                    adapter=MappedPosts(parse_mapping(text, "uci.toml")))  # fmt: skip
        config = load_config('organisation = "UCI"\n')
        result = Formats().run(review_data(store), ReviewContext(config, TODAY))
    [rates] = [t for t in result.tables if t.key == "formats.rate"]
    keys = [c.key for c in rates.columns]
    assert {c.denominator for c in rates.columns if c.kind == "percent"} != {None}
    got = {
        (row[keys.index("format")], row[keys.index("paid")]): (
            row[keys.index("n")], row[keys.index("denominator")],
            row[keys.index("rank")], row[keys.index("note")],
        )
        for row in rates.rows
    }  # fmt: skip
    canonical = {"Photo": "image", "Status": "text", "Link": "link", "Video": "video"}
    organic = {
        t: sum(r["Type"] == t and r["Paid"] == "0" for r in rows) for t in canonical
    }
    assert organic == {"Photo": 306, "Status": 35, "Link": 16, "Video": 3}
    for raw, fmt in canonical.items():
        n, denominator, rank, note = got[
            (f"format.{fmt}", "table.formats.paid.organic")
        ]
        assert (n, denominator) == (organic[raw], "report.denominator.reach")
        # Video's three organic posts are flagged, never ranked.
        assert (rank is None) == (organic[raw] < MIN_POSTS)
        assert (note is not None) == (organic[raw] < MIN_POSTS)
