"""Scope and frequency: per-channel figures, the frequency curve, the suggestion of
a main and a support channel, timing cells, and the demo's planted patterns."""

from __future__ import annotations

import datetime as dt
import math
import statistics
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fokus.analyses.base import ReviewContext, ReviewData
from fokus.analyses.channels import Channels
from fokus.analyses.channels_choice import WEIGHTS
from fokus.analyses.channels_fit import (
    LogLogFit,
    fit_loglog,
    recommended_posts,
    t_cdf,
    t_quantile,
)
from fokus.analyses.channels_timing import local_slots
from fokus.analyses.stats import MIN_POSTS
from fokus.config import load_config
from fokus.i18n import translate
from fokus.model.results import SectionResult, Table
from fokus.review import review_data
from fokus.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from posts_table import add_daily, add_import, add_post

MONDAY = dt.date(2026, 1, 5)
CONFIG = """
organisation = "Test"
[[channels]]
platform = "facebook"
account = "acc"
role = "main"
posts_per_week_planned = 2
[[goals]]
key = "visibility"
text = "Be seen"
[[goals.kpis]]
metric = "reach"
platform = "instagram"
"""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "fokus.duckdb") as opened:
        add_import(opened)
        yield opened


def _run(store: Store, config: str = CONFIG) -> SectionResult:
    context = ReviewContext(load_config(config), dt.date(2026, 6, 1))
    return Channels().run(review_data(store), context)


def _table(result: SectionResult, key: str) -> Table:
    return next(t for t in result.tables if t.key == key)


def _rows(result: SectionResult, key: str, *columns: str) -> list[tuple[object, ...]]:
    table = _table(result, key)
    index = [[c.key for c in table.columns].index(c) for c in columns]
    return [tuple(row[i] for i in index) for row in table.rows]


# ── The curve and its interval ──────────────────────────────────────────────────


def test_t_quantiles_are_exact() -> None:
    # df = 10: checked against Simpson's rule on the density (2e5 steps).
    assert t_quantile(0.975, 10) == pytest.approx(2.228138851986274, rel=1e-12)
    # df = 1 is the Cauchy distribution: t = tan(π (p - 1/2)).
    assert t_quantile(0.975, 1) == pytest.approx(math.tan(0.475 * math.pi), rel=1e-12)
    # df = 2 has a closed form: t = q / sqrt((1 - q²) / 2) with q = 2p - 1.
    assert t_quantile(0.975, 2) == pytest.approx(
        0.95 / math.sqrt(0.0975 / 2), rel=1e-12
    )
    assert t_cdf(0.0, 7) == 0.5
    # df = 1 is the Cauchy distribution: P(T <= 1) = 3/4.
    assert t_cdf(1.0, 1) == pytest.approx(0.75, rel=1e-12)


def test_an_exact_power_law_is_found_exactly() -> None:
    posts = list(range(1, 13))
    fit = fit_loglog(posts, [100 * p**0.5 for p in posts])
    assert fit is not None
    assert (fit.weeks, fit.a, fit.b) == (12, pytest.approx(100), pytest.approx(0.5))
    assert fit.low == pytest.approx(0.5) and fit.high == pytest.approx(0.5)
    assert fit.diminishing


def test_the_slope_interval_is_the_t_interval_of_least_squares() -> None:
    posts = [1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 9, 12]
    results = [90, 120, 150, 130, 160, 200, 210, 190, 260, 240, 300, 310]
    fit = fit_loglog(posts, results)
    assert fit is not None
    xs, ys = [math.log(p) for p in posts], [math.log(r) for r in results]
    slope, intercept = statistics.linear_regression(xs, ys)
    sse = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - statistics.fmean(xs)) ** 2 for x in xs)
    half = 2.228138851986274 * math.sqrt(sse / 10 / sxx)  # t(0.975, 10 df)
    assert fit.b == pytest.approx(slope, rel=1e-12)
    assert fit.a == pytest.approx(math.exp(intercept), rel=1e-12)
    assert (fit.low, fit.high) == (
        pytest.approx(slope - half, rel=1e-12),
        pytest.approx(slope + half, rel=1e-12),
    )


