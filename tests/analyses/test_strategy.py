"""The strategy check's KPIs: each measured from hand-built posts and daily series
with exact values, its status against the target, its trend, and what to import
when it cannot be measured; and the statuses the demo's own KPIs get."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from markupsafe import escape

from fokus.analyses.base import ReviewContext, ReviewData, records
from fokus.analyses.kpi_metrics import KPI_METRICS
from fokus.analyses.kpis import Span, kpi_period, previous
from fokus.analyses.stats import MIN_POSTS
from fokus.analyses.strategy import Strategy
from fokus.config import KpiConfig, load_config
from fokus.demo.config import demo_config_text
from fokus.errors import FokusError
from fokus.i18n import catalog
from fokus.model.results import Finding, SectionResult
from fokus.review import review_data
from fokus.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from posts_table import add_daily, add_import, add_post

ORG = 'organisation = "Test"\n[[goals]]\nkey = "g"\ntext = "Goal"\n'


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "fokus.duckdb") as opened:
        add_import(opened)
        yield opened


def _kpi(**fields: object) -> str:
    lines = ["[[goals.kpis]]"]
    for key, value in fields.items():
        shown = f'"{value}"' if isinstance(value, str) else str(value)
        lines.append(f"{key} = {shown}")
    return "\n".join(lines) + "\n"


def _run(store: Store, today: dt.date, *kpis: str) -> SectionResult:
    config = load_config(ORG + "".join(kpis))
    return Strategy().run(review_data(store), ReviewContext(config, today))


_MEASURED = ("finding.strategy.kpi_", "finding.strategy.goal_not_measured",
             "finding.strategy.goal_without_kpi", "finding.strategy.no_")  # fmt: skip


def _measured(result: SectionResult) -> list[Finding]:
    """The findings of the data part (the KPIs), without the judgment part's."""
    return [f for f in result.findings if f.key.startswith(_MEASURED)]


def _row(result: SectionResult, table: str = "strategy.kpis") -> dict[str, object]:
    [found] = [t for t in result.tables if t.key == table]
    keys = [c.key for c in found.columns]
    [row] = found.rows
    return dict(zip(keys, row, strict=True))


# ── periods ──────────────────────────────────────────────────────────────────


