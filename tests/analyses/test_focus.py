"""Do less, but better: concentration, the drop scenario and the experiments."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fokus.analyses.base import ReviewContext, ReviewData
from fokus.analyses.focus import Focus
from fokus.analyses.focus_experiments import analyse_experiment
from fokus.analyses.stats import MIN_POSTS, median_difference
from fokus.config import WorkspaceConfig
from fokus.i18n import catalog
from fokus.model.results import SectionResult, Table
from fokus.registers.experiments import (
    Experiment,
    ExperimentRegister,
    read_experiments,
)
from fokus.registers.variants import parse_variant
from fokus.review import review_data
from fokus.store import Store
from fokus.workspace import open_workspace

sys.path.insert(0, str(Path(__file__).parent))
from posts_table import DEMO_TODAY, add_import, add_post

DAY = dt.date(2026, 1, 5)  # a Monday, ISO week 2


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "fokus.duckdb") as opened:
        add_import(opened)
        yield opened


def _config() -> WorkspaceConfig:
    return WorkspaceConfig("Org", "nb", "Europe/Oslo", None, (), (), ())


def _run(store: Store, experiments: tuple[Experiment, ...] = ()) -> SectionResult:
    register = (
        ExperimentRegister("experiments.csv", experiments) if experiments else None
    )
    context = ReviewContext(_config(), DAY, experiments=register)
    return Focus().run(review_data(store), context)


def _table(result: SectionResult, key: str) -> Table:
    return next(t for t in result.tables if t.key == key)


def _rows(table: Table) -> list[dict[str, object]]:
    keys = [c.key for c in table.columns]
    return [dict(zip(keys, row, strict=True)) for row in table.rows]


# --- concentration ------------------------------------------------------------------


def test_concentration_of_ten_posts_by_hand(store: Store) -> None:
    for i in range(1, 11):  # engagement 1..10, total 55
        add_post(store, "facebook", f"p{i}", DAY, reactions=i, reach=100)
    result = _run(store)
    assert result.status == "ok"
    rows = {r["measure"]: r for r in _rows(_table(result, "focus.concentration"))
            if r["channel"] == "platform.facebook"}  # fmt: skip
    engagement = rows["section.focus.measure.engagement"]
    assert engagement["n"] == 10 and engagement["total"] == 55.0
    assert (engagement["top10_posts"], engagement["top10"]) == (1, 10 / 55)
    assert (engagement["top20_posts"], engagement["top20"]) == (2, 19 / 55)
    # 10 + 9 + 8 + 7 = 34 ≥ 27.5: four posts make half.
    assert (engagement["half_posts"], engagement["half_share"]) == (4, 0.4)
    pareto = {r["measure"]: r for r in _rows(_table(result, "focus.pareto"))
              if r["channel"] == "platform.facebook"}  # fmt: skip
    cumulative = [10, 19, 27, 34, 40, 45, 49, 52, 54]
    assert [
        pareto["section.focus.measure.engagement"][f"top{d}0"] for d in range(1, 10)
    ] == pytest.approx([c / 55 for c in cumulative], abs=1e-12)
    # Equal reach: each tenth of the posts brings a tenth.
    assert rows["section.focus.measure.reach"]["top20"] == pytest.approx(0.2)


def test_pareto_chart_of_ten_posts_by_hand(store: Store) -> None:
    for i in range(1, 11):  # engagement 1..10, total 55; reach 100 each
        add_post(store, "facebook", f"p{i}", DAY, reactions=i, reach=100)
    (chart,) = _run(store).charts
    assert (chart.key, chart.kind, chart.x, chart.y, chart.series) == (
        "focus.pareto",
        "pareto",
        "posts",
        "result",
        "measure",
    )
    assert chart.note_key == "section.focus.chart.pareto"
    engagement = [
        (row[1], row[2])
        for row in chart.data.rows
        if row[0] == "section.focus.measure.engagement"
    ]
    cumulative = [0, 10, 19, 27, 34, 40, 45, 49, 52, 54, 55]
    assert [x for x, _ in engagement] == pytest.approx([d / 10 for d in range(11)])
    assert [y for _, y in engagement] == pytest.approx([c / 55 for c in cumulative])
    reach = [
        row[2] for row in chart.data.rows if row[0] == "section.focus.measure.reach"
    ]
    assert reach == pytest.approx([d / 10 for d in range(11)])
    assert {row[3] for row in chart.data.rows} == {10}


def test_no_pareto_chart_below_the_minimum(store: Store) -> None:
    for i in range(MIN_POSTS - 1):
        add_post(store, "x", f"p{i}", DAY, likes=i + 1)
    assert _run(store).charts == ()


def test_top_share_rounds_the_post_count_up(store: Store) -> None:
    for i in range(1, 13):  # 12 posts: top 10 % = ceil(1.2) = 2 posts
        add_post(store, "instagram", f"p{i}", DAY, likes=i)
    row = next(
        r for r in _rows(_table(_run(store), "focus.concentration"))
        if r["channel"] == "platform.instagram"
    )  # fmt: skip
    assert (row["top10_posts"], row["top10"]) == (2, (12 + 11) / 78)
    assert (row["top20_posts"], row["top20"]) == (3, (12 + 11 + 10) / 78)


def test_boosted_and_old_posts_are_left_out(store: Store) -> None:
    for i in range(1, 11):
        add_post(store, "facebook", f"p{i}", DAY, reactions=1)
    add_post(store, "facebook", "boosted", DAY, reactions=1000, paid="paid")
    old = DAY - dt.timedelta(days=365)  # one day before the review year
    add_post(store, "facebook", "old", old, reactions=1000)
    row = next(r for r in _rows(_table(_run(store), "focus.concentration"))
               if r["channel"] == "platform.facebook")  # fmt: skip
    assert (row["n"], row["total"]) == (10, 10.0)


def test_a_channel_below_the_minimum_gets_no_shares(store: Store) -> None:
    for i in range(MIN_POSTS - 1):
        add_post(store, "x", f"p{i}", DAY, likes=i + 1)
    result = _run(store)
    assert result.status == "insufficient_data"
    assert result.findings[0].key == "finding.focus.too_few_posts"
    (row, *_rest) = _rows(_table(result, "focus.concentration"))
    assert row["n"] == MIN_POSTS - 1
    assert (row["top10"], row["top20"], row["half_posts"]) == (None, None, None)
    assert all(t.key != "focus.pareto" for t in result.tables)


# --- the scenario -------------------------------------------------------------------


def _formats(store: Store) -> None:
    for i in range(10):  # rate 0.10
        add_post(store, "facebook", f"img{i}", DAY, reactions=10, reach=100)
    for i in range(10):  # rate 0.02: the weakest group big enough to rank
        add_post(store, "facebook", f"lnk{i}", DAY, format_="link", reactions=2,
                 reach=100, labels=None)  # fmt: skip
    for i in range(MIN_POSTS - 1):  # rate 0.01, but too few posts to rank
        add_post(store, "facebook", f"vid{i}", DAY, format_="video", reactions=1,
                 reach=100)  # fmt: skip


def test_dropping_the_weakest_format_by_hand(store: Store) -> None:
    _formats(store)
    result = _run(store)
    (row,) = _rows(_table(result, "focus.drop_format"))
    assert row["dropped"] == "format.link"  # never the video group of nine
    assert (row["compared"], row["posts"], row["saved"]) == (2, 29, 10)
    assert row["saved_share"] == 10 / 29
    assert (row["rate"], row["rate_low"], row["rate_high"]) == (0.02, 0.02, 0.02)
    assert row["rest_rate"] == 0.1  # the 19 others: ten at 0.1, nine at 0.01
    assert row["denominator"] == "report.denominator.reach"
    assert (row["reach_lost"], row["reach_lost_share"]) == (1000.0, 1000 / 2900)
    assert (row["reach_now"], row["reach_after"]) == (100.0, 100.0)
    assert row["engagement_lost"] == 20.0
    assert row["engagement_lost_share"] == 20 / 129
    assert row["engagement_now"] == 129 / 29
    assert row["engagement_after"] == 109 / 19
    finding = next(f for f in result.findings if f.key == "finding.focus.drop_format")
    assert (
        finding.params["saved_share"] == 34 and finding.params["engagement_lost"] == 16
    )
    assert finding.evidence is not None and finding.evidence.denominator == "reach"
    assert finding.evidence.n == 10


def test_a_channel_with_one_rankable_format_has_no_scenario(store: Store) -> None:
    for i in range(10):
        add_post(store, "facebook", f"img{i}", DAY, reactions=10, reach=100)
    for i in range(MIN_POSTS - 1):
        add_post(store, "facebook", f"lnk{i}", DAY, format_="link", reactions=1,
                 reach=100)  # fmt: skip
    result = _run(store)
    assert all(t.key != "focus.drop_format" for t in result.tables)


def test_pillars_come_from_labels_and_a_post_can_have_several(store: Store) -> None:
    for i in range(10):
        add_post(store, "facebook", f"a{i}", DAY, reactions=10, reach=100,
                 labels="Natur, Kultur")  # fmt: skip
    for i in range(10):
        add_post(store, "facebook", f"b{i}", DAY, reactions=3, reach=100,
                 labels="politikk;Kultur")  # fmt: skip
    result = _run(store)
    (row,) = _rows(_table(result, "focus.drop_pillar"))
    # Kultur (20 posts, median rate 0.065) against Natur (0.1) and politikk (0.03).
    assert (row["dropped"], row["compared"], row["saved"]) == ("politikk", 3, 10)
    assert row["engagement_lost_share"] == 30 / 130
    assert all(f.key != "finding.focus.no_labels" for f in result.findings)


def test_no_labels_says_so(store: Store) -> None:
    _formats(store)
    result = _run(store)
    assert "finding.focus.no_labels" in [f.key for f in result.findings]
    assert all(t.key != "focus.drop_pillar" for t in result.tables)


# --- experiments --------------------------------------------------------------------


def _experiment(b: str, a: str = "", end: dt.date | None = None) -> Experiment:
    return Experiment(
        row=2, name="Test", hypothesis="", metric="engagement_rate",
        metric_raw="engasjementsrate", platform="instagram", variant_a=a,
        variant_b=b, rule_a=parse_variant(a), rule_b=parse_variant(b),
        start=DAY, end=end or DAY + dt.timedelta(days=13), decision="",
    )  # fmt: skip


def _arms(store: Store, n_b: int, n_a: int = 10) -> None:
    for i in range(n_b):  # rates 0.100 … 0.1xx
        add_post(store, "instagram", f"b{i}", DAY + dt.timedelta(days=i % 14),
                 likes=100 + i, reach=1000, text_raw="Hei #test")  # fmt: skip
    for i in range(n_a):  # rates 0.010 … 0.019
        add_post(store, "instagram", f"a{i}", DAY + dt.timedelta(days=i % 14),
                 likes=10 + i, reach=1000, text_raw="Hei")  # fmt: skip
    add_post(store, "instagram", "late", DAY + dt.timedelta(days=14), likes=1,
             reach=1000, text_raw="#test")  # fmt: skip
    add_post(store, "instagram", "boost", DAY, likes=1, reach=1000, text_raw="#test",
             paid="paid")  # fmt: skip
    add_post(store, "facebook", "fb", DAY, reactions=1, reach=1000, text_raw="#test")


def test_a_clear_winner_is_do_more(store: Store) -> None:
    _arms(store, 10)
    data = review_data(store)
    measures, texts = data.measures, data.texts
    result = analyse_experiment(
        _experiment("#test"),
        measures,
        texts,
        DAY + dt.timedelta(days=30),
        "Europe/Oslo",
    )
    assert result.last_day == DAY + dt.timedelta(days=13)
    assert result.b == tuple(float(100 + i) for i in range(10))  # per 1,000 reached
    assert result.a == tuple(float(10 + i) for i in range(10))
    expected = median_difference(result.b, result.a, scale="log1p")
    assert result.difference == expected
    assert expected.chance_to_beat is not None and expected.chance_to_beat >= 0.95
    assert result.verdict == "do_more"
    assert result.denominator == "reach" and result.posts == 20


def test_a_clear_loser_is_stop(store: Store) -> None:
    _arms(store, 10)
    data = review_data(store)
    measures, texts = data.measures, data.texts
    flipped = _experiment("Uten emneknagg (format: image)", "#test")
    result = analyse_experiment(
        flipped, measures, texts, DAY + dt.timedelta(days=30), "Europe/Oslo"
    )
    # The tagged posts are images too: in both variants, so left out of both.
    assert (result.in_both, len(result.a), len(result.b)) == (10, 0, 10)
    assert result.verdict == "not_enough_data" and result.weeks_needed is None
    stop = analyse_experiment(
        _experiment("format: video"), measures, texts, DAY, "Europe/Oslo"
    )
    assert stop.verdict == "not_enough_data"  # no video posts at all
    for i in range(10):
        add_post(store, "instagram", f"v{i}", DAY + dt.timedelta(days=i), likes=1 + i,
                 reach=1000, format_="video")  # fmt: skip
    data = review_data(store)
    measures, texts = data.measures, data.texts
    stop = analyse_experiment(
        _experiment("format: video"),
        measures,
        texts,
        DAY + dt.timedelta(days=30),
        "Europe/Oslo",
    )
    assert stop.b == tuple(float(1 + i) for i in range(10))
    assert len(stop.a) == 20 and stop.verdict == "stop"


def test_switchback_weeks(store: Store) -> None:
    _arms(store, 10)
    data = review_data(store)
    measures, texts = data.measures, data.texts
    experiment = _experiment("partallsuker", "oddetallsuker")
    result = analyse_experiment(
        experiment, measures, texts, DAY + dt.timedelta(days=30), "Europe/Oslo"
    )
    # Days 0-6 fall in ISO week 2 (even), days 7-9 in week 3 (odd), for both arms.
    assert (len(result.b), len(result.a)) == (14, 6)
    assert result.verdict == "not_enough_data"
    assert result.weeks_needed == 2  # A: 6 posts in 2 weeks, 4 more at 3 a week


def test_one_post_short_is_not_enough_data(store: Store) -> None:
    _arms(store, MIN_POSTS - 1)
    data = review_data(store)
    measures, texts = data.measures, data.texts
    result = analyse_experiment(
        _experiment("#test"),
        measures,
        texts,
        DAY + dt.timedelta(days=30),
        "Europe/Oslo",
    )
    assert (len(result.b), len(result.a)) == (MIN_POSTS - 1, 10)
    assert result.difference is None and result.verdict == "not_enough_data"
    assert result.weeks_needed == 1  # 9 posts in 2 weeks: one more week


def test_hours_are_local_time(store: Store) -> None:
    for i in range(3):
        add_post(store, "instagram", f"p{i}", DAY, likes=1, reach=10)  # 12:00 UTC
    data = review_data(store)
    measures, texts = data.measures, data.texts
    at_one = analyse_experiment(
        _experiment("kl. 13"), measures, texts, DAY, "Europe/Oslo"
    )
    at_noon = analyse_experiment(
        _experiment("kl. 12"), measures, texts, DAY, "Europe/Oslo"
    )
    assert (len(at_one.b), len(at_noon.b)) == (3, 0)  # 13:00 in Oslo in January


def test_experiment_findings_and_table(store: Store) -> None:
    _arms(store, 10)
    overlapping = _experiment("kl. 99 prose")
    result = _run(store, (_experiment("#test"), overlapping))
    verdicts = [r[15] for r in _table(result, "focus.experiments").rows]
    assert verdicts == [
        "section.focus.verdict.do_more",
        "section.focus.verdict.no_variant",
    ]
    keys = [f.key for f in result.findings]
    assert "finding.focus.experiments_overlap" in keys
    assert "finding.focus.experiment_do_more" in keys
    assert "finding.focus.experiment_no_variant" in keys
    assert [a.key for a in result.actions][:2] == [
        "action.focus.experiment_do_more", "action.focus.experiment_mark_variant",
    ]  # fmt: skip


def test_no_register_suggests_starting_one(store: Store) -> None:
    _formats(store)
    result = _run(store)
    assert "finding.focus.no_experiments" in [f.key for f in result.findings]
    assert "action.focus.start_experiments" in [a.key for a in result.actions]


# --- the demo -----------------------------------------------------------------------


def _labels_in(result: SectionResult) -> set[str]:
    keys = {f.key for f in result.findings} | {a.key for a in result.actions}
    for table in result.tables:
        keys.add(table.title_key)
        keys.update(c.label_key for c in table.columns)
        for row in table.rows:
            keys.update(
                str(cell) for cell, column in zip(row, table.columns, strict=True)
                if column.kind == "label" and cell is not None
            )  # fmt: skip
    for finding in result.findings:
        keys.update(str(v) for v in finding.params.values()
                    if isinstance(v, str) and v.startswith(("section.", "platform.", "format.")))  # fmt: skip
    return keys


def test_demo_concentration_scenario_and_experiment_verdicts(
    demo_workspace: Path, demo_data: tuple[ReviewData, ReviewContext]
) -> None:
    data, context = demo_data
    register = read_experiments(open_workspace(demo_workspace).registers_dir)
    assert register is not None
    result = Focus().run(data, ReviewContext(context.config, DEMO_TODAY, register))
    assert result.status == "ok"
    concentration = {(r["channel"], r["measure"]): r
                     for r in _rows(_table(result, "focus.concentration"))}  # fmt: skip
    overall = concentration[
        ("section.focus.all_channels", "section.focus.measure.engagement")
    ]
    assert overall["n"] == 1131
    assert overall["top20"] == pytest.approx(0.8868, abs=1e-4)
    assert len(_table(result, "focus.pareto").rows) == 17
    # Reels reach furthest and engage least (the demo's plant): they are the
    # format each Meta channel would drop, and dropping them costs reach.
    drops = {r["channel"]: r for r in _rows(_table(result, "focus.drop_format"))}
    assert drops["platform.instagram"]["dropped"] == "format.reel"
    assert drops["platform.facebook"]["dropped"] == "format.reel"
    assert drops["platform.linkedin"]["dropped"] == "format.video"
    instagram = drops["platform.instagram"]
    assert instagram["reach_lost_share"] > instagram["saved_share"]  # type: ignore[operator]
    assert "finding.focus.no_labels" in {f.key for f in result.findings}
    # Every registered experiment gets a verdict; none has enough posts to decide.
    experiments = _rows(_table(result, "focus.experiments"))
    assert [(r["name"], r["n_a"], r["n_b"], r["verdict"]) for r in experiments] == [
        ("Staff in reels", 7, 5, "section.focus.verdict.not_enough_data"),
        ("Posting at 7 am", 2, 4, "section.focus.verdict.not_enough_data"),
        ("Link in comment", 17, 14, "section.focus.verdict.not_enough_data"),
    ]
    link = experiments[2]
    assert link["metric"] == "section.focus.metric.reach"
    assert link["chance"] == pytest.approx(0.167, abs=1e-3)
    keys = [f.key for f in result.findings]
    assert "finding.focus.experiments_overlap" in keys  # the 7 am and link tests
    assert "register.experiments.no_metric" in keys  # the 7 am test
    for language in ("nb", "en"):
        missing = {k for k in _labels_in(result) if k not in catalog(language)}
        assert missing == set(), language