def test_no_curve_from_too_few_weeks_or_too_little_spread() -> None:
    assert fit_loglog([1, 2, 3] * 3, [10.0] * 9) is None  # 9 weeks
    assert fit_loglog([2, 3] * 6, [10.0] * 12) is None  # two distinct counts
    # Weeks with a result of zero cannot be on a log scale and are left out.
    assert fit_loglog([1, 2, 3] * 4, [0.0] * 3 + [10.0] * 9) is None


@pytest.mark.parametrize(
    ("b", "expected"),
    [(0.5, 1), (0.6, 2), (0.8, 10), (0.9, 20), (1.2, 20), (-0.1, 1)],
)
def test_recommended_posts_follow_the_half_of_the_first_rule(
    b: float, expected: int
) -> None:
    # b = 0.8: 10**0.8 - 9**0.8 = 0.510 is still worth it, 11**0.8 - 10**0.8 =
    # 0.492 is not. b = 0.9 stays above half up to 357 a week: capped at the
    # busiest week seen (20).
    assert recommended_posts(LogLogFit(1.0, b, b, b, 20), 20) == expected


# ── The channels on hand-built posts ────────────────────────────────────────────


def _posts(
    store: Store,
    platform: str,
    n: int,
    reach: float,
    *,
    first: int = 0,
    paid: str = "organic",
    account: str = "acc",
    **metrics: float,
) -> None:
    """n posts, one a day from MONDAY + first days, each with the same reach."""
    for i in range(n):
        day = MONDAY + dt.timedelta(days=first + i)
        add_post(store, platform, f"{platform}{paid}{i}", day, paid=paid,
                 account=account, reach=reach, **metrics)  # fmt: skip


def test_overview_gives_medians_with_exact_intervals(store: Store) -> None:
    for i in range(10):
        add_post(store, "facebook", f"f{i}", MONDAY + dt.timedelta(days=i),
                 reach=100.0 * (i + 1), reactions=10.0, link_clicks=2.0)  # fmt: skip
    _posts(store, "facebook", 2, 5000.0, first=3, paid="paid", reactions=50.0)
    rows = _rows(
        _run(store), "channels.overview", "paid", "posts", "per_week", "result",
        "result_low", "result_high", "engagement", "rate_reach", "n_reach",
        "clicks", "n_clicks", "status",
    )  # fmt: skip
    assert rows == [
        # Ten posts over ten days: 7 a week. The exact 95 % interval of a median
        # of ten values runs from the 2nd to the 9th value. The rate is the
        # median of the ten per-post rates: (10/500 + 10/600) / 2.
        ("column.channels.paid.organic", 10, 7.0, 550.0, 200.0, 900.0, 10.0,
         pytest.approx((10 / 500 + 10 / 600) / 2), 10, 20.0, 10, None),
        # Two paid posts are too few: counted, never summarised.
        ("column.channels.paid.paid", 2, 1.4, None, None, None, None, None, 2,
         None, 0, "table.channels.too_few"),
    ]  # fmt: skip


def test_a_channel_one_post_short_of_the_minimum_is_never_ranked(store: Store) -> None:
    _posts(store, "instagram", MIN_POSTS, 1000.0, likes=50.0)
    _posts(store, "facebook", MIN_POSTS, 500.0, reactions=10.0)
    _posts(store, "linkedin", MIN_POSTS - 1, 9000.0, reactions=900.0)
    result = _run(store)
    assert _rows(result, "channels.scores", "platform", "suggested") == [
        ("platform.instagram", "column.channels.role.main"),
        ("platform.facebook", "column.channels.role.support"),
        ("platform.linkedin", "table.channels.too_few"),
    ]


