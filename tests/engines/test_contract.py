"""The engine contract: the metric layer and every analysis give the same results
on DuckDB and on PySpark, over the same data (a handmade store and the demo).

The tolerance is in engine_compare.py: equal, except floating-point sums to 1e-9
relative.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from fokus.analyses.base import Analysis, records
from fokus.analyses.measures import DENOMINATORS, rate_summaries
from fokus.analyses.registry import ANALYSES

sys.path.insert(0, str(Path(__file__).parent))
from engine_compare import differences, report, sorted_rows
from engine_data import EnginePair

if TYPE_CHECKING:
    import ibis.expr.types as ir

pytestmark = [
    pytest.mark.spark,
    # Not ours: ibis 12 reads Spark's results through pandas, with options and
    # keywords pandas 3 deprecates; pyspark leaves the socket it collects Arrow
    # results from to the garbage collector. The same analyses run on DuckDB in
    # the rest of the suite, where every warning is an error.
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:unclosed <socket.socket:ResourceWarning"),
    pytest.mark.filterwarnings(
        "ignore:Exception ignored in. <socket.socket:"
        "pytest.PytestUnraisableExceptionWarning"
    ),
]

POST_KEY = ("platform", "account_id", "post_id")
GROUPINGS = (
    ("platform",),
    ("platform", "format", "paid"),
    ("platform", "account_id", "paid"),
)


def test_post_measures_agree(engines: EnginePair) -> None:
    duck = engines.duckdb.measures.to_pyarrow()
    spark = engines.spark.measures.to_pyarrow()
    assert duck.schema.names == spark.schema.names
    assert duck.num_rows == spark.num_rows > 0
    found = differences(sorted_rows(duck, POST_KEY), sorted_rows(spark, POST_KEY))
    assert not found, report(found)


def test_the_data_has_every_case(engines: EnginePair) -> None:
    """The comparisons are only worth something where the data has every case."""
    m = engines.duckdb.measures
    got = records(
        m.aggregate(
            engagement=m.engagement.notnull().sum(),
            no_engagement=m.engagement.isnull().sum(),
            rate_reach=m.rate_reach.notnull().sum(),
            rate_views=m.rate_views.notnull().sum(),
            rate_followers=m.rate_followers.notnull().sum(),
            no_followers=m.followers_at_post.isnull().sum(),
            full_baseline=(m.baseline_n == 20).sum(),
            paid=(m.paid == "paid").sum(),
        )
    )[0]
    assert all(n > 0 for n in got.values()), got


def test_rate_summaries_agree(engines: EnginePair) -> None:
    duck_measures = engines.duckdb.measures
    found, groups = [], 0
    for denominator in DENOMINATORS:
        for by in GROUPINGS:
            duck = rate_summaries(duck_measures, by, denominator)
            spark = rate_summaries(engines.spark.measures, by, denominator)
            groups += len(duck)
            found += differences(duck, spark, f"{denominator} by {'+'.join(by)}")
    assert groups > 20
    assert not found, report(found)


def test_medians_per_channel_and_format_agree(engines: EnginePair) -> None:
    """What the sections show most: medians of reach and engagement per group,
    including even-sized groups, where the median is interpolated."""

    def medians(m: ir.Table) -> list[dict[str, object]]:
        grouped = m.group_by(["platform", "format", "paid"]).aggregate(
            n=m.count(),
            reach=m.reach_basis.median(),
            engagement=m.engagement.median(),
            vs_baseline=m.reach_vs_baseline.median(),
        )
        return sorted_rows(grouped.to_pyarrow(), ("platform", "format", "paid"))

    duck = medians(engines.duckdb.measures)
    assert any(row["n"] % 2 == 0 and row["reach"] is not None for row in duck)
    found = differences(duck, medians(engines.spark.measures))
    assert not found, report(found)


@pytest.mark.parametrize("analysis", ANALYSES, ids=lambda a: a.key)
def test_every_analysis_agrees(engines: EnginePair, analysis: Analysis) -> None:
    duck = analysis.run(engines.duckdb, engines.context)
    spark = analysis.run(engines.spark, engines.context)
    assert duck.status != "failed", duck.error
    assert spark.status != "failed", spark.error
    found = differences(duck, spark)
    assert not found, report(found)