def test_periods_and_the_period_before() -> None:
    end = dt.date(2026, 11, 20)
    year = KpiConfig("posts", None, None, dt.date(2025, 12, 31), "")
    rolling = KpiConfig("posts", None, None, None, "", "12_months")
    ranged = KpiConfig(
        "posts", None, None, dt.date(2026, 3, 10), "", "range", dt.date(2026, 3, 1)
    )
    assert kpi_period(year, end) == Span(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    no_deadline = KpiConfig("posts", None, None, None, "")
    assert kpi_period(no_deadline, end).start == dt.date(2026, 1, 1)
    assert kpi_period(rolling, end) == Span(dt.date(2025, 11, 21), end)
    assert kpi_period(ranged, end).days == 10
    # The same stretch one period earlier: the range's ten days before it.
    assert previous(ranged, Span(dt.date(2026, 3, 1), dt.date(2026, 3, 4))) == Span(
        dt.date(2026, 2, 19), dt.date(2026, 2, 22)
    )
    assert previous(year, Span(dt.date(2024, 2, 29), dt.date(2024, 3, 1))) == Span(
        dt.date(2023, 2, 28), dt.date(2023, 3, 1)
    )


# ── posts: medians, totals, per week ─────────────────────────────────────────


def test_median_reach_with_its_interval_leaves_paid_posts_out(store: Store) -> None:
    for i in range(1, 11):  # reach 100 … 1000 over 2025
        add_post(store, "instagram", f"p{i}", dt.date(2025, i, 10), reach=100.0 * i)
    add_post(store, "instagram", "paid", dt.date(2025, 6, 1), paid="paid", reach=9e6)
    result = _run(
        store,
        dt.date(2026, 1, 31),
        _kpi(metric="median_reach", platform="instagram", target=500,
             deadline=dt.date(2025, 12, 31)),
    )  # fmt: skip
    row = _row(result)
    # Median of ten: (500 + 600) / 2. Exact interval for n = 10 at 95 %: the
    # 2nd and 9th values (P(Bin(10, 1/2) <= 1) = 11/1024 <= 2.5 %).
    assert (row["value"], row["low"], row["high"]) == (550.0, 200.0, 900.0)
    assert (row["status"], row["n"], row["paid_left_out"]) == (
        "column.strategy.status.met", 10, 1
    )  # fmt: skip
    assert row["gap"] == 50.0
    assert _measured(result)[0].key == "finding.strategy.kpi_met"
    assert _measured(result)[0].evidence is not None
    assert _measured(result)[0].evidence.interval == (200.0, 900.0)


def test_a_median_of_too_few_posts_is_not_compared_with_the_target(
    store: Store,
) -> None:
    for i in range(1, MIN_POSTS):  # nine posts
        add_post(store, "instagram", f"p{i}", dt.date(2025, i, 10), reach=100.0 * i)
    result = _run(
        store,
        dt.date(2026, 1, 31),
        _kpi(metric="median_reach", platform="instagram", target=1,
             deadline=dt.date(2025, 12, 31)),
    )  # fmt: skip
    row = _row(result)
    assert (row["status"], row["n"], row["value"]) == (
        "column.strategy.status.too_few_posts", 9, 500.0
    )  # fmt: skip
    assert _measured(result)[0].key == "finding.strategy.kpi_too_few_posts"


def test_an_engagement_rate_and_its_change_from_the_year_before(store: Store) -> None:
    # 2024: rates 0.02 … 0.11; 2025: rates 0.01 … 0.10 (engagement on reach 1000).
    for i in range(10):
        add_post(store, "facebook", f"a{i}", dt.date(2024, 1, 1) + dt.timedelta(30 * i),
                 reactions=20.0 + 10 * i, reach=1000.0)  # fmt: skip
        add_post(store, "facebook", f"b{i}", dt.date(2025, 1, 1) + dt.timedelta(30 * i),
                 reactions=10.0 + 10 * i, reach=1000.0)  # fmt: skip
    result = _run(
        store,
        dt.date(2026, 1, 31),
        _kpi(metric="engagement_rate", platform="facebook", target=0.06,
             deadline=dt.date(2025, 12, 31)),
    )  # fmt: skip
    row = _row(result, "strategy.kpi_rates")
    assert row["value"] == pytest.approx(0.055)
    assert row["previous"] == pytest.approx(0.065)
    assert row["change"] == pytest.approx(-0.01)  # a difference of rates
    assert row["status"] == "column.strategy.status.behind"
    assert row["denominator"] == "report.denominator.reach"
    assert 0 < row["chance_better"] < 0.5  # type: ignore[operator]
    keys = [f.key for f in _measured(result)]
    assert keys == [
        "finding.strategy.kpi_behind_level",
        "finding.strategy.kpi_trend_rate",
    ]
    assert _measured(result)[0].evidence is not None
    assert _measured(result)[0].evidence.denominator == "reach"


def test_posts_per_week_over_a_whole_year(store: Store) -> None:
    for i in range(14):
        add_post(store, "x", f"t{i}", dt.date(2025, 1, 1) + dt.timedelta(26 * i),
                 paid="paid" if i == 0 else "organic")  # fmt: skip
    result = _run(
        store,
        dt.date(2026, 1, 31),
        _kpi(metric="posts_per_week", platform="x", target=0.25,
             deadline=dt.date(2025, 12, 31)),
    )  # fmt: skip
    row = _row(result)
    # Every post counts, paid ones too: 14 posts in 365 days.
    assert row["value"] == pytest.approx(14 / (365 / 7))
    assert (row["n"], row["paid_left_out"]) == (14, 0)
    assert row["status"] == "column.strategy.status.met"


def test_total_reach_of_all_channels_says_which_cannot_count(store: Store) -> None:
    add_post(store, "facebook", "f", dt.date(2025, 1, 1), reach=300)
    add_post(store, "instagram", "i", dt.date(2025, 6, 1), reach=700)
    add_post(store, "linkedin", "l", dt.date(2025, 6, 1), impressions=900)
    result = _run(
        store,
        dt.date(2026, 1, 31),
        _kpi(metric="reach", target=1000, deadline=dt.date(2025, 12, 31)),
    )
    row = _row(result)
    assert (row["value"], row["status"], row["n"]) == (
        1000.0, "column.strategy.status.met", 2
    )  # fmt: skip
    partial = [
        f for f in _measured(result) if f.key.startswith("finding.strategy.kpi_p")
    ]
    assert [(f.key, f.params["where"]) for f in partial] == [
        ("finding.strategy.kpi_partial_no_export", "platform.linkedin")
    ]


# ── daily series: totals projected, trends per day ───────────────────────────


@pytest.mark.parametrize(
    ("target", "status"),
    [(20, "met"), (700, "on_track"), (800, "behind")],
)
def test_new_followers_this_year_projected_to_its_end(
    store: Store, target: int, status: str
) -> None:
    for i in range(10):
        add_daily(store, "linkedin", "new_followers_total",
                  dt.date(2026, 1, 1) + dt.timedelta(i), 2)  # fmt: skip
        add_daily(store, "linkedin", "new_followers_total",
                  dt.date(2025, 1, 1) + dt.timedelta(i), 1)  # fmt: skip
    result = _run(
        store,
        dt.date(2026, 1, 10),
        _kpi(metric="follower_growth", platform="linkedin", target=target),
    )
    row = _row(result)
    # 20 in the first 10 days of 2026: 20 × 365 / 10 = 730 at this pace.
    assert (row["value"], row["projected"], row["n"]) == (20.0, 730.0, 10)
    assert row["basis"] == "column.strategy.basis.days"
    assert row["status"] == f"column.strategy.status.{status}"
    # The same ten days of 2025 had 10: twice as many now.
    assert (row["previous"], row["change"]) == (10.0, 1.0)
    assert row["start"] == dt.date(2026, 1, 1)
    assert row["end"] == dt.date(2026, 12, 31)


def test_net_follows_from_follows_minus_unfollows(store: Store) -> None:
    days = [dt.date(2025, 3, 1) + dt.timedelta(i) for i in range(4)]
    for day, follows, unfollows in zip(days, (5, 3, 0, 2), (1, 4, 0, 1), strict=True):
        add_daily(store, "x", "follows", day, follows)
        add_daily(store, "x", "unfollows", day, unfollows)
    result = _run(
        store,
        dt.date(2025, 3, 4),
        _kpi(metric="net_follows", platform="x", period="range",
             start=dt.date(2025, 3, 1), deadline=dt.date(2025, 3, 4)),
    )  # fmt: skip
    row = _row(result)
    assert (row["value"], row["n"], row["status"]) == (
        4.0, 4, "column.strategy.status.no_target"
    )  # fmt: skip
    assert row["previous"] is None  # no data before the range


def test_a_kpi_without_its_export_says_which_to_import(store: Store) -> None:
    add_daily(store, "youtube", "views", dt.date(2026, 1, 5), 100)
    result = _run(
        store,
        dt.date(2026, 1, 31),
        _kpi(metric="follower_growth", platform="youtube", target=300),
    )
    assert result.status == "insufficient_data"
    finding = _measured(result)[0]
    assert finding.key == "finding.strategy.kpi_not_measurable"
    assert (finding.params["where"], finding.params["export"]) == (
        "platform.youtube", "kind.youtube_table"
    )  # fmt: skip
    assert _measured(result)[-1].key == "finding.strategy.goal_not_measured"
    imports = [a for a in result.actions if a.key == "action.strategy.import_export"]
    assert [a.params["export"] for a in imports] == ["kind.youtube_table"]
    assert _row(result)["status"] == "column.strategy.status.not_measurable"


def test_an_unknown_metric_lists_the_ones_fokus_knows(store: Store) -> None:
    add_daily(store, "x", "follows", dt.date(2026, 1, 5), 1)
    result = _run(store, dt.date(2026, 1, 31), _kpi(metric="happiness"))
    finding = _measured(result)[0]
    assert finding.key == "finding.strategy.kpi_unknown_metric"
    assert finding.params["known"] == ", ".join(sorted(KPI_METRICS))
    assert _row(result)["metric"] == "happiness"


def test_no_kpis_is_insufficient_data(store: Store) -> None:
    result = Strategy().run(
        review_data(store),
        ReviewContext(load_config('organisation = "T"'), dt.date(2026, 1, 1)),
    )
    assert result.status == "insufficient_data"
    assert [f.key for f in _measured(result)] == ["finding.strategy.no_kpis"]


def test_every_metric_and_status_has_words_in_both_languages() -> None:
    for language in ("nb", "en"):
        messages = catalog(language)  # type: ignore[arg-type]
        for name in KPI_METRICS:
            assert f"column.strategy.metric.{name}" in messages
        for status in (
            "met", "on_track", "behind", "not_measurable", "too_few_posts",
            "no_target",
        ):  # fmt: skip
            assert f"column.strategy.status.{status}" in messages
            if status != "not_measurable":
                assert f"finding.strategy.kpi_{status}" in messages


# ── config: the period fields ────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("kpi", "key", "field"),
    [
        (_kpi(metric="posts", period="week"), "config.invalid_period",
         "goals[1].kpis[1].period"),
        (_kpi(metric="posts", period="range", deadline=dt.date(2026, 1, 1)),
         "config.range_needs", "goals[1].kpis[1].start"),
        (_kpi(metric="posts", period="range", start=dt.date(2026, 1, 1)),
         "config.range_needs", "goals[1].kpis[1].deadline"),
        (_kpi(metric="posts", period="range", start=dt.date(2026, 2, 1),
              deadline=dt.date(2026, 1, 1)),
         "config.start_after_deadline", "goals[1].kpis[1].start"),
        (_kpi(metric="posts", start=dt.date(2026, 2, 1)),
         "config.start_without_range", "goals[1].kpis[1].start"),
    ],
)  # fmt: skip
def test_period_fields_are_checked(kpi: str, key: str, field: str) -> None:
    with pytest.raises(FokusError) as caught:
        load_config(ORG + kpi)
    assert (caught.value.message_key, caught.value.params["field"]) == (key, field)