def test_the_suggestion_shows_its_scores_and_finds_the_low_return_channel(
    store: Store,
) -> None:
    # Fourteen days each: Instagram and Facebook 14 posts (7 a week), X 28 posts.
    _posts(store, "instagram", 14, 1000.0, likes=50.0)
    _posts(store, "facebook", 14, 500.0, reactions=10.0)
    for i in range(28):
        add_post(store, "x", f"x{i}", MONDAY + dt.timedelta(days=i // 2),
                 impressions=10.0, likes=1.0)  # fmt: skip
    result = _run(store)
    assert result.status == "ok"
    scores = _rows(
        result, "channels.scores", "platform", "per_week", "goal", "result",
        "engagement", "per_post", "score", "suggested", "planned",
    )  # fmt: skip
    assert scores == [
        # Only Instagram has a KPI: goal fit 1, the others 0. Result a week:
        # 7000, 3500, 140; engagement a week 350, 70, 14; per post 1000, 500, 10.
        ("platform.instagram", 7.0, 1.0, 1.0, 1.0, 1.0, pytest.approx(1.0),
         "column.channels.role.main", None),
        ("platform.facebook", 7.0, 0.0, 0.5, 0.2, 0.5, pytest.approx(0.24),
         "column.channels.role.support", "column.channels.role.main"),
        ("platform.x", 14.0, 0.0, 0.02, 0.04, 0.01, pytest.approx(0.014),
         "column.channels.role.shelve", None),
    ]  # fmt: skip
    keys = [f.key for f in result.findings]
    assert keys[:3] == [
        "finding.channels.main_support",
        "finding.channels.role_differs",
        "finding.channels.low_return",
    ]
    low = result.findings[2]
    # Medians compared on the log1p scale: exp(log 11 - (log 501 + log 1001)/2).
    ratio = 11 / math.sqrt(501 * 1001)
    assert dict(low.params) == {
        "platform": "platform.x", "per_week": 14.0, "median": 10.0,
        "others": 750.0, "percent": 2,
    }  # fmt: skip
    assert low.evidence is not None
    assert (low.evidence.n, low.evidence.value) == (56, pytest.approx(ratio))
    assert [a.key for a in result.actions] == ["action.channels.consider_shelving"]
    assert result.actions[0].params["platform"] == "platform.x"


def test_diminishing_returns_are_found_and_a_frequency_recommended(
    store: Store,
) -> None:
    # Week k (k = 1..12) has k posts whose impressions add up to 100·√k.
    for k in range(1, 13):
        week = MONDAY + dt.timedelta(weeks=k - 1)
        for i in range(k):
            add_post(store, "x", f"x{k}-{i}", week + dt.timedelta(days=i % 7),
                     impressions=100 * math.sqrt(k) / k, likes=1.0)  # fmt: skip
    result = _run(store)
    curve = _rows(
        result, "channels.frequency", "weeks", "typical", "most", "b", "b_low",
        "b_high", "doubling", "recommended",
    )  # fmt: skip
    assert curve == [
        (12, 6.5, 12, pytest.approx(0.5), pytest.approx(0.5), pytest.approx(0.5),
         pytest.approx(math.sqrt(2)), 1)
    ]  # fmt: skip
    finding = next(
        f for f in result.findings if f.key == "finding.channels.diminishing"
    )
    assert dict(finding.params) == {
        "platform": "platform.x", "extra": 41, "weeks": 12, "typical": 6.5,
        "recommended": 1,
    }  # fmt: skip
    assert finding.evidence is not None and finding.evidence.n == 12
    assert "action.channels.reduce_frequency" in [a.key for a in result.actions]
    buckets = _rows(result, "channels.frequency_weeks", "posts_per_week", "weeks",
                    "posts", "weekly", "per_post")  # fmt: skip
    assert buckets[:3] == [
        ("1", 1, 1, pytest.approx(100.0), pytest.approx(100.0)),
        ("2", 1, 2, pytest.approx(100 * math.sqrt(2)), pytest.approx(50 * math.sqrt(2))),
        ("3", 1, 3, pytest.approx(100 * math.sqrt(3)), pytest.approx(100 * math.sqrt(3) / 3)),
    ]  # fmt: skip


def test_follower_growth_comes_from_the_daily_series_only(store: Store) -> None:
    _posts(store, "tiktok", 10, 100.0, likes=1.0)
    add_daily(store, "tiktok", "followers", MONDAY, 100.0)
    add_daily(store, "tiktok", "followers", MONDAY + dt.timedelta(days=9), 130.0)
    add_daily(store, "facebook", "follows", MONDAY, 4.0, account="page")
    add_daily(
        store, "facebook", "follows", MONDAY + dt.timedelta(days=1), 3.0, account="page"
    )
    rows = _rows(_run(store), "channels.followers", "platform", "account", "measure",
                 "days", "growth")  # fmt: skip
    assert rows == [
        ("platform.facebook", "page", "column.channels.growth.gross", 2, 7.0),
        ("platform.tiktok", "acc", "column.channels.growth.count", 2, 30.0),
    ]


def test_posts_without_a_time_of_day_are_left_out_of_timing(store: Store) -> None:
    _posts(store, "linkedin", 12, 100.0, reactions=1.0, published_precision="day")
    result = _run(store)
    note = next(f for f in result.findings if f.key == "finding.channels.untimed_posts")
    assert dict(note.params) == {"n": 12}
    assert not any(t.key == "channels.timing" for t in result.tables)


def test_local_slots_use_the_workspace_time_zone() -> None:
    winter = int(dt.datetime(2026, 1, 5, 12, tzinfo=dt.UTC).timestamp()) // 900
    summer = int(dt.datetime(2026, 7, 6, 22, 30, tzinfo=dt.UTC).timestamp()) // 900
    rows = local_slots([winter, summer], "Europe/Oslo").to_pyarrow().to_pylist()
    assert rows == [
        {"slot": winter, "weekday": 0, "block": 4},  # Monday 13:00 in Oslo
        {"slot": summer, "weekday": 1, "block": 0},  # Tuesday 00:30 in Oslo
    ]


def test_no_posts_is_insufficient_data(store: Store) -> None:
    result = _run(store)
    assert result.status == "insufficient_data"
    assert [f.key for f in result.findings] == ["finding.channels.no_posts"]


# ── The demo ────────────────────────────────────────────────────────────────────


def test_the_demo_shows_x_as_the_low_return_channel_with_diminishing_returns(
    demo_data: tuple[ReviewData, ReviewContext],
) -> None:
    result = Channels().run(*demo_data)
    assert result.status == "ok"
    by_key = {(f.key, f.params.get("platform")) for f in result.findings}
    assert ("finding.channels.low_return", "platform.x") in by_key
    assert ("finding.channels.diminishing", "platform.x") in by_key
    low = [f for f in result.findings if f.key == "finding.channels.low_return"]
    assert [f.params["platform"] for f in low] == ["platform.x"]
    diminishing = next(
        f for f in result.findings
        if f.key == "finding.channels.diminishing" and f.params["platform"] == "platform.x"
    )  # fmt: skip
    assert (
        diminishing.evidence is not None and diminishing.evidence.interval is not None
    )
    assert diminishing.evidence.interval[1] < 1
    suggested = dict(_rows(result, "channels.scores", "platform", "suggested"))
    assert suggested["platform.x"] == "column.channels.role.shelve"
    assert suggested["platform.instagram"] == "column.channels.role.main"
    # Every rate column names its denominator and sits next to its n.
    overview = _table(result, "channels.overview")
    rates = [c for c in overview.columns if c.kind == "percent"]
    assert rates and all(c.denominator for c in rates)


def test_the_report_states_the_weights_the_score_uses() -> None:
    # The method line under the channel table spells the weights out; it must say
    # what channels_choice computes with, in both languages.
    assert sorted(WEIGHTS) == ["engagement", "goal", "per_post", "result"]
    g, r, e, p = (WEIGHTS[k] for k in ("goal", "result", "engagement", "per_post"))
    assert translate("report.statistic.weighted_score", "en") == (
        f"score: {g} goal fit + {r} result a week + {e} engagement a week + "
        f"{p} result per post"
    )
    g, r, e, p = (str(w).replace(".", ",") for w in (g, r, e, p))
    assert translate("report.statistic.weighted_score", "nb") == (
        f"poeng: {g} målpassform + {r} resultat per uke + {e} engasjement per uke + "
        f"{p} resultat per innlegg"
    )