# ── the demo ─────────────────────────────────────────────────────────────────


def test_the_demo_config_plans_six_channels_that_match_the_data(
    demo_data: tuple[ReviewData, ReviewContext],
) -> None:
    data, context = demo_data
    config = context.config
    assert config == load_config(demo_config_text("en", context.today))
    roles = {c.platform: c.role for c in config.channels}
    assert roles == {
        "instagram": "main", "facebook": "support", "linkedin": "support",
        "tiktok": "other", "youtube": "other", "x": "other",
    }  # fmt: skip
    stored = {
        (r["platform"], r["account_id"])
        for r in records(data.posts.select("platform", "account_id").distinct())
    }
    assert {(c.platform, c.account) for c in config.channels} == stored
    assert all(c.posts_per_week_planned is not None for c in config.channels)


def test_the_demo_kpis_are_met_on_track_behind_and_not_measurable(
    demo_data: tuple[ReviewData, ReviewContext],
) -> None:
    data, context = demo_data
    result = Strategy().run(data, context)
    assert result.status == "ok"
    statuses = {
        str(row[1]): str(row[13]).rsplit(".", 1)[-1]
        for table in result.tables
        if table.key in ("strategy.kpis", "strategy.kpi_rates")
        for row in table.rows
    }
    assert statuses == {
        "Median rekkevidde per innlegg på Instagram": "met",
        "Samlet organisk rekkevidde i år, alle kanaler": "behind",
        "Engasjement per person nådd på Instagram": "met",
        "Median visninger per innlegg på X": "behind",
        "Nye følgere på LinkedIn i år": "on_track",
        "Nye abonnenter på YouTube i år": "not_measurable",
    }
    [youtube] = [
        f for f in result.findings if f.key == "finding.strategy.kpi_not_measurable"
    ]
    assert youtube.params["export"] == "kind.youtube_table"


PLANTED = {
    "finding.strategy.stale": "warning",
    "finding.strategy.goal_without_kpi": "warning",
    "finding.strategy.goal_serves_nothing": "warning",
    "finding.strategy.practice_priority_share": "warning",
    "finding.strategy.practice_ahead": "warning",
    "finding.strategy.practice_above_plan": "notice",
}
"""The strategy problems the demo's fokus.toml plants (src/fokus/demo/config.py)."""


def test_the_demo_review_finds_the_planted_strategy_problems(
    demo_workspace: Path,
) -> None:
    reports = demo_workspace / "reports"
    review = json.loads((reports / "review.json").read_text(encoding="utf-8"))
    [strategy] = [s for s in review["sections"] if s["key"] == "strategy"]
    found = {f["key"]: f for f in strategy["findings"]}
    assert {key: found[key]["severity"] for key in PLANTED} == PLANTED
    assert found["finding.strategy.stale"]["params"] == {
        "limit": 12, "months": 32, "reviewed": "2024-03-14"
    }  # fmt: skip
    goal = "Innbyggerne vet hvor de finner informasjon når noe skjer"
    assert found["finding.strategy.goal_without_kpi"]["params"] == {"goal": goal}
    assert found["finding.strategy.goal_serves_nothing"]["params"] == {"goal": goal}
    share = found["finding.strategy.practice_priority_share"]
    # 567 of the 1,185 posts of the twelve months went to Instagram, Facebook and
    # LinkedIn; 497 to X.
    assert (share["params"]["posts"], share["params"]["total"]) == (567, 1185)
    assert share["params"]["top"] == "platform.x"
    ahead = found["finding.strategy.practice_ahead"]["params"]
    assert (ahead["platform"], ahead["other"]) == ("platform.x", "platform.instagram")
    # The same findings in the HTML report, with the same severity.
    html = (reports / "review.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="strategy"') :]
    section = section[: section.index("</section>")]
    for key, severity in PLANTED.items():
        text = escape(found[key]["text"])
        pattern = (
            rf'<li class="finding finding-{severity}" id="[^"]+">\s*'
            rf'<span class="severity">[^<]+</span>\s*'
            rf'<p class="finding-text">{re.escape(text)}</p>'
        )
        assert re.search(pattern, section), key
